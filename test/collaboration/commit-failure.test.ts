import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLOSE_DOCUMENT_UNAVAILABLE } from '../../shared/collaboration/protocol';
import { connectClient, waitFor, waitForSync, type TestClient } from '../support/collaboration';
import { startTestServer, type TestServer } from '../support/server';
import { navbahorStrategy, signedInCookie, storedState } from './fixtures';

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

function storedNote(documentId: string): unknown {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, storedState(server.deps.db, documentId));
  return ydoc.getMap('meta').get('note');
}

describe('a commit that fails', () => {
  test('broadcasts nothing, closes the sockets with a transient code, and loses no edit', async () => {
    const { documentId } = await navbahorStrategy(server.url);
    const cookie = await signedInCookie(server.url, 'editor1@navbahor.example');
    const writer = connectClient({ baseUrl: server.url, documentId, cookie });
    const watcher = connectClient({ baseUrl: server.url, documentId, cookie });
    clients.push(writer, watcher);
    await Promise.all([waitForSync(writer), waitForSync(watcher)]);

    // The disk refuses every write, as a full or failing disk would.
    server.deps.db.$client.pragma('query_only = ON');
    writer.ydoc.getMap('meta').set('note', 'typed while the disk failed');
    await waitFor(
      () => writer.closeCodes.includes(CLOSE_DOCUMENT_UNAVAILABLE),
      'the writer to be told the document is unavailable',
    );
    expect(watcher.closeCodes).toContain(CLOSE_DOCUMENT_UNAVAILABLE);
    expect(watcher.ydoc.getMap('meta').get('note')).toBeUndefined();
    expect(storedNote(documentId)).toBeUndefined();

    // The writer kept its edit and sends it again once the disk takes writes.
    server.deps.db.$client.pragma('query_only = OFF');
    await waitFor(
      () => watcher.ydoc.getMap('meta').get('note') === 'typed while the disk failed',
      'the edit to reach the watcher after reconnecting',
    );
    expect(storedNote(documentId)).toBe('typed while the disk failed');
  });
});
