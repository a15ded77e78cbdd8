/**
 * Open time: a document with about 1 MB of typed history, opened by a fresh client while the
 * document is in memory, after the server unloaded it, and after a restart, timed until the client
 * holds the full text (a server may answer the first sync empty and send the content later).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { PERSISTENT_TARGETS, startTarget, type RunningTarget, type TargetName } from './targets';
import { SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE, Wire } from './wire';

const HISTORY_UPDATES = 2_000;
const INSERTS_PER_UPDATE = 10;
const INSERT_CHARACTERS = 50;
/** How long each server keeps a document nobody has open; Birga's default is 30 s. */
const UNLOAD_WAIT_MS: Partial<Record<TargetName, number>> = { birga: 32_000 };

interface Peer {
  ydoc: Y.Doc;
  socket: WebSocket;
  wire: Wire;
}

function connect(target: RunningTarget, ydoc = new Y.Doc()): Promise<Peer> {
  const wire = new Wire(target.framing, target.documents[0]!);
  const address =
    target.framing === 'hocuspocus' ? target.url : `${target.url}${wire.documentName}`;
  const headers: Record<string, string> = {};
  if (target.origin) headers.origin = target.origin;
  if (target.cookies) headers.cookie = target.cookies[0]!;
  const socket = new WebSocket(address, { headers, perMessageDeflate: false });
  socket.on('message', (data: Buffer) => {
    const sync = wire.readSync(new Uint8Array(data.buffer, data.byteOffset, data.length));
    if (!sync) return;
    if (sync.syncType === SYNC_STEP_1) {
      socket.send(wire.sync(SYNC_STEP_2, Y.encodeStateAsUpdate(ydoc, sync.payload)));
    } else Y.applyUpdate(ydoc, sync.payload, 'remote');
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => {
      for (const message of wire.opening(Y.encodeStateVector(ydoc))) socket.send(message);
      resolve({ ydoc, socket, wire });
    });
  });
}

async function waitForLength(ydoc: Y.Doc, length: number, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  while (ydoc.getText('bench').length < length) {
    if (performance.now() > deadline) throw new Error('the document did not arrive in full');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Milliseconds from opening a socket until the client holds the whole text. */
async function timedOpen(target: RunningTarget, length: number): Promise<number> {
  const startedAt = performance.now();
  const peer = await connect(target);
  await waitForLength(peer.ydoc, length);
  const elapsedMs = performance.now() - startedAt;
  peer.socket.close();
  peer.ydoc.destroy();
  return elapsedMs;
}

/** Types the history as many small updates, the way people write a long document. */
async function writeHistory(target: RunningTarget): Promise<{ length: number; bytes: number }> {
  const writer = await connect(target);
  const ytext = writer.ydoc.getText('bench');
  let bytes = 0;
  writer.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    bytes += update.length;
    writer.socket.send(writer.wire.sync(SYNC_UPDATE, update));
  });
  for (let update = 0; update < HISTORY_UPDATES; update += 1) {
    writer.ydoc.transact(() => {
      for (let insert = 0; insert < INSERTS_PER_UPDATE; insert += 1) {
        const position = Math.floor(Math.random() * (ytext.length + 1));
        ytext.insert(position, 'x'.repeat(INSERT_CHARACTERS - 1) + '\n');
      }
      if (update % 4 === 3) ytext.delete(Math.floor(Math.random() * (ytext.length - 60)), 40);
    });
    // Bounded pace, so that no server's rate limit or buffer decides the result.
    if (update % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const length = ytext.length;
  // The writer's last edit is acknowledged by a reader seeing the whole text.
  await timedOpen(target, length);
  writer.socket.close();
  return { length, bytes };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1]!;

export async function measureOpenTime(names: TargetName[]) {
  const results: Record<string, unknown> = {};
  for (const name of names) {
    const target = await startTarget(name, { documents: 1, clients: 2 });
    try {
      const holder = await connect(target);
      const { length, bytes } = await writeHistory(target);
      await waitForLength(holder.ydoc, length);
      const inMemory = [];
      for (let repeat = 0; repeat < 3; repeat += 1) inMemory.push(await timedOpen(target, length));
      holder.socket.close();

      const persistent = PERSISTENT_TARGETS.includes(name);
      let unloadedMs = NaN;
      const afterRestart = [];
      if (persistent) {
        await new Promise((resolve) => setTimeout(resolve, UNLOAD_WAIT_MS[name] ?? 3_000));
        unloadedMs = await timedOpen(target, length);
        for (let repeat = 0; repeat < 3; repeat += 1) {
          await target.stop();
          await target.restart();
          afterRestart.push(await timedOpen(target, length));
        }
      }
      results[name] = {
        historyBytes: bytes,
        textLength: length,
        inMemoryMs: median(inMemory),
        unloadedMs,
        afterRestartMs: afterRestart.length ? median(afterRestart) : NaN,
      };
      console.log(`open time · ${name}: ${JSON.stringify(results[name])}`);
    } catch (error) {
      results[name] = { error: String(error) };
      console.log(`open time · ${name}: ${String(error)}`);
    }
    await target.stop();
  }
  return results;
}
