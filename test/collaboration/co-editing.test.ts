import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readStrategyJson } from '../../shared/strategy/document';
import { startTestServer, type TestServer } from '../support/server';
import { connectClient, waitFor, waitForSync, type TestClient } from '../support/collaboration';
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

async function editor(email: string): Promise<TestClient> {
  const cookie = await signedInCookie(server.url, email);
  const client = connectClient({ baseUrl: server.url, documentId, cookie });
  clients.push(client);
  await waitForSync(client);
  return client;
}

function goalTitle(ydoc: Y.Doc, key: string): Y.Text {
  const goal = ydoc.getMap<Y.Map<unknown>>('goals').get(key)!;
  return (goal.get('title') as Y.Map<Y.Text>).get('en')!;
}

describe('two editors co-editing', () => {
  test('receive the demo strategy on connecting, with edit rights', async () => {
    const client = await editor('editor1@navbahor.example');
    await waitFor(() => client.access() === 'edit', 'the access message');
    expect(readStrategyJson(client.ydoc).goals.map((goal) => goal.key)).toEqual(['G1', 'G2', 'G3']);
  });

  test('converge on concurrent edits to the same paragraph', async () => {
    const first = await editor('editor1@navbahor.example');
    const second = await editor('editor2@navbahor.example');

    // Both type at the same spot before either hears of the other.
    typeIntoVision(first.ydoc, 'AAA ');
    typeIntoVision(second.ydoc, 'BBB ');
    const converged = () =>
      first.ydoc.getXmlFragment('vision:en').toString() ===
      second.ydoc.getXmlFragment('vision:en').toString();
    await waitFor(converged, 'both editors to hold the same vision');

    const text = first.ydoc.getXmlFragment('vision:en').toString();
    expect(text).toContain('AAA ');
    expect(text).toContain('BBB ');
    expect(text.match(/AAA /g)).toHaveLength(1);
    // Each edit reached the other editor only after its commit, so the store already holds both.
    const stored = docFrom(storedState(server.deps.db, documentId));
    expect(readStrategyJson(stored).vision).toEqual(readStrategyJson(first.ydoc).vision);
  });

  test('converge on concurrent edits to different goals', async () => {
    const first = await editor('editor1@navbahor.example');
    const second = await editor('editor2@navbahor.example');

    goalTitle(first.ydoc, 'G1').insert(0, 'Urgent: ');
    goalTitle(second.ydoc, 'G3').insert(0, 'Pilot: ');

    await waitFor(
      () =>
        goalTitle(first.ydoc, 'G3').toString().startsWith('Pilot: ') &&
        goalTitle(second.ydoc, 'G1').toString().startsWith('Urgent: '),
      'each editor to see the other goal edit',
    );
    expect(readStrategyJson(first.ydoc).goals).toEqual(readStrategyJson(second.ydoc).goals);
  });
});

function docFrom(state: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  return ydoc;
}
