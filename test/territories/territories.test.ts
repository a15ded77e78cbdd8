import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { commonMessages } from '../../shared/i18n/messages/common';
import { LOCALES } from '../../shared/i18n/locales';
import { signedIn } from '../accounts/builders';

const NAV = 'UZ-FA-FC-NAV';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('the public territory list', () => {
  it('lists every territory with code, kind, parent and names, in Uzbek order', async () => {
    const response = await new TestAgent(server.url).get('/api/territories');
    expect(response.status).toBe(200);
    const territories = response.body as { code: string; names: Record<string, string> }[];
    expect(territories.find((territory) => territory.code === NAV)).toEqual({
      code: NAV,
      kind: 'mahalla',
      parentCode: 'UZ-FA-FC',
      names: {
        'uz-Latn': 'Navbahor mahallasi',
        'uz-Cyrl': 'Навбаҳор маҳалласи',
        ru: 'махалля Навбахор',
        en: 'Navbahor Mahalla',
      },
    });
    const names = territories.map((territory) => territory.names['uz-Latn']!);
    // Oʻzbekiston comes after every plain letter, Chilonzor after Sh: the Uzbek alphabet's order.
    expect(names.indexOf('Yunusobod tumani')).toBeLessThan(
      names.indexOf('Oʻzbekiston Respublikasi'),
    );
    expect(names.indexOf('Oʻzbekiston Respublikasi')).toBeLessThan(
      names.indexOf('Chilonzor tumani'),
    );
    expect(names.indexOf('Andijon viloyati')).toBe(0);
  });

  it.each([
    'fargʻona',
    "farg'ona",
    'farg‘ona',
    'farg’ona',
    'fargʼona',
    'farg`ona',
    'FARGONA',
    'Фарғона',
    'фарғона',
  ])('finds Fargʻona city when searching "%s"', async (query) => {
    const response = await new TestAgent(server.url).get(
      `/api/territories?q=${encodeURIComponent(query)}`,
    );
    const codes = (response.body as { code: string }[]).map((territory) => territory.code);
    expect(codes).toContain('UZ-FA-FC');
    expect(codes).toContain('UZ-FA');
    expect(codes).not.toContain('UZ-TK');
  });

  it('refuses q given twice instead of answering as if it were given once', async () => {
    const response = await new TestAgent(server.url).get('/api/territories?q=Navbahor&q=Toshkent');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_input', field: 'q' });
  });

  it('seeds a tree in which every code continues its parent’s', async () => {
    const territories = (await new TestAgent(server.url).get('/api/territories')).body as {
      code: string;
      parentCode: string | null;
    }[];
    expect(territories.length).toBeGreaterThan(20);
    for (const territory of territories) {
      if (territory.parentCode === null) continue;
      expect(territory.code.startsWith(`${territory.parentCode}-`), territory.code).toBe(true);
    }
  });

  it('finds Tashkent city typed in Latin through its Cyrillic and Latin names', async () => {
    const response = await new TestAgent(server.url).get('/api/territories?q=Toshkent%20shahri');
    expect((response.body as { code: string }[]).map((territory) => territory.code)).toEqual([
      'UZ-TK',
    ]);
  });
});

describe('the names of kinds', () => {
  it('call a region by a word that is also true of Qoraqalpogʻiston, a republic', async () => {
    const territories = (await new TestAgent(server.url).get('/api/territories')).body as {
      code: string;
      kind: string;
    }[];
    expect(territories.find((territory) => territory.code === 'UZ-QR')?.kind).toBe('region');

    const regionWords = LOCALES.map((locale) => commonMessages[locale]['kind.region']);
    expect(regionWords).toEqual(['Mintaqa', 'Регион', 'Region']);
  });
});

describe('a territory page', () => {
  it('shows children, ancestors, and to a signed-out visitor no draft', async () => {
    const response = await new TestAgent(server.url).get('/api/territories/UZ-FA-FC');
    expect(response.status).toBe(200);
    expect(response.body.ancestors.map((territory: { code: string }) => territory.code)).toEqual([
      'UZ',
      'UZ-FA',
    ]);
    expect(response.body.children.map((territory: { code: string }) => territory.code)).toContain(
      NAV,
    );

    const mahalla = await new TestAgent(server.url).get(`/api/territories/${NAV}`);
    expect(mahalla.body.strategies).toEqual([]);
    expect(mahalla.body.viewer).toEqual({
      roles: [],
      may: { createStrategy: false, inviteMembers: false, grantRoles: false, listMembers: false },
    });
  });

  it('shows the draft and the coordinator’s rights to the coordinator', async () => {
    const coordinator = await signedIn(server, 'coordinator@navbahor.example');
    const response = await coordinator.get(`/api/territories/${NAV}`);
    expect(response.body.strategies).toEqual([
      { id: expect.any(String), year: 2027, status: 'draft', title: expect.any(String) },
    ]);
    expect(response.body.viewer).toEqual({
      roles: ['coordinator'],
      may: { createStrategy: true, inviteMembers: true, grantRoles: false, listMembers: true },
    });
  });

  it('shows the city authority its inherited role in the mahalla', async () => {
    const authority = await signedIn(server, 'authority@fergana.example');
    const response = await authority.get(`/api/territories/${NAV}`);
    expect(response.body.viewer.roles).toEqual(['authority']);
    expect(response.body.strategies).toHaveLength(1);
  });

  it('answers 404 for an unknown territory and 400 for a malformed code', async () => {
    const agent = new TestAgent(server.url);
    expect((await agent.get('/api/territories/UZ-XX-NOPE')).status).toBe(404);
    const malformed = await agent.get('/api/territories/uz-fa');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'invalid_input', field: 'code' });
  });
});

describe('administering territories', () => {
  it('creates a territory below an existing one and moves it', async () => {
    const admin = await signedIn(server, 'admin@birga.example');
    const created = await admin.post('/api/admin/territories', {
      code: 'UZ-FA-FC-GUL',
      kind: 'mahalla',
      parentCode: 'UZ-FA-FC',
      names: { 'uz-Latn': 'Gulzor mahallasi', 'uz-Cyrl': 'Гулзор маҳалласи' },
    });
    expect(created.status).toBe(201);
    expect((await admin.post('/api/admin/territories', created.body)).status).toBe(409);

    const moved = await admin.patch('/api/admin/territories/UZ-FA-FC-GUL', { parentCode: 'UZ-FA' });
    expect(moved.status).toBe(200);
    expect(moved.body.parentCode).toBe('UZ-FA');
  });

  it('refuses a parent that does not exist or lies below the territory', async () => {
    const admin = await signedIn(server, 'admin@birga.example');
    const cycle = await admin.patch('/api/admin/territories/UZ-FA', { parentCode: NAV });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.field).toBe('parentCode');

    const orphan = await admin.post('/api/admin/territories', {
      code: 'UZ-ZZ-ORPHAN',
      kind: 'city',
      parentCode: 'UZ-ZZ',
      names: { 'uz-Latn': 'Yetim' },
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.field).toBe('parentCode');

    const unnamed = await admin.post('/api/admin/territories', {
      code: 'UZ-FA-X',
      kind: 'city',
      parentCode: 'UZ-FA',
      names: { ru: 'Без имени' },
    });
    expect(unnamed.body.error.field).toBe('names.uz-Latn');
  });

  it('refuses a child whose code does not continue its parent’s, on creation and on a move', async () => {
    const admin = await signedIn(server, 'admin@birga.example');
    const foreign = await admin.post('/api/admin/territories', {
      code: 'UZ-AN-X',
      kind: 'city',
      parentCode: 'UZ-FA',
      names: { 'uz-Latn': 'Adashgan shahar' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: 'invalid_input', field: 'code' });

    const noHyphen = await admin.post('/api/admin/territories', {
      code: 'UZ-FAX',
      kind: 'city',
      parentCode: 'UZ-FA',
      names: { 'uz-Latn': 'Chiziqchasiz' },
    });
    expect(noHyphen.status).toBe(400);
    expect(noHyphen.body.error.field).toBe('code');

    const created = await admin.post('/api/admin/territories', {
      code: 'UZ-FA-FC-BOG',
      kind: 'mahalla',
      parentCode: 'UZ-FA-FC',
      names: { 'uz-Latn': 'Bogʻishamol mahallasi' },
    });
    expect(created.status).toBe(201);
    const moved = await admin.patch('/api/admin/territories/UZ-FA-FC-BOG', {
      parentCode: 'UZ-AN',
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error).toMatchObject({ code: 'invalid_input', field: 'parentCode' });
    expect((await admin.get('/api/territories/UZ-FA-FC-BOG')).body.territory.parentCode).toBe(
      'UZ-FA-FC',
    );
  });

  it('gives a role through the members list and takes it away again', async () => {
    const admin = await signedIn(server, 'admin@birga.example');
    const granted = await admin.post('/api/territories/UZ-FA-MG/members', {
      email: 'resident2@navbahor.example',
      role: 'coordinator',
    });
    expect(granted.status).toBe(201);
    const duplicate = await admin.post('/api/territories/UZ-FA-MG/members', {
      email: 'resident2@navbahor.example',
      role: 'coordinator',
    });
    expect(duplicate.status).toBe(409);
    const unknown = await admin.post('/api/territories/UZ-FA-MG/members', {
      email: 'nobody@example.test',
      role: 'editor',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('email');

    const resident = await signedIn(server, 'resident2@navbahor.example');
    expect((await resident.get('/api/territories/UZ-FA-MG/members')).status).toBe(200);

    const userId = granted.body.user.id;
    const removed = await admin.delete(`/api/territories/UZ-FA-MG/members/${userId}/coordinator`);
    expect(removed.status).toBe(204);
    expect((await resident.get('/api/territories/UZ-FA-MG/members')).status).toBe(403);
  });
});
