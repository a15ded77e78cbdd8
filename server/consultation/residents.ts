/**
 * Resident codes: one-time codes that a coordinator prints on slips and hands out at a mahalla
 * meeting; whoever redeems one becomes a verified resident of the territory, which is what gives
 * votes there. Only each code's SHA-256 is stored, like session tokens, so a copy of the database
 * cannot be used to become a resident: the codes are shown once, in the answer that creates them,
 * and a lost sheet is replaced by revoking its batch and printing a new one.
 */
import { and, count, eq, isNull, max, min } from 'drizzle-orm';
import { hashToken } from '../accounts/sessions';
import type { BirgaDatabase } from '../storage/database';
import { newId } from '../storage/ids';
import { memberships, residentCodes } from '../storage/schema';
import {
  alreadyResident,
  residentCodeExpired,
  residentCodeUnknown,
  residentCodeUsed,
} from './errors';

/** No 0/O, 1/I/L: a code read aloud or copied from paper has one spelling. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

/** 12 letters of 31 (about 59 bits): XXXX-XXXX-XXXX. */
export function newResidentCode(): string {
  const letters: string[] = [];
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (letters.length < CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2))) {
      // Rejection sampling keeps every letter equally likely.
      if (byte < limit && letters.length < CODE_LENGTH) {
        letters.push(CODE_ALPHABET[byte % CODE_ALPHABET.length]!);
      }
    }
  }
  return [0, 4, 8].map((start) => letters.slice(start, start + 4).join('')).join('-');
}

/** People type codes in any case, with or without the dashes and spaces. */
export function normalizeResidentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const hashCode = (code: string) => hashToken(normalizeResidentCode(code));

export function createResidentCodes(
  db: BirgaDatabase,
  batch: {
    territoryCode: string;
    strategyId: string;
    count: number;
    createdAt: number;
    expiresAt: number;
    createdBy: string;
  },
): { batchId: string; codes: string[] } {
  const batchId = newId();
  const codes = Array.from({ length: batch.count }, newResidentCode);
  const { createdAt } = batch;
  db.transaction((tx) => {
    for (const code of codes) {
      tx.insert(residentCodes)
        .values({
          codeHash: hashCode(code),
          batchId,
          territoryCode: batch.territoryCode,
          strategyId: batch.strategyId,
          createdBy: batch.createdBy,
          expiresAt: batch.expiresAt,
          createdAt,
        })
        .run();
    }
  });
  return { batchId, codes };
}

export function residentCodeBatches(db: BirgaDatabase, territoryCode: string) {
  return db
    .select({
      batchId: residentCodes.batchId,
      createdAt: min(residentCodes.createdAt),
      expiresAt: max(residentCodes.expiresAt),
      count: count(),
      used: count(residentCodes.usedAt),
    })
    .from(residentCodes)
    .where(eq(residentCodes.territoryCode, territoryCode))
    .groupBy(residentCodes.batchId)
    .orderBy(min(residentCodes.createdAt))
    .all()
    .map((row) => ({ ...row, createdAt: row.createdAt ?? 0, expiresAt: row.expiresAt ?? 0 }));
}

/** Removes the batch's unused codes; used ones stay as the record of who became a resident. */
export function revokeResidentCodes(
  db: BirgaDatabase,
  territoryCode: string,
  batchId: string,
): number {
  return db
    .delete(residentCodes)
    .where(
      and(
        eq(residentCodes.territoryCode, territoryCode),
        eq(residentCodes.batchId, batchId),
        isNull(residentCodes.usedAt),
      ),
    )
    .run().changes;
}

export function batchExists(db: BirgaDatabase, territoryCode: string, batchId: string): boolean {
  return (
    db
      .select({ batchId: residentCodes.batchId })
      .from(residentCodes)
      .where(
        and(eq(residentCodes.territoryCode, territoryCode), eq(residentCodes.batchId, batchId)),
      )
      .get() !== undefined
  );
}

function isDirectResident(
  db: Pick<BirgaDatabase, 'select'>,
  userId: string,
  territoryCode: string,
) {
  const row = db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.territoryCode, territoryCode),
        eq(memberships.role, 'resident'),
      ),
    )
    .get();
  return row !== undefined;
}

/**
 * Makes the user a verified resident with the code. Someone already verified there is told so
 * and the code stays unused. The code is spent by an update that only matches an unused row, so
 * two people racing with one code cannot both succeed.
 */
export function redeemResidentCode(
  db: BirgaDatabase,
  redemption: { territoryCode: string; code: string; userId: string; now: number },
): void {
  const { territoryCode, userId, now } = redemption;
  db.transaction(
    (tx) => {
      if (isDirectResident(tx, userId, territoryCode)) throw alreadyResident();
      const codeHash = hashCode(redemption.code);
      const row = tx.select().from(residentCodes).where(eq(residentCodes.codeHash, codeHash)).get();
      if (!row || row.territoryCode !== territoryCode) throw residentCodeUnknown();
      if (row.usedAt !== null) throw residentCodeUsed();
      if (row.expiresAt <= now) throw residentCodeExpired();

      const spent = tx
        .update(residentCodes)
        .set({ usedAt: now, usedBy: userId })
        .where(and(eq(residentCodes.codeHash, codeHash), isNull(residentCodes.usedAt)))
        .run();
      if (spent.changes === 0) throw residentCodeUsed();
      tx.insert(memberships)
        .values({ userId, territoryCode, role: 'resident' })
        .onConflictDoNothing()
        .run();
    },
    { behavior: 'immediate' },
  );
}
