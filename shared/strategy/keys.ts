/**
 * Stable keys for new list items. They are random rather than counted (G4, G5…) because two
 * people adding a goal at the same moment would otherwise pick the same key, and one Y.Map entry
 * would silently replace the other.
 */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newItemKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  let suffix = '';
  for (const byte of bytes) suffix += ALPHABET[byte % ALPHABET.length];
  return `${prefix}-${suffix}`;
}

/** Item keys as they appear in URLs and comment targets: letters, digits and dashes. */
export const ITEM_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
