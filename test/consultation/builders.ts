/**
 * Builders for consultation tests: a strategy filled with the Navbahor draft (priority skills
 * S1..S10, goals G1..G3, actions A1..A5) for any free year, an opened consultation, verified
 * residents, and a clock the test sets instead of sleeping.
 */
import { readNavbahorStrategy, NAVBAHOR_CODE } from '../../server/seed/seed';
import { setConsultationClock } from '../../server/consultation/clock';
import { newId } from '../../server/storage/ids';
import { strategies } from '../../server/storage/schema';
import { encodeStrategyDocument } from '../../shared/strategy/document';
import { buildUser, signedIn, BUILT_PASSWORD } from '../accounts/builders';
import type { TestAgent } from '../support/agent';
import type { TestServer } from '../support/server';

export const NAV = NAVBAHOR_CODE;
export const T0 = Date.parse('2027-03-01T09:00:00Z');
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

let nextYear = 2060;

export interface TestClock {
  now(): number;
  set(instant: number | string): void;
  advance(ms: number): void;
}

/** The app's consultation clock, starting at T0 unless told otherwise. */
export function controlClock(server: TestServer, start: number = T0): TestClock {
  let current = start;
  setConsultationClock(server.deps, () => current);
  return {
    now: () => current,
    set: (instant) => {
      current = typeof instant === 'number' ? instant : Date.parse(instant);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A draft (of Navbahor unless told) for a year no other test uses, with the demo's content. */
export function buildStrategy(
  server: TestServer,
  options: { territoryCode?: string; title?: string } = {},
): string {
  const year = nextYear++;
  const id = newId();
  const documentId = newId();
  const territoryCode = options.territoryCode ?? NAV;
  const title = options.title ?? 'Navbahor strategiyasi';
  server.deps.db
    .insert(strategies)
    .values({ id, territoryCode, year, title, status: 'draft', documentId })
    .run();
  server.deps.collaboration.createDocument(
    documentId,
    encodeStrategyDocument({ ...readNavbahorStrategy(), year }),
  );
  return id;
}

export interface WindowOptions {
  opensAt?: number;
  closesAt?: number;
  votesPerResident?: number;
}

/** Opens a consultation on the strategy (by default from the clock's now for one week). */
export async function openConsultation(
  coordinator: TestAgent,
  strategyId: string,
  clock: TestClock,
  options: WindowOptions = {},
) {
  const response = await coordinator.put(`/api/strategies/${strategyId}/consultation`, {
    opensAt: new Date(options.opensAt ?? clock.now()).toISOString(),
    closesAt: new Date(options.closesAt ?? clock.now() + 7 * DAY_MS).toISOString(),
    votesPerResident: options.votesPerResident ?? 3,
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`Opening the consultation failed with ${response.status}: ${response.text}`);
  }
  return response.body;
}

/** A new account that is a verified resident of Navbahor, signed in. */
export async function buildResident(server: TestServer, displayName?: string): Promise<TestAgent> {
  const user = await buildUser(server, {
    displayName,
    memberships: [{ territoryCode: NAV, role: 'resident' }],
  });
  return signedIn(server, user.email, BUILT_PASSWORD);
}

/** A new account with no role anywhere, signed in. */
export async function buildPerson(server: TestServer, displayName?: string): Promise<TestAgent> {
  const user = await buildUser(server, { displayName });
  return signedIn(server, user.email, BUILT_PASSWORD);
}

/** Parses our CSV exports (BOM, CRLF, quoted cells) back into rows. */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && source[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  return rows;
}
