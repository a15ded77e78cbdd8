import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { LIST_SPECS } from '../../shared/strategy/format';
import { listMap, writeStrategyJson } from '../../shared/strategy/document';
import { setField } from '../../shared/strategy/lists';
import { ConfirmedCopy } from '../../web/src/lib/editor/confirmed-copy';
import { findUnsentSections } from '../../web/src/lib/editor/unsent-sections';

const server = Symbol('server');

/** An editor's document whose updates from `server` count as stored, like the connection does. */
function editorDocument() {
  const ydoc = new Y.Doc();
  const confirmed = new ConfirmedCopy(ydoc);
  ydoc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === server) confirmed.applyStored(update);
  });
  const stored = new Y.Doc();
  writeStrategyJson(stored, { values: [{ key: 'V1', text: { 'uz-Latn': 'Ochiqlik' } }] });
  Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(stored), server);
  return { ydoc, confirmed };
}

function typeValue(ydoc: Y.Doc, text: string): void {
  const value = listMap(ydoc, 'values').get('V1') as Y.Map<unknown>;
  setField(value, LIST_SPECS.values, 'text', text, { language: 'uz-Latn' });
}

describe('the copy of what the server stored', () => {
  test('tells apart the edits the server never acknowledged', () => {
    const { ydoc, confirmed } = editorDocument();
    typeValue(ydoc, 'Ochiqlik va halollik');

    const unsent = findUnsentSections(ydoc, confirmed.read());
    expect(unsent).toHaveLength(1);
    expect(unsent[0]).toMatchObject({ section: 'values' });
    expect(unsent[0]!.text).toContain('Ochiqlik va halollik');
  });

  test('holds the local edits once the server acknowledged them', () => {
    const { ydoc, confirmed } = editorDocument();
    typeValue(ydoc, 'Ochiqlik va halollik');
    confirmed.catchUp();
    expect(findUnsentSections(ydoc, confirmed.read())).toEqual([]);

    typeValue(ydoc, 'Halollik');
    expect(findUnsentSections(ydoc, confirmed.read())[0]!.text).toContain('Halollik');
  });
});
