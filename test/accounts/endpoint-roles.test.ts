/**
 * Every API endpoint, called by every demo account and by a signed-out visitor, with the status
 * each one must get written out by hand. Rows that change something prepare their own fresh
 * target, so the order of calls does not matter except for signing out, which comes last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { buildUser, sameSession, signedIn } from './builders';
import { grantMembership } from '../../server/accounts/users';
import { createTerritory } from '../../server/territories/store';
import { buildStrategy } from '../consultation/builders';

const NAV = 'UZ-FA-FC-NAV';

const ACTORS = [
  'anonymous',
  'coordinator@navbahor.example',
  'editor1@navbahor.example',
  'editor2@navbahor.example',
  'expert@navbahor.example',
  'resident1@navbahor.example',
  'resident2@navbahor.example',
  'resident3@navbahor.example',
  'resident4@navbahor.example',
  'resident5@navbahor.example',
  'authority@fergana.example',
  'admin@birga.example',
] as const;
type Actor = (typeof ACTORS)[number];

interface Call {
  path: string;
  body?: unknown;
}

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  /** Builds the call for one actor; rows that change state make a fresh target here. */
  prepare: (actorIndex: number) => Promise<Call> | Call;
  // prettier-ignore
  statuses: [number, number, number, number, number, number, number, number, number, number, number, number];
}

let server: TestServer;
const agents = new Map<Actor, TestAgent>();
let coordinator: TestAgent;
let admin: TestAgent;
let strategyId: string;
let resident1Id: string;

// Territories below Navbahor for the consultation rows, and what those rows act on.
const K1 = 'UZ-FA-FC-NAV-K1';
const K2 = 'UZ-FA-FC-NAV-K2';
let openId: string;
let draftId: string;
let k2Id: string;
let addedSkillKey: string;
let sharedCommentId: string;
let hiddenCommentId: string;
const paperTally = { skillKey: 'S2', count: 4, meeting: 'Mahalla yigʻini' };

const consultationWindow = () => ({
  opensAt: new Date(Date.now() - 60_000).toISOString(),
  closesAt: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(),
});

async function openStrategy(): Promise<string> {
  const id = buildStrategy(server, { territoryCode: K1 });
  await coordinator.put(`/api/strategies/${id}/consultation`, consultationWindow());
  return id;
}

async function addSkill(): Promise<string> {
  const response = await coordinator.post(`/api/strategies/${openId}/consultation/skills`, {
    category: 'professional',
    title: { 'uz-Latn': 'Payvandlash' },
  });
  return response.body.key;
}

async function coordinatorComment(): Promise<string> {
  const response = await coordinator.post(`/api/strategies/${openId}/comments`, {
    target: 'vision',
    body: 'Muvofiqlashtiruvchi fikri',
  });
  return response.body.id;
}

beforeAll(async () => {
  server = await startTestServer();
  for (const actor of ACTORS) {
    agents.set(
      actor,
      actor === 'anonymous' ? new TestAgent(server.url) : await signedIn(server, actor),
    );
  }
  coordinator = agents.get('coordinator@navbahor.example')!;
  admin = agents.get('admin@birga.example')!;
  strategyId = (await coordinator.get(`/api/territories/${NAV}/strategies/2027`)).body.id;
  const users = (await admin.get('/api/admin/users')).body as { id: string; email: string }[];
  resident1Id = users.find((user) => user.email === 'resident1@navbahor.example')!.id;

  for (const code of [K1, K2]) {
    createTerritory(server.deps.db, {
      code,
      kind: 'organization',
      parentCode: NAV,
      names: { 'uz-Latn': code },
    });
  }
  grantMembership(server.deps.db, { userId: resident1Id, territoryCode: K1, role: 'resident' });
  openId = await openStrategy();
  draftId = buildStrategy(server, { territoryCode: K1 });
  k2Id = buildStrategy(server, { territoryCode: K2 });
  addedSkillKey = await addSkill();
  sharedCommentId = await coordinatorComment();
  hiddenCommentId = await coordinatorComment();
  await coordinator.post(`/api/comments/${hiddenCommentId}/hide`, { reason: 'Spam' });
});

afterAll(async () => {
  await server?.close();
});

async function freshInvitation(territoryCode = NAV) {
  const response = await coordinator.post(`/api/territories/${territoryCode}/invitations`, {
    role: 'resident',
  });
  return response.body as { id: string; token: string };
}

// Columns:     anon coord ed1  ed2  exp  res1 res2 res3 res4 res5 auth admin
const rows: Row[] = [
  {
    method: 'GET',
    route: '/api/openapi.json',
    prepare: () => ({ path: '/api/openapi.json' }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'POST',
    route: '/api/session (wrong password)',
    // Each actor guesses its own address, so the per-email limit stays out of this row.
    prepare: (index) => ({
      path: '/api/session',
      body: {
        email: index === 0 ? 'nobody@example.test' : ACTORS[index],
        password: 'wrong-password',
      },
    }),
    statuses: [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
  },
  {
    method: 'POST',
    route: '/api/accounts',
    prepare: (index) => ({
      path: '/api/accounts',
      body: { email: `new-${index}@example.test`, password: 'long-enough', displayName: 'New' },
    }),
    statuses: [201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201],
  },
  {
    method: 'GET',
    route: '/api/me',
    prepare: () => ({ path: '/api/me' }),
    statuses: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'PATCH',
    route: '/api/me',
    prepare: (index) => ({ path: '/api/me', body: { displayName: `Actor ${index}` } }),
    statuses: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'PUT',
    route: '/api/me/password (wrong current password)',
    prepare: () => ({
      path: '/api/me/password',
      body: { currentPassword: 'wrong-password', newPassword: 'another-password' },
    }),
    statuses: [401, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  },
  {
    method: 'DELETE',
    route: '/api/me (wrong password)',
    prepare: () => ({ path: '/api/me', body: { password: 'wrong-password' } }),
    statuses: [401, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400],
  },
  {
    method: 'GET',
    route: '/api/territories',
    prepare: () => ({ path: '/api/territories?q=navbahor' }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'GET',
    route: '/api/territories/:code',
    prepare: () => ({ path: `/api/territories/${NAV}` }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'POST',
    route: '/api/territories/:code/invitations',
    prepare: () => ({ path: `/api/territories/${NAV}/invitations`, body: { role: 'editor' } }),
    statuses: [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201],
  },
  {
    method: 'GET',
    route: '/api/territories/:code/invitations',
    prepare: () => ({ path: `/api/territories/${NAV}/invitations` }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
  },
  {
    method: 'DELETE',
    route: '/api/invitations/:id',
    prepare: async () => ({ path: `/api/invitations/${(await freshInvitation()).id}` }),
    statuses: [401, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 204],
  },
  {
    method: 'GET',
    route: '/api/invitations/:token',
    prepare: async () => ({ path: `/api/invitations/${(await freshInvitation()).token}` }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'POST',
    route: '/api/invitations/:token/accept',
    prepare: async () => ({
      path: `/api/invitations/${(await freshInvitation('UZ-FA-FC-NAV')).token}/accept`,
    }),
    statuses: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'POST',
    route: '/api/users/:userId/password-resets (for resident1)',
    prepare: () => ({ path: `/api/users/${resident1Id}/password-resets` }),
    statuses: [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201],
  },
  {
    method: 'GET',
    route: '/api/password-resets/:token',
    prepare: async () => {
      const user = await buildUser(server);
      const reset = await admin.post(`/api/users/${user.id}/password-resets`);
      return { path: `/api/password-resets/${reset.body.token}` };
    },
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'POST',
    route: '/api/password-resets/:token',
    prepare: async () => {
      const user = await buildUser(server);
      const reset = await admin.post(`/api/users/${user.id}/password-resets`);
      return {
        path: `/api/password-resets/${reset.body.token}`,
        body: { password: 'a-new-password' },
      };
    },
    statuses: [204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204],
  },
  {
    method: 'GET',
    route: '/api/territories/:code/members',
    prepare: () => ({ path: `/api/territories/${NAV}/members` }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
  },
  {
    method: 'POST',
    route: '/api/territories/:code/members',
    prepare: async () => ({
      path: `/api/territories/${NAV}/members`,
      body: { email: (await buildUser(server)).email, role: 'resident' },
    }),
    statuses: [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201],
  },
  {
    method: 'DELETE',
    route: '/api/territories/:code/members/:userId/:role',
    prepare: async () => {
      const user = await buildUser(server, {
        memberships: [{ territoryCode: NAV, role: 'resident' }],
      });
      return { path: `/api/territories/${NAV}/members/${user.id}/resident` };
    },
    statuses: [401, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 204],
  },
  {
    method: 'POST',
    route: '/api/territories/:code/strategies',
    prepare: (index) => ({
      path: `/api/territories/${NAV}/strategies`,
      body: { year: 2040 + index, title: 'Reja' },
    }),
    statuses: [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'GET',
    route: '/api/territories/:code/strategies/:year (draft)',
    prepare: () => ({ path: `/api/territories/${NAV}/strategies/2027` }),
    statuses: [404, 200, 200, 200, 200, 404, 404, 404, 404, 404, 200, 404],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id (draft)',
    prepare: () => ({ path: `/api/strategies/${strategyId}` }),
    statuses: [404, 200, 200, 200, 200, 404, 404, 404, 404, 404, 200, 404],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/document (draft)',
    prepare: () => ({ path: `/api/strategies/${strategyId}/document` }),
    statuses: [404, 200, 200, 200, 200, 404, 404, 404, 404, 404, 200, 404],
  },
  {
    method: 'GET',
    route: '/api/admin/users',
    prepare: () => ({ path: '/api/admin/users' }),
    statuses: [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
  },
  {
    method: 'POST',
    route: '/api/admin/territories',
    prepare: (index) => ({
      path: '/api/admin/territories',
      body: {
        code: `UZ-FA-FC-T${index}`,
        kind: 'mahalla',
        parentCode: 'UZ-FA-FC',
        names: { 'uz-Latn': `Sinov ${index}` },
      },
    }),
    statuses: [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201],
  },
  {
    method: 'PATCH',
    route: '/api/admin/territories/:code',
    prepare: () => ({
      path: '/api/admin/territories/UZ-FA-YQ',
      body: { names: { 'uz-Latn': 'Yangiqishloq' } },
    }),
    statuses: [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
  },
  // The consultation's endpoints. Their strategies sit in territories below Navbahor, where the
  // coordinator, editors, expert and authority keep their inherited roles but nobody is a
  // resident except resident1 in K1, so no other row's invitations change these answers.
  {
    method: 'GET',
    route: '/api/strategies/:id/consultation',
    prepare: () => ({ path: `/api/strategies/${openId}/consultation` }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'PUT',
    route: '/api/strategies/:id/consultation',
    prepare: (index) => ({
      path: `/api/strategies/${index === 1 ? buildStrategy(server, { territoryCode: K1 }) : draftId}/consultation`,
      body: consultationWindow(),
    }),
    statuses: [401, 201, 403, 403, 403, 404, 404, 404, 404, 404, 403, 404],
  },
  {
    method: 'POST',
    route: '/api/strategies/:id/consultation/close',
    prepare: async (index) => ({
      path: `/api/strategies/${index === 1 ? await openStrategy() : openId}/consultation/close`,
    }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/consultation/skills',
    prepare: () => ({ path: `/api/strategies/${openId}/consultation/skills?q=tikuv` }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'POST',
    route: '/api/strategies/:id/consultation/skills',
    prepare: () => ({
      path: `/api/strategies/${openId}/consultation/skills`,
      body: { category: 'soft', title: { 'uz-Latn': 'Yangi koʻnikma' } },
    }),
    statuses: [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'PATCH',
    route: '/api/strategies/:id/consultation/skills/:skillKey',
    prepare: (index) => ({
      path: `/api/strategies/${openId}/consultation/skills/${addedSkillKey}`,
      body: { title: { 'uz-Latn': `Koʻnikma ${index}` } },
    }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'DELETE',
    route: '/api/strategies/:id/consultation/skills/:skillKey',
    prepare: async (index) => ({
      path: `/api/strategies/${openId}/consultation/skills/${index === 1 ? await addSkill() : addedSkillKey}`,
    }),
    statuses: [401, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'POST',
    route: '/api/strategies/:id/transitions',
    prepare: async (index) => {
      const id = index === 1 ? await openStrategy() : openId;
      if (index === 1) await coordinator.post(`/api/strategies/${id}/consultation/close`);
      return { path: `/api/strategies/${id}/transitions`, body: { to: 'draft', reason: 'Qayta' } };
    },
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/audit',
    prepare: () => ({ path: `/api/strategies/${openId}/audit` }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'POST',
    route: '/api/strategies/:id/resident-codes',
    prepare: () => ({ path: `/api/strategies/${openId}/resident-codes`, body: { count: 2 } }),
    statuses: [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/resident-codes',
    prepare: () => ({ path: `/api/strategies/${openId}/resident-codes` }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'DELETE',
    route: '/api/strategies/:id/resident-codes/:batchId',
    prepare: async () => {
      const batch = await coordinator.post(`/api/strategies/${openId}/resident-codes`, {
        count: 1,
      });
      return { path: `/api/strategies/${openId}/resident-codes/${batch.body.batchId}` };
    },
    statuses: [401, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'POST',
    route: '/api/territories/:code/residency',
    prepare: async () => {
      const batch = await coordinator.post(`/api/strategies/${k2Id}/resident-codes`, { count: 1 });
      return { path: `/api/territories/${K2}/residency`, body: { code: batch.body.codes[0] } };
    },
    statuses: [401, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201],
  },
  {
    method: 'POST',
    route: '/api/strategies/:id/votes',
    prepare: () => ({ path: `/api/strategies/${openId}/votes`, body: { skillKey: 'S1' } }),
    statuses: [401, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'DELETE',
    route: '/api/strategies/:id/votes/:skillKey',
    prepare: async (index) => {
      if (index === 5)
        await agents.get(ACTORS[5])!.post(`/api/strategies/${openId}/votes`, { skillKey: 'S3' });
      return { path: `/api/strategies/${openId}/votes/S3` };
    },
    statuses: [401, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/votes/mine',
    prepare: () => ({ path: `/api/strategies/${openId}/votes/mine` }),
    statuses: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/results (window open)',
    prepare: () => ({ path: `/api/strategies/${openId}/results` }),
    statuses: [403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/paper-votes',
    prepare: () => ({ path: `/api/strategies/${openId}/paper-votes` }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'POST',
    route: '/api/strategies/:id/paper-votes',
    prepare: () => ({ path: `/api/strategies/${openId}/paper-votes`, body: paperTally }),
    statuses: [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'DELETE',
    route: '/api/strategies/:id/paper-votes/:paperVoteId',
    prepare: async () => {
      const entry = await coordinator.post(`/api/strategies/${openId}/paper-votes`, paperTally);
      return { path: `/api/strategies/${openId}/paper-votes/${entry.body.id}` };
    },
    statuses: [401, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/comments',
    prepare: () => ({ path: `/api/strategies/${openId}/comments?target=goal:G1` }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'POST',
    route: '/api/strategies/:id/comments',
    prepare: () => ({
      path: `/api/strategies/${openId}/comments`,
      body: { target: 'goal:G1', body: 'Fikrim' },
    }),
    statuses: [401, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201],
  },
  {
    method: 'PATCH',
    route: '/api/comments/:id',
    prepare: (index) => ({
      path: `/api/comments/${sharedCommentId}`,
      body: { body: `Tahrir ${index}` },
    }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'DELETE',
    route: '/api/comments/:id',
    prepare: async (index) => ({
      path: `/api/comments/${index === 1 ? await coordinatorComment() : sharedCommentId}`,
    }),
    statuses: [401, 204, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'POST',
    route: '/api/comments/:id/flags',
    prepare: () => ({ path: `/api/comments/${sharedCommentId}/flags`, body: { reason: 'Spam' } }),
    statuses: [401, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201],
  },
  {
    method: 'POST',
    route: '/api/comments/:id/hide',
    prepare: async (index) => ({
      path: `/api/comments/${index === 1 ? await coordinatorComment() : sharedCommentId}/hide`,
      body: { reason: 'Spam' },
    }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'POST',
    route: '/api/comments/:id/restore',
    prepare: async (index) => {
      const id = index === 1 ? await coordinatorComment() : hiddenCommentId;
      if (index === 1) await coordinator.post(`/api/comments/${id}/hide`, { reason: 'Spam' });
      return { path: `/api/comments/${id}/restore`, body: {} };
    },
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/moderation',
    prepare: () => ({ path: `/api/strategies/${openId}/moderation` }),
    statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    method: 'GET',
    route: '/api/strategies/:id/moderation/queue',
    prepare: () => ({ path: `/api/strategies/${openId}/moderation/queue` }),
    statuses: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  },
  // Signing out ends each actor's session, so it stays the last row.
  {
    method: 'DELETE',
    route: '/api/session',
    prepare: () => ({ path: '/api/session' }),
    statuses: [204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204],
  },
];

describe('who may call each endpoint', () => {
  for (const row of rows) {
    it(`answers ${row.method} ${row.route} with the status each role must get`, async () => {
      const actual: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const [index, actor] of ACTORS.entries()) {
        const call = await row.prepare(index);
        const agent = sameSession(agents.get(actor)!);
        const response = await agent.request(row.method, call.path, call.body);
        actual[actor] = response.status;
        expected[actor] = row.statuses[index]!;
      }
      expect(actual).toEqual(expected);
    });
  }

  it('lists every endpoint that the OpenAPI document describes', async () => {
    const document = (await new TestAgent(server.url).get('/api/openapi.json')).body;
    const described = Object.entries(document.paths as Record<string, object>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tested = new Set(
      rows.map((row) => `${row.method} ${row.route.split(' ')[0]!.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(described.filter((operation) => !tested.has(operation))).toEqual([]);
  });
});
