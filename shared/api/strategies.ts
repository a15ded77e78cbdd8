/** What crosses the API about strategies: creating a year's strategy and reading it back. */
import { z } from 'zod';
import { STRATEGY_PHASES } from '../roles';

export const yearField = z.number().int().min(2000).max(2100);

export const strategyCreationBody = z.object({
  year: yearField,
  title: z.string().trim().min(1).max(200),
});

export const strategySchema = z.object({
  id: z.string(),
  territory: z.string(),
  year: z.number().int(),
  status: z.enum(STRATEGY_PHASES),
  documentId: z.string(),
  title: z.string(),
  mainLanguage: z.string(),
  /** What the caller may do with the live document. */
  access: z.enum(['read', 'edit']),
});

export type StrategyCreationBody = z.input<typeof strategyCreationBody>;
export type Strategy = z.infer<typeof strategySchema>;
