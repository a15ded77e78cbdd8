/**
 * When the text was locked while this browser held edits the server never stored, tells which
 * sections differ between the local copy and the server's, with the local text to copy.
 */
import type * as Y from 'yjs';
import {
  DOCUMENT_LANGUAGES,
  LIST_NAMES,
  RICH_TEXT_SECTIONS,
  SITUATION_LISTS,
  type ListName,
  type RichTextSection,
} from '$shared/strategy/format';
import {
  readList,
  readRichText,
  type ItemJson,
  type StrategyJson,
} from '$shared/strategy/document';

export interface UnsentSection {
  section: RichTextSection | ListName;
  /** Set for rich text, whose languages are separate texts. */
  language?: string;
  text: string;
}

function serverList(server: StrategyJson, list: ListName): ItemJson[] {
  if ((SITUATION_LISTS as readonly string[]).includes(list)) {
    return server.situation?.[list as (typeof SITUATION_LISTS)[number]] ?? [];
  }
  return (server[list as keyof StrategyJson] as ItemJson[] | undefined) ?? [];
}

function valueText(value: unknown, indent: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value.map((entry) => `\n${indent}- ${valueText(entry, indent + '  ')}`).join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, entry]) => entry !== null && entry !== '' && entry !== undefined)
      .map(([name, entry]) => `${name}: ${valueText(entry, indent + '  ')}`)
      .join('; ');
  }
  return String(value);
}

/** An item as readable lines: its key, then each field that holds something. */
export function itemText(item: ItemJson): string {
  const { key, ...fields } = item;
  return `${key} — ${valueText(fields, '  ')}`;
}

export function findUnsentSections(ydoc: Y.Doc, server: StrategyJson): UnsentSection[] {
  const sections: UnsentSection[] = [];

  for (const section of RICH_TEXT_SECTIONS) {
    const local = readRichText(ydoc, section);
    for (const language of DOCUMENT_LANGUAGES) {
      const text = local[language] ?? '';
      if (text !== (server[section]?.[language] ?? '')) sections.push({ section, language, text });
    }
  }

  for (const list of LIST_NAMES) {
    const stored = new Map(
      serverList(server, list).map((item) => [item.key, JSON.stringify(item)]),
    );
    const changed = readList(ydoc, list).filter(
      (item) => stored.get(item.key) !== JSON.stringify(item),
    );
    if (changed.length > 0)
      sections.push({ section: list, text: changed.map(itemText).join('\n') });
  }
  return sections;
}
