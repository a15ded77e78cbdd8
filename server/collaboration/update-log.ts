/**
 * The durable side of a collaborative document: an append-only log of Yjs updates plus one
 * compacted snapshot. Reads and the commits of live edits happen here on the main connection;
 * compaction and checkpoints run on their own thread (log-maintenance.worker.mjs).
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { BirgaDatabase } from '../storage/database';
import { preparedPerConnection } from '../storage/prepared';
import { documentSnapshots, documentUpdates } from '../storage/schema';

export interface StoredDocument {
  /** The snapshot (if any) followed by every later log row, in commit order. */
  updates: Uint8Array[];
  /** The state vector of all of it, when the snapshot is all there is and knows its own. */
  stateVector: Uint8Array | null;
  lastUpdateId: number;
  logRows: number;
}

export interface PendingAppend {
  documentId: string;
  update: Uint8Array;
}

export function readStoredDocument(db: BirgaDatabase, documentId: string): StoredDocument {
  // One read transaction: a compaction committing between the two selects must not make us miss
  // the rows it folded into the snapshot.
  return db.transaction(
    (tx) => {
      const snapshot = tx
        .select({
          state: documentSnapshots.state,
          stateVector: documentSnapshots.stateVector,
          lastUpdateId: documentSnapshots.lastUpdateId,
        })
        .from(documentSnapshots)
        .where(eq(documentSnapshots.documentId, documentId))
        .get();
      const afterId = snapshot?.lastUpdateId ?? 0;
      const rows = tx
        .select({ id: documentUpdates.id, update: documentUpdates.update })
        .from(documentUpdates)
        .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.id, afterId)))
        .orderBy(asc(documentUpdates.id))
        .all();

      const updates: Uint8Array[] = [];
      if (snapshot) updates.push(new Uint8Array(snapshot.state));
      for (const row of rows) updates.push(new Uint8Array(row.update));
      return {
        updates,
        stateVector:
          rows.length === 0 && snapshot?.stateVector ? new Uint8Array(snapshot.stateVector) : null,
        lastUpdateId: rows.at(-1)?.id ?? afterId,
        logRows: rows.length,
      };
    },
    { behavior: 'deferred' },
  );
}

const statements = preparedPerConnection((client: BirgaDatabase['$client']) => {
  const insert = client.prepare(
    'INSERT INTO document_updates (document_id, "update") VALUES (?, ?)',
  );
  return {
    appendAll: client.transaction((entries: readonly PendingAppend[]) => {
      for (const { documentId, update } of entries) {
        // A view, not a copy: SQLite copies the bytes into the page itself.
        insert.run(documentId, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      }
    }),
  };
});

/**
 * Appends every pending update in one transaction. The connection runs with synchronous=FULL, so
 * when this returns the updates are on disk: this is the fsync that every edit waits for.
 */
export function appendUpdates(db: BirgaDatabase, pending: readonly PendingAppend[]): void {
  if (pending.length === 0) return;
  statements(db.$client).appendAll(pending);
}
