import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { strategies } from '../../server/storage/schema';
import { startTestServer, type TestServer } from '../support/server';
import {
  connectClient,
  openRawSocket,
  syncUpdateMessage,
  upgradeStatus,
  waitFor,
  waitForSync,
  type TestClient,
} from '../support/collaboration';
import { navbahorStrategy, signedInCookie, storedState, typeIntoVision } from './fixtures';

let server: TestServer;
let documentId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ documentId } = await navbahorStrategy(server.url));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

async function client(email: string | null): Promise<TestClient> {
  const cookie = email ? await signedInCookie(server.url, email) : undefined;
  const connected = connectClient({ baseUrl: server.url, documentId, cookie });
  clients.push(connected);
  await waitForSync(connected);
  return connected;
}

function setPhase(phase: string): void {
  server.deps.db
    .update(strategies)
    .set({ status: phase })
    .where(eq(strategies.documentId, documentId))
    .run();
  server.deps.collaboration.refreshAccess({ documentId });
}

/** An edit that the store and an editor can be checked for afterwards. */
function foreignEdit(marker: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getMap('meta').set('intruder', marker);
  return Y.encodeStateAsUpdate(ydoc);
}

describe('who may connect to a draft', () => {
  test.each([
    ['coordinator@navbahor.example', 101],
    ['editor1@navbahor.example', 101],
    ['expert@navbahor.example', 101],
    ['authority@fergana.example', 101],
    ['resident1@navbahor.example', 404],
    ['resident2@navbahor.example', 404],
    ['admin@birga.example', 404],
    [null, 401],
  ])('%s gets %i at the upgrade', async (email, status) => {
    const cookie = email ? await signedInCookie(server.url, email) : undefined;
    expect(await upgradeStatus({ baseUrl: server.url, documentId, cookie })).toBe(status);
  });

  test('a foreign Origin is refused even with a valid session', async () => {
    const cookie = await signedInCookie(server.url, 'editor1@navbahor.example');
    const status = await upgradeStatus({
      baseUrl: server.url,
      documentId,
      cookie,
      origin: 'http://evil.example',
    });
    expect(status).toBe(403);
  });

  test('an unknown document is refused like a hidden one', async () => {
    const cookie = await signedInCookie(server.url, 'editor1@navbahor.example');
    expect(await upgradeStatus({ baseUrl: server.url, documentId: 'nosuchdoc', cookie })).toBe(404);
  });
});

describe('read-only connections', () => {
  test("an expert's update is neither stored nor broadcast", async () => {
    const editor = await client('editor1@navbahor.example');
    const expertCookie = await signedInCookie(server.url, 'expert@navbahor.example');
    const expert = openRawSocket({ baseUrl: server.url, documentId, cookie: expertCookie });
    await expert.opened;
    const before = storedState(server.deps.db, documentId);

    expert.socket.send(syncUpdateMessage(foreignEdit('expert'), 2));
    expert.socket.send(syncUpdateMessage(foreignEdit('expert-step2'), 1));
    // A marker edit from the editor after the expert's: once it arrives, the expert's would have too.
    typeIntoVision(editor.ydoc, 'marker ');
    const observer = await client('coordinator@navbahor.example');
    await waitFor(
      () => observer.ydoc.getXmlFragment('vision:en').toString().includes('marker'),
      'the marker',
    );

    expect(observer.ydoc.getMap('meta').get('intruder')).toBeUndefined();
    const after = new Y.Doc();
    Y.applyUpdate(after, storedState(server.deps.db, documentId));
    expect(after.getMap('meta').get('intruder')).toBeUndefined();
    expect(storedState(server.deps.db, documentId)).not.toEqual(before);
    expert.socket.close();
  });

  test("in consultation a resident reads but the resident's update is dropped", async () => {
    setPhase('consultation');
    try {
      const resident = await client('resident1@navbahor.example');
      await waitFor(() => resident.access() === 'read', 'read access');
      const anonymous = await client(null);
      await waitFor(() => anonymous.access() === 'read', 'read access for a visitor');

      resident.ydoc.getMap('meta').set('intruder', 'resident');
      const observer = await client('editor2@navbahor.example');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(observer.ydoc.getMap('meta').get('intruder')).toBeUndefined();
      const stored = new Y.Doc();
      Y.applyUpdate(stored, storedState(server.deps.db, documentId));
      expect(stored.getMap('meta').get('intruder')).toBeUndefined();
    } finally {
      setPhase('draft');
    }
  });

  test('an editor connected when the phase locks the text is downgraded to read-only', async () => {
    const editor = await client('editor2@navbahor.example');
    await waitFor(() => editor.access() === 'edit', 'edit access');
    setPhase('consultation');
    try {
      await waitFor(() => editor.access() === 'read', 'the downgrade');
      editor.ydoc.getMap('meta').set('intruder', 'late editor');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stored = new Y.Doc();
      Y.applyUpdate(stored, storedState(server.deps.db, documentId));
      expect(stored.getMap('meta').get('intruder')).toBeUndefined();
    } finally {
      setPhase('draft');
    }
    await waitFor(() => editor.access() === 'edit', 'edit access again');
  });
});
