/**
 * The clock that decides whether a consultation is open. The window is checked by the clock on
 * every vote and comment; tests set the clock of their own app instead of sleeping.
 */
import type { AppDeps } from '../http/context';

export type Clock = () => number;

const clocks = new WeakMap<AppDeps, Clock>();

/** Milliseconds since the epoch, by the app's clock. */
export function consultationNow(deps: AppDeps): number {
  return (clocks.get(deps) ?? Date.now)();
}

/** Replaces the app's clock; undefined goes back to the system clock. */
export function setConsultationClock(deps: AppDeps, clock: Clock | undefined): void {
  if (clock) clocks.set(deps, clock);
  else clocks.delete(deps);
}
