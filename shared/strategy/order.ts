/**
 * Ordering keys for list items (fractional indexing): a string that sorts between its neighbours,
 * so moving an item rewrites one field instead of the whole list. Keys use 62 digits in ASCII
 * order and never end in the smallest digit, which keeps room for a key before any other.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SMALLEST = DIGITS[0]!;

function digitValue(character: string | undefined, fallback: number): number {
  if (character === undefined) return fallback;
  const value = DIGITS.indexOf(character);
  if (value < 0) throw new Error(`"${character}" is not an ordering digit`);
  return value;
}

/** A key strictly between `before` ('' for the start) and `after` (null for the end). */
function between(before: string, after: string | null): string {
  if (after !== null) {
    let shared = 0;
    while ((before[shared] ?? SMALLEST) === after[shared]) shared += 1;
    if (shared > 0)
      return after.slice(0, shared) + between(before.slice(shared), after.slice(shared));
  }
  const low = digitValue(before[0], 0);
  const high = after === null ? DIGITS.length : digitValue(after[0], DIGITS.length);
  if (high - low > 1) return DIGITS[Math.round((low + high) / 2)]!;
  // Neighbouring digits: keep the lower one and go one level deeper.
  if (after !== null && after.length > 1) return after.slice(0, 1);
  return DIGITS[low]! + between(before.slice(1), null);
}

/**
 * The order key for an item placed between two others. Two people inserting at the same place at
 * once may produce equal keys; readers break such ties by the items' own keys, and a later insert
 * between two equal keys lands after both.
 */
export function orderBetween(before: string | null, after: string | null): string {
  const low = before ?? '';
  if (after !== null && low >= after) return low + DIGITS[31];
  return between(low, after);
}

/** Evenly spread keys for n items in a fresh list (the seed, an import). */
export function initialOrders(count: number): string[] {
  const orders: string[] = [];
  let previous: string | null = null;
  for (let index = 0; index < count; index += 1) {
    previous = orderBetween(previous, null);
    orders.push(previous);
  }
  return orders;
}

export function compareOrder(
  a: { order: string; key: string },
  b: { order: string; key: string },
): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
