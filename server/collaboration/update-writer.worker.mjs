/**
 * The update log's writer thread. It owns one SQLite connection and does the two things that must
 * not stall the event loop: the fsynced commit of each batch of edits, and compaction (building a
 * document from its log to write a garbage-collected snapshot).
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

const insertUpdate = db.prepare(
  'INSERT INTO document_updates (document_id, "update") VALUES (?, ?)',
);
const selectSnapshot = db.prepare(
  'SELECT state, last_update_id AS lastUpdateId FROM document_snapshots WHERE document_id = ?',
);
const selectLogRows = db.prepare(
  'SELECT id, "update" FROM document_updates WHERE document_id = ? AND id > ? ORDER BY id',
);
const upsertSnapshot = db.prepare(
  `INSERT INTO document_snapshots (document_id, state, last_update_id, updated_at)
   VALUES (?, ?, ?, ?)
   ON CONFLICT (document_id) DO UPDATE SET
     state = excluded.state, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`,
);
const deleteLogRows = db.prepare('DELETE FROM document_updates WHERE document_id = ? AND id <= ?');

const appendAll = db.transaction((documentIds, updates) => {
  for (let index = 0; index < updates.length; index += 1) {
    insertUpdate.run(documentIds[index], updates[index]);
  }
});

/**
 * Folds a document's log into its snapshot in one transaction, from what is stored: a crash
 * leaves either the old rows or the new snapshot. The snapshot is the state of a built document,
 * so deleted text is garbage-collected and the next load reads less.
 */
const compact = db.transaction((documentId) => {
  const snapshot = selectSnapshot.get(documentId);
  const rows = selectLogRows.all(documentId, snapshot?.lastUpdateId ?? 0);
  if (rows.length === 0) return 0;

  const ydoc = new Y.Doc();
  ydoc.transact(() => {
    if (snapshot) Y.applyUpdate(ydoc, snapshot.state);
    for (const row of rows) Y.applyUpdate(ydoc, row.update);
  });
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  const lastUpdateId = rows[rows.length - 1].id;
  upsertSnapshot.run(documentId, Buffer.from(state), lastUpdateId, Date.now());
  deleteLogRows.run(documentId, lastUpdateId);
  return rows.length;
});

parentPort.on('message', (request) => {
  const startedAt = performance.now();
  try {
    if (request.kind === 'append') {
      appendAll(request.documentIds, request.updates);
      parentPort.postMessage({
        id: request.id,
        ok: true,
        durationMs: performance.now() - startedAt,
      });
    } else if (request.kind === 'compact') {
      const foldedRows = compact.immediate(request.documentId);
      parentPort.postMessage({ id: request.id, ok: true, foldedRows });
    } else if (request.kind === 'close') {
      db.close();
      parentPort.postMessage({ id: request.id, ok: true });
    }
  } catch (error) {
    parentPort.postMessage({ id: request.id, ok: false, error: String(error?.stack ?? error) });
  }
});
