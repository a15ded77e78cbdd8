/**
 * The strategy document's format: how a territory's annual strategy is laid out inside one Y.Doc.
 * The server, the editor, the seed and the JSON export all read this one description.
 *
 * - `meta` (Y.Map): territory, year, mainLanguage, and `title` as a multilingual field.
 * - Rich-text sections: one Y.XmlFragment per section and language at the root, named
 *   `<section>:<language>` (`vision:uz-Latn`), holding ProseMirror paragraphs (Tiptap's schema).
 * - List sections: one Y.Map per list at the root, keyed by the items' stable keys. Each item is a
 *   Y.Map with an `order` string (fractional index: a reorder is one field change) and its fields.
 *
 * Field kinds inside list items:
 * - multilingual: a Y.Map from language tag to Y.Text, so two people can type in one title;
 * - text: a Y.Text (names, units, who leads);
 * - date (YYYY-MM-DD), number, choice, reference (another item's key): plain values, last writer
 *   wins, as a form field would.
 */

export const DOCUMENT_LANGUAGES = ['uz-Latn', 'ru', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

export const RICH_TEXT_SECTIONS = ['vision', 'mission', 'monitoring'] as const;
export type RichTextSection = (typeof RICH_TEXT_SECTIONS)[number];

export const META_MAP = 'meta';

export function fragmentName(section: RichTextSection, language: DocumentLanguage): string {
  return `${section}:${language}`;
}

export type FieldKind = 'multilingual' | 'text' | 'date' | 'number' | 'choice' | 'reference';

export interface FieldSpec {
  kind: FieldKind;
  /** For choice fields: the allowed values. */
  choices?: readonly string[];
  /** For reference fields: the name of the list whose keys it names. */
  references?: string;
}

export interface ListSpec {
  /** Prefix of the keys of new items: G for goals, so new keys read G-x7k2p. */
  keyPrefix: string;
  /** The multilingual field that names an item in lists and comment targets. */
  labelField: string;
  fields: Record<string, FieldSpec>;
  /** Lists inside each item, such as a goal's indicators. */
  nested?: Record<string, ListSpec>;
  /**
   * In the JSON shape, the situation lists and values spread their one multilingual field's
   * languages into the item itself: {"key": "V1", "en": "…", "uz-Latn": "…"}.
   */
  spreadField?: string;
}

export const SKILL_CATEGORIES = ['professional', 'soft', 'individual'] as const;
export const STAKEHOLDER_TYPES = [
  'government',
  'education',
  'business',
  'civil society',
  'culture',
  'international',
  'other',
] as const;
/** The building blocks of a learning city (UNESCO), used to tag goals, actions and indicators. */
export const BUILDING_BLOCKS = [
  'inclusive-education',
  'families-and-communities',
  'workplace-learning',
  'modern-technologies',
  'quality-in-learning',
  'culture-of-learning',
] as const;

const statement = (keyPrefix: string): ListSpec => ({
  keyPrefix,
  labelField: 'text',
  fields: { text: { kind: 'multilingual' } },
  spreadField: 'text',
});

const indicatorSpec: ListSpec = {
  keyPrefix: 'I',
  labelField: 'name',
  fields: {
    name: { kind: 'multilingual' },
    unit: { kind: 'text' },
    baseline: { kind: 'number' },
    target: { kind: 'number' },
  },
};

export const LIST_SPECS = {
  values: statement('V'),
  strengths: statement('ST'),
  weaknesses: statement('W'),
  opportunities: statement('O'),
  threats: statement('T'),
  goals: {
    keyPrefix: 'G',
    labelField: 'title',
    fields: { title: { kind: 'multilingual' }, deadline: { kind: 'date' } },
    nested: { indicators: indicatorSpec },
  },
  prioritySkills: {
    keyPrefix: 'S',
    labelField: 'title',
    fields: {
      category: { kind: 'choice', choices: SKILL_CATEGORIES },
      title: { kind: 'multilingual' },
    },
  },
  actions: {
    keyPrefix: 'A',
    labelField: 'title',
    fields: {
      goal: { kind: 'reference', references: 'goals' },
      title: { kind: 'multilingual' },
      lead: { kind: 'text' },
      start: { kind: 'date' },
      end: { kind: 'date' },
      budgetUzs: { kind: 'number' },
    },
  },
  stakeholders: {
    keyPrefix: 'K',
    labelField: 'role',
    fields: {
      name: { kind: 'text' },
      type: { kind: 'choice', choices: STAKEHOLDER_TYPES },
      role: { kind: 'multilingual' },
    },
  },
  funding: {
    keyPrefix: 'F',
    labelField: 'source',
    fields: { source: { kind: 'text' }, amountUzs: { kind: 'number' } },
  },
} as const satisfies Record<string, ListSpec>;

export type ListName = keyof typeof LIST_SPECS;
export const LIST_NAMES = Object.keys(LIST_SPECS) as ListName[];

/** The situation analysis lists, grouped under `situation` in the JSON shape. */
export const SITUATION_LISTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;

/** The order of sections in the editor and in exports. */
export const SECTION_ORDER = [
  'vision',
  'mission',
  'values',
  'situation',
  'goals',
  'prioritySkills',
  'actions',
  'stakeholders',
  'funding',
  'monitoring',
] as const;
export type SectionKey = (typeof SECTION_ORDER)[number];

export function isDocumentLanguage(value: unknown): value is DocumentLanguage {
  return typeof value === 'string' && (DOCUMENT_LANGUAGES as readonly string[]).includes(value);
}
