import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLOSE_RATE_LIMITED } from '../../shared/collaboration/protocol';
import { connectClient, waitFor, waitForSync, type TestClient } from '../support/collaboration';
import { startTestServer, type TestServer } from '../support/server';
import { navbahorStrategy, signedInCookie } from './fixtures';

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

describe('presence in a busy room', () => {
  test('twenty people moving their carets five times a second are not throttled', async () => {
    const { documentId } = await navbahorStrategy(server.url);
    const cookie = await signedInCookie(server.url, 'editor1@navbahor.example');
    for (let index = 0; index < 20; index += 1) {
      clients.push(connectClient({ baseUrl: server.url, documentId, cookie }));
    }
    await Promise.all(clients.map((client) => waitForSync(client)));

    // Every client echoes each presence change it receives (y-websocket does), so each socket
    // sends about 100 presence messages a second here: 5 of its own and 95 echoes, past the
    // budget of 40 a second that its own changes must keep to.
    let round = 0;
    const moving = setInterval(() => {
      round += 1;
      for (const client of clients) client.provider.awareness.setLocalStateField('caret', round);
    }, 200);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    clearInterval(moving);

    const last = round;
    await waitFor(
      () =>
        clients.every((viewer) =>
          clients.every(
            (other) =>
              viewer.provider.awareness.getStates().get(other.ydoc.clientID)?.caret === last,
          ),
        ),
      'everyone to see everyone at the last position',
    );
    expect(clients.flatMap((client) => client.closeCodes)).not.toContain(CLOSE_RATE_LIMITED);
    expect(clients.flatMap((client) => client.closeCodes)).toEqual([]);
  });
});
