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

function storedSkills(strategyId: string, userId: string): string[] {
  return server.deps.db.$client
    .prepare(
      `select skill_key from votes join consultations on consultations.id = votes.consultation_id
         where consultations.strategy_id = ? and votes.user_id = ? order by skill_key`,
    )
    .pluck()
    .all(strategyId, userId) as string[];
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
    expect(mine.body).toMatchObject({
      votesPerResident: 3,
      spent: 3,
      remaining: 0,
      resident: true,
    });
  });

  it('answers each of many residents voting at once by its own outcome, in one group commit or several', async () => {
    const strategyId = buildStrategy(server);
    await openConsultation(coordinator, strategyId, clock, { votesPerResident: 2 });
    const residents = await Promise.all(Array.from({ length: 12 }, () => buildResident(server)));
    const ids = await Promise.all(
      residents.map(async (resident) => (await resident.get('/api/me')).body.user.id as string),
    );
    const castAll = (skillKeys: string[]) =>
      Promise.all(
        residents.map((resident) =>
          Promise.all(
            skillKeys.map((skillKey) =>
              resident.post(`/api/strategies/${strategyId}/votes`, { skillKey }),
            ),
          ),
        ),
      );

    // Each resident asks for three skills at once, one of them twice, with a budget of two.
    const first = await castAll(['S1', 'S2', 'S3', 'S1']);
    const held = first.map((answers, index) => {
      const cast = answers.filter((answer) => answer.status === 201);
      expect(cast).toHaveLength(2);
      expect(cast.map((answer) => answer.body.spent).sort()).toEqual([1, 2]);
      for (const refused of answers.filter((answer) => answer.status !== 201)) {
        expect(refused.status).toBe(409);
        expect(['vote_budget_exceeded', 'already_voted']).toContain(refused.body.error.code);
      }
      const skills = cast.map((answer) => answer.body.vote.skillKey as string);
      expect(new Set(skills).size).toBe(2);
      expect(storedSkills(strategyId, ids[index]!)).toEqual([...skills].sort());
      return skills;
    });

    // Then, all at once, each takes one vote back and asks for a new skill: whichever of its two
    // requests commits first decides whether the new vote fits, and each answer must say so.
    const second = await Promise.all(
      residents.map((resident, index) =>
        Promise.all([
          resident.delete(`/api/strategies/${strategyId}/votes/${held[index]![0]}`),
          resident.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S4' }),
        ]),
      ),
    );
    second.forEach(([withdrawal, cast], index) => {
      expect(withdrawal!.status).toBe(200);
      const expected = [held[index]![1]!];
      // Whichever order they committed in, the withdrawal left one vote standing before the cast.
      expect(withdrawal!.body.spent).toBe(1);
      if (cast!.status === 201) {
        expected.push('S4');
        expect(cast!.body).toMatchObject({ spent: 2, remaining: 0 });
      } else {
        expect(cast!.status).toBe(409);
        expect(cast!.body.error.code).toBe('vote_budget_exceeded');
      }
      expect(storedSkills(strategyId, ids[index]!)).toEqual(expected.sort());
    });
  });

  it('refuses an unverified account and a signed-out visitor', async () => {
    const strategyId = buildStrategy(server);
    await openConsultation(coordinator, strategyId, clock);
    const person = await buildPerson(server);

    const refused = await person.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not_resident');
    const anonymous = new TestAgent(server.url);
    expect(
      (await anonymous.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' })).status,
    ).toBe(401);
  });
});

describe('the budget in the database itself', () => {
  it('refuses a vote past the budget and a second vote for one skill even without the API', async () => {
    const strategyId = buildStrategy(server);
    const opened = await openConsultation(coordinator, strategyId, clock, { votesPerResident: 2 });
    const resident = await buildResident(server);
    const userId = (await resident.get('/api/me')).body.user.id as string;
    const consultationId = server.deps.db.$client
      .prepare('select id from consultations where strategy_id = ?')
      .pluck()
      .get(opened.strategyId) as string;
    const insert = (skillKey: string) =>
      server.deps.db
        .insert(votes)
        .values({ id: `${skillKey}-${Math.random()}`, consultationId, userId, skillKey, castAt: 1 })
        .run();

    insert('S1');
    expect(() => insert('S1')).toThrow(/UNIQUE/);
    insert('S2');
    expect(() => insert('S3')).toThrow(/vote_budget_exceeded/);
    expect(storedVotes(userId)).toBe(2);
  });
});

describe('taking votes back and the budget', () => {
  it('gives a vote back while the window is open and tells how many remain', async () => {
    const strategyId = buildStrategy(server);
    await openConsultation(coordinator, strategyId, clock);
    const resident = await buildResident(server);

    const cast = await resident.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S2' });
    expect(cast.status).toBe(201);
    expect(cast.body).toMatchObject({
      vote: { skillKey: 'S2' },
      votesPerResident: 3,
      spent: 1,
      remaining: 2,
    });
    const again = await resident.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S2' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_voted');

    const withdrawn = await resident.delete(`/api/strategies/${strategyId}/votes/S2`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ votesPerResident: 3, spent: 0, remaining: 3 });
    const missing = await resident.delete(`/api/strategies/${strategyId}/votes/S2`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('vote_not_found');
  });

  it('refuses an unknown skill with skill_not_found', async () => {
    const strategyId = buildStrategy(server);
    await openConsultation(coordinator, strategyId, clock);
    const resident = await buildResident(server);
    const response = await resident.post(`/api/strategies/${strategyId}/votes`, {
      skillKey: 'S99',
    });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({ code: 'skill_not_found', field: 'skillKey' });
  });

  it('never lowers the budget under what a resident has spent', async () => {
    const strategyId = buildStrategy(server);
    const opened = await openConsultation(coordinator, strategyId, clock, { votesPerResident: 3 });
    const resident = await buildResident(server);
    for (const skillKey of ['S1', 'S2']) {
      await resident.post(`/api/strategies/${strategyId}/votes`, { skillKey });
    }
    const change = (votesPerResident: number) =>
      coordinator.put(`/api/strategies/${strategyId}/consultation`, {
        opensAt: opened.opensAt,
        closesAt: opened.closesAt,
        votesPerResident,
      });

    const lowered = await change(1);
    expect(lowered.status).toBe(409);
    expect(lowered.body.error).toMatchObject({
      code: 'vote_budget_below_spent',
      field: 'votesPerResident',
    });
    expect((await change(2)).status).toBe(200);
    const third = await resident.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S3' });
    expect(third.body.error.code).toBe('vote_budget_exceeded');
    expect((await change(5)).body.votesPerResident).toBe(5);
  });
});

describe('secret votes and results', () => {
  it('shows each resident only their own votes, and results to coordinators before the close', async () => {
    const strategyId = buildStrategy(server);
    const opened = await openConsultation(coordinator, strategyId, clock);
    const first = await buildResident(server);
    const second = await buildResident(server);
    await first.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' });
    await first.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S4' });
    await second.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' });

    const mine = await second.get(`/api/strategies/${strategyId}/votes/mine`);
    expect(mine.body.votes.map((vote: { skillKey: string }) => vote.skillKey)).toEqual(['S1']);
    expect(mine.text).not.toContain('S4');

    const early = await first.get(`/api/strategies/${strategyId}/results`);
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('results_not_public');
    expect(
      (await new TestAgent(server.url).get(`/api/strategies/${strategyId}/results`)).status,
    ).toBe(403);
    const forCoordinator = await coordinator.get(`/api/strategies/${strategyId}/results`);
    expect(forCoordinator.status).toBe(200);
    expect(forCoordinator.body.final).toBe(false);
    expect(forCoordinator.text).not.toMatch(/userId|email/);

    const paper = await coordinator.post(`/api/strategies/${strategyId}/paper-votes`, {
      skillKey: 'S4',
      count: 5,
      meeting: 'Mahalla yigʻini, 5-mart',
    });
    expect(paper.status).toBe(201);

    clock.set(Date.parse(opened.closesAt) + 1_000);
    const results = await new TestAgent(server.url).get(`/api/strategies/${strategyId}/results`);
    expect(results.status).toBe(200);
    expect(results.body.final).toBe(true);
    expect(results.body.totals).toEqual({ online: 3, paper: 5, all: 8 });
    const bySkill = Object.fromEntries(
      results.body.skills.map((skill: { key: string }) => [skill.key, skill]),
    );
    expect(bySkill.S4).toMatchObject({
      online: { count: 1, share: 0.333333 },
      paper: { count: 5, share: 1 },
      all: { count: 6, share: 0.75 },
    });
    expect(bySkill.S1.all).toEqual({ count: 2, share: 0.25 });
    expect(results.body.skills[0].key).toBe('S4');
    expect(results.body.skills).toHaveLength(10);

    const csv = await new TestAgent(server.url).get(
      `/api/strategies/${strategyId}/results?format=csv`,
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // fetch's text() drops the byte-order mark; the bytes are checked in text.test.ts.
    expect(csv.text.startsWith('skill_key,source,category,title_uz-Latn,title_ru,title_en,')).toBe(
      true,
    );
    expect(csv.text).toContain('\r\nS4,document,professional,Kichik biznesni boshlash,');
    expect(csv.text).toContain(',1,33.3,5,100.0,6,75.0\r\n');
    clock.set(Date.parse('2027-03-01T09:00:00Z'));
  });
});
