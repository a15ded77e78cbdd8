/** The plain text of a rich-text fragment, paragraph by paragraph, for showing it read-only. */
import * as Y from 'yjs';

function nodeText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert?: unknown }[])
      .map((part) => (typeof part.insert === 'string' ? part.insert : ''))
      .join('');
  }
  if (!(node instanceof Y.XmlElement)) return '';
  const children = node.toArray();
  // A block that holds blocks (a list, a quote) puts each on its own line.
  const separator = children.some((child) => child instanceof Y.XmlElement) ? '\n' : '';
  return children.map(nodeText).join(separator);
}

export function fragmentParagraphs(fragment: Y.XmlFragment): string[] {
  return fragment
    .toArray()
    .map((node) => nodeText(node).trim())
    .filter((text) => text !== '');
}
