/**
 * The participation load generator, run as its own process so that its CPU is not the server's.
 * Each resident keeps one keep-alive connection from an address of its own on loopback (as
 * residents at home have) and sends one request at a time: casting and taking back votes within
 * its budget, now and then a vote past it or a second one for a skill it holds, and now and then
 * a comment. Because nobody else touches a resident's votes, the generator knows the answer each
 * request must get, and counts every answer that differs.
 * Usage: participation-load.ts <plan.json> <out.json>
 */
import fs from 'node:fs';
import http from 'node:http';
import { cpuSeconds, PeakMemory, residentBytes, summarize } from './process-stats';

export interface ParticipationStep {
  /** Requests per second across all residents; 0 sends each next request as soon as answered. */
  totalRate: number;
  seconds: number;
}

export interface ParticipationPlan {
  port: number;
  serverPid: number;
  strategyId: string;
  skillKeys: string[];
  goalKeys: string[];
  cookies: string[];
  votesPerResident: number;
  warmupSeconds: number;
  steps: ParticipationStep[];
  /** Share of a resident's requests that are comments. */
  commentShare: number;
}

type Kind = 'cast' | 'withdraw' | 'comment';
type Expected = 201 | 200 | 'vote_budget_exceeded' | 'already_voted';

interface Answer {
  status: number;
  code?: string;
}

/** A request's outcome as far as the resident knows: what it held and the request in flight. */
export interface ResidentLedger {
  held: string[];
  inFlight: { kind: Kind; skillKey?: string } | null;
}

const SECOND_MS = 1_000;
const TAIL_MS = 5_000;
const REQUEST_TIMEOUT_MS = 20_000;
const COMMENT_BODIES = [
  'Oʻquvchilar uchun kechki kurslar kerak — Toshkentdagidek.',
  'Кружки по робототехнике для подростков 🙂',
  "Yoshlar uchun o'zbek tilida dasturlash darslari.",
];

const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as ParticipationPlan;
const outPath = process.argv[3]!;

class StepTally {
  readonly latencyMs: Record<Kind, number[]> = { cast: [], withdraw: [], comment: [] };
  readonly statuses: Record<string, number> = {};
  unexpected = 0;
  readonly unexpectedSamples: string[] = [];
  startedAt = performance.now();
  endedAt = 0;
  startCpu = 0;
  endCpu = 0;
  startOwnCpu = process.cpuUsage();
  ownCpuUs = 0;
}

let tally: StepTally | null = null;
/** Comments answered 201 over the whole run, warm-up and tail included, to check the file. */
let answeredComments = 0;
/** Set once the server is being killed: a failed request then ends its resident's run quietly. */
let killing = false;

function send(
  agent: http.Agent,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: plan.port,
        method,
        path,
        agent,
        headers: {
          cookie,
          origin: `http://127.0.0.1:${plan.port}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          let code: string | undefined;
          if (status >= 400) {
            try {
              code = JSON.parse(Buffer.concat(chunks).toString()).error?.code;
            } catch {
              code = 'unreadable';
            }
          }
          resolve({ status, code });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error('no answer in time')));
    request.end(payload);
  });
}

class Resident {
  readonly held = new Set<string>();
  inFlight: ResidentLedger['inFlight'] = null;
  failed = false;
  private readonly agent: http.Agent;
  private commentSerial = 0;

  constructor(
    readonly index: number,
    private readonly cookie: string,
  ) {
    // 127.0.0.2 onwards: every resident speaks from its own loopback address to 127.0.0.1.
    const localAddress = `127.0.${1 + Math.floor((index + 2) / 256)}.${(index + 2) % 256}`;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
  }

  private choose(): { kind: Kind; skillKey?: string; expected: Expected } {
    if (Math.random() < plan.commentShare) return { kind: 'comment', expected: 201 };
    const free = plan.skillKeys.filter((key) => !this.held.has(key));
    const held = [...this.held];
    const pick = (keys: string[]) => keys[Math.floor(Math.random() * keys.length)]!;
    const roll = Math.random();
    if (held.length > 0 && roll < 0.03) {
      return { kind: 'cast', skillKey: pick(held), expected: 'already_voted' };
    }
    if (held.length >= plan.votesPerResident) {
      return roll < 0.15
        ? { kind: 'cast', skillKey: pick(free), expected: 'vote_budget_exceeded' }
        : { kind: 'withdraw', skillKey: pick(held), expected: 200 };
    }
    if (held.length === 0 || roll < 0.7)
      return { kind: 'cast', skillKey: pick(free), expected: 201 };
    return { kind: 'withdraw', skillKey: pick(held), expected: 200 };
  }

  private request(kind: Kind, skillKey: string | undefined): Promise<Answer> {
    const base = `/api/strategies/${plan.strategyId}`;
    if (kind === 'cast')
      return send(this.agent, this.cookie, 'POST', `${base}/votes`, { skillKey });
    if (kind === 'withdraw') {
      return send(this.agent, this.cookie, 'DELETE', `${base}/votes/${skillKey}`);
    }
    this.commentSerial += 1;
    const target = this.commentSerial % 2 ? `goal:${plan.goalKeys[0]}` : 'strategy';
    const body = `${COMMENT_BODIES[this.commentSerial % COMMENT_BODIES.length]} (${this.index})`;
    return send(this.agent, this.cookie, 'POST', `${base}/comments`, { target, body });
  }

  /** One request; latency counts from `dueAt`, so a late start is not hidden. */
  async act(dueAt: number): Promise<void> {
    const { kind, skillKey, expected } = this.choose();
    this.inFlight = { kind, skillKey };
    const answer = await this.request(kind, skillKey);
    this.inFlight = null;
    const latencyMs = performance.now() - dueAt;

    const ok = answer.status === 201 || answer.status === 200;
    if (ok && kind === 'cast') this.held.add(skillKey!);
    if (ok && kind === 'withdraw') this.held.delete(skillKey!);
    if (ok && kind === 'comment') answeredComments += 1;
    if (!tally) return;
    tally.latencyMs[kind].push(latencyMs);
    const label = `${kind} ${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
    tally.statuses[label] = (tally.statuses[label] ?? 0) + 1;
    const matches =
      typeof expected === 'number' ? answer.status === expected : answer.code === expected;
    if (!matches) {
      tally.unexpected += 1;
      if (tally.unexpectedSamples.length < 10)
        tally.unexpectedSamples.push(`${label} (expected ${expected})`);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

let failedResidents = 0;
const failures: Record<string, number> = {};

function recordFailure(resident: Resident, error: unknown): void {
  resident.failed = true;
  failedResidents += 1;
  const code = (error as { code?: string }).code ?? String(error);
  const label = `${resident.inFlight?.kind ?? 'request'} failed ${code}`;
  failures[label] = (failures[label] ?? 0) + 1;
  if (tally) tally.statuses[label] = (tally.statuses[label] ?? 0) + 1;
}

const residents = plan.cookies.map((cookie, index) => new Resident(index, cookie));

/** Runs every resident until `until`, paced at `totalRate` overall or unpaced when it is 0. */
async function drive(totalRate: number, until: number): Promise<void> {
  const intervalMs = totalRate > 0 ? (SECOND_MS * residents.length) / totalRate : 0;
  await Promise.all(
    residents
      .filter((resident) => !resident.failed)
      .map(async (resident) => {
        // Spread the residents' first requests over one interval so they do not start in step.
        let dueAt = performance.now() + Math.random() * intervalMs;
        while (dueAt < until) {
          const wait = dueAt - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const startedAt = intervalMs > 0 ? dueAt : performance.now();
          try {
            await resident.act(startedAt);
          } catch (error) {
            // A failed request leaves the resident's votes unknown, so the resident stops here and
            // the check after the run allows for its request in flight.
            if (!killing) recordFailure(resident, error);
            return;
          }
          dueAt = intervalMs > 0 ? dueAt + intervalMs : performance.now();
        }
      }),
  );
}

function closeStep(step: StepTally, rate: number) {
  const seconds = (step.endedAt - step.startedAt) / SECOND_MS;
  const votes = step.latencyMs.cast.length + step.latencyMs.withdraw.length;
  return {
    targetRate: rate,
    seconds,
    voteRequestsPerSecond: votes / seconds,
    commentsPerSecond: step.latencyMs.comment.length / seconds,
    latencyMs: {
      votes: summarize([...step.latencyMs.cast, ...step.latencyMs.withdraw]),
      cast: summarize(step.latencyMs.cast),
      withdraw: summarize(step.latencyMs.withdraw),
      comment: summarize(step.latencyMs.comment),
    },
    statuses: step.statuses,
    unexpected: step.unexpected,
    unexpectedSamples: step.unexpectedSamples,
    serverCpuShare: (step.endCpu - step.startCpu) / seconds,
    serverCpuPerRequestUs:
      ((step.endCpu - step.startCpu) * 1e6) / (votes + step.latencyMs.comment.length),
    generatorCpuShare: step.ownCpuUs / 1e6 / seconds,
  };
}

const idleBytes = residentBytes(plan.serverPid);
const peak = new PeakMemory(plan.serverPid);
await drive(plan.steps[0]?.totalRate ?? 0, performance.now() + plan.warmupSeconds * SECOND_MS);

const steps = [];
for (const step of plan.steps) {
  tally = new StepTally();
  tally.startCpu = cpuSeconds(plan.serverPid);
  await drive(step.totalRate, performance.now() + step.seconds * SECOND_MS);
  tally.endedAt = performance.now();
  tally.endCpu = cpuSeconds(plan.serverPid);
  tally.ownCpuUs = (({ user, system }) => user + system)(process.cpuUsage(tally.startOwnCpu));
  steps.push(closeStep(tally, step.totalRate));
}
const peakBytes = peak.stop();

// The driver kills the server with SIGKILL on this line while the residents keep going, so the
// last requests are in flight: whatever was answered must be on disk all the same.
tally = null;
killing = true;
const tail = drive(plan.steps.at(-1)?.totalRate ?? 0, performance.now() + TAIL_MS);
console.log('measured');
await tail;
const unansweredAtKill = residents.filter((resident) => resident.inFlight).length;
for (const resident of residents) resident.close();

const ledgers: ResidentLedger[] = residents.map((resident) => ({
  held: [...resident.held],
  inFlight: resident.inFlight,
}));
fs.writeFileSync(
  outPath,
  JSON.stringify({
    steps,
    idleBytes,
    peakBytes,
    failedResidents,
    failures,
    unansweredAtKill,
    answeredComments,
    ledgers,
  }),
);
process.exit(0);
