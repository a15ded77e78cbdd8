import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { afterEach, describe, expect, test } from 'vitest';
import { readStrategyJson } from '../../shared/strategy/document';
import { documentSnapshots, documentUpdates } from '../../server/storage/schema';
import {
  connectClient,
  openRawSocket,
  waitFor,
  waitForSync,
  type TestClient,
} from '../support/collaboration';
import { startTestServer, type TestServer } from '../support/server';
import { navbahorStrategy, signedInCookie, storedState } from './fixtures';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.close();
});

async function start(databasePath?: string): Promise<TestServer> {
  const server = await startTestServer({ databasePath });
  servers.push(server);
  return server;
}

describe('compaction', () => {
  test('a clean shutdown folds the log into one snapshot that loads the same document', async () => {
    const first = await start();
    const { documentId } = await navbahorStrategy(first.url);
    const cookie = await signedInCookie(first.url, 'editor1@navbahor.example');
    const client = connectClient({ baseUrl: first.url, documentId, cookie });
    clients.push(client);
    await waitForSync(client);

    const goals = client.ydoc.getMap<Y.Map<unknown>>('goals');
    const title = (goals.get('G2')!.get('title') as Y.Map<Y.Text>).get('en')!;
    for (let edit = 0; edit < 30; edit += 1) title.insert(0, `${edit} `);
    title.delete(0, 10);
    const expected = readStrategyJson(client.ydoc);
    await waitFor(
      () => first.deps.db.select().from(documentUpdates).all().length >= 2,
      'the edits to be stored',
    );
    await waitFor(
      () =>
        JSON.stringify(readStrategyJson(docFrom(storedState(first.deps.db, documentId)))) ===
        JSON.stringify(expected),
      'every edit to be stored',
    );
    client.destroy();
    clients.length = 0;
    await first.close();
    servers.length = 0;

    const second = await start(first.databasePath);
    const db = second.deps.db;
    expect(
      db.select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId)).all(),
    ).toEqual([]);
    const snapshots = db
      .select()
      .from(documentSnapshots)
      .where(eq(documentSnapshots.documentId, documentId))
      .all();
    expect(snapshots).toHaveLength(1);
    const stored = docFrom(storedState(db, documentId));
    expect(readStrategyJson(stored)).toEqual(expected);

    // The snapshot keeps its state vector, and the reopened document announces exactly that one
    // as its sync step 1.
    const vector = Y.encodeStateVector(stored);
    expect(new Uint8Array(snapshots[0]!.stateVector!)).toEqual(vector);
    const raw = openRawSocket({ baseUrl: second.url, documentId, cookie });
    await raw.opened;
    await waitFor(() => raw.messages.length > 0, 'the server to speak first');
    const decoder = decoding.createDecoder(raw.messages[0]!);
    expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 0]);
    expect(decoding.readVarUint8Array(decoder)).toEqual(vector);
    raw.socket.close();

    const reader = connectClient({ baseUrl: second.url, documentId, cookie });
    clients.push(reader);
    await waitForSync(reader);
    expect(readStrategyJson(reader.ydoc)).toEqual(expected);
  });
});

describe('checkpoints', () => {
  test('edits reach the database file itself while the server runs, not only its WAL', async () => {
    const server = await start();
    const { documentId } = await navbahorStrategy(server.url);
    const cookie = await signedInCookie(server.url, 'editor1@navbahor.example');
    const client = connectClient({ baseUrl: server.url, documentId, cookie });
    clients.push(client);
    await waitForSync(client);
    const fileBytes = () => fs.statSync(server.databasePath).size;
    const before = fileBytes();

    // The main connection never checkpoints (its commits would wait for it): unless the
    // maintenance thread does, these edits stay in the WAL and the database file keeps its size.
    const notes = client.ydoc.getMap('meta');
    for (let edit = 0; edit < 100; edit += 1) notes.set(`note-${edit}`, 'x'.repeat(4_000));
    await waitFor(() => fileBytes() >= before + 300_000, 'a checkpoint to copy the edits', 10_000);
  });
});

function docFrom(state: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  return ydoc;
}
