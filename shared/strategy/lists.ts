/**
 * Operations on the list sections of a strategy (see ./format.ts): add, remove and move an item,
 * and set one of its fields. They work on any list Y.Map, top-level or nested (a goal's
 * indicators), each inside one transaction so that a remote peer sees one consistent change.
 */
import * as Y from 'yjs';
import { DOCUMENT_LANGUAGES, type ListName, type ListSpec } from './format';
import { itemFromJson, listMap, multilingualValue, orderedItems, type ItemJson } from './document';
import { newItemKey } from './keys';
import { orderBetween } from './order';

type ListYMap = Y.Map<unknown>;

function transact(ymap: Y.AbstractType<any>, change: () => void, origin?: unknown): void {
  if (ymap.doc) ymap.doc.transact(change, origin);
  else change();
}

export interface AddItemOptions {
  /** The key of the item the new one follows; null puts it first, undefined at the end. */
  after?: string | null;
  /** Field values of the new item, in the JSON shape. */
  fields?: Omit<ItemJson, 'key'>;
  /** A key chosen by the caller (imports, tests); otherwise a fresh random one. */
  key?: string;
  origin?: unknown;
}

/** Adds an item and returns its key. */
export function addItem(list: ListYMap, spec: ListSpec, options: AddItemOptions = {}): string {
  const key = options.key ?? newItemKey(spec.keyPrefix);
  const items = orderedItems(list);
  const afterIndex =
    options.after === undefined
      ? items.length - 1
      : options.after === null
        ? -1
        : items.findIndex((entry) => entry.key === options.after);
  const before = afterIndex >= 0 ? items[afterIndex]!.order : null;
  const next = items[afterIndex + 1]?.order ?? null;
  const order = orderBetween(before, next);

  transact(
    list,
    () => {
      const item = list.set(key, itemFromJson({ ...options.fields, key }, spec, order));
      addEmptyTranslations(item, spec);
    },
    options.origin,
  );
  return key;
}

/**
 * Gives a new item an empty text in every language, so that two people who start a translation
 * at the same moment type into one Y.Text instead of each creating one and losing the other's.
 */
function addEmptyTranslations(item: ListYMap, spec: ListSpec): void {
  for (const [field, fieldSpec] of Object.entries(spec.fields)) {
    const languages = item.get(field);
    if (fieldSpec.kind !== 'multilingual' || !(languages instanceof Y.Map)) continue;
    for (const language of DOCUMENT_LANGUAGES) {
      if (!languages.has(language)) languages.set(language, new Y.Text());
    }
  }
}

/** Removes an item; false when it was not there (someone else removed it first). */
export function removeItem(list: ListYMap, key: string, origin?: unknown): boolean {
  if (!list.has(key)) return false;
  transact(list, () => list.delete(key), origin);
  return true;
}

/**
 * Whether a reference (an action's goal) names an item that is there. Removing a goal leaves the
 * actions that named it as they are: the reference is other people's data, so the editor shows it
 * as not chosen instead of rewriting it, and whoever fixes the action chooses the goal anew.
 */
export function referenceExists(ydoc: Y.Doc, references: ListName, key: unknown): boolean {
  return typeof key === 'string' && key !== '' && listMap(ydoc, references).has(key);
}

/**
 * Moves an item one place up (-1) or down (+1) by giving it an order between its new
 * neighbours: one field changes, so a concurrent edit of the item's text is never lost.
 */
export function moveItem(list: ListYMap, key: string, offset: -1 | 1, origin?: unknown): boolean {
  const items = orderedItems(list);
  const index = items.findIndex((entry) => entry.key === key);
  const target = index + offset;
  if (index < 0 || target < 0 || target >= items.length) return false;

  // Skipping over the neighbour: moving up lands between the one two above and the one above.
  const low = offset < 0 ? items[target - 1] : items[target];
  const high = offset < 0 ? items[target] : items[target + 1];
  const order = orderBetween(low?.order ?? null, high?.order ?? null);
  transact(list, () => items[index]!.ymap.set('order', order), origin);
  return true;
}

export interface SetFieldOptions {
  /** For multilingual fields: which language's text to set. */
  language?: string;
  origin?: unknown;
}

/**
 * Sets a field as a form would. Text fields replace their Y.Text's content (creating it when
 * missing); plain values are set, and null or '' removes them.
 */
export function setField(
  item: ListYMap,
  spec: ListSpec,
  field: string,
  value: string | number | null,
  options: SetFieldOptions = {},
): void {
  const fieldSpec = spec.fields[field];
  if (!fieldSpec) throw new Error(`Unknown field "${field}"`);

  transact(
    item,
    () => {
      if (fieldSpec.kind === 'multilingual') {
        if (!options.language) throw new Error(`Field "${field}" needs a language`);
        let languages = item.get(field);
        if (!(languages instanceof Y.Map)) {
          languages = multilingualValue({});
          item.set(field, languages);
        }
        replaceText(languages as Y.Map<unknown>, options.language, String(value ?? ''));
      } else if (fieldSpec.kind === 'text') {
        replaceText(item, field, String(value ?? ''));
      } else if (value === null || value === '') {
        item.delete(field);
      } else {
        item.set(field, value);
      }
    },
    options.origin,
  );
}

function replaceText(parent: Y.Map<unknown>, name: string, value: string): void {
  const ytext = parent.get(name);
  if (!(ytext instanceof Y.Text)) {
    parent.set(name, new Y.Text(value));
    return;
  }
  if (ytext.toString() === value) return;
  ytext.delete(0, ytext.length);
  ytext.insert(0, value);
}
