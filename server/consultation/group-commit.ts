/**
 * Group commit for residents' votes, withdrawals and comments. Every commit fsyncs
 * (synchronous=FULL), and one fsync per request would cap a whole consultation at a few hundred
 * votes a second. So the requests that arrive together share one immediate transaction and one
 * fsync: each runs in its own savepoint, with its checks unchanged and in arrival order, so a
 * refusal undoes only its own request; nobody is answered before the commit is on disk, and if
 * the commit fails, nobody is told their vote or comment stands.
 */
import type Database from 'better-sqlite3';
import type { BirgaDatabase } from '../storage/database';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface QueuedChange {
  change: () => unknown;
  settle: (outcome: Outcome) => void;
}

class GroupCommitQueue {
  private queued: QueuedChange[] = [];
  private scheduled = false;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly commitBatch: Database.Transaction<(batch: QueuedChange[]) => Outcome[]>;

  constructor(private readonly client: Database.Database) {
    this.savepoint = client.prepare('SAVEPOINT request');
    this.release = client.prepare('RELEASE request');
    this.rollback = client.prepare('ROLLBACK TO request');
    this.commitBatch = client.transaction((batch: QueuedChange[]) =>
      batch.map(({ change }) => this.apply(change)),
    );
  }

  submit<T>(change: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({
        change,
        settle: (outcome) => (outcome.ok ? resolve(outcome.value as T) : reject(outcome.error)),
      });
      // setImmediate runs after the event loop has read every request that is waiting, including
      // those that arrived while the previous batch was in fsync: they all share the next commit.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.commit());
      }
    });
  }

  private commit(): void {
    this.scheduled = false;
    const batch = this.queued;
    this.queued = [];

    let outcomes: Outcome[];
    try {
      outcomes = this.commitBatch.immediate(batch);
    } catch (error) {
      for (const { settle } of batch) settle({ ok: false, error });
      return;
    }
    batch.forEach(({ settle }, index) => settle(outcomes[index]!));
  }

  private apply(change: () => unknown): Outcome {
    this.savepoint.run();
    try {
      const value = change();
      this.release.run();
      return { ok: true, value };
    } catch (error) {
      // An error SQLite answers by rolling back the whole transaction (a full disk, an I/O
      // error) would leave the rest of the batch running outside it: fail the batch instead.
      if (!this.client.inTransaction) throw error;
      this.rollback.run();
      this.release.run();
      return { ok: false, error };
    }
  }
}

const queues = new WeakMap<Database.Database, GroupCommitQueue>();

/**
 * Runs `change` in the next group commit, on db's one connection and so inside the batch's
 * transaction; resolves with its answer once the commit is on disk, or rejects with its own
 * refusal.
 */
export function commitInGroup<T>(db: BirgaDatabase, change: () => T): Promise<T> {
  let queue = queues.get(db.$client);
  if (!queue) {
    queue = new GroupCommitQueue(db.$client);
    queues.set(db.$client, queue);
  }
  return queue.submit(change);
}
