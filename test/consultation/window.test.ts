import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { comments, votes } from '../../server/storage/schema';
import { instantFromLocal } from '../../shared/consultation/time-zone';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { connectClient, waitFor, waitForSync } from '../support/collaboration';
import { signedIn } from '../accounts/builders';
import {
  buildPerson,
  buildResident,
  buildStrategy,
  controlClock,
  DAY_MS,
  HOUR_MS,
  openConsultation,
  type TestClock,
} from './builders';

let server: TestServer;
let coordinator: TestAgent;
let editor: TestAgent;
let clock: TestClock;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signedIn(server, 'coordinator@navbahor.example');
  editor = await signedIn(server, 'editor1@navbahor.example');
  clock = controlClock(server);
});

afterAll(async () => {
  await server?.close();
});

const storedVotes = () => server.deps.db.select({ n: count() }).from(votes).get()!.n;
const storedComments = () => server.deps.db.select({ n: count() }).from(comments).get()!.n;

describe('the consultation window, by the clock', () => {
  it('refuses a vote and a comment before the opening and one second after the closing', async () => {
    const strategyId = buildStrategy(server);
    const opensAt = clock.now() + DAY_MS;
    const closesAt = opensAt + 2 * DAY_MS;
    const opened = await openConsultation(coordinator, strategyId, clock, { opensAt, closesAt });
    expect(opened.state).toBe('scheduled');
    const resident = await buildResident(server);
    const votesBefore = storedVotes();
    const commentsBefore = storedComments();
    const attempt = async () => ({
      vote: await resident.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' }),
      comment: await resident.post(`/api/strategies/${strategyId}/comments`, {
        target: 'strategy',
        body: 'Fikrim bor',
      }),
    });

    clock.set(opensAt - 1_000);
    for (const response of Object.values(await attempt())) {
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('consultation_closed');
    }

    clock.set(closesAt + 1_000);
    for (const response of Object.values(await attempt())) {
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('consultation_closed');
    }
    expect(storedVotes()).toBe(votesBefore);
    expect(storedComments()).toBe(commentsBefore);

    clock.set(closesAt - 1_000);
    const inTime = await attempt();
    expect(inTime.vote.status).toBe(201);
    expect(inTime.comment.status).toBe(201);
    clock.set(closesAt);
    expect((await attempt()).vote.body.error.code).toBe('consultation_closed');
    clock.set(Date.parse('2027-03-01T09:00:00Z'));
  });

  it('stores 23:00 in Tashkent, entered by a browser set to UTC, as 18:00Z and shows 23:00', async () => {
    const strategyId = buildStrategy(server);
    // What the settings page sends: the local time in the territory's zone, converted there.
    const closesAt = instantFromLocal('2027-03-31T23:00', 'Asia/Tashkent');
    expect(closesAt).toBe('2027-03-31T18:00:00.000Z');
    const response = await coordinator.put(`/api/strategies/${strategyId}/consultation`, {
      opensAt: '2027-03-01T14:00:00+05:00',
      closesAt,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      timeZone: 'Asia/Tashkent',
      opensAt: '2027-03-01T09:00:00.000Z',
      closesAt: '2027-03-31T18:00:00.000Z',
      local: { opensAt: '2027-03-01T14:00', closesAt: '2027-03-31T23:00' },
      votesPerResident: 3,
      state: 'open',
      phase: 'consultation',
    });
    const stored = server.deps.db.$client
      .prepare('select closes_at from consultations where strategy_id = ?')
      .pluck()
      .get(strategyId);
    expect(stored).toBe(Date.parse('2027-03-31T18:00:00Z'));
  });

  it('refuses moments without an offset, a closing before the opening, and one in the past', async () => {
    const strategyId = buildStrategy(server);
    const put = (body: object) =>
      coordinator.put(`/api/strategies/${strategyId}/consultation`, body);
    const noOffset = await put({ opensAt: '2027-03-01T10:00', closesAt: '2027-03-09T10:00:00Z' });
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.error.field).toBe('opensAt');
    const reversed = await put({
      opensAt: '2027-03-09T10:00:00Z',
      closesAt: '2027-03-02T10:00:00Z',
    });
    expect(reversed.body.error.field).toBe('closesAt');
    const past = await put({ opensAt: '2027-02-01T10:00:00Z', closesAt: '2027-02-02T10:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.field).toBe('closesAt');
    const budget = await put({
      opensAt: '2027-03-01T10:00:00Z',
      closesAt: '2027-03-09T10:00:00Z',
      votesPerResident: 0,
    });
    expect(budget.body.error.field).toBe('votesPerResident');
    expect((await coordinator.get(`/api/strategies/${strategyId}`)).body.status).toBe('draft');
  });
});

describe('phases around the consultation', () => {
  it('opens the draft to everyone read-only, locks editors at once, and returns to draft after closing', async () => {
    const strategyId = buildStrategy(server);
    const strategy = (await coordinator.get(`/api/strategies/${strategyId}`)).body;
    const anonymous = new TestAgent(server.url);
    expect((await anonymous.get(`/api/strategies/${strategyId}/document`)).status).toBe(404);

    const client = connectClient({
      baseUrl: server.url,
      documentId: strategy.documentId,
      cookie: editor.cookieHeader,
    });
    try {
      await waitForSync(client);
      await waitFor(() => client.access() === 'edit', 'edit access');

      await openConsultation(coordinator, strategyId, clock, { closesAt: clock.now() + HOUR_MS });
      await waitFor(() => client.access() === 'read', 'the editor socket to become read-only');
      expect((await anonymous.get(`/api/strategies/${strategyId}/document`)).status).toBe(200);
      expect((await anonymous.get(`/api/strategies/${strategyId}`)).body).toMatchObject({
        status: 'consultation',
        access: 'read',
      });
      expect((await editor.get(`/api/strategies/${strategyId}`)).body.access).toBe('read');

      const tooEarly = await coordinator.post(`/api/strategies/${strategyId}/transitions`, {
        to: 'draft',
        reason: 'Fold in what residents said',
      });
      expect(tooEarly.status).toBe(409);
      expect(tooEarly.body.error.code).toBe('consultation_open');

      const closed = await coordinator.post(`/api/strategies/${strategyId}/consultation/close`);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ state: 'closed', resultsPublic: true });
      expect(closed.body.closesAt).toBe(new Date(clock.now()).toISOString());
      const closedAgain = await coordinator.post(
        `/api/strategies/${strategyId}/consultation/close`,
      );
      expect(closedAgain.body.error.code).toBe('consultation_closed');

      const noReason = await coordinator.post(`/api/strategies/${strategyId}/transitions`, {
        to: 'draft',
        reason: '  ',
      });
      expect(noReason.body.error.field).toBe('reason');
      const returned = await coordinator.post(`/api/strategies/${strategyId}/transitions`, {
        to: 'draft',
        reason: 'Aholining fikrlarini kiritamiz',
      });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'draft', access: 'edit' });
      await waitFor(() => client.access() === 'edit', 'the editor socket to be editable again');
      expect((await anonymous.get(`/api/strategies/${strategyId}/document`)).status).toBe(404);
      // The results stay public: they were published at the closing moment.
      expect((await anonymous.get(`/api/strategies/${strategyId}/results`)).status).toBe(200);

      const audit = await coordinator.get(`/api/strategies/${strategyId}/audit`);
      expect(
        audit.body.map((entry: { action: string; from: string; to: string }) => [
          entry.action,
          entry.from,
          entry.to,
        ]),
      ).toEqual([
        ['consultation_opened', 'draft', 'consultation'],
        ['consultation_closed', 'consultation', 'consultation'],
        ['returned_to_draft', 'consultation', 'draft'],
      ]);
      expect(audit.body[2]).toMatchObject({
        reason: 'Aholining fikrlarini kiritamiz',
        actor: { displayName: 'Dilnoza Karimova' },
      });
    } finally {
      client.destroy();
    }
  });

  it('logs a change of the window, and nothing when the same window is saved again', async () => {
    const strategyId = buildStrategy(server);
    const opened = await openConsultation(coordinator, strategyId, clock);
    const window = { opensAt: opened.opensAt, closesAt: opened.closesAt, votesPerResident: 3 };
    expect(
      (await coordinator.put(`/api/strategies/${strategyId}/consultation`, window)).status,
    ).toBe(200);
    const longer = { ...window, closesAt: new Date(clock.now() + 9 * DAY_MS).toISOString() };
    await coordinator.put(`/api/strategies/${strategyId}/consultation`, longer);

    const audit = (await coordinator.get(`/api/strategies/${strategyId}/audit`)).body;
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
      'consultation_opened',
      'consultation_changed',
    ]);
    expect(audit[1].details).toEqual({
      before: window,
      after: longer,
    });
  });

  it('lets only the coordinator open, close and return, and nobody return a draft', async () => {
    const strategyId = buildStrategy(server);
    const window = {
      opensAt: new Date(clock.now()).toISOString(),
      closesAt: new Date(clock.now() + DAY_MS).toISOString(),
    };
    const person = await buildPerson(server);
    expect((await editor.put(`/api/strategies/${strategyId}/consultation`, window)).status).toBe(
      403,
    );
    expect((await person.put(`/api/strategies/${strategyId}/consultation`, window)).status).toBe(
      404,
    );
    const fromDraft = await coordinator.post(`/api/strategies/${strategyId}/transitions`, {
      to: 'draft',
      reason: 'x',
    });
    expect(fromDraft.status).toBe(409);
    expect(fromDraft.body.error.code).toBe('phase_not_allowed');
    const toPublished = await coordinator.post(`/api/strategies/${strategyId}/transitions`, {
      to: 'published',
      reason: 'x',
    });
    expect(toPublished.body.error.code).toBe('phase_not_allowed');
    expect(
      (await coordinator.get(`/api/strategies/${strategyId}/consultation`)).body.error.code,
    ).toBe('consultation_not_found');
  });
});
