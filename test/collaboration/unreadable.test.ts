import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLOSE_DOCUMENT_UNAVAILABLE } from '../../shared/collaboration/protocol';
import { TestAgent } from '../support/agent';
import {
  connectClient,
  openRawSocket,
  syncUpdateMessage,
  waitFor,
  waitForSync,
  type TestClient,
} from '../support/collaboration';
import { startTestServer, type TestServer } from '../support/server';
import { signedInCookie } from './fixtures';

let server: TestServer;
let cookie: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  cookie = await signedInCookie(server.url, 'editor1@navbahor.example');
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

async function newDocument(year: number): Promise<string> {
  const coordinator = await new TestAgent(server.url).signIn('coordinator@navbahor.example');
  const created = await coordinator.post('/api/territories/UZ-FA-FC-NAV/strategies', {
    year,
    title: `Navbahor ${year}`,
  });
  if (created.status !== 201) throw new Error(`could not create a strategy: ${created.text}`);
  return created.body.documentId as string;
}

const garbage = Buffer.from([0xff, 0xfe, 0xfd, 0x07, 0x99, 0x00, 0x13]);

/** Replaces what is stored for a document, as a damaged disk or a bad restore might. */
function damageStore(documentId: string, as: 'log' | 'snapshot'): void {
  const sqlite = server.deps.db.$client;
  sqlite.prepare('DELETE FROM document_updates WHERE document_id = ?').run(documentId);
  if (as === 'log') {
    sqlite
      .prepare('INSERT INTO document_updates (document_id, "update") VALUES (?, ?)')
      .run(documentId, garbage);
  } else {
    // A well-formed, empty state vector beside a state that is not a Yjs update at all.
    sqlite
      .prepare(
        `INSERT INTO document_snapshots (document_id, state, state_vector, last_update_id, updated_at)
         VALUES (?, ?, ?, 1000000, 0)`,
      )
      .run(documentId, garbage, Buffer.from([0]));
  }
}

const syncStep1 = (stateVector: Uint8Array) => syncUpdateMessage(stateVector, 0);

async function expectOthersStillServed(): Promise<void> {
  const documentId = await newDocument(2040 + clients.length);
  const writer = connectClient({ baseUrl: server.url, documentId, cookie });
  const reader = connectClient({ baseUrl: server.url, documentId, cookie });
  clients.push(writer, reader);
  await Promise.all([waitForSync(writer), waitForSync(reader)]);
  writer.ydoc.getMap('meta').set('alive', 'yes');
  await waitFor(
    () => reader.ydoc.getMap('meta').get('alive') === 'yes',
    'another document to sync',
  );
}

describe('a document whose stored state cannot be read', () => {
  test('is refused as unavailable when its log is damaged, and the server keeps going', async () => {
    const documentId = await newDocument(2031);
    damageStore(documentId, 'log');
    const raw = openRawSocket({ baseUrl: server.url, documentId, cookie });
    await raw.opened;
    expect((await raw.closed).code).toBe(CLOSE_DOCUMENT_UNAVAILABLE);
    await expectOthersStillServed();
  });

  test('closes as unavailable when its snapshot turns out damaged after it was served', async () => {
    const documentId = await newDocument(2032);
    damageStore(documentId, 'snapshot');
    // A reader holding nothing gets the stored bytes as they are; the server's own build of the
    // document, a moment later, finds the damage and closes it, not the server.
    const fresh = openRawSocket({ baseUrl: server.url, documentId, cookie });
    await fresh.opened;
    fresh.socket.send(syncStep1(Uint8Array.from([0])));
    expect((await fresh.closed).code).toBe(CLOSE_DOCUMENT_UNAVAILABLE);

    // A reader holding part of it is answered from the stored state at once, and refused alike.
    const partial = openRawSocket({ baseUrl: server.url, documentId, cookie });
    await partial.opened;
    partial.socket.send(syncStep1(Uint8Array.from([1, 42, 3])));
    expect((await partial.closed).code).toBe(CLOSE_DOCUMENT_UNAVAILABLE);
    await expectOthersStillServed();
  });
});
