/**
 * The servers under test, each started as its own process on loopback with its data in a folder
 * on disk, and stopped by its process id.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Framing } from './wire';

export const benchRoot = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(benchRoot, '..');

export type TargetName =
  | 'birga'
  | 'y-websocket-server'
  | 'y-websocket-server+leveldb'
  | 'hocuspocus'
  | 'hocuspocus+sqlite'
  | 'relay';

const ALL_TARGETS: TargetName[] = [
  'birga',
  'y-websocket-server',
  'y-websocket-server+leveldb',
  'hocuspocus',
  'hocuspocus+sqlite',
  'relay',
];

/** BENCH_TARGETS=birga,hocuspocus narrows a run to some servers, for a quick comparison. */
const chosenTargets = process.env.BENCH_TARGETS?.split(',').map((name) => name.trim());
for (const name of chosenTargets ?? []) {
  if (!ALL_TARGETS.includes(name as TargetName)) throw new Error(`unknown target ${name}`);
}

export const TARGETS = ALL_TARGETS.filter((name) => !chosenTargets || chosenTargets.includes(name));

export const PERSISTENT_TARGETS: TargetName[] = [
  'birga',
  'y-websocket-server+leveldb',
  'hocuspocus+sqlite',
].filter((name) => TARGETS.includes(name as TargetName)) as TargetName[];

/**
 * Every process this run started, so that none outlives it: a run stopped with Ctrl-C or by its
 * own time limit must not leave servers holding ports and CPU on a shared machine.
 */
const liveChildren = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return child;
}

process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => process.exit(130));
}

/** The data folders this run created; only these are removed at its end. */
const createdDataDirs: string[] = [];

export function removeCreatedDataDirs(): void {
  for (const dir of createdDataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface Workload {
  documents: number;
  clients: number;
}

export interface RunningTarget {
  name: TargetName;
  pid: number;
  url: string;
  framing: Framing;
  relay: boolean;
  origin?: string;
  documents: string[];
  cookies?: string[];
  /** SIGTERM, then SIGKILL if it has not stopped within 10 s; answers its output. */
  stop(): Promise<string>;
  kill(): Promise<void>;
  /** Starts the same server again on the same data and port. */
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`server did not listen within 60 s:\n${output()}`);
}

interface Launch {
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

function launchFor(name: TargetName, port: number, dataDir: string): Launch {
  const node = ['--import', 'tsx'];
  // BENCH_CPU_PROF=<folder> writes a V8 CPU profile of each Birga process when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`]
    : [];
  const env = { HOST: '127.0.0.1', PORT: String(port) };
  const ywss = path.join(benchRoot, 'node_modules', '@y', 'websocket-server', 'src', 'server.js');
  switch (name) {
    case 'birga':
      return {
        args: [...profile, ...node, path.join(repositoryRoot, 'server', 'main.ts')],
        cwd: repositoryRoot,
        env: {
          ...env,
          NODE_ENV: 'production',
          BIRGA_DB: path.join(dataDir, 'birga.sqlite'),
          BIRGA_SEED: 'none',
          // Info is the level a deployment runs at; it also prints the commit figures at stop.
          LOG_LEVEL: 'info',
          BIRGA_RATE_LIMIT_FACTOR: '10',
        },
      };
    case 'y-websocket-server':
      return { args: [ywss], cwd: benchRoot, env };
    case 'y-websocket-server+leveldb':
      return { args: [ywss], cwd: benchRoot, env: { ...env, YPERSISTENCE: dataDir } };
    case 'hocuspocus':
      return { args: [...node, 'servers/hocuspocus.ts'], cwd: benchRoot, env };
    case 'hocuspocus+sqlite':
      return {
        args: [...node, 'servers/hocuspocus.ts'],
        cwd: benchRoot,
        env: { ...env, BENCH_SQLITE: path.join(dataDir, 'hocuspocus.sqlite') },
      };
    case 'relay':
      return { args: [...node, 'servers/relay.ts'], cwd: benchRoot, env };
  }
}

function seedBirga(dataDir: string, workload: Workload) {
  const out = path.join(dataDir, 'seed.json');
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'birga-seed.ts',
      path.join(dataDir, 'birga.sqlite'),
      String(workload.documents),
      String(workload.clients),
      out,
    ],
    { cwd: benchRoot, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) throw new Error(`seeding Birga failed:\n${result.stderr}`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as { documents: string[]; cookies: string[] };
}

/** A fresh data folder on the machine's disk (bench/data, never a memory file system). */
export function freshDataDir(label: string): string {
  const parent = path.join(benchRoot, 'data');
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, `${label.replace(/[^a-z0-9]+/gi, '-')}-`));
  createdDataDirs.push(dir);
  return dir;
}

export async function startTarget(
  name: TargetName,
  workload: Workload,
  dataDir = freshDataDir(name),
): Promise<RunningTarget> {
  const port = await freePort();
  const seeded = name === 'birga' ? seedBirga(dataDir, workload) : null;
  const launch = launchFor(name, port, dataDir);

  let child!: ChildProcess;
  let output = '';
  const spawnChild = async () => {
    output = '';
    child = track(
      spawn(process.execPath, launch.args, {
        cwd: launch.cwd,
        env: { PATH: process.env.PATH ?? '', ...launch.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-200_000)));
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-200_000)));
    await waitForPort(port, child, () => output);
  };
  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await spawnChild();

  const documents =
    seeded?.documents ?? Array.from({ length: workload.documents }, (_, index) => `doc-${index}`);
  const running: RunningTarget = {
    name,
    get pid() {
      return child.pid!;
    },
    url:
      name === 'birga'
        ? `ws://127.0.0.1:${port}/collab/`
        : name === 'hocuspocus' || name === 'hocuspocus+sqlite'
          ? `ws://127.0.0.1:${port}`
          : `ws://127.0.0.1:${port}/`,
    framing: name.startsWith('hocuspocus') ? 'hocuspocus' : 'y-websocket',
    relay: name === 'relay',
    origin: name === 'birga' ? `http://localhost:${port}` : undefined,
    documents,
    cookies: seeded?.cookies,
    async stop() {
      const gone = exited();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
      return output;
    },
    async kill() {
      const gone = exited();
      child.kill('SIGKILL');
      await gone;
    },
    async restart() {
      await spawnChild();
    },
  };
  return running;
}
