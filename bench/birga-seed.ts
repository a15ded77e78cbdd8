/**
 * Prepares a Birga database for a benchmark run, as an administrator would have: one territory
 * per document under a parent territory, every benchmark user an editor of the parent (the role
 * applies to the territories below), one draft strategy per territory, and a session per user.
 * Usage: birga-seed.ts <database> <documents> <users> <out.json>
 */
import fs from 'node:fs';
import { createSession } from '../server/accounts/sessions';
import { openDatabase } from '../server/storage/database';
import { newId } from '../server/storage/ids';
import { memberships, strategies, territories, users } from '../server/storage/schema';

const [databasePath, documentCount, userCount, outPath] = process.argv.slice(2);
const db = openDatabase(databasePath!);
const PARENT = 'BENCH';

const documents: string[] = [];
const cookies: string[] = [];
db.transaction((tx) => {
  tx.insert(territories)
    .values({ code: PARENT, kind: 'city', parentCode: null, names: { en: 'Bench city' } })
    .run();
  for (let index = 0; index < Number(documentCount); index += 1) {
    const code = `${PARENT}-${index}`;
    tx.insert(territories)
      .values({ code, kind: 'mahalla', parentCode: PARENT, names: { en: `Bench ${index}` } })
      .run();
    const documentId = newId();
    tx.insert(strategies)
      .values({ id: newId(), territoryCode: code, year: 2027, title: code, documentId })
      .run();
    documents.push(documentId);
  }
  for (let index = 0; index < Number(userCount); index += 1) {
    const id = newId();
    tx.insert(users)
      .values({
        id,
        email: `editor${index}@bench.example`,
        displayName: `Editor ${index}`,
        // Nobody signs in with a password here; the session below is the credential.
        passwordHash: 'unusable',
      })
      .run();
    tx.insert(memberships).values({ userId: id, territoryCode: PARENT, role: 'editor' }).run();
  }
});
for (const row of db.select({ id: users.id }).from(users).all()) {
  cookies.push(`birga_session=${createSession(db, row.id).token}`);
}
db.$client.close();
fs.writeFileSync(outPath!, JSON.stringify({ documents, cookies }));
