/**
 * Prepares a Birga database for the participation benchmark, as a coordinator would have: one
 * mahalla with the Navbahor draft (priority skills S1..S10) in its consultation phase with the
 * window open now, and verified residents of that mahalla, each with a session.
 * Usage: participation-seed.ts <database> <residents> <votesPerResident> <out.json>
 */
import fs from 'node:fs';
import { createSession } from '../server/accounts/sessions';
import { appendUpdates } from '../server/collaboration/update-log';
import { readNavbahorStrategy } from '../server/seed/seed';
import { openDatabase } from '../server/storage/database';
import { newId } from '../server/storage/ids';
import {
  consultations,
  memberships,
  strategies,
  territories,
  users,
} from '../server/storage/schema';
import { encodeStrategyDocument } from '../shared/strategy/document';

const [databasePath, residentCount, votesPerResident, outPath] = process.argv.slice(2);
const db = openDatabase(databasePath!);
const CITY = 'BENCH';
const MAHALLA = 'BENCH-P';
const YEAR = 2027;
const hourMs = 60 * 60 * 1000;

const strategyId = newId();
const documentId = newId();
const strategy = readNavbahorStrategy();
const residentIds: string[] = [];

db.transaction((tx) => {
  tx.insert(territories)
    .values({ code: CITY, kind: 'city', parentCode: null, names: { en: 'Bench city' } })
    .run();
  tx.insert(territories)
    .values({ code: MAHALLA, kind: 'mahalla', parentCode: CITY, names: { en: 'Bench mahalla' } })
    .run();
  tx.insert(strategies)
    .values({
      id: strategyId,
      territoryCode: MAHALLA,
      year: YEAR,
      title: 'Bench strategy',
      status: 'consultation',
      documentId,
    })
    .run();
  // The window opened an hour ago and stays open far past any run.
  tx.insert(consultations)
    .values({
      id: newId(),
      strategyId,
      opensAt: Date.now() - hourMs,
      closesAt: Date.now() + 24 * hourMs,
      votesPerResident: Number(votesPerResident),
    })
    .run();
  for (let index = 0; index < Number(residentCount); index += 1) {
    const id = newId();
    tx.insert(users)
      .values({
        id,
        email: `resident${index}@bench.example`,
        displayName: `Resident ${index}`,
        // Nobody signs in with a password here; the session below is the credential.
        passwordHash: 'unusable',
      })
      .run();
    tx.insert(memberships).values({ userId: id, territoryCode: MAHALLA, role: 'resident' }).run();
    residentIds.push(id);
  }
});
appendUpdates(db, [{ documentId, update: encodeStrategyDocument({ ...strategy, year: YEAR }) }]);

const skillKeys = strategy.prioritySkills.map((skill) => skill.key);
const goalKeys = strategy.goals.map((goal) => goal.key);
const cookies = residentIds.map((id) => `birga_session=${createSession(db, id).token}`);
db.$client.close();
fs.writeFileSync(
  outPath!,
  JSON.stringify({ strategyId, skillKeys, goalKeys, residentIds, cookies }),
);
