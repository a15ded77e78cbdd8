/**
 * The main thread's handle on the update log's maintenance thread (log-maintenance.worker.mjs),
 * which builds compacted snapshots and checkpoints the write-ahead log off the event loop.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';
import type { BirgaDatabase } from '../storage/database';

/** A document's snapshot and log rows folded into one new snapshot, not yet stored. */
export interface BuiltSnapshot {
  documentId: string;
  /** The last log row the snapshot it was built on covered (0 without one). */
  readFrom: number;
  /** The last log row it covers. */
  lastUpdateId: number;
  foldedRows: number;
  state: Uint8Array;
  stateVector: Uint8Array;
}

interface MaintenanceReply {
  id: number;
  ok: boolean;
  error?: string;
  snapshot?: BuiltSnapshot | null;
}

interface MaintenanceEvent {
  event: 'checkpoint-failed';
  error: string;
}

export class LogMaintenance {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (reply: MaintenanceReply) => void>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(db: BirgaDatabase, databasePath: string, log: Logger, checkpointEveryMs = 250) {
    // The main connection commits every edit; its checkpoints move to the maintenance thread.
    db.$client.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(new URL('./log-maintenance.worker.mjs', import.meta.url), {
      workerData: { databasePath, checkpointEveryMs },
      // Plain JavaScript needs no loader: without the parent's flags (tsx, a profiler) the thread
      // starts in a fraction of the time, which a server restarting under load feels.
      execArgv: [],
    });
    this.worker.on('message', (message: MaintenanceReply | MaintenanceEvent) => {
      if ('event' in message) {
        log.warn({ reason: message.error }, 'checkpoint failed; the next one will try again');
        return;
      }
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
    // Without this thread the log only grows longer than it need be: the main connection takes
    // its checkpoints back, and requests fail, loudly.
    const fail = (error: Error) => {
      if (!this.failure) db.$client.pragma('wal_autocheckpoint = 1000');
      this.failure = error;
      for (const [id, resolve] of this.waiting) resolve({ id, ok: false, error: error.message });
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) =>
      fail(new Error(`the maintenance thread stopped (exit ${code})`)),
    );
  }

  private request(message: Record<string, unknown>): Promise<MaintenanceReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) =>
        reply.ok ? resolve(reply) : reject(new Error(reply.error ?? 'maintenance failed')),
      );
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Builds the snapshot that would replace the document's log; null when the log is empty. */
  async buildSnapshot(documentId: string): Promise<BuiltSnapshot | null> {
    const reply = await this.request({ kind: 'build-snapshot', documentId });
    return reply.snapshot ?? null;
  }

  async close(): Promise<void> {
    if (!this.failure) await this.request({ kind: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
