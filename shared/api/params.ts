/** Path parameters of the API, checked before a route reads anything. */
import { z } from 'zod';
import { roleField } from './accounts';
import { territoryCodeField } from './territories';

/** Row ids are random base32; the pattern only keeps garbage away from the database. */
export const idField = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a valid id.');

export const yearParam = z
  .string()
  .regex(/^\d{4}$/, 'A year has four digits.')
  .transform(Number)
  .pipe(z.number().int().min(2000).max(2100));

export const territoryParams = z.object({ code: territoryCodeField });
export const territoryYearParams = z.object({ code: territoryCodeField, year: yearParam });
export const idParams = z.object({ id: idField });
export const userParams = z.object({ userId: idField });
export const memberParams = z.object({
  code: territoryCodeField,
  userId: idField,
  role: roleField,
});
