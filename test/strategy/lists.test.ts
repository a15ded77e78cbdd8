import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIST_SPECS } from '../../shared/strategy/format';
import { listMap, orderedItems, readList, writeStrategyJson } from '../../shared/strategy/document';
import {
  addItem,
  moveItem,
  referenceExists,
  removeItem,
  setField,
} from '../../shared/strategy/lists';

function goalsDoc(titles: string[]): Y.Doc {
  const ydoc = new Y.Doc();
  writeStrategyJson(ydoc, {
    goals: titles.map((title, index) => ({ key: `G${index + 1}`, title: { en: title } })),
  });
  return ydoc;
}

const itemOf = (list: Y.Map<unknown>, key: string) => list.get(key) as Y.Map<unknown>;

const goalKeys = (ydoc: Y.Doc) => orderedItems(listMap(ydoc, 'goals')).map((entry) => entry.key);

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

describe('strategy lists', () => {
  it('adds an item at the end, at the start and after a given item', () => {
    const ydoc = goalsDoc(['Read', 'Write']);
    const goals = listMap(ydoc, 'goals');

    const last = addItem(goals, LIST_SPECS.goals, { fields: { title: { en: 'Count' } } });
    const first = addItem(goals, LIST_SPECS.goals, { after: null });
    const middle = addItem(goals, LIST_SPECS.goals, { after: 'G1', key: 'G-middle' });

    expect(last).toMatch(/^G-[a-z0-9]{6}$/);
    expect(goalKeys(ydoc)).toEqual([first, 'G1', middle, 'G2', last]);
    expect(readList(ydoc, 'goals').at(-1)).toMatchObject({
      title: { en: 'Count' },
      indicators: [],
    });
  });

  it('builds a new item with every text field in place, so the editor can bind to it', () => {
    const ydoc = new Y.Doc();
    const key = addItem(listMap(ydoc, 'actions'), LIST_SPECS.actions);
    const action = itemOf(listMap(ydoc, 'actions'), key);

    expect(action.get('title')).toBeInstanceOf(Y.Map);
    expect([...(action.get('title') as Y.Map<Y.Text>).keys()].sort()).toEqual([
      'en',
      'ru',
      'uz-Latn',
    ]);
    expect(action.get('lead')).toBeInstanceOf(Y.Text);
    expect(action.get('order')).toEqual(expect.any(String));
  });

  it('removes an item once and reports when it is already gone', () => {
    const ydoc = goalsDoc(['Read', 'Write']);
    const goals = listMap(ydoc, 'goals');

    expect(removeItem(goals, 'G1')).toBe(true);
    expect(removeItem(goals, 'G1')).toBe(false);
    expect(goalKeys(ydoc)).toEqual(['G2']);
  });

  it('moves an item up and down by changing only its order', () => {
    const ydoc = goalsDoc(['A', 'B', 'C', 'D']);
    const goals = listMap(ydoc, 'goals');
    const updates: Uint8Array[] = [];
    ydoc.on('update', (update: Uint8Array) => updates.push(update));

    expect(moveItem(goals, 'G3', -1)).toBe(true);
    expect(goalKeys(ydoc)).toEqual(['G1', 'G3', 'G2', 'G4']);
    expect(moveItem(goals, 'G3', -1)).toBe(true);
    expect(goalKeys(ydoc)).toEqual(['G3', 'G1', 'G2', 'G4']);
    expect(moveItem(goals, 'G3', -1)).toBe(false);
    expect(moveItem(goals, 'G1', 1)).toBe(true);
    expect(goalKeys(ydoc)).toEqual(['G3', 'G2', 'G1', 'G4']);
    expect(moveItem(goals, 'G4', 1)).toBe(false);
    expect(updates).toHaveLength(3);
  });

  it('keeps a concurrent title edit when another person moves the goal', () => {
    const alice = goalsDoc(['Read', 'Write']);
    const bob = new Y.Doc();
    sync(alice, bob);

    moveItem(listMap(alice, 'goals'), 'G2', -1);
    const title = (itemOf(listMap(bob, 'goals'), 'G2').get('title') as Y.Map<Y.Text>).get('en')!;
    title.insert(title.length, ' well');
    sync(alice, bob);

    expect(readList(alice, 'goals')).toEqual(readList(bob, 'goals'));
    expect(readList(alice, 'goals').map((goal) => goal.title)).toEqual([
      { en: 'Write well' },
      { en: 'Read' },
    ]);
  });

  it('sets multilingual, text and plain fields', () => {
    const ydoc = new Y.Doc();
    const actions = listMap(ydoc, 'actions');
    const key = addItem(actions, LIST_SPECS.actions, { key: 'A1' });
    const action = itemOf(actions, key);

    setField(action, LIST_SPECS.actions, 'title', 'Kompyuter kurslari', { language: 'uz-Latn' });
    setField(action, LIST_SPECS.actions, 'title', 'Computer courses', { language: 'en' });
    setField(action, LIST_SPECS.actions, 'lead', 'Maktab 21');
    setField(action, LIST_SPECS.actions, 'budgetUzs', 12_000_000);
    setField(action, LIST_SPECS.actions, 'start', '2027-02-01');
    setField(action, LIST_SPECS.actions, 'start', '');

    expect(readList(ydoc, 'actions')[0]).toEqual({
      key: 'A1',
      goal: null,
      title: { 'uz-Latn': 'Kompyuter kurslari', en: 'Computer courses' },
      lead: 'Maktab 21',
      start: null,
      end: null,
      budgetUzs: 12_000_000,
    });
    expect(() => setField(action, LIST_SPECS.actions, 'title', 'x')).toThrow(/language/);
    expect(() => setField(action, LIST_SPECS.actions, 'colour', 'x')).toThrow(/Unknown/);
  });

  it('works on a nested list such as a goal’s indicators', () => {
    const ydoc = goalsDoc(['Read']);
    const indicators = itemOf(listMap(ydoc, 'goals'), 'G1').get('indicators') as Y.Map<unknown>;

    const key = addItem(indicators, LIST_SPECS.goals.nested.indicators, {
      fields: { name: { en: 'Readers' }, unit: 'people', baseline: 10, target: 50 },
    });

    expect(readList(ydoc, 'goals')[0]!.indicators).toEqual([
      { key, name: { en: 'Readers' }, unit: 'people', baseline: 10, target: 50 },
    ]);
  });

  it('leaves an action naming a removed goal as it is, and tells the goal is gone', () => {
    const ydoc = new Y.Doc();
    writeStrategyJson(ydoc, {
      goals: [{ key: 'G1', title: { en: 'Read' } }],
      actions: [{ key: 'A1', title: { en: 'Reading club' }, goal: 'G1' }],
    });
    expect(referenceExists(ydoc, 'goals', 'G1')).toBe(true);

    expect(removeItem(listMap(ydoc, 'goals'), 'G1')).toBe(true);
    expect(referenceExists(ydoc, 'goals', 'G1')).toBe(false);
    expect(referenceExists(ydoc, 'goals', '')).toBe(false);
    expect(referenceExists(ydoc, 'goals', undefined)).toBe(false);
    expect(readList(ydoc, 'actions')[0]).toMatchObject({ key: 'A1', goal: 'G1' });
  });
});
