/**
 * Abuse limits of the consultation, per account and per address, through the shared sliding
 * window of server/http/rate-limit.ts. They sit far above what a person does by hand (a resident
 * may cast and take back 120 votes a minute, in a burst), while one address is allowed ten times
 * that, because a school or a mahalla office shares one address among many people.
 */
import type { Context } from 'hono';
import type { AppDeps } from '../http/context';
import { clientAddress, enforceRateLimits, rateLimiter, type RateLimit } from '../http/rate-limit';

const minuteMs = 60_000;

const LIMITS = {
  vote: {
    account: { attempts: 120, windowMs: minuteMs },
    address: { attempts: 1_200, windowMs: minuteMs },
  },
  comment: {
    account: { attempts: 10, windowMs: minuteMs },
    address: { attempts: 100, windowMs: minuteMs },
  },
  flag: {
    account: { attempts: 30, windowMs: minuteMs },
    address: { attempts: 300, windowMs: minuteMs },
  },
  /** Failed code redemptions only: guessing codes is what this slows down. */
  residency: {
    account: { attempts: 10, windowMs: minuteMs },
    address: { attempts: 50, windowMs: minuteMs },
  },
} as const satisfies Record<string, { account: RateLimit; address: RateLimit }>;

export type LimitedAction = keyof typeof LIMITS;

function limiters(deps: AppDeps, action: LimitedAction) {
  return {
    byAccount: rateLimiter(deps, `${action}:account`, LIMITS[action].account),
    byAddress: rateLimiter(deps, `${action}:address`, LIMITS[action].address),
  };
}

/** Refuses with 429 and Retry-After when the account or the address is over the limit. */
export function checkRateLimit(c: Context, action: LimitedAction, userId: string): void {
  const { byAccount, byAddress } = limiters(c.get('deps'), action);
  enforceRateLimits(c, [
    [byAccount, userId],
    [byAddress, clientAddress(c)],
  ]);
}

/** Counts one attempt against both limits. */
export function recordAttempt(c: Context, action: LimitedAction, userId: string): void {
  const { byAccount, byAddress } = limiters(c.get('deps'), action);
  byAccount.record(userId);
  byAddress.record(clientAddress(c));
}

/** Checks, then counts: for actions where every attempt counts. */
export function limitAttempt(c: Context, action: LimitedAction, userId: string): void {
  checkRateLimit(c, action, userId);
  recordAttempt(c, action, userId);
}
