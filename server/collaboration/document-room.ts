/**
 * One loaded document: its Y.Doc (holding exactly what is stored, never an edit that is not yet
 * committed), the presence of the people in it, their sockets, and the edits waiting for the next
 * commit.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { CollaborationConnection } from './connection';
import { encodeAwareness } from './messages';
import type { StoredDocument } from './update-log';

export interface QueuedUpdate {
  update: Uint8Array;
  connection: CollaborationConnection;
}

export function documentFromStore(stored: StoredDocument): Y.Doc {
  const ydoc = new Y.Doc();
  ydoc.transact(() => {
    for (const update of stored.updates) Y.applyUpdate(ydoc, update);
  });
  return ydoc;
}

export class DocumentRoom {
  ydoc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<CollaborationConnection>();
  /** Which socket first announced each awareness client id; nobody else may speak for it. */
  readonly awarenessOwners = new Map<number, CollaborationConnection>();
  queue: QueuedUpdate[] = [];
  logRows: number;
  unloadTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly documentId: string,
    stored: StoredDocument,
  ) {
    this.ydoc = documentFromStore(stored);
    this.logRows = stored.logRows;

    this.awareness = new awarenessProtocol.Awareness(this.ydoc);
    // The server is not a participant: without this it would appear as an empty presence.
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
        const changed = added.concat(updated, removed);
        if (changed.length === 0) return;
        const message = encodeAwareness(
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
        );
        for (const connection of this.connections) connection.send(message);
      },
    );
  }

  /**
   * Rebuilds the Y.Doc from the store after an update failed half-way through being applied, so
   * the memory never holds a state that the database does not.
   */
  reload(stored: StoredDocument): void {
    const previous = this.ydoc;
    this.ydoc = documentFromStore(stored);
    this.logRows = stored.logRows;
    previous.destroy();
  }

  /** Sends a message to everyone in the room but the socket it came from. */
  broadcast(message: Uint8Array, except?: CollaborationConnection): void {
    for (const connection of this.connections) {
      if (connection !== except) connection.send(message);
    }
  }

  awarenessSnapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length === 0) return null;
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  leave(connection: CollaborationConnection): void {
    this.connections.delete(connection);
    const owned = [...connection.awarenessClients].filter(
      (clientId) => this.awarenessOwners.get(clientId) === connection,
    );
    for (const clientId of owned) this.awarenessOwners.delete(clientId);
    if (owned.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, owned, 'connection closed');
    }
  }

  destroy(): void {
    clearTimeout(this.unloadTimer);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
