/**
 * The main thread's handle on the update log's writer thread (update-writer.worker.mjs). Commits
 * run there, so the event loop keeps reading and sending while SQLite waits for the disk; the hub
 * keeps at most one batch in flight and gathers everything that arrives meanwhile into the next,
 * a group commit.
 */
import { Worker } from 'node:worker_threads';

export interface AppendEntry {
  documentId: string;
  update: Uint8Array;
}

interface WriterReply {
  id: number;
  ok: boolean;
  error?: string;
  durationMs?: number;
  foldedRows?: number;
}

export class UpdateWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (reply: WriterReply) => void>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(databasePath: string) {
    this.worker = new Worker(new URL('./update-writer.worker.mjs', import.meta.url), {
      workerData: { databasePath },
    });
    this.worker.on('message', (reply: WriterReply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    // A writer that dies takes every pending commit with it: each is answered as failed, so no
    // edit is ever broadcast without its commit.
    const fail = (error: Error) => {
      this.failure = error;
      for (const [id, resolve] of this.waiting) resolve({ id, ok: false, error: error.message });
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the update writer stopped (exit ${code})`)));
  }

  private request(message: Record<string, unknown>): Promise<WriterReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) =>
        reply.ok ? resolve(reply) : reject(new Error(reply.error ?? 'the writer failed')),
      );
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Appends the entries in one fsynced transaction; resolves once it is on disk. */
  async append(entries: readonly AppendEntry[]): Promise<{ durationMs: number }> {
    const reply = await this.request({
      kind: 'append',
      documentIds: entries.map((entry) => entry.documentId),
      updates: entries.map((entry) => entry.update),
    });
    return { durationMs: reply.durationMs ?? 0 };
  }

  async compact(documentId: string): Promise<number> {
    const reply = await this.request({ kind: 'compact', documentId });
    return reply.foldedRows ?? 0;
  }

  async close(): Promise<void> {
    if (!this.failure) await this.request({ kind: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
