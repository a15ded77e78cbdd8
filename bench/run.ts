/**
 * The benchmark: every scenario against every server in one run, servers taking turns across
 * repetitions because the machine is shared and noisy. Writes bench/results/<time>.json and .md.
 * Usage: run.ts all, or a comma-separated list of small, medium, ramp, open, durability,
 * participation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planFor, runGenerator } from './load-run';
import { measureOpenTime } from './open-time';
import { runParticipation } from './participation';
import { renderReport } from './report';
import {
  PERSISTENT_TARGETS,
  TARGETS,
  benchRoot,
  freshDataDir,
  removeCreatedDataDirs,
  startTarget,
  type TargetName,
} from './targets';

interface LoadScenario {
  name: string;
  clients: number;
  documents: number;
  steps: { ratePerClient: number; seconds: number }[];
  repetitions: number;
  stopAboveP99Ms?: number;
}

const LOAD_SCENARIOS: Record<string, LoadScenario> = {
  small: {
    name: '200 clients / 20 documents / 2 edits/s',
    clients: 200,
    documents: 20,
    steps: [{ ratePerClient: 2, seconds: 10 }],
    repetitions: 3,
  },
  medium: {
    name: '1000 clients / 100 documents / 1 edit/s',
    clients: 1000,
    documents: 100,
    steps: [{ ratePerClient: 1, seconds: 10 }],
    repetitions: 3,
  },
  ramp: {
    name: 'ramp: 200 clients / 20 documents, rate raised until p99 > 50 ms',
    clients: 200,
    documents: 20,
    // From 800 to 10,000 edits/s; every server keeps p99 far below 50 ms under 800.
    steps: [4, 8, 12, 16, 20, 25, 30, 40, 50].map((ratePerClient) => ({
      ratePerClient,
      seconds: 4,
    })),
    repetitions: 1,
    stopAboveP99Ms: 50,
  },
};

const DURABILITY_RUNS: Partial<Record<TargetName, number>> = {
  birga: 20,
  'y-websocket-server+leveldb': 3,
  'hocuspocus+sqlite': 3,
};

const median = (values: number[]) => {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
};

/** Each repetition starts with the next server in turn, so none always runs first or last. */
function turnOrder(repetition: number): TargetName[] {
  const shift = repetition % TARGETS.length;
  return [...TARGETS.slice(shift), ...TARGETS.slice(0, shift)];
}

async function runLoadScenario(scenario: LoadScenario, workDir: string) {
  const runs: Record<string, unknown[]> = {};
  for (let repetition = 0; repetition < scenario.repetitions; repetition += 1) {
    for (const name of turnOrder(repetition)) {
      const loadAverage = os.loadavg()[0];
      const target = await startTarget(name, scenario);
      const options = {
        clientsPerDocument: scenario.clients / scenario.documents,
        steps: scenario.steps,
        stopAboveP99Ms: scenario.stopAboveP99Ms,
      };
      let result: Record<string, unknown>;
      try {
        result = await runGenerator(planFor(target, options, 'load'), workDir);
        delete result.receivedClocks;
      } catch (error) {
        result = { error: String(error) };
      }
      const output = await target.stop();
      // Other work on this shared machine shows here; a busy minute explains an outlier.
      result.loadAverage = loadAverage;
      if (name === 'birga') result.commitStats = commitStatistics(output);
      console.log(`${scenario.name} · ${name} · run ${repetition + 1}: ${brief(result)}`);
      (runs[name] ??= []).push(result);
    }
  }
  return { scenario, runs };
}

function commitStatistics(output: string) {
  const line = output.split('\n').find((entry) => entry.includes('"commit statistics"'));
  if (!line) return null;
  const { commits, updates, totalMs, maxMs, p50Ms, p99Ms } = JSON.parse(line) as Record<
    string,
    number
  >;
  return { commits, updates, meanMs: totalMs! / commits!, p50Ms, p99Ms, maxMs };
}

function brief(result: Record<string, unknown>): string {
  if (result.error) return String(result.error);
  const steps = result.steps as { editsPerSecond: number; peerMs: { p99: number } }[];
  return steps
    .map((step) => `${step.editsPerSecond.toFixed(0)}/s p99 ${step.peerMs.p99.toFixed(1)} ms`)
    .join(', ');
}

async function runDurability(workDir: string) {
  const workload = { clients: 200, documents: 20 };
  const outcome: Record<string, unknown[]> = {};
  for (const [name, runs] of Object.entries(DURABILITY_RUNS) as [TargetName, number][]) {
    for (let run = 0; run < runs; run += 1) {
      const target = await startTarget(name, workload);
      const killDelayMs = 500 + Math.random() * 6_000;
      const options = {
        clientsPerDocument: 10,
        steps: [{ ratePerClient: 2, seconds: 8 }],
        freshRead: false,
      };
      const load = await runGenerator<{
        receivedClocks: Record<string, Record<string, number[]>>;
      }>(planFor(target, options, 'load'), workDir, () => {
        setTimeout(() => void target.kill(), killDelayMs);
      });
      await target.restart();
      const read = await runGenerator<{
        documents: { stateVector: Record<string, number> }[];
      }>(planFor(target, options, 'read'), workDir);
      await target.stop();

      let received = 0;
      let lost = 0;
      target.documents.forEach((documentName, index) => {
        const stored = read.documents[index]!.stateVector;
        for (const [client, clocks] of Object.entries(load.receivedClocks[documentName] ?? {})) {
          received += clocks.length;
          lost += clocks.filter((clock) => clock >= (stored[client] ?? 0)).length;
        }
      });
      console.log(`durability · ${name} · run ${run + 1}: ${lost} of ${received} received lost`);
      (outcome[name] ??= []).push({ killDelayMs, received, lost });
    }
  }
  return outcome;
}

function summarizeLoad(runs: Record<string, unknown[]>) {
  const summary: Record<string, unknown> = {};
  for (const [name, results] of Object.entries(runs)) {
    const ok = results.filter((result) => !(result as { error?: string }).error) as {
      steps: {
        editsPerSecond: number;
        deliveriesPerSecond: number;
        peerMs: Record<string, number>;
        fullMs: Record<string, number>;
        serverCpuPerEditUs: number;
        generatorCpuShare: number;
      }[];
      idleBytes: number;
      peakBytes: number;
      bytesPerConnection: number;
      convergence: {
        missingEdits: number;
        duplicatedEdits: number;
        everyPeerGotEverything: boolean;
      };
      freshRead: { matches?: number } | null;
    }[];
    const first = (pick: (step: (typeof ok)[0]['steps'][0]) => number) =>
      median(ok.map((result) => pick(result.steps[0]!)));
    summary[name] = {
      runs: results.length,
      failed: results.length - ok.length,
      editsPerSecond: first((step) => step.editsPerSecond),
      deliveriesPerSecond: first((step) => step.deliveriesPerSecond),
      peerP50: first((step) => step.peerMs.p50!),
      peerP95: first((step) => step.peerMs.p95!),
      peerP99: first((step) => step.peerMs.p99!),
      peerMax: first((step) => step.peerMs.max!),
      fullP99: first((step) => step.fullMs.p99!),
      cpuPerEditUs: first((step) => step.serverCpuPerEditUs),
      generatorCpuShare: first((step) => step.generatorCpuShare),
      growthMB: median(ok.map((result) => (result.peakBytes - result.idleBytes) / 2 ** 20)),
      perConnectionKB: median(ok.map((result) => result.bytesPerConnection / 1024)),
      converged: ok.every(
        (result) =>
          result.convergence.missingEdits === 0 &&
          result.convergence.duplicatedEdits === 0 &&
          result.convergence.everyPeerGotEverything,
      ),
      freshReadsMatching: ok.map((result) => result.freshRead?.matches ?? null),
    };
  }
  return summary;
}

/** The highest total rate whose step stayed at or under the p99 limit, per run. */
function summarizeRamp(runs: Record<string, unknown[]>, limitMs: number) {
  const summary: Record<string, unknown> = {};
  for (const [name, results] of Object.entries(runs)) {
    const sustained = results.map((result) => {
      const steps = (result as { steps?: { editsPerSecond: number; peerMs: { p99: number } }[] })
        .steps;
      if (!steps) return NaN;
      const passing = steps.filter((step) => step.peerMs.p99 <= limitMs);
      return passing.length ? Math.max(...passing.map((step) => step.editsPerSecond)) : 0;
    });
    summary[name] = { sustainedEditsPerSecond: median(sustained), steps: results };
  }
  return summary;
}

const which = process.argv[2] ?? 'all';
const chosen = (part: string) => which === 'all' || which.split(',').includes(part);
const startedAt = new Date();
const workDir = freshDataDir('run');
const results: Record<string, unknown> = {
  startedAt: startedAt.toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kernel: os.release(),
  },
};
// Whatever happens, the benchmark stops by itself within 30 minutes.
setTimeout(() => {
  console.error('benchmark ran past 30 minutes; stopping');
  process.exit(2);
}, 30 * 60_000).unref();

for (const key of ['small', 'medium', 'ramp'] as const) {
  if (!chosen(key)) continue;
  const { scenario, runs } = await runLoadScenario(LOAD_SCENARIOS[key]!, workDir);
  results[key] = {
    scenario,
    summary: key === 'ramp' ? summarizeRamp(runs, scenario.stopAboveP99Ms!) : summarizeLoad(runs),
    runs: key === 'ramp' ? undefined : runs,
  };
}
if (chosen('open')) {
  const inMemory = TARGETS.filter((name) => name !== 'relay' && !PERSISTENT_TARGETS.includes(name));
  results.open = await measureOpenTime([...PERSISTENT_TARGETS, ...inMemory]);
}
if (chosen('durability')) results.durability = await runDurability(workDir);
if (chosen('participation')) results.participation = await runParticipation();
results.finishedAt = new Date().toISOString();

const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const folder = path.join(benchRoot, 'results');
fs.mkdirSync(folder, { recursive: true });
fs.writeFileSync(
  path.join(folder, `${stamp}-${which.replace(/,/g, '-')}.json`),
  JSON.stringify(results, null, 2),
);
const report = renderReport(results);
fs.writeFileSync(path.join(folder, `${stamp}-${which.replace(/,/g, '-')}.md`), report);
removeCreatedDataDirs();
console.log(report);
process.exit(0);
