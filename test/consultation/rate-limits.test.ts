import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { signedIn } from '../accounts/builders';
import type { TestAgent } from '../support/agent';
import {
  buildPerson,
  buildResident,
  buildStrategy,
  controlClock,
  openConsultation,
} from './builders';

let server: TestServer;
let strategyId: string;

beforeAll(async () => {
  server = await startTestServer();
  const coordinator = await signedIn(server, 'coordinator@navbahor.example');
  strategyId = buildStrategy(server);
  await openConsultation(coordinator, strategyId, controlClock(server));
});

afterAll(async () => {
  await server?.close();
});

describe('abuse limits', () => {
  it('lets a resident cast and take back 60 votes in a burst, then answers 429 with Retry-After', async () => {
    const resident: TestAgent = await buildResident(server);
    const statuses: number[] = [];
    for (let round = 0; round < 30; round += 1) {
      statuses.push(
        (await resident.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S1' })).status,
      );
      statuses.push((await resident.delete(`/api/strategies/${strategyId}/votes/S1`)).status);
    }
    expect(statuses.every((status) => status === 201 || status === 200)).toBe(true);

    let limited;
    for (let attempt = 0; attempt < 200 && !limited; attempt += 1) {
      const response = await resident.post(`/api/strategies/${strategyId}/votes`, {
        skillKey: 'S2',
      });
      if (response.status === 429) limited = response;
    }
    expect(limited?.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Another resident on the same address is not held back.
    const neighbour = await buildResident(server);
    expect(
      (await neighbour.post(`/api/strategies/${strategyId}/votes`, { skillKey: 'S2' })).status,
    ).toBe(201);
  });

  it('lets a person post ten comments a minute and refuses the eleventh with 429', async () => {
    const person = await buildPerson(server);
    for (let count = 0; count < 10; count += 1) {
      const response = await person.post(`/api/strategies/${strategyId}/comments`, {
        target: 'strategy',
        body: `Fikr ${count}`,
      });
      expect(response.status).toBe(201);
    }
    const limited = await person.post(`/api/strategies/${strategyId}/comments`, {
      target: 'strategy',
      body: 'Yana bir fikr',
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
