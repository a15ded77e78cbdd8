import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MESSAGE_IDENTITY } from '../../shared/collaboration/protocol';
import { grantMembership } from '../../server/accounts/users';
import { TestAgent } from '../support/agent';
import { connectClient, waitFor, waitForSync, type TestClient } from '../support/collaboration';
import { startTestServer, type TestServer } from '../support/server';
import { navbahorStrategy } from './fixtures';

interface Identity {
  name: string;
  color: string;
  role: string;
  key?: string;
}

let server: TestServer;
let documentId: string;
const clients: TestClient[] = [];

/** A client that records the identities the server announces and shows itself present. */
async function join(agent: TestAgent) {
  const client = connectClient({ baseUrl: server.url, documentId, cookie: agent.cookieHeader });
  clients.push(client);
  const identities: Identity[] = [];
  client.provider.messageHandlers[MESSAGE_IDENTITY] = (_encoder, decoder) => {
    const identity = JSON.parse(decoding.readVarString(decoder)) as Identity;
    identities.push(identity);
    client.provider.awareness.setLocalStateField('user', identity);
  };
  client.provider.awareness.setLocalStateField('user', { name: 'anyone', color: '#000000' });
  await waitForSync(client);
  await waitFor(() => identities.length > 0, 'the identity');
  return { client, identities };
}

function userSeenBy(viewer: TestClient, other: TestClient): Identity | undefined {
  const state = viewer.provider.awareness.getStates().get(other.ydoc.clientID);
  return state?.user as Identity | undefined;
}

beforeAll(async () => {
  server = await startTestServer();
  ({ documentId } = await navbahorStrategy(server.url));
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

describe('presence identity', () => {
  test('one person has the same short key in every tab, and it is not their id', async () => {
    const alice = await new TestAgent(server.url).signIn('editor1@navbahor.example');
    const bob = await new TestAgent(server.url).signIn('editor2@navbahor.example');
    const aliceId = (await alice.get('/api/me')).body.user.id as string;

    const aliceTab1 = await join(alice);
    const aliceTab2 = await join(alice);
    const bobTab = await join(bob);

    const key = aliceTab1.identities[0]!.key!;
    expect(key).toMatch(/^[0-9a-f]{12}$/);
    expect(aliceId).not.toContain(key);
    expect(JSON.stringify(aliceTab1.identities)).not.toContain(aliceId);
    expect(aliceTab2.identities[0]!.key).toBe(key);
    expect(bobTab.identities[0]!.key).toMatch(/^[0-9a-f]{12}$/);
    expect(bobTab.identities[0]!.key).not.toBe(key);

    // The others see the key in the awareness state the server stamped.
    await waitFor(
      () => userSeenBy(bobTab.client, aliceTab2.client)?.key === key,
      'the key in awareness',
    );
  });

  test('a role changed while the document is open shows at once', async () => {
    const coordinator = await new TestAgent(server.url).signIn('coordinator@navbahor.example');
    const editor = await new TestAgent(server.url).signIn('editor2@navbahor.example');
    const watcher = await join(coordinator);
    const { client, identities } = await join(editor);
    const editorId = (await editor.get('/api/me')).body.user.id as string;
    await waitFor(
      () => userSeenBy(watcher.client, client)?.role === 'editor',
      'the editor role in awareness',
    );

    // Coordinators give roles by invitation; the store does here what accepting one does.
    grantMembership(server.deps.db, {
      userId: editorId,
      territoryCode: 'UZ-FA-FC-NAV',
      role: 'expert',
    });
    server.deps.collaboration.refreshAccess({ userId: editorId });
    expect(identities.at(-1)?.role).toBe('editor');
    const removed = await coordinator.delete(
      `/api/territories/UZ-FA-FC-NAV/members/${editorId}/editor`,
    );
    expect(removed.status).toBe(204);

    await waitFor(() => identities.at(-1)?.role === 'expert', 'the new identity');
    await waitFor(
      () => userSeenBy(watcher.client, client)?.role === 'expert',
      'the expert role in awareness',
    );
    expect(client.access()).toBe('read');
  });
});
