/**
 * The people present in a document, read from Yjs awareness. The server overwrites each
 * client's `user` field from its session, so the names, colours and roles shown are trustworthy.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface PeerUser {
  name: string;
  color: string;
  role?: string;
  /** The same for all tabs of one signed-in person (a short hash from the server). */
  key?: string;
}

export interface Peer extends PeerUser {
  clientId: number;
  self: boolean;
  /** The list field the person is typing in, as `<list>/<key>/…/<field>`. */
  field: string | null;
}

/** One person in the list of people present, however many tabs they have open. */
export interface Person extends PeerUser {
  /** The clients (tabs) of this person. */
  clientIds: number[];
  self: boolean;
}

const colorPattern = /^#[0-9a-fA-F]{6}$/;
const keyPattern = /^[0-9a-f]{12}$/;

const readKey = (key: unknown) =>
  typeof key === 'string' && keyPattern.test(key) ? key : undefined;

/** The identity in a MESSAGE_IDENTITY, or null when it is not one. */
export function readPeerUser(json: string): PeerUser | null {
  try {
    const value = JSON.parse(json) as Partial<PeerUser>;
    if (typeof value.name !== 'string' || typeof value.color !== 'string') return null;
    if (!colorPattern.test(value.color)) return null;
    return { name: value.name, color: value.color, role: value.role, key: readKey(value.key) };
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
      key: readKey(user.key),
      field: typeof state.field === 'string' ? state.field : null,
    });
  });
  // Oneself first, then the others in a stable order.
  return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.clientId - b.clientId);
}

/**
 * The people behind the clients: every tab of one person counts once. A client without a key
 * (a guest) is a person of its own. Oneself comes first; the others keep the clients' order.
 */
export function groupPeople(peers: readonly Peer[]): Person[] {
  const people = new Map<string, Person>();
  for (const peer of peers) {
    const id = peer.key ?? `client:${peer.clientId}`;
    const person = people.get(id);
    if (person) {
      person.clientIds.push(peer.clientId);
      person.self ||= peer.self;
      continue;
    }
    const { name, color, role, key, clientId, self } = peer;
    people.set(id, { name, color, role, key, clientIds: [clientId], self });
  }
  return [...people.values()].sort((a, b) => Number(b.self) - Number(a.self));
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
