import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { diffText, mapPosition, type Delta } from '../../web/src/lib/editor/text-diff';

function apply(before: string, after: string, caret?: number): string {
  const ytext = new Y.Doc().getText('field');
  ytext.insert(0, before);
  const change = diffText(before, after, caret);
  if (change) {
    ytext.delete(change.index, change.deleteCount);
    ytext.insert(change.index, change.insert);
  }
  return ytext.toString();
}

describe('the plain-input diff', () => {
  test.each([
    ['typing at the end', 'Maqsad', 'Maqsadlar'],
    ['typing in the middle', 'oʻquvchi', 'oʻqituvchi'],
    ['deleting a word', 'bepul va arzon', 'bepul arzon'],
    ['replacing a selection by paste', 'Navbahor 2026', 'Navbahor 2027-yil'],
    ['clearing the field', 'matn', ''],
  ])('turns the old text into the new one when %s', (_case, before, after) => {
    expect(apply(before, after)).toBe(after);
  });

  test('finds nothing to do when the text is unchanged', () => {
    expect(diffText('same', 'same')).toBeNull();
  });

  test('uses the caret to place a letter typed next to the same letter', () => {
    expect(diffText('a', 'aa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(diffText('a', 'aa', 2)).toEqual({ index: 1, deleteCount: 0, insert: 'a' });
  });

  test('keeps a concurrent edit elsewhere in the same text', () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    alice.getText('title').insert(0, 'Yoshlar uchun kurslar');
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));

    const aliceChange = diffText('Yoshlar uchun kurslar', 'Yoshlar uchun bepul kurslar')!;
    alice.getText('title').insert(aliceChange.index, aliceChange.insert);
    const bobChange = diffText('Yoshlar uchun kurslar', 'Yoshlar uchun kurslar 2027')!;
    bob.getText('title').insert(bobChange.index, bobChange.insert);
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob));
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));

    expect(alice.getText('title').toString()).toBe('Yoshlar uchun bepul kurslar 2027');
    expect(bob.getText('title').toString()).toBe(alice.getText('title').toString());
  });
});

describe('keeping the caret through a remote change', () => {
  const delta = (...ops: Delta) => ops;

  test('moves on by text inserted before it', () => {
    expect(mapPosition(5, delta({ retain: 2 }, { insert: 'abc' }))).toBe(8);
  });

  test('stays put for text inserted after it', () => {
    expect(mapPosition(5, delta({ retain: 7 }, { insert: 'abc' }))).toBe(5);
  });

  test('moves back by text deleted before it, and to the cut when inside it', () => {
    expect(mapPosition(5, delta({ retain: 1 }, { delete: 2 }))).toBe(3);
    expect(mapPosition(5, delta({ retain: 3 }, { delete: 4 }))).toBe(3);
  });
});
