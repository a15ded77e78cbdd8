/**
 * Rich-text sections between their live form (a Y.XmlFragment of Tiptap's ProseMirror nodes) and
 * their exchange form (one Markdown string per language). Reading covers every node and mark the
 * editor offers; writing understands paragraphs, headings and lists, which is what seeds and
 * imports contain.
 */
import * as Y from 'yjs';

type Attributes = Record<string, unknown>;

const MARK_WRAPPERS: Record<string, [string, string]> = {
  bold: ['**', '**'],
  italic: ['_', '_'],
  strike: ['~~', '~~'],
  code: ['`', '`'],
};

/** Escapes what Markdown would otherwise read as formatting; letters and apostrophes stay as typed. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>~|])/g, '\\$1');
}

function escapeLineStart(line: string): string {
  return line
    .replace(/^(\s*)([#>+-])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/, '$1$2\\$3');
}

/** y-prosemirror names overlapping marks of one type `bold--<hash>`; the type is before the dashes. */
function markName(attribute: string): string {
  const dashes = attribute.indexOf('--');
  return dashes < 0 ? attribute : attribute.slice(0, dashes);
}

function plainText(ytext: Y.XmlText): string {
  return (ytext.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

function inlineText(ytext: Y.XmlText): string {
  let markdown = '';
  for (const op of ytext.toDelta() as { insert: unknown; attributes?: Attributes }[]) {
    if (typeof op.insert !== 'string') continue;
    let piece = escapeInline(op.insert);
    let href: string | undefined;
    for (const [attribute, value] of Object.entries(op.attributes ?? {})) {
      const name = markName(attribute);
      const wrapper = MARK_WRAPPERS[name];
      if (wrapper) piece = wrapper[0] + piece + wrapper[1];
      if (name === 'link' && value && typeof value === 'object') {
        const target = (value as Attributes).href;
        if (typeof target === 'string') href = target;
      }
    }
    if (href !== undefined) piece = `[${piece}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
    markdown += piece;
  }
  return markdown;
}

function inlineContent(element: Y.XmlElement): string {
  let markdown = '';
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) markdown += inlineText(child);
    else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') markdown += '\\\n';
    else if (child instanceof Y.XmlElement) markdown += inlineContent(child);
  }
  return escapeLineStart(markdown);
}

function indent(text: string, prefix: string, firstPrefix = prefix): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? firstPrefix : line ? prefix : '') + line)
    .join('\n');
}

function blockMarkdown(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return inlineText(node);
  const children = node.toArray() as (Y.XmlElement | Y.XmlText)[];

  switch (node.nodeName) {
    case 'heading': {
      const level = Math.min(Math.max(Number(node.getAttribute('level')) || 1, 1), 6);
      return `${'#'.repeat(level)} ${inlineContent(node)}`;
    }
    case 'bulletList':
      return children.map((item) => indent(blockMarkdown(item), '  ', '- ')).join('\n');
    case 'orderedList': {
      const start = Number(node.getAttribute('start')) || 1;
      return children
        .map((item, index) => {
          const marker = `${start + index}. `;
          return indent(blockMarkdown(item), ' '.repeat(marker.length), marker);
        })
        .join('\n');
    }
    case 'listItem':
      return children.map(blockMarkdown).join('\n');
    case 'blockquote':
      return indent(children.map(blockMarkdown).join('\n\n'), '> ');
    case 'codeBlock':
      return (
        '```\n' +
        children.map((child) => (child instanceof Y.XmlText ? plainText(child) : '')).join('') +
        '\n```'
      );
    case 'horizontalRule':
      return '---';
    default:
      return inlineContent(node);
  }
}

export function fragmentToMarkdown(fragment: Y.XmlFragment): string {
  return (fragment.toArray() as (Y.XmlElement | Y.XmlText)[])
    .map(blockMarkdown)
    .join('\n\n')
    .trim();
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_[\]<>~|#>+\-.)])/g, '$1');
}

function textElement(nodeName: string, text: string, attributes: Attributes = {}): Y.XmlElement {
  const element = new Y.XmlElement(nodeName);
  for (const [name, value] of Object.entries(attributes))
    element.setAttribute(name, value as string);
  if (text) element.insert(0, [new Y.XmlText(unescapeMarkdown(text))]);
  return element;
}

function listElement(nodeName: 'bulletList' | 'orderedList', lines: string[]): Y.XmlElement {
  const list = new Y.XmlElement(nodeName);
  list.insert(
    0,
    lines.map((line) => {
      const item = new Y.XmlElement('listItem');
      item.insert(0, [textElement('paragraph', line)]);
      return item;
    }),
  );
  return list;
}

function markdownBlock(block: string): Y.XmlElement {
  const heading = /^(#{1,6})\s+(.*)$/s.exec(block);
  if (heading) return textElement('heading', heading[2]!.trim(), { level: heading[1]!.length });

  const lines = block.split('\n');
  if (lines.every((line) => /^[-*+]\s+/.test(line))) {
    return listElement(
      'bulletList',
      lines.map((line) => line.replace(/^[-*+]\s+/, '')),
    );
  }
  if (lines.every((line) => /^\d+[.)]\s+/.test(line))) {
    return listElement(
      'orderedList',
      lines.map((line) => line.replace(/^\d+[.)]\s+/, '')),
    );
  }
  return textElement('paragraph', lines.join(' '));
}

/** Replaces the fragment's content with the given Markdown, inside the caller's transaction. */
export function writeMarkdownToFragment(fragment: Y.XmlFragment, markdown: string): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  const blocks = markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  fragment.insert(0, blocks.map(markdownBlock));
}

/** The plain text of a fragment, for search and for telling whether a section is empty. */
export function fragmentPlainText(fragment: Y.XmlFragment): string {
  const parts: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) parts.push(plainText(node));
    else for (const child of node.toArray()) walk(child as Y.XmlElement | Y.XmlText);
  };
  walk(fragment);
  return parts.join(' ').trim();
}
