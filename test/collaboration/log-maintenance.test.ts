import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, test } from 'vitest';
import { LogMaintenance } from '../../server/collaboration/log-maintenance';
import {
  appendUpdates,
  readStoredDocument,
  replaceSnapshot,
} from '../../server/collaboration/update-log';
import { createLogger } from '../../server/logger';
import { openDatabase, type BirgaDatabase } from '../../server/storage/database';

const opened: { db: BirgaDatabase; maintenance: LogMaintenance }[] = [];

afterEach(async () => {
  for (const { db, maintenance } of opened.splice(0)) {
    await maintenance.close();
    db.$client.close();
  }
});

function openLog() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'birga-log-'));
  const databasePath = path.join(folder, 'birga.sqlite');
  const db = openDatabase(databasePath);
  const maintenance = new LogMaintenance(db, databasePath, createLogger('silent'));
  opened.push({ db, maintenance });
  return { db, maintenance };
}

/** Types words into a shared text, one stored update per word, as a writer's edits arrive. */
function typeWords(db: BirgaDatabase, ydoc: Y.Doc, words: string[]): void {
  for (const word of words) {
    const before = Y.encodeStateVector(ydoc);
    ydoc.getText('body').insert(ydoc.getText('body').length, `${word} `);
    appendUpdates(db, [{ documentId: 'doc-1', update: Y.encodeStateAsUpdate(ydoc, before) }]);
  }
}

function storedText(db: BirgaDatabase): string {
  const ydoc = new Y.Doc();
  for (const update of readStoredDocument(db, 'doc-1').updates) Y.applyUpdate(ydoc, update);
  return ydoc.getText('body').toString();
}

describe('compaction with one writer', () => {
  test('a snapshot built on the maintenance thread replaces the rows it covers', async () => {
    const { db, maintenance } = openLog();
    const writer = new Y.Doc();
    typeWords(db, writer, ['one', 'two', 'three']);

    const snapshot = await maintenance.buildSnapshot('doc-1');
    expect(snapshot).toMatchObject({ readFrom: 0, foldedRows: 3 });
    expect(replaceSnapshot(db, snapshot!)).toBe(true);

    const stored = readStoredDocument(db, 'doc-1');
    expect(stored.logRows).toBe(0);
    expect(stored.updates).toHaveLength(1);
    expect(stored.stateVector).toEqual(Y.encodeStateVector(writer));
    expect(storedText(db)).toBe('one two three ');
    expect(await maintenance.buildSnapshot('doc-1')).toBeNull();
  });

  test('rows appended while a snapshot was built stay in the log', async () => {
    const { db, maintenance } = openLog();
    const writer = new Y.Doc();
    typeWords(db, writer, ['one', 'two']);
    const snapshot = await maintenance.buildSnapshot('doc-1');
    typeWords(db, writer, ['three']);

    expect(replaceSnapshot(db, snapshot!)).toBe(true);
    const stored = readStoredDocument(db, 'doc-1');
    expect(stored.logRows).toBe(1);
    expect(stored.stateVector).toBeNull();
    expect(storedText(db)).toBe('one two three ');
  });

  test('a snapshot built on a replaced one is refused, losing nothing', async () => {
    const { db, maintenance } = openLog();
    const writer = new Y.Doc();
    typeWords(db, writer, ['one', 'two']);
    const early = await maintenance.buildSnapshot('doc-1');
    typeWords(db, writer, ['three']);
    const late = await maintenance.buildSnapshot('doc-1');
    expect(replaceSnapshot(db, late!)).toBe(true);

    // Stored now, the early one would take the place of a snapshot that already holds "three",
    // whose row is gone.
    expect(replaceSnapshot(db, early!)).toBe(false);
    expect(storedText(db)).toBe('one two three ');
    typeWords(db, writer, ['four']);
    const next = await maintenance.buildSnapshot('doc-1');
    expect(next).toMatchObject({ readFrom: late!.lastUpdateId, foldedRows: 1 });
    expect(replaceSnapshot(db, next!)).toBe(true);
    expect(storedText(db)).toBe('one two three four ');
  });
});
