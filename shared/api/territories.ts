/**
 * What crosses the API about territories: codes, kinds and names, the territory page, and the
 * administrator's forms that create and change territories.
 */
import { z } from 'zod';
import { ROLES, STRATEGY_PHASES } from '../roles';

export const TERRITORY_KINDS = [
  'republic',
  'region',
  'city',
  'district',
  'mahalla',
  'village',
  'organization',
] as const;

/** ISO 3166-2 style: the country, then one segment per level below it (UZ-FA-FC-NAV). */
export const territoryCodeField = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,12}){0,6}$/, 'A territory code looks like UZ-FA-FC-NAV.');

export const territoryKindField = z.enum(TERRITORY_KINDS);

const nameField = z.string().trim().min(1).max(200);

export const territoryNamesField = z.object({
  'uz-Latn': nameField,
  'uz-Cyrl': nameField.optional(),
  ru: nameField.optional(),
  en: nameField.optional(),
});

export const territoryCreationBody = z.object({
  code: territoryCodeField,
  kind: territoryKindField,
  parentCode: territoryCodeField.nullable(),
  names: territoryNamesField,
});

export const territoryChangeBody = z
  .object({
    kind: territoryKindField.optional(),
    parentCode: territoryCodeField.nullable().optional(),
    names: territoryNamesField.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Give at least one of kind, parentCode, names.');

export const territoryListQuery = z.object({ q: z.string().max(100).optional() });

export const territorySchema = z.object({
  code: z.string(),
  kind: z.string(),
  parentCode: z.string().nullable(),
  names: z.record(z.string(), z.string()),
});

export const strategySummarySchema = z.object({
  id: z.string(),
  year: z.number().int(),
  status: z.enum(STRATEGY_PHASES),
  title: z.string(),
});

export const territoryPageResponse = z.object({
  territory: territorySchema,
  children: z.array(territorySchema),
  /** From the top of the tree down to the parent: a breadcrumb. */
  ancestors: z.array(territorySchema),
  strategies: z.array(strategySummarySchema),
  viewer: z.object({
    roles: z.array(z.enum(ROLES)),
    may: z.object({
      createStrategy: z.boolean(),
      inviteMembers: z.boolean(),
      grantRoles: z.boolean(),
      listMembers: z.boolean(),
    }),
  }),
});

export type TerritoryKind = (typeof TERRITORY_KINDS)[number];
export type TerritoryNames = z.infer<typeof territoryNamesField>;
export type TerritoryCreationBody = z.input<typeof territoryCreationBody>;
export type TerritoryChangeBody = z.input<typeof territoryChangeBody>;
export type Territory = z.infer<typeof territorySchema>;
export type StrategySummary = z.infer<typeof strategySummarySchema>;
export type TerritoryPage = z.infer<typeof territoryPageResponse>;
