/**
 * The people present in a document, read from Yjs awareness. The server overwrites each
 * client's `user` field from its session, so the names, colours and roles shown are trustworthy.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface PeerUser {
  name: string;
  color: string;
  role?: string;
}

export interface Peer extends PeerUser {
  clientId: number;
  self: boolean;
  /** The list field the person is typing in, as `<list>/<key>/…/<field>`. */
  field: string | null;
}

const colorPattern = /^#[0-9a-fA-F]{6}$/;

/** The identity in a MESSAGE_IDENTITY, or null when it is not one. */
export function readPeerUser(json: string): PeerUser | null {
  try {
    const value = JSON.parse(json) as Partial<PeerUser>;
    if (typeof value.name !== 'string' || typeof value.color !== 'string') return null;
    if (!colorPattern.test(value.color)) return null;
    return { name: value.name, color: value.color, role: value.role };
  } catch {
    return null;
  }
}

export function readPeers(awareness: Awareness, ownClientId: number): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = state.user as Partial<PeerUser> | undefined;
    if (!user || typeof user.name !== 'string') return;
    peers.push({
      clientId,
      self: clientId === ownClientId,
      name: user.name,
      color:
        typeof user.color === 'string' && colorPattern.test(user.color) ? user.color : '#444444',
      role: typeof user.role === 'string' ? user.role : undefined,
      field: typeof state.field === 'string' ? state.field : null,
    });
  });
  // Oneself first, then the others in a stable order.
  return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.clientId - b.clientId);
}

const ROLE_PRECEDENCE = ['coordinator', 'editor', 'authority', 'expert', 'resident'];

/**
 * One's own role for the caret label until the server's version arrives: the strongest role held
 * in this territory or above it (codes nest: UZ-FA-FC is above UZ-FA-FC-NAV).
 */
export function ownRole(
  memberships: readonly { territoryCode: string; role: string }[],
  territoryCode: string,
): string | undefined {
  const roles = new Set(
    memberships
      .filter(
        (membership) =>
          territoryCode === membership.territoryCode ||
          territoryCode.startsWith(`${membership.territoryCode}-`),
      )
      .map((membership) => membership.role),
  );
  return ROLE_PRECEDENCE.find((role) => roles.has(role));
}
