/** Renders a run's results as the Markdown tables that README quotes. */

type Row = Record<string, number | string | boolean | unknown>;

const fixed = (value: unknown, digits = 1) =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function loadTable(section: { scenario: { name: string }; summary: Record<string, Row> }) {
  const rows = Object.entries(section.summary).map(([name, row]) => [
    name,
    fixed(row.editsPerSecond, 0),
    fixed(row.deliveriesPerSecond, 0),
    `${fixed(row.peerP50)} / ${fixed(row.peerP95)} / ${fixed(row.peerP99)} / ${fixed(row.peerMax)}`,
    fixed(row.fullP99),
    fixed(row.cpuPerEditUs, 0),
    fixed(row.growthMB),
    fixed(row.perConnectionKB),
    row.converged ? 'yes' : 'NO',
    String((row.freshReadsMatching as (number | null)[]).join(', ')),
    fixed((row.generatorCpuShare as number) * 100, 0) + '%',
  ]);
  return [
    `### ${section.scenario.name}`,
    '',
    table(
      [
        'server',
        'edits/s',
        'deliveries/s',
        'edit→peer p50 / p95 / p99 / max ms',
        'full propagation p99 ms',
        'server CPU µs/edit',
        'memory growth MB',
        'KB/connection',
        'converged',
        'fresh reads matching',
        'generator CPU',
      ],
      rows,
    ),
  ].join('\n');
}

interface ParticipationSummary {
  steps: {
    targetRate: number;
    voteRequestsPerSecond: number;
    commentsPerSecond: number;
    latencyMs: Record<'votes' | 'comment', Row>;
    unexpectedAnswers: number;
    serverCpuShare: number;
    serverCpuPerRequestUs: number;
    generatorCpuShare: number;
  }[];
  peakMB: number;
  residentsOverBudget: number;
  answeredButMissing: number;
  residentsUnexplained: number;
  commentsMissing: number;
  failedResidents: number;
  loadAverages: number[];
}

function participationTable(section: {
  scenario: { name: string };
  summary: ParticipationSummary;
}) {
  const { summary } = section;
  const latency = (row: Row) =>
    `${fixed(row.p50)} / ${fixed(row.p95)} / ${fixed(row.p99)} / ${fixed(row.max)}`;
  const rows = summary.steps.map((step) => [
    step.targetRate ? `${step.targetRate}/s` : 'as fast as answered',
    fixed(step.voteRequestsPerSecond, 0),
    latency(step.latencyMs.votes),
    fixed(step.commentsPerSecond, 0),
    latency(step.latencyMs.comment),
    String(step.unexpectedAnswers),
    `${fixed(step.serverCpuShare * 100, 0)}%`,
    fixed(step.serverCpuPerRequestUs, 0),
    `${fixed(step.generatorCpuShare * 100, 0)}%`,
  ]);
  return [
    `### Participation: ${section.scenario.name}`,
    '',
    table(
      [
        'offered',
        'votes + withdrawals/s',
        'vote p50 / p95 / p99 / max ms',
        'comments/s',
        'comment p50 / p95 / p99 / max ms',
        'unexpected answers',
        'server CPU',
        'server CPU µs/request',
        'generator CPU',
      ],
      rows,
    ),
    '',
    `After SIGKILL under load: ${summary.residentsOverBudget} residents over the budget, ` +
      `${summary.answeredButMissing} answered votes missing, ` +
      `${summary.residentsUnexplained} residents whose stored votes differ from their answers, ` +
      `${summary.commentsMissing} answered comments missing; ` +
      `${summary.failedResidents} residents stopped by a failed request. ` +
      `Server peak RSS ${fixed(summary.peakMB, 0)} MB; ` +
      `load average ${summary.loadAverages.map((load) => fixed(load)).join(', ')}.`,
  ].join('\n');
}

export function renderReport(results: Record<string, unknown>): string {
  const parts = [`# Birga benchmark, ${String(results.startedAt)}`, ''];
  parts.push(`Machine: ${JSON.stringify(results.machine)}`, '');
  for (const key of ['small', 'medium']) {
    const section = results[key] as Parameters<typeof loadTable>[0] | undefined;
    if (section) parts.push(loadTable(section), '');
  }
  interface RampStep {
    editsPerSecond: number;
    peerMs: { p99: number };
    serverCpuPerEditUs: number;
    generatorCpuShare: number;
  }
  const ramp = results.ramp as { summary: Record<string, Row> } | undefined;
  if (ramp) {
    parts.push('### Ramp: highest total edit rate with p99 edit→peer ≤ 50 ms', '');
    parts.push(
      table(
        [
          'server',
          'edits/s sustained',
          'steps (edits/s: p99 ms, server CPU µs/edit, generator CPU)',
        ],
        Object.entries(ramp.summary).map(([name, row]) => [
          name,
          fixed(row.sustainedEditsPerSecond, 0),
          ((row.steps as { steps?: RampStep[] }[])[0]?.steps ?? [])
            .map(
              (step) =>
                `${fixed(step.editsPerSecond, 0)}: ${fixed(step.peerMs.p99)} ms, ` +
                `${fixed(step.serverCpuPerEditUs, 0)} µs, ` +
                `${fixed(step.generatorCpuShare * 100, 0)}%`,
            )
            .join('; '),
        ]),
      ),
      '',
    );
  }
  const open = results.open as Record<string, Row> | undefined;
  if (open) {
    parts.push('### Opening a document with ~1 MB of history', '');
    parts.push(
      table(
        ['server', 'history KB', 'in memory ms', 'after unload ms', 'after restart ms'],
        Object.entries(open).map(([name, row]) => [
          name,
          fixed((row.historyBytes as number) / 1024, 0),
          fixed(row.inMemoryMs),
          fixed(row.unloadedMs),
          fixed(row.afterRestartMs),
        ]),
      ),
      '',
    );
  }
  const durability = results.durability as Record<string, { received: number; lost: number }[]>;
  if (durability) {
    parts.push('### kill -9 under the 200-client load', '');
    parts.push(
      table(
        ['server', 'runs', 'edits received by a peer', 'of those lost', 'runs with a loss'],
        Object.entries(durability).map(([name, runs]) => [
          name,
          String(runs.length),
          String(runs.reduce((sum, run) => sum + run.received, 0)),
          String(runs.reduce((sum, run) => sum + run.lost, 0)),
          String(runs.filter((run) => run.lost > 0).length),
        ]),
      ),
      '',
    );
  }
  const participation = results.participation as
    { scenario: { name: string }; summary: ParticipationSummary } | undefined;
  if (participation) parts.push(participationTable(participation), '');
  const commits = ['small', 'medium']
    .map((key) => results[key] as { runs?: Record<string, { commitStats?: Row }[]> } | undefined)
    .flatMap((section) => section?.runs?.birga ?? [])
    .map((run) => run.commitStats)
    .filter(Boolean) as Row[];
  if (commits.length) {
    parts.push(
      'Birga commits (synchronous=FULL, one fsync each): ' +
        commits
          .map(
            (stats) =>
              `${stats.updates} updates in ${stats.commits} commits, ` +
              `mean ${fixed(stats.meanMs, 2)} ms, p99 ≤ ${fixed(stats.p99Ms, 2)} ms, ` +
              `max ${fixed(stats.maxMs)} ms`,
          )
          .join('; '),
      '',
    );
  }
  return parts.join('\n');
}
