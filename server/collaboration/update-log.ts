/**
 * The durable side of a collaborative document: an append-only log of Yjs updates plus one
 * compacted snapshot. Every write happens here, on the main connection: one writer, so no commit
 * ever waits for a lock. The maintenance thread (log-maintenance.worker.mjs) only reads: it builds
 * snapshots and checkpoints the WAL.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { BirgaDatabase } from '../storage/database';
import { preparedPerConnection } from '../storage/prepared';
import type { BuiltSnapshot } from './log-maintenance';
import { documentSnapshots, documentUpdates } from '../storage/schema';

export interface StoredDocument {
  /** The snapshot (if any) followed by every later log row, in commit order. */
  updates: Uint8Array[];
  /** The state vector of all of it, when the snapshot is all there is and knows its own. */
  stateVector: Uint8Array | null;
  lastUpdateId: number;
  logRows: number;
  /** Bytes in the log rows after the snapshot, and in the snapshot itself. */
  logBytes: number;
  snapshotBytes: number;
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
        logBytes: rows.reduce((sum, row) => sum + row.update.length, 0),
        snapshotBytes: snapshot?.state.length ?? 0,
      };
    },
    { behavior: 'deferred' },
  );
}

/** A Buffer over the same bytes, not a copy: SQLite copies them into its pages itself. */
const view = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const statements = preparedPerConnection((client: BirgaDatabase['$client']) => {
  const insert = client.prepare(
    'INSERT INTO document_updates (document_id, "update") VALUES (?, ?)',
  );
  const snapshotCovers = client
    .prepare('SELECT last_update_id FROM document_snapshots WHERE document_id = ?')
    .pluck();
  const upsertSnapshot = client.prepare(
    `INSERT INTO document_snapshots (document_id, state, state_vector, last_update_id, updated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET
       state = excluded.state, state_vector = excluded.state_vector,
       last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`,
  );
  const deleteFolded = client.prepare(
    'DELETE FROM document_updates WHERE document_id = ? AND id <= ?',
  );
  return {
    replaceSnapshot: client.transaction((snapshot: BuiltSnapshot): boolean => {
      const covered = (snapshotCovers.get(snapshot.documentId) as number | undefined) ?? 0;
      // Built on a snapshot that has since been replaced: the rows it read may be gone.
      if (covered !== snapshot.readFrom) return false;
      upsertSnapshot.run(
        snapshot.documentId,
        view(snapshot.state),
        view(snapshot.stateVector),
        snapshot.lastUpdateId,
        Date.now(),
      );
      deleteFolded.run(snapshot.documentId, snapshot.lastUpdateId);
      return true;
    }),
    appendAll: client.transaction((entries: readonly PendingAppend[]) => {
      for (const { documentId, update } of entries) {
        insert.run(documentId, view(update));
      }
    }),
  };
});

/**
 * Stores a snapshot built by the maintenance thread in place of the log rows it covers, in one
 * transaction: a crash leaves either the rows or the snapshot. Answers false, storing nothing, if
 * another snapshot was stored since it was built.
 */
export function replaceSnapshot(db: BirgaDatabase, snapshot: BuiltSnapshot): boolean {
  return statements(db.$client).replaceSnapshot(snapshot);
}

/**
 * Appends every pending update in one transaction. The connection runs with synchronous=FULL, so
 * when this returns the updates are on disk: this is the fsync that every edit waits for.
 */
export function appendUpdates(db: BirgaDatabase, pending: readonly PendingAppend[]): void {
  if (pending.length === 0) return;
  statements(db.$client).appendAll(pending);
}
