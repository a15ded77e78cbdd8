/**
 * The co-editing load generator, run as its own process so that its CPU is not the server's.
 * N clients over D documents insert small text at a fixed rate; one client per document is a full
 * Y.Doc that applies everything and checks the text, the others are light: they keep only their
 * own edits and time what arrives from the update's header.
 * Usage: loadgen.ts <plan.json> <out.json>
 */
import fs from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { PeakMemory, cpuSeconds, residentBytes, summarize } from './process-stats';
import { SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE, Wire, updateOrigin, type Framing } from './wire';

export interface LoadStep {
  ratePerClient: number;
  seconds: number;
}

export interface LoadPlan {
  mode: 'load' | 'read';
  framing: Framing;
  /** A relay knows no Yjs: clients skip the sync handshake and count as synced once open. */
  relay: boolean;
  /** ws://host:port/prefix; the document's name is appended for y-websocket framing. */
  url: string;
  documents: string[];
  clientsPerDocument: number;
  /** One Cookie header per client, in client order, when the server wants a session. */
  cookies?: string[];
  origin?: string;
  steps: LoadStep[];
  /** A ramp stops after the first step whose p99 edit-to-peer latency passes this. */
  stopAboveP99Ms?: number;
  serverPid: number;
  drainMs: number;
  settleMs: number;
  /** Whether a fresh client reads every document back from the server after the load. */
  freshRead: boolean;
}

const TEXT_NAME = 'bench';
const REMOTE = 'remote';

interface EditRecord {
  sentAt: number;
  step: number;
  expected: number;
  received: number;
}

class Tally {
  readonly edits = new Map<string, EditRecord>();
  readonly peerMs: number[][] = [];
  readonly fullMs: number[][] = [];
  deliveries: number[] = [];
  sent: number[] = [];
  step = 0;

  sentEdit(client: number, clock: number, expected: number): void {
    this.edits.set(`${client}:${clock}`, {
      sentAt: performance.now(),
      step: this.step,
      expected,
      received: 0,
    });
    this.sent[this.step] = (this.sent[this.step] ?? 0) + 1;
  }

  delivered(client: number, clock: number): void {
    const edit = this.edits.get(`${client}:${clock}`);
    if (!edit) return;
    const latencyMs = performance.now() - edit.sentAt;
    edit.received += 1;
    (this.peerMs[edit.step] ??= []).push(latencyMs);
    this.deliveries[edit.step] = (this.deliveries[edit.step] ?? 0) + 1;
    if (edit.received === edit.expected) (this.fullMs[edit.step] ??= []).push(latencyMs);
  }

  outstanding(): number {
    let missing = 0;
    for (const edit of this.edits.values()) if (edit.received < edit.expected) missing += 1;
    return missing;
  }
}

class BenchClient {
  readonly ydoc = new Y.Doc();
  readonly wire: Wire;
  socket!: WebSocket;
  synced = false;
  received = 0;
  edits = 0;

  constructor(
    readonly index: number,
    readonly documentIndex: number,
    readonly full: boolean,
    private readonly plan: LoadPlan,
    private readonly tally: Tally,
  ) {
    this.wire = new Wire(plan.framing, plan.documents[documentIndex]!);
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE && this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(this.wire.sync(SYNC_UPDATE, update));
      }
    });
  }

  connect(): Promise<void> {
    const plan = this.plan;
    const address =
      plan.framing === 'hocuspocus' ? plan.url : `${plan.url}${this.wire.documentName}`;
    const headers: Record<string, string> = {};
    if (plan.origin) headers.origin = plan.origin;
    const cookie = plan.cookies?.[this.index];
    if (cookie) headers.cookie = cookie;
    this.socket = new WebSocket(address, { headers, perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('message', (data: Buffer) => this.receive(data));

    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.once('open', () => {
        if (plan.relay) {
          this.synced = true;
          return resolve();
        }
        for (const message of this.wire.opening(Y.encodeStateVector(this.ydoc))) {
          this.socket.send(message);
        }
        resolve();
      });
    });
  }

  private receive(data: Buffer): void {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.length);
    let sync;
    try {
      sync = this.wire.readSync(bytes);
    } catch {
      return;
    }
    if (!sync) return;
    if (sync.syncType === SYNC_STEP_1) {
      const update = Y.encodeStateAsUpdate(this.ydoc, sync.payload);
      this.socket.send(this.wire.sync(SYNC_STEP_2, update));
      return;
    }
    if (sync.syncType === SYNC_STEP_2) {
      if (this.full || this.plan.mode === 'read') Y.applyUpdate(this.ydoc, sync.payload, REMOTE);
      this.synced = true;
      return;
    }
    const origin = updateOrigin(sync.payload);
    // The reference server echoes an update to its sender as well; that is not a delivery.
    if (!origin || origin.client === this.ydoc.clientID) return;
    this.received += 1;
    this.tally.delivered(origin.client, origin.clock);
    if (this.full) Y.applyUpdate(this.ydoc, sync.payload, REMOTE);
  }

  edit(peers: number): void {
    const ytext = this.ydoc.getText(TEXT_NAME);
    const clock = Y.getState(this.ydoc.store, this.ydoc.clientID);
    this.tally.sentEdit(this.ydoc.clientID, clock, peers);
    const position = this.full ? randomBoundary(ytext.toString()) : ytext.length;
    ytext.insert(position, `c${this.index}e${this.edits}|`);
    this.edits += 1;
  }
}

/** A random place between two markers, so that no edit splits another. */
function randomBoundary(text: string): number {
  const boundaries = [0];
  for (let index = text.indexOf('|'); index >= 0; index = text.indexOf('|', index + 1)) {
    boundaries.push(index + 1);
  }
  return boundaries[Math.floor(Math.random() * boundaries.length)]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

async function connectAll(clients: BenchClient[], concurrency = 50): Promise<void> {
  for (let start = 0; start < clients.length; start += concurrency) {
    await Promise.all(clients.slice(start, start + concurrency).map((client) => client.connect()));
  }
  const synced = await waitUntil(() => clients.every((client) => client.synced), 60_000);
  if (!synced) throw new Error('not every client synced within 60 s');
}

async function runStep(clients: BenchClient[], step: LoadStep, peers: number): Promise<void> {
  const intervalMs = 1000 / step.ratePerClient;
  const timers: NodeJS.Timeout[] = [];
  const starters = clients.map((client) =>
    setTimeout(() => {
      client.edit(peers);
      timers.push(setInterval(() => client.edit(peers), intervalMs));
    }, Math.random() * intervalMs),
  );
  await sleep(step.seconds * 1000);
  for (const timer of starters) clearTimeout(timer);
  for (const timer of timers) clearInterval(timer);
}

/** Every marker that was typed, and whether the full client's text holds each exactly once. */
function checkDocument(full: BenchClient, members: BenchClient[]) {
  const text = full.ydoc.getText(TEXT_NAME).toString();
  const pieces = text.split('|').filter(Boolean);
  const counted = new Map<string, number>();
  for (const piece of pieces) counted.set(piece, (counted.get(piece) ?? 0) + 1);
  let missing = 0;
  let duplicated = 0;
  for (const client of members) {
    for (let edit = 0; edit < client.edits; edit += 1) {
      const times = counted.get(`c${client.index}e${edit}`) ?? 0;
      if (times === 0) missing += 1;
      if (times > 1) duplicated += 1;
    }
  }
  const typed = members.reduce((sum, client) => sum + client.edits, 0);
  const everyPeerGotEverything = members.every(
    (client) => client.received === typed - client.edits,
  );
  return { text, missing, duplicated, everyPeerGotEverything };
}

/** A fresh client's read of every document: its text and its state vector. */
async function readDocuments(plan: LoadPlan) {
  const tally = new Tally();
  const readers = plan.documents.map(
    (_name, documentIndex) => new BenchClient(0, documentIndex, true, plan, tally),
  );
  const startedAt = performance.now();
  await connectAll(readers);
  const readMs = performance.now() - startedAt;
  const documents = readers.map((reader) => ({
    text: reader.ydoc.getText(TEXT_NAME).toString(),
    stateVector: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(reader.ydoc))),
  }));
  for (const reader of readers) reader.socket.close();
  return { readMs, documents };
}

async function runLoad(plan: LoadPlan) {
  const tally = new Tally();
  const clients: BenchClient[] = [];
  plan.documents.forEach((_name, documentIndex) => {
    for (let member = 0; member < plan.clientsPerDocument; member += 1) {
      const index = clients.length;
      clients.push(new BenchClient(index, documentIndex, member === 0, plan, tally));
    }
  });
  const peers = plan.clientsPerDocument - 1;
  const pid = plan.serverPid;

  // Loading a document is not the price of a connection: the full clients open every document
  // first, then the light clients' cost is measured on its own.
  const idleBytes = residentBytes(pid);
  await connectAll(clients.filter((client) => client.full));
  await sleep(plan.settleMs);
  const loadedBytes = residentBytes(pid);
  const light = clients.filter((client) => !client.full);
  await connectAll(light);
  await sleep(plan.settleMs);
  const connectedBytes = residentBytes(pid);

  // A short warm-up at the first rate lets every server's JIT settle; its figures are dropped.
  tally.step = plan.steps.length;
  await runStep(clients, { ...plan.steps[0]!, seconds: 2 }, peers);
  await waitUntil(() => tally.outstanding() === 0, 2_000);

  // The orchestrator of a durability run waits for this line to pick its moment.
  console.log('editing');
  const peak = new PeakMemory(pid);
  const steps = [];
  for (const [stepIndex, step] of plan.steps.entries()) {
    tally.step = stepIndex;
    const serverCpuBefore = cpuSeconds(pid);
    const ownCpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    await runStep(clients, step, peers);
    const last = stepIndex === plan.steps.length - 1;
    // The step's own edits may still be in flight; a ramp lets them land before judging it.
    await waitUntil(() => tally.outstanding() === 0, last ? plan.drainMs : 1_000);
    const elapsedS = (performance.now() - startedAt) / 1000;
    let serverCpuS = NaN;
    try {
      serverCpuS = cpuSeconds(pid) - serverCpuBefore;
    } catch {
      // The server was killed mid-run on purpose.
    }
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const edits = tally.sent[stepIndex] ?? 0;
    const peer = summarize(tally.peerMs[stepIndex] ?? []);
    steps.push({
      ratePerClient: step.ratePerClient,
      editsPerSecond: edits / step.seconds,
      edits,
      deliveries: tally.deliveries[stepIndex] ?? 0,
      deliveriesPerSecond: (tally.deliveries[stepIndex] ?? 0) / elapsedS,
      peerMs: peer,
      fullMs: summarize(tally.fullMs[stepIndex] ?? []),
      serverCpuS,
      serverCpuPerEditUs: (serverCpuS / edits) * 1e6,
      generatorCpuS: (ownCpu.user + ownCpu.system) / 1e6,
      generatorCpuShare: (ownCpu.user + ownCpu.system) / 1e6 / elapsedS,
    });
    if (plan.stopAboveP99Ms !== undefined && peer.p99 > plan.stopAboveP99Ms) break;
  }
  const peakBytes = peak.stop();

  const checks = plan.documents.map((_name, documentIndex) => {
    const members = clients.filter((client) => client.documentIndex === documentIndex);
    return checkDocument(members[0]!, members);
  });
  // What any peer received, per author: the durability run checks these against the store.
  const receivedClocks: Record<string, Record<number, number[]>> = {};
  const authors = new Map(clients.map((client) => [client.ydoc.clientID, client]));
  for (const [key, edit] of tally.edits) {
    if (edit.received === 0) continue;
    const [client, clock] = key.split(':').map(Number) as [number, number];
    const author = authors.get(client)!;
    const document = plan.documents[author.documentIndex]!;
    const perDocument = (receivedClocks[document] ??= {});
    (perDocument[client] ??= []).push(clock);
  }

  // Read while the load's clients are still there: servers without storage forget a document
  // once its last client leaves.
  let freshRead = null;
  if (!plan.relay && plan.freshRead) {
    try {
      const read = await readDocuments(plan);
      freshRead = {
        readMs: read.readMs,
        matches: read.documents.filter((document, index) => document.text === checks[index]!.text)
          .length,
      };
    } catch (error) {
      freshRead = { error: String(error) };
    }
  }
  for (const client of clients) client.socket.close();

  return {
    clients: clients.length,
    documents: plan.documents.length,
    idleBytes,
    connectedBytes,
    peakBytes,
    loadedBytes,
    bytesPerConnection: (connectedBytes - loadedBytes) / Math.max(1, light.length),
    steps,
    convergence: {
      documents: checks.length,
      missingEdits: checks.reduce((sum, check) => sum + check.missing, 0),
      duplicatedEdits: checks.reduce((sum, check) => sum + check.duplicated, 0),
      everyPeerGotEverything: checks.every((check) => check.everyPeerGotEverything),
    },
    freshRead,
    receivedClocks,
  };
}

const [planPath, outPath] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(planPath!, 'utf8')) as LoadPlan;
// Whatever happens, the generator stops by itself.
const totalSeconds = plan.steps.reduce((sum, step) => sum + step.seconds, 0);
setTimeout(
  () => {
    console.error('load generator ran past its time limit');
    process.exit(2);
  },
  (totalSeconds + 180) * 1000,
).unref();

const result = plan.mode === 'read' ? await readDocuments(plan) : await runLoad(plan);
fs.writeFileSync(outPath!, JSON.stringify(result));
process.exit(0);
