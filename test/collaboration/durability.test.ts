import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

async function start(databasePath: string, port: number): Promise<ServerProcess> {
  const server = await spawnServer({ databasePath, port });
  running.push(server);
  return server;
}

async function crash(server: ServerProcess): Promise<void> {
  await server.kill();
  running.splice(running.indexOf(server), 1);
}

function freshDatabasePath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'birga-durability-')), 'birga.sqlite');
}

function connect(url: string, documentId: string, cookie: string): TestClient {
  const client = connectClient({ baseUrl: url, documentId, cookie });
  clients.push(client);
  return client;
}

function markers(ydoc: Y.Doc): string[] {
  return [...ydoc.getMap<string>('markers').keys()];
}

describe('durability across kill -9', () => {
  test('every edit a second client has received survives kill -9 and restart', async () => {
    const databasePath = freshDatabasePath();
    const port = await freePort();
    let server = await start(databasePath, port);
    const { documentId } = await navbahorStrategy(server.url);
    const writerCookie = await signedInCookie(server.url, 'editor1@navbahor.example');
    const readerCookie = await signedInCookie(server.url, 'editor2@navbahor.example');
    const writer = connect(server.url, documentId, writerCookie);
    const reader = connect(server.url, documentId, readerCookie);
    await waitForSync(writer);
    await waitForSync(reader);

    // The writer keeps editing; the server dies in the middle of the stream.
    let written = 0;
    const stream = setInterval(() => {
      writer.ydoc.getMap<string>('markers').set(`edit-${written}`, 'x');
      written += 1;
    }, 2);
    await waitFor(() => markers(reader.ydoc).length >= 40, 'the reader to receive edits');
    await crash(server);
    clearInterval(stream);
    const seenByReader = markers(reader.ydoc);
    expect(seenByReader.length).toBeGreaterThanOrEqual(40);

    reader.provider.disconnect();
    writer.provider.disconnect();
    server = await start(databasePath, port);
    const fresh = connect(server.url, documentId, readerCookie);
    await waitForSync(fresh);
    const survived = new Set(markers(fresh.ydoc));
    expect(seenByReader.filter((key) => !survived.has(key))).toEqual([]);
  });

  test('three restarts while a client stays connected leave the text exactly once', async () => {
    const databasePath = freshDatabasePath();
    const port = await freePort();
    let server = await start(databasePath, port);
    const { documentId } = await navbahorStrategy(server.url);
    const cookie = await signedInCookie(server.url, 'editor1@navbahor.example');
    const client = connect(server.url, documentId, cookie);
    await waitForSync(client);

    const vision = () => client.ydoc.getXmlFragment('vision:en');
    const firstText = () => (vision().get(0) as Y.XmlElement).get(0) as Y.XmlText;
    firstText().insert(0, 'Exactly once. ');

    for (let restart = 1; restart <= 3; restart += 1) {
      await crash(server);
      // Typed while the server is down: it must arrive once, after the reconnect.
      firstText().insert(0, `Offline ${restart}. `);
      server = await start(databasePath, port);
      await waitFor(
        () => client.provider.wsconnected && client.provider.synced,
        'the reconnect',
        15_000,
      );
    }
    const expected = client.ydoc.getXmlFragment('vision:en').toString();
    expect(expected.match(/Exactly once\./g)).toHaveLength(1);

    const cookieReader = await signedInCookie(server.url, 'editor2@navbahor.example');
    const fresh = connect(server.url, documentId, cookieReader);
    await waitForSync(fresh);
    await waitFor(
      () => fresh.ydoc.getXmlFragment('vision:en').toString() === expected,
      'the restarted server to hold the text',
    );
    const text = fresh.ydoc.getXmlFragment('vision:en').toString();
    for (const phrase of ['Exactly once.', 'Offline 1.', 'Offline 2.', 'Offline 3.']) {
      expect(text.split(phrase)).toHaveLength(2);
    }
  });
});
