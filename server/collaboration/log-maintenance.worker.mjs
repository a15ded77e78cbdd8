/**
 * The update log's maintenance thread, for the two jobs that would otherwise stall the event loop
 * that commits live edits:
 * - compaction folds a document's log into its snapshot; building a document from a long log takes
 *   tens of milliseconds or more;
 * - checkpoints copy the write-ahead log back into the database file. SQLite would otherwise run
 *   one inside a commit every thousand pages, holding that edit and every other for milliseconds.
 *   Run often, they also keep the WAL short, and a commit that must grow the file costs more.
 *
 * Plain JavaScript on purpose: a worker thread is started by file and must load in every runtime
 * Birga runs in (tsx, Vitest, a bundle), none of which may be relied on to compile TypeScript here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

const db = new Database(workerData.databasePath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');

const selectSnapshot = db.prepare(
  'SELECT state, last_update_id AS lastUpdateId FROM document_snapshots WHERE document_id = ?',
);
const selectLogRows = db.prepare(
  'SELECT id, "update" FROM document_updates WHERE document_id = ? AND id > ? ORDER BY id',
);
const upsertSnapshot = db.prepare(
  `INSERT INTO document_snapshots (document_id, state, state_vector, last_update_id, updated_at)
   VALUES (?, ?, ?, ?, ?)
   ON CONFLICT (document_id) DO UPDATE SET
     state = excluded.state, state_vector = excluded.state_vector,
     last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`,
);
const deleteLogRows = db.prepare('DELETE FROM document_updates WHERE document_id = ? AND id <= ?');

/** Stores the new snapshot unless another compaction stored one since this one read. */
const replaceSnapshot = db.transaction((documentId, readFrom, built, lastUpdateId) => {
  const current = selectSnapshot.get(documentId)?.lastUpdateId ?? 0;
  if (current !== readFrom) return false;
  const { state, stateVector } = built;
  upsertSnapshot.run(documentId, state, stateVector, lastUpdateId, Date.now());
  deleteLogRows.run(documentId, lastUpdateId);
  return true;
});

/**
 * Reads and builds outside any write transaction, so the main thread's commits of live edits are
 * never kept waiting for the build; only the swap of rows for snapshot holds the write lock. A
 * crash leaves either the old rows or the new snapshot. The snapshot is the state of a built
 * document, so deleted text is garbage-collected and the next load reads less.
 */
function compact(documentId) {
  const snapshot = selectSnapshot.get(documentId);
  const readFrom = snapshot?.lastUpdateId ?? 0;
  const rows = selectLogRows.all(documentId, readFrom);
  if (rows.length === 0) return 0;

  const ydoc = new Y.Doc();
  ydoc.transact(() => {
    if (snapshot) Y.applyUpdate(ydoc, snapshot.state);
    for (const row of rows) Y.applyUpdate(ydoc, row.update);
  });
  const built = {
    state: Buffer.from(Y.encodeStateAsUpdate(ydoc)),
    stateVector: Buffer.from(Y.encodeStateVector(ydoc)),
  };
  ydoc.destroy();
  const lastUpdateId = rows[rows.length - 1].id;
  const stored = replaceSnapshot.immediate(documentId, readFrom, built, lastUpdateId);
  return stored ? rows.length : 0;
}

// PASSIVE: copies what it can without waiting for readers or for the writer, who go on meanwhile.
const checkpoints = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ event: 'checkpoint-failed', error: String(error?.message ?? error) });
  }
}, workerData.checkpointEveryMs);

parentPort.on('message', (request) => {
  try {
    if (request.kind === 'compact') {
      parentPort.postMessage({ id: request.id, ok: true, foldedRows: compact(request.documentId) });
    } else if (request.kind === 'close') {
      clearInterval(checkpoints);
      db.pragma('wal_checkpoint(PASSIVE)');
      db.close();
      parentPort.postMessage({ id: request.id, ok: true });
    }
  } catch (error) {
    parentPort.postMessage({ id: request.id, ok: false, error: String(error?.stack ?? error) });
  }
});
