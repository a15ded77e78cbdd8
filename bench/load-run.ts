/** Runs the load generator in its own process against one started server. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadPlan, LoadStep } from './loadgen';
import { benchRoot, track, type RunningTarget } from './targets';

export interface LoadOptions {
  clientsPerDocument: number;
  steps: LoadStep[];
  stopAboveP99Ms?: number;
  freshRead?: boolean;
}

export function planFor(target: RunningTarget, options: LoadOptions, mode: LoadPlan['mode']) {
  const plan: LoadPlan = {
    mode,
    framing: target.framing,
    relay: target.relay,
    url: target.url,
    documents: target.documents,
    clientsPerDocument: options.clientsPerDocument,
    cookies: target.cookies,
    origin: target.origin,
    steps: options.steps,
    stopAboveP99Ms: options.stopAboveP99Ms,
    serverPid: target.pid,
    drainMs: 5_000,
    settleMs: 1_000,
    freshRead: options.freshRead ?? true,
  };
  return plan;
}

export async function runGenerator<Result>(
  plan: LoadPlan,
  workDir: string,
  onEditing?: () => void,
): Promise<Result> {
  const planPath = path.join(workDir, `plan-${Date.now()}.json`);
  const outPath = path.join(workDir, `result-${Date.now()}.json`);
  fs.writeFileSync(planPath, JSON.stringify(plan));
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', 'loadgen.ts', planPath, outPath], {
      cwd: benchRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  child.stdout!.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('editing')) onEditing?.();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(fs.readFileSync(outPath, 'utf8')) as Result;
}
