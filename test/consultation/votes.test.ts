import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { votes } from '../../server/storage/schema';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { signedIn } from '../accounts/builders';
import {
  buildPerson,
  buildResident,
  buildStrategy,
  controlClock,
  DAY_MS,
  openConsultation,
  type TestClock,
} from './builders';

let server: TestServer;
let coordinator: TestAgent;
let clock: TestClock;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signedIn(server, 'coordinator@navbahor.example');
  clock = controlClock(server);
});

afterAll(async () => {
  await server?.close();
});

function storedVotes(consultationUserFilter?: string): number {
  const query = server.deps.db.select({ votes: count() }).from(votes);
  const row = consultationUserFilter
    ? query.where(eq(votes.userId, consultationUserFilter)).get()
    : query.get();
  return row?.votes ?? 0;
}

describe('casting votes', () => {
  it('lets exactly the budget through when fifty requests from one resident arrive at once', async () => {
    const strategyId = buildStrategy(server);
    await openConsultation(coordinator, strategyId, clock, { votesPerResident: 3 });
    const resident = await buildResident(server);
    const me = (await resident.get('/api/me')).body.user.id as string;

    const skills = Array.from({ length: 50 }, (_, index) => `S${(index % 10) + 1}`);
    const responses = await Promise.all(
      skills.map((skillKey) => resident.post(`/api/strategies/${strategyId}/votes`, { skillKey })),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    for (const response of responses.filter((r) => r.status !== 201)) {
      expect(response.status).toBe(409);
      expect(['vote_budget_exceeded', 'already_voted']).toContain(response.body.error.code);
    }
    expect(storedVotes(me)).toBe(3);
    const mine = await resident.get(`/api/strategies/${strategyId}/votes/mine`);
    expect(mine.body).toMatchObject({ votesPerResident: 3, spent: 3, remaining: 0, resident: true });
  });

  it('refuses an unverified account and a signed-out visitor', async () => {
    const strategyId = buildStrategy(server);
    await openConsultation(coordinator, strategyId, clock);
    const person = await buildPerson(server);

    const refused = await person.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_resident');
    const anonymous = new TestAgent(server.url);
    expect((await anonymous.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' })).status).toBe(401);
  });
});
