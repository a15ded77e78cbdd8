/** Random identifiers for stored rows and secrets, from the platform's CSPRNG. */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export function newId(byteLength = 10): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** A secret for a cookie or a one-time link: 160 bits, as the Lucia session guide recommends. */
export function newToken(): string {
  return newId(20);
}
