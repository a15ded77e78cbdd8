import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLOSE_ACCESS_REVOKED, CLOSE_NOT_SIGNED_IN } from '../../shared/collaboration/protocol';
import { TestAgent } from '../support/agent';
import { openRawSocket, upgradeStatus } from '../support/collaboration';
import { startTestServer, type TestServer } from '../support/server';
import { navbahorStrategy } from './fixtures';

let server: TestServer;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ documentId } = await navbahorStrategy(server.url));
});

afterAll(async () => {
  await server.close();
});

describe('sockets follow the session and the role', () => {
  test('logging out closes that session’s sockets, and its old cookie is refused', async () => {
    const agent = await new TestAgent(server.url).signIn('editor1@navbahor.example');
    const cookie = agent.cookieHeader;
    const socket = openRawSocket({ baseUrl: server.url, documentId, cookie });
    await socket.opened;

    expect((await agent.delete('/api/session')).status).toBeLessThan(300);
    expect((await socket.closed).code).toBe(CLOSE_NOT_SIGNED_IN);
    expect(await upgradeStatus({ baseUrl: server.url, documentId, cookie })).toBe(401);
  });

  test('losing the role closes the socket of that person only', async () => {
    const coordinator = await new TestAgent(server.url).signIn('coordinator@navbahor.example');
    const editor = await new TestAgent(server.url).signIn('editor2@navbahor.example');
    const expert = await new TestAgent(server.url).signIn('expert@navbahor.example');
    const editorSocket = openRawSocket({
      baseUrl: server.url,
      documentId,
      cookie: editor.cookieHeader,
    });
    const expertSocket = openRawSocket({
      baseUrl: server.url,
      documentId,
      cookie: expert.cookieHeader,
    });
    await Promise.all([editorSocket.opened, expertSocket.opened]);

    const me = await editor.get('/api/me');
    const removed = await coordinator.delete(
      `/api/territories/UZ-FA-FC-NAV/members/${me.body.user.id}/editor`,
    );
    expect(removed.status).toBeLessThan(300);
    expect((await editorSocket.closed).code).toBe(CLOSE_ACCESS_REVOKED);

    // The expert's socket is still open and answered.
    expect(expertSocket.socket.readyState).toBe(expertSocket.socket.OPEN);
    expertSocket.socket.close();
  });
});
