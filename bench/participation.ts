/**
 * The participation scenario: several hundred signed-in residents vote, take votes back and
 * comment through Birga's real API while the budget is enforced. Each repetition seeds a fresh
 * database, starts Birga as its own process, runs participation-load.ts against it, kills Birga
 * with SIGKILL while requests are still in flight, and then reads the file to check that nobody
 * holds more votes than the budget and that every answered vote is stored.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ParticipationPlan, ParticipationStep, ResidentLedger } from './participation-load';
import { benchRoot, freePort, freshDataDir, track } from './targets';

export interface ParticipationScenario {
  name: string;
  residents: number;
  votesPerResident: number;
  commentShare: number;
  warmupSeconds: number;
  steps: ParticipationStep[];
  repetitions: number;
}

export const PARTICIPATION: ParticipationScenario = {
  name: '400 residents voting, taking votes back and commenting',
  residents: 400,
  votesPerResident: 3,
  commentShare: 0.05,
  warmupSeconds: 3,
  // Latency at a moderate rate, at the target rate, and the most the server answers.
  steps: [
    { totalRate: 1_000, seconds: 8 },
    { totalRate: 2_200, seconds: 8 },
    { totalRate: 0, seconds: 8 },
  ],
  repetitions: 3,
};

const repositoryRoot = path.resolve(benchRoot, '..');
/** Far above what the scenario needs per account; every resident has an address of its own. */
const RATE_LIMIT_FACTOR = '10';

interface Seeded {
  strategyId: string;
  skillKeys: string[];
  goalKeys: string[];
  residentIds: string[];
  cookies: string[];
}

function seed(dataDir: string, scenario: ParticipationScenario): Seeded {
  const out = path.join(dataDir, 'seed.json');
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'participation-seed.ts',
      path.join(dataDir, 'birga.sqlite'),
      String(scenario.residents),
      String(scenario.votesPerResident),
      out,
    ],
    { cwd: benchRoot, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) throw new Error(`seeding failed:\n${result.stderr}`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as Seeded;
}

async function waitForPort(port: number, child: ChildProcess, logPath: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Birga exited early:\n${fs.readFileSync(logPath, 'utf8').slice(-4_000)}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Birga did not listen within 60 s');
}

/** Birga as deployed: production, logging at info (to a file), durability untouched. */
async function startBirga(dataDir: string, port: number) {
  const logPath = path.join(dataDir, 'birga.log');
  const log = fs.openSync(logPath, 'w');
  const child = track(
    spawn(
      process.execPath,
      [
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${dataDir}`] : []),
        '--import',
        'tsx',
        path.join(repositoryRoot, 'server', 'main.ts'),
      ],
      {
        cwd: repositoryRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOST: '127.0.0.1',
          PORT: String(port),
          NODE_ENV: 'production',
          BIRGA_DB: path.join(dataDir, 'birga.sqlite'),
          BIRGA_SEED: 'none',
          LOG_LEVEL: 'info',
          BIRGA_RATE_LIMIT_FACTOR: RATE_LIMIT_FACTOR,
        },
        stdio: ['ignore', log, log],
      },
    ),
  );
  fs.closeSync(log);
  await waitForPort(port, child, logPath);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, logPath, exited };
}

interface GeneratorResult {
  steps: Record<string, unknown>[];
  idleBytes: number;
  peakBytes: number;
  failedResidents: number;
  failures: Record<string, number>;
  unansweredAtKill: number;
  answeredComments: number;
  ledgers: ResidentLedger[];
}

async function runGenerator(
  plan: ParticipationPlan,
  dataDir: string,
  onMeasured: () => void,
): Promise<GeneratorResult> {
  const planPath = path.join(dataDir, 'plan.json');
  const outPath = path.join(dataDir, 'result.json');
  fs.writeFileSync(planPath, JSON.stringify(plan));
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', 'participation-load.ts', planPath, outPath], {
      cwd: benchRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  child.stdout!.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('measured')) onMeasured();
  });
  // The generator's own schedule ends it; this only guards against a hang.
  const limitMs = (plan.warmupSeconds + plan.steps.reduce((sum, s) => sum + s.seconds, 0)) * 1e3;
  const guard = setTimeout(() => child.kill('SIGKILL'), limitMs + 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(guard);
  if (code !== 0) throw new Error(`participation generator exited with ${code}`);
  return JSON.parse(fs.readFileSync(outPath, 'utf8')) as GeneratorResult;
}

/**
 * What the file holds against what the residents were told. A resident's stored votes must be
 * exactly those it was answered for, give or take the one request it had in flight at the kill.
 */
function checkStored(databasePath: string, seeded: Seeded, budget: number, run: GeneratorResult) {
  const db = new Database(databasePath);
  const rows = db.prepare('select user_id as userId, skill_key as skillKey from votes').all() as {
    userId: string;
    skillKey: string;
  }[];
  const storedComments = db.prepare('select count(*) from comments').pluck().get() as number;
  db.close();

  const stored = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!stored.has(row.userId)) stored.set(row.userId, new Set());
    stored.get(row.userId)!.add(row.skillKey);
  }
  const same = (a: Set<string>, b: Set<string>) =>
    a.size === b.size && [...a].every((k) => b.has(k));

  let unexplained = 0;
  let answeredButMissing = 0;
  seeded.residentIds.forEach((userId, index) => {
    const ledger = run.ledgers[index]!;
    const mine = stored.get(userId) ?? new Set<string>();
    const held = new Set(ledger.held);
    const inFlight = ledger.inFlight;
    const alternative = new Set(held);
    if (inFlight?.kind === 'cast') alternative.add(inFlight.skillKey!);
    if (inFlight?.kind === 'withdraw') alternative.delete(inFlight.skillKey!);
    if (!same(mine, held) && !same(mine, alternative)) unexplained += 1;
    for (const skillKey of held) {
      if (!mine.has(skillKey) && inFlight?.skillKey !== skillKey) answeredButMissing += 1;
    }
  });
  const mostHeld = Math.max(0, ...[...stored.values()].map((skills) => skills.size));
  return {
    storedVotes: rows.length,
    answeredVotesHeld: run.ledgers.reduce((sum, ledger) => sum + ledger.held.length, 0),
    answeredButMissing,
    residentsUnexplained: unexplained,
    residentsOverBudget: [...stored.values()].filter((skills) => skills.size > budget).length,
    mostVotesHeld: mostHeld,
    storedComments,
    answeredComments: run.answeredComments,
    unansweredAtKill: run.unansweredAtKill,
  };
}

async function runOnce(scenario: ParticipationScenario) {
  const dataDir = freshDataDir('participation');
  const loadAverage = os.loadavg();
  const seeded = seed(dataDir, scenario);
  const port = await freePort();
  const birga = await startBirga(dataDir, port);
  const plan: ParticipationPlan = {
    port,
    serverPid: birga.child.pid!,
    strategyId: seeded.strategyId,
    skillKeys: seeded.skillKeys,
    goalKeys: seeded.goalKeys,
    cookies: seeded.cookies,
    votesPerResident: scenario.votesPerResident,
    warmupSeconds: scenario.warmupSeconds,
    steps: scenario.steps,
    commentShare: scenario.commentShare,
  };
  let run: GeneratorResult;
  try {
    run = await runGenerator(plan, dataDir, () => {
      // A profiled run stops cleanly so that the profile is written; every other run is killed.
      birga.child.kill(process.env.BENCH_CPU_PROF ? 'SIGTERM' : 'SIGKILL');
    });
  } finally {
    if (process.env.BENCH_CPU_PROF) {
      await Promise.race([birga.exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    if (birga.child.exitCode === null && birga.child.signalCode === null) {
      birga.child.kill('SIGKILL');
    }
    await birga.exited;
  }
  const check = checkStored(
    path.join(dataDir, 'birga.sqlite'),
    seeded,
    scenario.votesPerResident,
    run,
  );
  if (!process.env.BENCH_CPU_PROF) fs.rmSync(dataDir, { recursive: true, force: true });
  const { ledgers: _ledgers, ...result } = run;
  return { ...result, loadAverage, check };
}

const median = (values: number[]) => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
};

type StepResult = {
  voteRequestsPerSecond: number;
  commentsPerSecond: number;
  latencyMs: Record<string, { p50: number; p95: number; p99: number; max: number }>;
  unexpected: number;
  serverCpuShare: number;
  serverCpuPerRequestUs: number;
  generatorCpuShare: number;
};

function summarizeParticipation(runs: Awaited<ReturnType<typeof runOnce>>[]) {
  return PARTICIPATION.steps.map((step, index) => {
    const results = runs.map((run) => run.steps[index] as unknown as StepResult);
    const pick = (value: (result: StepResult) => number) => median(results.map(value));
    const latency = (kind: string) => ({
      p50: pick((r) => r.latencyMs[kind]!.p50),
      p95: pick((r) => r.latencyMs[kind]!.p95),
      p99: pick((r) => r.latencyMs[kind]!.p99),
      max: pick((r) => r.latencyMs[kind]!.max),
    });
    return {
      targetRate: step.totalRate,
      voteRequestsPerSecond: pick((r) => r.voteRequestsPerSecond),
      commentsPerSecond: pick((r) => r.commentsPerSecond),
      latencyMs: {
        votes: latency('votes'),
        cast: latency('cast'),
        withdraw: latency('withdraw'),
        comment: latency('comment'),
      },
      unexpectedAnswers: results.reduce((sum, r) => sum + r.unexpected, 0),
      serverCpuShare: pick((r) => r.serverCpuShare),
      serverCpuPerRequestUs: pick((r) => r.serverCpuPerRequestUs),
      generatorCpuShare: pick((r) => r.generatorCpuShare),
    };
  });
}

/** Every repetition of the scenario, then the medians. */
export async function runParticipation(scenario: ParticipationScenario = PARTICIPATION) {
  const runs = [];
  for (let repetition = 0; repetition < scenario.repetitions; repetition += 1) {
    const run = await runOnce(scenario);
    const votes = run.steps.map((step) => {
      const s = step as unknown as StepResult;
      return `${s.voteRequestsPerSecond.toFixed(0)}/s p99 ${s.latencyMs.votes!.p99.toFixed(1)} ms`;
    });
    console.log(
      `participation · run ${repetition + 1}: ${votes.join(', ')}; ` +
        `over budget ${run.check.residentsOverBudget}, ` +
        `answered but missing ${run.check.answeredButMissing}`,
    );
    runs.push(run);
  }
  return {
    scenario,
    summary: {
      steps: summarizeParticipation(runs),
      peakMB: median(runs.map((run) => run.peakBytes / 2 ** 20)),
      idleMB: median(runs.map((run) => run.idleBytes / 2 ** 20)),
      residentsOverBudget: runs.reduce((sum, run) => sum + run.check.residentsOverBudget, 0),
      answeredButMissing: runs.reduce((sum, run) => sum + run.check.answeredButMissing, 0),
      failedResidents: runs.reduce((sum, run) => sum + run.failedResidents, 0),
      residentsUnexplained: runs.reduce((sum, run) => sum + run.check.residentsUnexplained, 0),
      commentsMissing: runs.reduce(
        (sum, run) => sum + Math.max(0, run.check.answeredComments - run.check.storedComments),
        0,
      ),
      loadAverages: runs.map((run) => run.loadAverage[0]),
    },
    runs,
  };
}
