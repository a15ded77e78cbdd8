import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { afterEach, describe, expect, test } from 'vitest';
import { connectClient, waitFor, waitForSync, type TestClient } from '../support/collaboration';
import { freePort, spawnServer, type ServerProcess } from '../support/process';
import { navbahorStrategy, signedInCookie } from './fixtures';

const running: ServerProcess[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of running.splice(0)) await server.kill();
});

const EDITORS = [
  'editor1@navbahor.example',
  'editor2@navbahor.example',
  'coordinator@navbahor.example',
];

function paragraph(ydoc: Y.Doc): Y.XmlText {
  const fragment = ydoc.getXmlFragment('vision:en');
  return (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The markers in a text, each `[<editor>.<edit>]`, in order. */
function markers(ydoc: Y.Doc): string[] {
  return (
    paragraph(ydoc)
      .toString()
      .match(/\[\d+\.\d+\]/g) ?? []
  );
}

describe('several editors typing through a kill -9', () => {
  test('lose nothing a peer received and converge to one text with every edit once', async () => {
    const databasePath = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'birga-convergence-')),
      'birga.sqlite',
    );
    const port = await freePort();
    let server = await spawnServer({ databasePath, port });
    running.push(server);
    const { documentId } = await navbahorStrategy(server.url);
    const editors: TestClient[] = [];
    for (const email of EDITORS) {
      const cookie = await signedInCookie(server.url, email);
      const client = connectClient({ baseUrl: server.url, documentId, cookie });
      clients.push(client);
      editors.push(client);
      await waitForSync(client);
    }

    // Random positions from a fixed seed, so that a failure can be replayed.
    const random = prng.create(20_270);
    const typed = editors.map(() => 0);
    const type = () => {
      const index = prng.int32(random, 0, editors.length - 1);
      const ytext = paragraph(editors[index]!.ydoc);
      const text = ytext.toString();
      // Between two markers or at either end, so that no edit splits another.
      const boundaries = [0, ...[...text.matchAll(/\]/g)].map((match) => match.index + 1)];
      ytext.insert(
        boundaries[prng.int32(random, 0, boundaries.length - 1)]!,
        `[${index}.${typed[index]}]`,
      );
      typed[index] = typed[index]! + 1;
    };
    const stream = setInterval(type, 3);
    await waitFor(() => markers(editors[0]!.ydoc).length >= 60, 'edits to flow', 10_000);

    // Whatever one editor holds from another editor was broadcast, hence committed.
    await server.kill();
    running.splice(running.indexOf(server), 1);
    clearInterval(stream);
    const receivedFromPeers = editors.flatMap((client, index) =>
      markers(client.ydoc).filter((marker) => !marker.startsWith(`[${index}.`)),
    );
    expect(receivedFromPeers.length).toBeGreaterThan(40);

    server = await spawnServer({ databasePath, port });
    running.push(server);
    const reader = connectClient({
      baseUrl: server.url,
      documentId,
      cookie: await signedInCookie(server.url, 'editor2@navbahor.example'),
    });
    clients.push(reader);
    await waitForSync(reader);
    const stored = new Set(markers(reader.ydoc));
    expect(receivedFromPeers.filter((marker) => !stored.has(marker))).toEqual([]);

    // The editors reconnect by themselves and send what the server never got.
    const everyEdit = typed.flatMap((count, index) =>
      Array.from({ length: count }, (_, edit) => `[${index}.${edit}]`),
    );
    const text = (client: TestClient) => paragraph(client.ydoc).toString();
    await waitFor(
      () =>
        [...editors, reader].every(
          (client) =>
            text(client) === text(reader) && markers(client.ydoc).length === everyEdit.length,
        ),
      'every editor and the reader to converge',
      15_000,
    );
    expect([...markers(reader.ydoc)].sort()).toEqual([...everyEdit].sort());
  });
});
