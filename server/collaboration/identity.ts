/**
 * The presence identity shown beside a person's caret. It comes from the session on the server;
 * whatever name or colour a client puts into its awareness state is replaced by this.
 */
import type { Role } from '../../shared/roles';

export interface PresenceIdentity {
  name: string;
  color: string;
  role: Role | 'guest';
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

export function caretColor(userId: string | null): string {
  if (!userId) return '#555555';
  let hash = 0;
  for (const character of userId) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return CARET_COLORS[hash % CARET_COLORS.length]!;
}

const ROLE_PRECEDENCE: Role[] = ['coordinator', 'editor', 'authority', 'expert', 'resident'];

export function presenceRole(roles: ReadonlySet<Role>): Role | 'guest' {
  return ROLE_PRECEDENCE.find((role) => roles.has(role)) ?? 'guest';
}
