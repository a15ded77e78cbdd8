/**
 * Sliding-window limits on attempts, kept in memory per running app. Sign-in counts failures per
 * email and per network address, so guessing passwords is slow while a school sharing one address
 * can still sign in its people. One process serves Birga, so memory is the right place; a second
 * instance would need a shared store.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { DomainError } from '../errors';
import type { AppDeps } from './context';

export interface RateLimit {
  /** Attempts allowed within the window, before config.rateLimitFactor multiplies it. */
  attempts: number;
  windowMs: number;
}

const maxTrackedKeys = 50_000;

export class RateLimiter {
  readonly #attempts = new Map<string, number[]>();

  constructor(readonly limit: RateLimit) {}

  /** Seconds until another attempt is allowed, or 0 if one is allowed now. */
  retryAfterSeconds(key: string, now = Date.now()): number {
    const recent = this.#recent(key, now);
    if (recent.length < this.limit.attempts) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.limit.windowMs - now) / 1000));
  }

  record(key: string, now = Date.now()): void {
    if (this.#attempts.size >= maxTrackedKeys) this.#sweep(now);
    const recent = this.#recent(key, now);
    recent.push(now);
    this.#attempts.set(key, recent);
  }

  #recent(key: string, now: number): number[] {
    const since = now - this.limit.windowMs;
    return (this.#attempts.get(key) ?? []).filter((at) => at > since);
  }

  #sweep(now: number): void {
    for (const key of [...this.#attempts.keys()]) {
      if (this.#recent(key, now).length === 0) this.#attempts.delete(key);
    }
    // Still full of live keys: an attack from many addresses. Forgetting the oldest is safer
    // than growing without bound.
    if (this.#attempts.size >= maxTrackedKeys) this.#attempts.clear();
  }
}

const limitersByApp = new WeakMap<AppDeps, Map<string, RateLimiter>>();

/** The app's limiter of that name; its size scales with config.rateLimitFactor. */
export function rateLimiter(deps: AppDeps, name: string, limit: RateLimit): RateLimiter {
  let limiters = limitersByApp.get(deps);
  if (!limiters) {
    limiters = new Map();
    limitersByApp.set(deps, limiters);
  }
  let limiter = limiters.get(name);
  if (!limiter) {
    const attempts = Math.round(limit.attempts * Math.max(1, deps.config.rateLimitFactor));
    limiter = new RateLimiter({ attempts, windowMs: limit.windowMs });
    limiters.set(name, limiter);
  }
  return limiter;
}

/** A 429; the Retry-After header is set on the context before it is thrown. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super({
      status: 429,
      code: 'rate_limited',
      message: 'Too many attempts. Try again in a little while.',
    });
  }
}

/** Throws a 429 with Retry-After when any of the keyed limiters is exhausted. */
export function enforceRateLimits(c: Context, checks: [RateLimiter, string][]): void {
  const waitSeconds = Math.max(
    0,
    ...checks.map(([limiter, key]) => limiter.retryAfterSeconds(key)),
  );
  if (waitSeconds === 0) return;
  c.header('Retry-After', String(waitSeconds));
  throw new RateLimitedError(waitSeconds);
}

/** The network address of the caller, as the socket reports it (no proxy headers are trusted). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
