import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { strategies } from '../../server/storage/schema';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { signedIn } from '../accounts/builders';

const NAV = 'UZ-FA-FC-NAV';
let server: TestServer;
let coordinator: TestAgent;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signedIn(server, 'coordinator@navbahor.example');
});

afterAll(async () => {
  await server?.close();
});

describe('creating a year’s strategy', () => {
  it('starts an empty draft document in the strategy format', async () => {
    const created = await coordinator.post(`/api/territories/${NAV}/strategies`, {
      year: 2028,
      title: 'Navbahor mahallasining 2028 yilgi taʼlim strategiyasi',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      territory: NAV,
      year: 2028,
      status: 'draft',
      documentId: expect.any(String),
      title: 'Navbahor mahallasining 2028 yilgi taʼlim strategiyasi',
      mainLanguage: 'uz-Latn',
      access: 'edit',
    });

    const document = await coordinator.get(`/api/strategies/${created.body.id}/document`);
    expect(document.status).toBe(200);
    expect(document.body).toMatchObject({
      id: created.body.id,
      status: 'draft',
      territory: NAV,
      year: 2028,
      mainLanguage: 'uz-Latn',
      title: { 'uz-Latn': 'Navbahor mahallasining 2028 yilgi taʼlim strategiyasi' },
      vision: {},
      goals: [],
      situation: { strengths: [], weaknesses: [], opportunities: [], threats: [] },
    });
  });

  it('refuses a second strategy for the same year', async () => {
    const again = await coordinator.post(`/api/territories/${NAV}/strategies`, {
      year: 2027,
      title: 'Yana bir',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'strategy_exists', field: 'year' });
  });

  it('names the bad field of a strategy', async () => {
    const early = await coordinator.post(`/api/territories/${NAV}/strategies`, {
      year: 1999,
      title: 'Eski',
    });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ code: 'invalid_input', field: 'year' });
    const untitled = await coordinator.post(`/api/territories/${NAV}/strategies`, { year: 2029 });
    expect(untitled.body.error.field).toBe('title');
  });
});

describe('reading a strategy', () => {
  it('gives the demo draft to its working group as JSON with Markdown sections', async () => {
    const editor = await signedIn(server, 'editor1@navbahor.example');
    const strategy = await editor.get(`/api/territories/${NAV}/strategies/2027`);
    expect(strategy.status).toBe(200);
    expect(strategy.body).toMatchObject({
      territory: NAV,
      year: 2027,
      status: 'draft',
      access: 'edit',
    });

    const byId = await editor.get(`/api/strategies/${strategy.body.id}`);
    expect(byId.body).toEqual(strategy.body);

    const document = await editor.get(`/api/strategies/${strategy.body.id}/document`);
    expect(document.body.territory).toBe(NAV);
    expect(typeof document.body.vision['uz-Latn']).toBe('string');
    expect(document.body.goals.length).toBeGreaterThan(0);
    expect(document.body.goals[0]).toHaveProperty('key');
  });

  it('lets the expert and the city authority read the draft, not edit it', async () => {
    for (const email of ['expert@navbahor.example', 'authority@fergana.example']) {
      const agent = await signedIn(server, email);
      const strategy = await agent.get(`/api/territories/${NAV}/strategies/2027`);
      expect(strategy.body.access).toBe('read');
    }
  });

  it('answers 404 for a draft to residents, administrators and visitors, as for nothing at all', async () => {
    const strategy = await coordinator.get(`/api/territories/${NAV}/strategies/2027`);
    const missing = await new TestAgent(server.url).get('/api/strategies/nosuchstrategy');

    for (const email of [
      'resident1@navbahor.example',
      'resident2@navbahor.example',
      'admin@birga.example',
      null,
    ]) {
      const agent = email ? await signedIn(server, email) : new TestAgent(server.url);
      for (const path of [
        `/api/strategies/${strategy.body.id}`,
        `/api/strategies/${strategy.body.id}/document`,
        `/api/territories/${NAV}/strategies/2027`,
      ]) {
        const response = await agent.get(path);
        expect(response.status).toBe(404);
        expect(response.body).toEqual(missing.body);
      }
    }
  });

  it('shows a strategy in consultation to everyone, read-only', async () => {
    const created = await coordinator.post(`/api/territories/${NAV}/strategies`, {
      year: 2031,
      title: 'Maslahat',
    });
    server.deps.db
      .update(strategies)
      .set({ status: 'consultation' })
      .where(eq(strategies.id, created.body.id))
      .run();

    const visitor = await new TestAgent(server.url).get(`/api/strategies/${created.body.id}`);
    expect(visitor.status).toBe(200);
    expect(visitor.body.access).toBe('read');
    const page = await new TestAgent(server.url).get(`/api/territories/${NAV}`);
    expect(page.body.strategies.map((entry: { year: number }) => entry.year)).toEqual([2031]);
  });

  it('answers 400 for a malformed year', async () => {
    const response = await coordinator.get(`/api/territories/${NAV}/strategies/20x7`);
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('year');
  });
});
