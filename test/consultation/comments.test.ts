import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { signedIn } from '../accounts/builders';
import { MAX_COMMENT_DEPTH } from '../../shared/api/comments';
import {
  buildPerson,
  buildStrategy,
  controlClock,
  openConsultation,
  parseCsv,
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

async function openStrategy(): Promise<string> {
  const strategyId = buildStrategy(server);
  await openConsultation(coordinator, strategyId, clock);
  return strategyId;
}

const post = (agent: TestAgent, strategyId: string, body: object) =>
  agent.post(`/api/strategies/${strategyId}/comments`, body);

describe('writing comments', () => {
  it('renders [Batafsil](javascript:alert(1)) with no javascript: address anywhere', async () => {
    const strategyId = await openStrategy();
    const author = await buildPerson(server);
    const body = '[Batafsil](javascript:alert(1))';
    const created = await post(author, strategyId, { target: 'vision', body });
    expect(created.status).toBe(201);
    expect(created.body.html).toBe('<p>Batafsil</p>\n');
    // The body comes back as typed, for the edit form; only html is ever inserted as markup.
    expect(created.body.body).toBe(body);

    const list = await new TestAgent(server.url).get(`/api/strategies/${strategyId}/comments`);
    const html = list.body.comments.map((comment: { html: string }) => comment.html).join('');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<a /);
  });

  it('answers threads on the strategy, sections, goals, actions and skills', async () => {
    const strategyId = await openStrategy();
    const author = await buildPerson(server);
    for (const target of [
      'strategy',
      'vision',
      'prioritySkills',
      'goal:G1',
      'action:A1',
      'skill:S1',
    ]) {
      expect((await post(author, strategyId, { target, body: target })).status).toBe(201);
    }
    const unknown = await post(author, strategyId, { target: 'goal:G99', body: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_target', field: 'target' });
    const malformed = await post(author, strategyId, { target: 'budget', body: 'x' });
    expect(malformed.body.error).toMatchObject({ code: 'invalid_input', field: 'target' });
    const blank = await post(author, strategyId, { target: 'vision', body: ' \n ' });
    expect(blank.body.error.field).toBe('body');

    const goal = await author.get(`/api/strategies/${strategyId}/comments?target=goal:G1`);
    expect(goal.body.comments).toHaveLength(1);
    expect(goal.body.counts).toEqual({ total: 1, byTarget: { 'goal:G1': 1 } });
    expect(
      (
        await new TestAgent(server.url).post(`/api/strategies/${strategyId}/comments`, {
          target: 'vision',
          body: 'x',
        })
      ).status,
    ).toBe(401);
  });

  it('nests replies to a fixed depth and answers 400 past it', async () => {
    const strategyId = await openStrategy();
    const author = await buildPerson(server);
    let parent = (await post(author, strategyId, { target: 'goal:G2', body: 'depth 0' })).body;
    for (let depth = 1; depth <= MAX_COMMENT_DEPTH; depth += 1) {
      expect(parent.mayReply).toBe(true);
      const reply = await post(author, strategyId, { parentId: parent.id, body: `depth ${depth}` });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ depth, target: 'goal:G2', parentId: parent.id });
      parent = reply.body;
    }
    expect(parent.mayReply).toBe(false);
    const tooDeep = await post(author, strategyId, { parentId: parent.id, body: 'one more' });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error).toMatchObject({ code: 'reply_too_deep', field: 'parentId' });
    const elsewhere = await post(author, strategyId, {
      parentId: parent.id.slice(0, 3) + 'zz',
      body: 'x',
    });
    expect(elsewhere.body.error.field).toBe('parentId');
  });

  it('lets authors edit (marked edited) and delete their own, and nobody else', async () => {
    const strategyId = await openStrategy();
    const author = await buildPerson(server);
    const other = await buildPerson(server);
    const created = (await post(author, strategyId, { target: 'mission', body: 'Birinchi' })).body;
    expect(created).toMatchObject({
      editedAt: null,
      mine: true,
      author: { id: expect.any(String) },
    });

    const unchanged = await author.patch(`/api/comments/${created.id}`, { body: 'Birinchi' });
    expect(unchanged.body.editedAt).toBeNull();
    clock.advance(60_000);
    const edited = await author.patch(`/api/comments/${created.id}`, { body: 'Ikkinchi' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      body: 'Ikkinchi',
      editedAt: new Date(clock.now()).toISOString(),
    });

    expect((await other.patch(`/api/comments/${created.id}`, { body: 'x' })).body.error.code).toBe(
      'not_comment_author',
    );
    expect((await other.delete(`/api/comments/${created.id}`)).status).toBe(403);
    expect((await author.delete(`/api/comments/${created.id}`)).status).toBe(204);
    expect((await author.delete(`/api/comments/${created.id}`)).status).toBe(404);
    const list = await author.get(`/api/strategies/${strategyId}/comments`);
    expect(list.body.comments).toEqual([]);
    expect(list.text).not.toContain('Ikkinchi');
    const stored = server.deps.db.$client
      .prepare('select body from comments where id = ?')
      .pluck()
      .get(created.id);
    expect(stored).toBe('');
  });
});

describe('moderation', () => {
  it('leaves two replies of a hidden comment visible under a placeholder, and the count matches', async () => {
    const strategyId = await openStrategy();
    const author = await buildPerson(server, 'Sherzod');
    const replier = await buildPerson(server);
    const secret = 'Qoʻshnim haqida yomon gap';
    const parent = (await post(author, strategyId, { target: 'goal:G1', body: secret })).body;
    await post(replier, strategyId, { parentId: parent.id, body: 'Birinchi javob' });
    await post(replier, strategyId, { parentId: parent.id, body: 'Ikkinchi javob' });
    await post(replier, strategyId, { target: 'goal:G1', body: 'Alohida fikr' });

    const flagged = await replier.post(`/api/comments/${parent.id}/flags`, { reason: 'Haqorat' });
    expect(flagged.status).toBe(201);
    expect(
      (await replier.post(`/api/comments/${parent.id}/flags`, { reason: 'Yana' })).body.error.code,
    ).toBe('already_flagged');
    const queue = await coordinator.get(`/api/strategies/${strategyId}/moderation/queue`);
    expect(queue.body.flagged.map((c: { id: string }) => c.id)).toEqual([parent.id]);
    expect(queue.body.flagged[0].flags).toEqual([
      { reason: 'Haqorat', createdAt: expect.any(String) },
    ]);

    expect((await author.post(`/api/comments/${parent.id}/hide`, { reason: 'x' })).status).toBe(
      403,
    );
    const hidden = await coordinator.post(`/api/comments/${parent.id}/hide`, {
      reason: 'Shaxsiy haqorat',
    });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ state: 'hidden', body: null, html: null, author: null });

    const anonymous = new TestAgent(server.url);
    const list = await anonymous.get(`/api/strategies/${strategyId}/comments`);
    const byId = new Map(list.body.comments.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(parent.id)).toMatchObject({
      state: 'hidden',
      hiddenReason: 'Shaxsiy haqorat',
      body: null,
      author: null,
    });
    const replies = list.body.comments.filter(
      (c: { parentId: string }) => c.parentId === parent.id,
    );
    expect(replies.map((c: { body: string }) => c.body)).toEqual([
      'Birinchi javob',
      'Ikkinchi javob',
    ]);
    const visible = list.body.comments.filter((c: { state: string }) => c.state === 'visible');
    expect(list.body.counts).toEqual({ total: visible.length, byTarget: { 'goal:G1': 3 } });
    expect(visible).toHaveLength(3);

    // The hidden text is nowhere a reader can reach: list, search, export, the public log.
    for (const path of [
      `/api/strategies/${strategyId}/comments`,
      `/api/strategies/${strategyId}/comments?q=${encodeURIComponent('qo‘shnim')}`,
      `/api/strategies/${strategyId}/comments?format=csv`,
      `/api/strategies/${strategyId}/moderation`,
    ]) {
      const response = await anonymous.get(path);
      expect(response.status).toBe(200);
      expect(response.text).not.toContain('yomon gap');
      expect(response.text).not.toContain('Sherzod');
    }
    const search = await anonymous.get(`/api/strategies/${strategyId}/comments?q=qoshnim`);
    expect(search.body).toEqual({ comments: [], counts: { total: 0, byTarget: {} } });
    const log = await anonymous.get(`/api/strategies/${strategyId}/moderation`);
    expect(log.body).toMatchObject({
      hiddenNow: 1,
      reasons: [{ reason: 'Shaxsiy haqorat', count: 1 }],
      entries: [{ commentId: parent.id, action: 'hidden', reason: 'Shaxsiy haqorat' }],
    });
    const csvRows = parseCsv(
      (await anonymous.get(`/api/strategies/${strategyId}/comments?format=csv`)).text,
    );
    expect(csvRows).toHaveLength(1 + 3);

    // Only the coordinator's queue shows the text, so that it can be restored.
    const hiddenQueue = (await coordinator.get(`/api/strategies/${strategyId}/moderation/queue`))
      .body;
    expect(hiddenQueue.hidden[0]).toMatchObject({ id: parent.id, moderatorBody: secret });
    expect(hiddenQueue.flagged).toEqual([]);

    const restored = await coordinator.post(`/api/comments/${parent.id}/restore`, {});
    expect(restored.body).toMatchObject({ state: 'visible', body: secret });
    expect((await coordinator.post(`/api/comments/${parent.id}/restore`, {})).body.error.code).toBe(
      'comment_not_hidden',
    );
    const after = await anonymous.get(`/api/strategies/${strategyId}/comments`);
    expect(after.body.counts.total).toBe(4);
    expect((await anonymous.get(`/api/strategies/${strategyId}/moderation`)).body.hiddenNow).toBe(
      0,
    );
  });

  it('drops a hidden comment without replies from the list and from the count', async () => {
    const strategyId = await openStrategy();
    const author = await buildPerson(server);
    const lone = (await post(author, strategyId, { target: 'skill:S3', body: 'Reklama' })).body;
    await coordinator.post(`/api/comments/${lone.id}/hide`, { reason: 'Reklama' });
    const list = await author.get(`/api/strategies/${strategyId}/comments?target=skill:S3`);
    expect(list.body).toEqual({ comments: [], counts: { total: 0, byTarget: {} } });
    expect((await author.patch(`/api/comments/${lone.id}`, { body: 'x' })).body.error.code).toBe(
      'comment_unavailable',
    );
    const reply = await post(author, strategyId, { parentId: lone.id, body: 'x' });
    expect(reply.body.error.code).toBe('comment_unavailable');
  });
});
