import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { fragmentParagraphs } from '../../web/src/lib/editor/fragment-text';

function paragraph(...parts: (string | Y.XmlText)[]): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(
    0,
    parts.map((part) => (typeof part === 'string' ? new Y.XmlText(part) : part)),
  );
  return element;
}

describe('the plain text of a rich-text section', () => {
  test('gives each non-empty paragraph, and nothing for an empty translation', () => {
    const ydoc = new Y.Doc();
    const vision = ydoc.getXmlFragment('vision:uz-Latn');
    const bold = new Y.XmlText();
    bold.insert(0, 'har bir', { bold: true });
    vision.insert(0, [paragraph('Navbahorda ', 'hamma'), paragraph(), paragraph(bold, ' kishi')]);
    expect(fragmentParagraphs(vision)).toEqual(['Navbahorda hamma', 'har bir kishi']);

    const empty = ydoc.getXmlFragment('vision:ru');
    empty.insert(0, [paragraph()]);
    expect(fragmentParagraphs(empty)).toEqual([]);
  });

  test('puts the items of a list on their own lines', () => {
    const ydoc = new Y.Doc();
    const mission = ydoc.getXmlFragment('mission:uz-Latn');
    const list = new Y.XmlElement('bulletList');
    const item = (text: string) => {
      const listItem = new Y.XmlElement('listItem');
      listItem.insert(0, [paragraph(text)]);
      return listItem;
    };
    list.insert(0, [item('oʻqish'), item('yozish')]);
    mission.insert(0, [list]);
    expect(fragmentParagraphs(mission)).toEqual(['oʻqish\nyozish']);
  });
});
