import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitInGroup } from '../../server/consultation/group-commit';
import { openDatabase, type BirgaDatabase } from '../../server/storage/database';

let folder: string;
let db: BirgaDatabase;

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'birga-group-commit-'));
  db = openDatabase(path.join(folder, 'birga.sqlite'));
  db.$client.exec('create table marks (name text primary key)');
});

afterEach(() => {
  db.$client.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

const mark = (name: string) => db.$client.prepare('insert into marks (name) values (?)').run(name);
const marks = () => db.$client.prepare('select name from marks order by name').pluck().all();

describe('group commit', () => {
  it('undoes only the refused change among those submitted together', async () => {
    const outcomes = await Promise.allSettled([
      commitInGroup(db, () => (mark('first'), 1)),
      commitInGroup(db, () => {
        mark('refused');
        throw new Error('refused');
      }),
      commitInGroup(db, () => {
        // The first change is visible: the same transaction, not yet committed.
        expect(db.$client.inTransaction).toBe(true);
        expect(marks()).toEqual(['first']);
        mark('third');
        return 3;
      }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes[2]).toMatchObject({ value: 3 });
    expect(marks()).toEqual(['first', 'third']);
  });

  it('tells nobody their change stands when the shared transaction is lost', async () => {
    const outcomes = await Promise.allSettled([
      commitInGroup(db, () => mark('first')),
      commitInGroup(db, () => {
        // What SQLite does on a full disk or an I/O error: the whole transaction is rolled back.
        db.$client.exec('rollback');
        throw new Error('disk I/O error');
      }),
      commitInGroup(db, () => mark('third')),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(marks()).toEqual([]);
  });

  it('commits changes submitted later in a transaction of their own', async () => {
    await commitInGroup(db, () => mark('first'));
    await expect(commitInGroup(db, () => mark('first'))).rejects.toThrow(/UNIQUE/);
    await commitInGroup(db, () => mark('second'));
    expect(marks()).toEqual(['first', 'second']);
  });
});
