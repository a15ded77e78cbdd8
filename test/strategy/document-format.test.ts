import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { readNavbahorStrategy } from '../../server/seed/seed';
import {
  encodeStrategyDocument,
  readStrategyJson,
  writeStrategyJson,
} from '../../shared/strategy/document';
import { fragmentName } from '../../shared/strategy/format';
import { initialOrders, orderBetween } from '../../shared/strategy/order';
import { fragmentToMarkdown, writeMarkdownToFragment } from '../../shared/strategy/rich-text';

function documentFrom(update: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  return ydoc;
}

describe('the strategy document format', () => {
  test('the Navbahor sample goes into a Y.Doc and comes back as the same JSON', () => {
    const sample = readNavbahorStrategy();
    const ydoc = documentFrom(encodeStrategyDocument(sample));
    expect(readStrategyJson(ydoc)).toEqual(sample);
  });

  test('rich-text sections live in one fragment per section and language', () => {
    const ydoc = documentFrom(encodeStrategyDocument(readNavbahorStrategy()));
    const names = [...ydoc.share.keys()].filter((name) => name.includes(':')).sort();
    expect(names).toContain('vision:uz-Latn');
    expect(names).toContain('mission:en');
    expect(names).toContain('monitoring:uz-Latn');
    const paragraph = ydoc.getXmlFragment(fragmentName('vision', 'en')).get(0) as Y.XmlElement;
    expect(paragraph.nodeName).toBe('paragraph');
  });

  test('an empty strategy still has every section for the editor to bind to', () => {
    const ydoc = new Y.Doc();
    writeStrategyJson(ydoc, {
      territory: 'UZ-FA-FC-NAV',
      year: 2028,
      title: { 'uz-Latn': 'Reja' },
    });
    const json = readStrategyJson(ydoc);
    expect(json.goals).toEqual([]);
    expect(json.situation).toEqual({
      strengths: [],
      weaknesses: [],
      opportunities: [],
      threats: [],
    });
    expect(json.title).toEqual({ 'uz-Latn': 'Reja' });
    expect(json.vision).toEqual({});
  });
});

describe('Markdown of rich-text sections', () => {
  test.each([
    'One paragraph.',
    'First paragraph.\n\nSecond paragraph with oʻ, gʻ, Ўзбек and 🌱.',
    '## Heading\n\nText under it.',
    '- one\n- two\n- three',
    '1. first\n2. second',
    'Stars \\* and under\\_scores stay literal.',
  ])('%j survives a round trip', (markdown) => {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment('vision:en');
    writeMarkdownToFragment(fragment, markdown);
    expect(fragmentToMarkdown(fragment)).toBe(markdown);
  });

  test('marks and links written by the editor become Markdown', () => {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment('vision:en');
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(0, [paragraph]);
    text.insert(0, 'bold', { bold: {} });
    text.insert(4, ' and ', { bold: null });
    text.insert(9, 'site', { link: { href: 'https://example.org/a b' } });
    expect(fragmentToMarkdown(fragment)).toBe('**bold** and [site](https://example.org/a%20b)');
  });
});

describe('ordering keys', () => {
  test('a key between two others sorts between them, at any depth', () => {
    let low = 'V';
    const high = 'W';
    for (let depth = 0; depth < 50; depth += 1) {
      const middle = orderBetween(low, high);
      expect(middle > low && middle < high).toBe(true);
      low = middle;
    }
  });

  test('keys before the first and after the last keep their order', () => {
    const orders = initialOrders(20);
    expect([...orders].sort()).toEqual(orders);
    const before = orderBetween(null, orders[0]!);
    const after = orderBetween(orders.at(-1)!, null);
    expect(before < orders[0]!).toBe(true);
    expect(after > orders.at(-1)!).toBe(true);
  });
});
