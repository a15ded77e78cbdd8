import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CLOSE_MALFORMED_MESSAGE,
  CLOSE_MESSAGE_TOO_LARGE,
} from '../../shared/collaboration/protocol';
import { startTestServer, type TestServer } from '../support/server';
import {
  connectClient,
  openRawSocket,
  syncUpdateMessage,
  waitFor,
  waitForSync,
  type TestClient,
} from '../support/collaboration';
import { TestAgent } from '../support/agent';
import { navbahorStrategy, signedInCookie, storedState } from './fixtures';

let server: TestServer;
let documentId: string;
let otherDocumentId: string;
let cookie: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ documentId } = await navbahorStrategy(server.url));
  const coordinator = await new TestAgent(server.url).signIn('coordinator@navbahor.example');
  const created = await coordinator.post('/api/territories/UZ-FA-FC-NAV/strategies', {
    year: 2028,
    title: 'Navbahor 2028',
  });
  if (created.status !== 201) throw new Error(`could not create a strategy: ${created.text}`);
  otherDocumentId = created.body.documentId;
  cookie = await signedInCookie(server.url, 'editor1@navbahor.example');
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

function validUpdate(): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getMap('meta').set('note', 'x'.repeat(40));
  return Y.encodeStateAsUpdate(ydoc);
}

const truncated = validUpdate().slice(0, 12);
const awarenessGarbage = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, Uint8Array.from([1, 5, 1, 3, 123, 34, 120]));
  return encoding.toUint8Array(encoder);
})();

const malformedMessages: [string, Uint8Array | string][] = [
  ['garbage bytes', Uint8Array.from([0xff, 0xfe, 0xfd, 0x07, 0x99, 0x00, 0x13])],
  ['a truncated update', syncUpdateMessage(truncated)],
  ['an empty update', syncUpdateMessage(new Uint8Array(0))],
  ['a truncated sync step 2', syncUpdateMessage(truncated, 1)],
  ['an unknown message type', Uint8Array.from([42, 0])],
  ['an unknown sync message', Uint8Array.from([0, 9, 0])],
  ['a message cut inside its header', Uint8Array.from([0])],
  ['an update with trailing bytes', Uint8Array.from([...syncUpdateMessage(validUpdate()), 7, 7])],
  ['awareness that is not JSON', awarenessGarbage],
  // Yjs's apply reads info byte 0x2a as a skip; its decoder, which merging the log uses, refuses it.
  [
    'an update only the lenient reader accepts',
    syncUpdateMessage(Uint8Array.from([1, 1, 0xb9, 0x60, 0, 0x2a, 1, 0])),
  ],
  ['a text frame', 'hello'],
];

describe('malformed messages', () => {
  test.each(malformedMessages)(
    '%s closes only that socket, within a second, and changes nothing stored',
    async (_name, message) => {
      const watcher = connectClient({ baseUrl: server.url, documentId: otherDocumentId, cookie });
      clients.push(watcher);
      await waitForSync(watcher);
      const before = storedState(server.deps.db, documentId);

      const raw = openRawSocket({ baseUrl: server.url, documentId, cookie });
      await raw.opened;
      const sentAt = Date.now();
      raw.socket.send(message);
      const { code } = await raw.closed;
      expect(code).toBe(CLOSE_MALFORMED_MESSAGE);
      expect(Date.now() - sentAt).toBeLessThan(1_000);

      // Another document keeps syncing: a second editor's edit reaches the watcher.
      const writer = connectClient({ baseUrl: server.url, documentId: otherDocumentId, cookie });
      clients.push(writer);
      await waitForSync(writer);
      const marker = `after ${_name}`;
      writer.ydoc.getMap('meta').set('marker', marker);
      await waitFor(
        () => watcher.ydoc.getMap('meta').get('marker') === marker,
        'the other document to sync',
      );

      expect(storedState(server.deps.db, documentId)).toEqual(before);
    },
  );

  test('an update breaking off after its text is refused whole, beside a kept edit', async () => {
    // Yjs's apply integrates an update's structs before it reads the deletions that follow them:
    // applied unchecked, this one would put its text into the live document and only then fail.
    const intruder = new Y.Doc();
    intruder.getMap('meta').set('intruder', 'must never be stored or served');
    const whole = Y.encodeStateAsUpdate(intruder);
    expect(whole.at(-1)).toBe(0); // no deletions: the update ends with a count of zero clients
    const brokenOff = Uint8Array.from([...whole.subarray(0, -1), 5]);

    const writer = connectClient({ baseUrl: server.url, documentId, cookie });
    clients.push(writer);
    await waitForSync(writer);
    const raw = openRawSocket({ baseUrl: server.url, documentId, cookie });
    await raw.opened;
    // Sent together, so that they are likely to share one commit.
    writer.ydoc.getMap('meta').set('kept', 'an honest edit');
    raw.socket.send(syncUpdateMessage(brokenOff));
    const { code } = await raw.closed;
    expect(code).toBe(CLOSE_MALFORMED_MESSAGE);

    // A reader that holds part of the document is answered from the live one, not from a cache.
    const known = new Y.Doc();
    Y.applyUpdate(known, Y.encodeStateAsUpdate(writer.ydoc));
    const reader = connectClient({ baseUrl: server.url, documentId, cookie, ydoc: known });
    clients.push(reader);
    await waitForSync(reader);
    await waitFor(
      () => reader.ydoc.getMap('meta').get('kept') === 'an honest edit',
      'the honest edit to reach a fresh reader',
    );
    expect(reader.ydoc.getMap('meta').has('intruder')).toBe(false);
    expect(writer.ydoc.getMap('meta').has('intruder')).toBe(false);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, storedState(server.deps.db, documentId));
    expect(stored.getMap('meta').get('kept')).toBe('an honest edit');
    expect(stored.getMap('meta').has('intruder')).toBe(false);
  });

  test('a message over the size limit closes the socket with its own code', async () => {
    const raw = openRawSocket({ baseUrl: server.url, documentId, cookie });
    await raw.opened;
    raw.socket.send(new Uint8Array(3 * 1024 * 1024));
    const { code } = await raw.closed;
    expect(code).toBe(CLOSE_MESSAGE_TOO_LARGE);
  });
});
