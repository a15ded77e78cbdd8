/**
 * The update log's maintenance thread, for the two jobs that would otherwise stall the event loop
 * that commits live edits:
 * - compaction folds a document's log into its snapshot; building a document from a long log takes
 *   tens of milliseconds or more, so the snapshot is built here and only stored by the main thread;
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
/** One read transaction, so a snapshot stored meanwhile cannot pair old state with new rows. */
const readLog = db.transaction((documentId) => {
  const snapshot = selectSnapshot.get(documentId);
  const rows = selectLogRows.all(documentId, snapshot?.lastUpdateId ?? 0);
  return { snapshot, rows };
});

/**
 * Builds the document from its snapshot and log and encodes its state: the snapshot that may
 * replace them. The state of a built document has its deleted text garbage-collected, so the next
 * load reads less. Storing it is the main thread's job: it holds the only connection that writes,
 * so no commit of a live edit ever waits for this thread's lock.
 */
function buildSnapshot(documentId) {
  const { snapshot, rows } = readLog(documentId);
  if (rows.length === 0) return null;
  const ydoc = new Y.Doc();
  ydoc.transact(() => {
    if (snapshot) Y.applyUpdate(ydoc, snapshot.state);
    for (const row of rows) Y.applyUpdate(ydoc, row.update);
  });
  const built = {
    documentId,
    readFrom: snapshot?.lastUpdateId ?? 0,
    lastUpdateId: rows[rows.length - 1].id,
    foldedRows: rows.length,
    state: Y.encodeStateAsUpdate(ydoc),
    stateVector: Y.encodeStateVector(ydoc),
  };
  ydoc.destroy();
  return built;
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
    if (request.kind === 'build-snapshot') {
      const snapshot = buildSnapshot(request.documentId);
      // Handed over, not copied: the encoded state can be megabytes.
      const transfer = snapshot ? [snapshot.state.buffer, snapshot.stateVector.buffer] : [];
      parentPort.postMessage({ id: request.id, ok: true, snapshot }, transfer);
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
