/**
 * The presence identity shown beside a person's caret. It comes from the session on the server;
 * whatever name or colour a client puts into its awareness state is replaced by this.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../shared/roles';

export interface PresenceIdentity {
  name: string;
  color: string;
  role: Role | 'guest';
  /** The same for every tab of one signed-in person; absent for guests. */
  key?: string;
}

/**
 * A stable key that lets the others count one person once, however many tabs they have open.
 * Awareness states reach everyone in the document, so it is a short hash, never the id itself.
 */
export function presenceKey(userId: string | null): string | undefined {
  if (!userId) return undefined;
  return createHash('sha256').update(userId).digest('hex').slice(0, 12);
}

/** Colours that keep 4.5:1 contrast with white label text. */
const CARET_COLORS = [
  '#b4235a',
  '#1d6fb8',
  '#2f7d32',
  '#8e44ad',
  '#b35900',
  '#00796b',
  '#5d4bb5',
  '#a3341c',
];

const GUEST_COLOR = '#555555';

/**
 * A caret colour for a person joining a document: the colour their id hashes to, unless someone
 * else present already shows it, then the next free one, so two people side by side never look
 * alike while the palette lasts.
 */
export function caretColor(userId: string | null, takenByOthers: ReadonlySet<string>): string {
  if (!userId) return GUEST_COLOR;
  let hash = 0;
  for (const character of userId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  for (let step = 0; step < CARET_COLORS.length; step += 1) {
    const color = CARET_COLORS[(hash + step) % CARET_COLORS.length]!;
    if (!takenByOthers.has(color)) return color;
  }
  return CARET_COLORS[hash % CARET_COLORS.length]!;
}

const ROLE_PRECEDENCE: Role[] = ['coordinator', 'editor', 'authority', 'expert', 'resident'];

export function presenceRole(roles: ReadonlySet<Role>): Role | 'guest' {
  return ROLE_PRECEDENCE.find((role) => roles.has(role)) ?? 'guest';
}
