/**
 * Reads and writes a whole strategy between a Y.Doc (see ./format.ts) and its JSON shape, the
 * shape of the sample in shared/data: every list item with its stable key, each rich-text section
 * as one Markdown string per language.
 */
import * as Y from 'yjs';
import {
  DOCUMENT_LANGUAGES,
  LIST_NAMES,
  LIST_SPECS,
  META_MAP,
  RICH_TEXT_SECTIONS,
  SITUATION_LISTS,
  fragmentName,
  type ListName,
  type ListSpec,
} from './format';
import { compareOrder, initialOrders } from './order';
import { fragmentToMarkdown, writeMarkdownToFragment } from './rich-text';

export type Multilingual = Partial<Record<string, string>>;
/** A list item in the JSON shape: its key, plain values, multilingual objects, nested lists. */
export type ItemJson = { key: string; [field: string]: unknown };

export interface StrategyJson {
  territory: string;
  year: number;
  mainLanguage: string;
  title: Multilingual;
  vision: Multilingual;
  mission: Multilingual;
  values: ItemJson[];
  situation: Record<(typeof SITUATION_LISTS)[number], ItemJson[]>;
  goals: ItemJson[];
  prioritySkills: ItemJson[];
  actions: ItemJson[];
  stakeholders: ItemJson[];
  funding: ItemJson[];
  monitoring: Multilingual;
}

export function listMap(ydoc: Y.Doc, list: ListName): Y.Map<unknown> {
  return ydoc.getMap(list);
}

/** The items of a list (or nested list) in reading order, with their keys. */
export function orderedItems(
  ymap: Y.Map<unknown>,
): { key: string; order: string; ymap: Y.Map<unknown> }[] {
  const items: { key: string; order: string; ymap: Y.Map<unknown> }[] = [];
  ymap.forEach((value, key) => {
    if (!(value instanceof Y.Map)) return;
    const order = value.get('order');
    items.push({ key, order: typeof order === 'string' ? order : '', ymap: value });
  });
  return items.sort(compareOrder);
}

function multilingualToJson(value: unknown): Multilingual {
  const result: Multilingual = {};
  if (!(value instanceof Y.Map)) return result;
  // Languages sorted as the format lists them, so the JSON reads the same on every export.
  const languages = [...value.keys()].sort(
    (a, b) => languageRank(a) - languageRank(b) || (a < b ? -1 : 1),
  );
  for (const language of languages) {
    const text = value.get(language);
    const string = text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : '';
    if (string !== '') result[language] = string;
  }
  return result;
}

function languageRank(language: string): number {
  const rank = (DOCUMENT_LANGUAGES as readonly string[]).indexOf(language);
  return rank < 0 ? DOCUMENT_LANGUAGES.length : rank;
}

function itemToJson(key: string, item: Y.Map<unknown>, spec: ListSpec): ItemJson {
  const json: ItemJson = { key };
  for (const [field, fieldSpec] of Object.entries(spec.fields)) {
    const value = item.get(field);
    if (fieldSpec.kind === 'multilingual') {
      const languages = multilingualToJson(value);
      if (spec.spreadField === field) Object.assign(json, languages);
      else json[field] = languages;
    } else if (fieldSpec.kind === 'text') {
      json[field] =
        value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
    } else {
      json[field] = value ?? null;
    }
  }
  for (const [nestedName, nestedSpec] of Object.entries(spec.nested ?? {})) {
    const nested = item.get(nestedName);
    json[nestedName] =
      nested instanceof Y.Map
        ? orderedItems(nested).map((entry) => itemToJson(entry.key, entry.ymap, nestedSpec))
        : [];
  }
  return json;
}

export function readList(ydoc: Y.Doc, list: ListName): ItemJson[] {
  const spec: ListSpec = LIST_SPECS[list];
  return orderedItems(listMap(ydoc, list)).map((entry) => itemToJson(entry.key, entry.ymap, spec));
}

export function readRichText(
  ydoc: Y.Doc,
  section: (typeof RICH_TEXT_SECTIONS)[number],
): Multilingual {
  const result: Multilingual = {};
  for (const language of DOCUMENT_LANGUAGES) {
    const markdown = fragmentToMarkdown(ydoc.getXmlFragment(fragmentName(section, language)));
    if (markdown !== '') result[language] = markdown;
  }
  return result;
}

export function readStrategyJson(ydoc: Y.Doc): StrategyJson {
  const meta = ydoc.getMap<unknown>(META_MAP);
  const situation = {} as StrategyJson['situation'];
  for (const list of SITUATION_LISTS) situation[list] = readList(ydoc, list);

  return {
    territory: String(meta.get('territory') ?? ''),
    year: Number(meta.get('year') ?? 0),
    mainLanguage: String(meta.get('mainLanguage') ?? 'uz-Latn'),
    title: multilingualToJson(meta.get('title')),
    vision: readRichText(ydoc, 'vision'),
    mission: readRichText(ydoc, 'mission'),
    values: readList(ydoc, 'values'),
    situation,
    goals: readList(ydoc, 'goals'),
    prioritySkills: readList(ydoc, 'prioritySkills'),
    actions: readList(ydoc, 'actions'),
    stakeholders: readList(ydoc, 'stakeholders'),
    funding: readList(ydoc, 'funding'),
    monitoring: readRichText(ydoc, 'monitoring'),
  };
}

/**
 * A multilingual field as Yjs holds it: one Y.Text per language, created empty for the languages
 * nobody has written yet. Were the Y.Text created on the first keystroke instead, two translators
 * starting at once would each create one, and one of them would lose their text.
 */
export function multilingualValue(languages: Multilingual | undefined): Y.Map<Y.Text> {
  const ymap = new Y.Map<Y.Text>();
  for (const language of DOCUMENT_LANGUAGES) ymap.set(language, new Y.Text(''));
  for (const [language, text] of Object.entries(languages ?? {})) {
    if (typeof text === 'string') ymap.set(language, new Y.Text(text));
  }
  return ymap;
}

function spreadLanguages(item: ItemJson): Multilingual {
  const languages: Multilingual = {};
  for (const [name, value] of Object.entries(item)) {
    if (name !== 'key' && typeof value === 'string') languages[name] = value;
  }
  return languages;
}

/** Builds the Y.Map of one list item from its JSON; used by the seed, imports and the editor. */
export function itemFromJson(item: ItemJson, spec: ListSpec, order: string): Y.Map<unknown> {
  const ymap = new Y.Map<unknown>();
  ymap.set('order', order);
  for (const [field, fieldSpec] of Object.entries(spec.fields)) {
    const value = spec.spreadField === field ? spreadLanguages(item) : item[field];
    if (fieldSpec.kind === 'multilingual') {
      ymap.set(field, multilingualValue(value as Multilingual));
    } else if (fieldSpec.kind === 'text') {
      ymap.set(field, new Y.Text(typeof value === 'string' ? value : ''));
    } else if (value !== undefined) {
      ymap.set(field, value);
    }
  }
  for (const [nestedName, nestedSpec] of Object.entries(spec.nested ?? {})) {
    const nested = new Y.Map<unknown>();
    const entries = Array.isArray(item[nestedName]) ? (item[nestedName] as ItemJson[]) : [];
    const orders = initialOrders(entries.length);
    entries.forEach((entry, index) =>
      nested.set(entry.key, itemFromJson(entry, nestedSpec, orders[index]!)),
    );
    ymap.set(nestedName, nested);
  }
  return ymap;
}

function isSituationList(list: ListName): list is (typeof SITUATION_LISTS)[number] {
  return (SITUATION_LISTS as readonly string[]).includes(list);
}

function writeList(ydoc: Y.Doc, list: ListName, items: ItemJson[] | undefined): void {
  const ymap = listMap(ydoc, list);
  const entries = items ?? [];
  const orders = initialOrders(entries.length);
  entries.forEach((item, index) =>
    ymap.set(item.key, itemFromJson(item, LIST_SPECS[list], orders[index]!)),
  );
}

/**
 * Fills an empty Y.Doc with a strategy, in one transaction (one update). Fields that the JSON does
 * not give start empty, so the editor finds every section in place.
 */
export function writeStrategyJson(ydoc: Y.Doc, strategy: Partial<StrategyJson>): void {
  ydoc.transact(() => {
    const meta = ydoc.getMap<unknown>(META_MAP);
    if (strategy.territory !== undefined) meta.set('territory', strategy.territory);
    if (strategy.year !== undefined) meta.set('year', strategy.year);
    meta.set('mainLanguage', strategy.mainLanguage ?? 'uz-Latn');
    meta.set('title', multilingualValue(strategy.title));

    for (const section of RICH_TEXT_SECTIONS) {
      for (const language of DOCUMENT_LANGUAGES) {
        const markdown = strategy[section]?.[language];
        if (markdown)
          writeMarkdownToFragment(ydoc.getXmlFragment(fragmentName(section, language)), markdown);
      }
    }
    for (const list of LIST_NAMES) {
      const items = isSituationList(list)
        ? strategy.situation?.[list]
        : (strategy[list] as ItemJson[] | undefined);
      writeList(ydoc, list, items);
    }
  });
}

/** The whole strategy as one Yjs update, as stored for a newly created document. */
export function encodeStrategyDocument(strategy: Partial<StrategyJson>): Uint8Array {
  const ydoc = new Y.Doc();
  writeStrategyJson(ydoc, strategy);
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return update;
}
