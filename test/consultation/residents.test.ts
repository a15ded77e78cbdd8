import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { TestAgent } from '../support/agent';
import { signedIn } from '../accounts/builders';
import {
  buildPerson,
  buildStrategy,
  controlClock,
  DAY_MS,
  NAV,
  openConsultation,
  parseCsv,
  type TestClock,
} from './builders';

let server: TestServer;
let coordinator: TestAgent;
let clock: TestClock;
let strategyId: string;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signedIn(server, 'coordinator@navbahor.example');
  clock = controlClock(server);
  strategyId = buildStrategy(server);
  await openConsultation(coordinator, strategyId, clock);
});

afterAll(async () => {
  await server?.close();
});

async function newCodes(count: number, expiresInDays?: number): Promise<string[]> {
  const response = await coordinator.post(`/api/strategies/${strategyId}/resident-codes`, {
    count,
    ...(expiresInDays ? { expiresInDays } : {}),
  });
  expect(response.status).toBe(201);
  return response.body.codes;
}

const redeem = (agent: TestAgent, code: string, territory = NAV) =>
  agent.post(`/api/territories/${territory}/residency`, { code });

describe('resident codes', () => {
  it('gives a coordinator a batch of distinct printable codes, shown only once', async () => {
    const response = await coordinator.post(`/api/strategies/${strategyId}/resident-codes`, {
      count: 40,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      territory: { code: NAV, names: { 'uz-Latn': expect.any(String) } },
      count: 40,
      used: 0,
      expiresAt: new Date(clock.now() + 90 * DAY_MS).toISOString(),
    });
    expect(new Set(response.body.codes).size).toBe(40);
    for (const code of response.body.codes) {
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    }
    const batches = await coordinator.get(`/api/strategies/${strategyId}/resident-codes`);
    const batch = batches.body.find(
      (b: { batchId: string }) => b.batchId === response.body.batchId,
    );
    expect(batch).toMatchObject({ count: 40, used: 0 });
    expect(batches.text).not.toContain(response.body.codes[0]);
    const stored = server.deps.db.$client
      .prepare('select code_hash from resident_codes')
      .pluck()
      .all();
    expect(stored).not.toContain(response.body.codes[0]);
  });

  it('exports a batch as CSV for printing elsewhere', async () => {
    const response = await coordinator.post(
      `/api/strategies/${strategyId}/resident-codes?format=csv`,
      { count: 3 },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="resident-codes-/,
    );
    const [header, ...rows] = parseCsv(response.text);
    expect(header).toEqual([
      'code',
      'territory_code',
      'territory_name',
      'valid_until',
      'time_zone',
      'batch_id',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[0]![1]).toBe(NAV);
    expect(rows[0]![3]).toBe('2027-05-30 14:00');
    const person = await buildPerson(server);
    expect((await redeem(person, rows[0]![0]!)).status).toBe(201);
  });

  it('makes the redeemer a verified resident once; the second use is refused', async () => {
    const [code] = await newCodes(1);
    const person = await buildPerson(server);
    const before = await person.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' });
    expect(before.body.error.code).toBe('not_resident');

    // Typed in lower case with spaces: still the same code.
    const redeemed = await redeem(person, ` ${code!.toLowerCase().replace(/-/g, ' ')} `);
    expect(redeemed.status).toBe(201);
    expect(redeemed.body).toEqual({ territoryCode: NAV, role: 'resident' });
    // The same session goes on, now with the new role.
    const me = await person.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.memberships).toContainEqual({ territoryCode: NAV, role: 'resident' });
    const vote = await person.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' });
    expect(vote.status).toBe(201);

    const other = await buildPerson(server);
    const again = await redeem(other, code!);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'resident_code_used', field: 'code' });
    const batches = (await coordinator.get(`/api/strategies/${strategyId}/resident-codes`)).body;
    expect(
      batches.some(
        (batch: { used: number; count: number }) => batch.used === 1 && batch.count === 1,
      ),
    ).toBe(true);
  });

  it('tells someone already verified so, without using up the code', async () => {
    const [code] = await newCodes(1);
    const resident1 = await signedIn(server, 'resident1@navbahor.example');
    const already = await redeem(resident1, code!);
    expect(already.status).toBe(409);
    expect(already.body.error.code).toBe('already_resident');
    expect((await redeem(await buildPerson(server), code!)).status).toBe(201);
  });

  it('answers unknown, foreign and expired codes with their own errors', async () => {
    const person = await buildPerson(server);
    const unknown = await redeem(person, 'AAAA-BBBB-CCCC');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'resident_code_unknown', field: 'code' });

    const [code] = await newCodes(1, 1);
    expect((await redeem(person, code!, 'UZ-FA-FC')).body.error.code).toBe('resident_code_unknown');
    clock.advance(DAY_MS + 1);
    const expired = await redeem(person, code!);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('resident_code_expired');
    clock.set(Date.parse('2027-03-01T09:00:00Z'));
  });

  it('revokes the unused codes of a batch', async () => {
    const response = await coordinator.post(`/api/strategies/${strategyId}/resident-codes`, {
      count: 2,
    });
    const revoked = await coordinator.delete(
      `/api/strategies/${strategyId}/resident-codes/${response.body.batchId}`,
    );
    expect(revoked.status).toBe(204);
    const refused = await redeem(await buildPerson(server), response.body.codes[0]);
    expect(refused.body.error.code).toBe('resident_code_unknown');
  });

  it('slows down guessing: ten wrong codes a minute per account', async () => {
    const guesser = await buildPerson(server);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await redeem(guesser, `GUES-SXXX-XX${attempt}A`)).status).toBe(404);
    }
    const limited = await redeem(guesser, 'GUES-SXXX-XXXA');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps resident codes to coordinators', async () => {
    const editor = await signedIn(server, 'editor1@navbahor.example');
    expect(
      (await editor.post(`/api/strategies/${strategyId}/resident-codes`, { count: 1 })).status,
    ).toBe(403);
    expect(
      (await new TestAgent(server.url).post(`/api/territories/${NAV}/residency`, { code: 'x' }))
        .status,
    ).toBe(401);
  });
});
