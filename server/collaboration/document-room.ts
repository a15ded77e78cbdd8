/**
 * One loaded document: its Y.Doc, the presence of the people in it, their sockets, and the edits
 * waiting for the next commit.
 *
 * Readers only ever see committed state: the hub applies a batch of edits and commits it in one
 * synchronous stretch, so no request is answered in between.
 *
 * A freshly loaded document is first served straight from its stored bytes and its stored state
 * vector: building the Y.Doc of a long history takes a while, and the first reader need not wait
 * for it. The Y.Doc is built once that reader's answer has left, or at the first edit.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { CollaborationConnection } from './connection';
import { encodeAwareness, encodeSyncStep1FromVector, encodeSyncStep2 } from './messages';
import type { StoredDocument } from './update-log';

export interface QueuedUpdate {
  update: Uint8Array;
  connection: CollaborationConnection;
}

/** How long after answering its first reader a document loaded from the store is built. */
const buildDelayMs = 300;

/** Fresh-client reads answered from one cached encoding before it is re-encoded. */
const maxUpdatesOnCachedState = 200;

/** The stored state of a document could not be read; the document is unavailable, not empty. */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
}

/** Runs a read of stored or built state; a failure is the document's, never the reader's. */
function readingState<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UnreadableDocumentError(`stored state unreadable: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

export function documentFromStore(stored: StoredDocument): Y.Doc {
  const ydoc = new Y.Doc();
  ydoc.transact(() => {
    for (const update of stored.updates) Y.applyUpdate(ydoc, update);
  });
  return ydoc;
}

function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return Y.decodeStateVector(stateVector).size === 0;
}

export class DocumentRoom {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<CollaborationConnection>();
  /** Which socket first announced each awareness client id; nobody else may speak for it. */
  readonly awarenessOwners = new Map<number, CollaborationConnection>();
  queue: QueuedUpdate[] = [];
  /** The log since the stored snapshot, which compaction folds into a new one. */
  logRows: number;
  logBytes: number;
  snapshotBytes: number;
  unloadTimer: NodeJS.Timeout | undefined;

  private built: Y.Doc | null = null;
  /** The stored state, until the Y.Doc is built from it. */
  private storedState: Uint8Array | null;
  private storedStateVector: Uint8Array | null;
  private buildTimer: NodeJS.Timeout | undefined;
  /** The committed state encoded once for clients that hold nothing yet, and what came after. */
  private fullState: { state: Uint8Array; since: Uint8Array[] } | null = null;

  /**
   * Throws UnreadableDocumentError when the stored state cannot be read; `onUnreadable` is told
   * when that is found later (the background build), so the hub can close the document.
   */
  constructor(
    readonly documentId: string,
    stored: StoredDocument,
    private readonly onUnreadable: (room: DocumentRoom, error: Error) => void,
  ) {
    // Both read the whole state with Yjs's strict reader: a damaged store is found here, at load.
    this.storedState = readingState(() =>
      stored.updates.length === 1 ? stored.updates[0]! : Y.mergeUpdates(stored.updates),
    );
    this.storedStateVector =
      stored.stateVector ?? readingState(() => Y.encodeStateVectorFromUpdate(this.storedState!));
    this.logRows = stored.logRows;
    this.logBytes = stored.logBytes;
    this.snapshotBytes = stored.snapshotBytes;

    // The awareness needs a Y.Doc only for its own client id; the server sets no state of its own.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
        const changed = added.concat(updated, removed);
        if (changed.length === 0) return;
        const message = encodeAwareness(
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
        );
        for (const connection of this.connections) connection.sendPresence(message);
      },
    );
  }

  /** The Y.Doc, built from the stored state on first use; throws UnreadableDocumentError. */
  get ydoc(): Y.Doc {
    if (!this.built) {
      const ydoc = new Y.Doc();
      const stored = this.storedState;
      if (stored) readingState(() => Y.applyUpdate(ydoc, stored));
      this.built = ydoc;
      this.storedState = null;
      this.storedStateVector = null;
    }
    return this.built;
  }

  /**
   * Builds the Y.Doc a little after a reader's answer has been handed to the kernel, so that the
   * next edit finds it ready. Not at once: the build holds the event loop for as long as the
   * reader takes to apply what it got, and on a server that also runs the reader (or many
   * reconnecting ones after a restart) the two would share the processor.
   */
  private prepareSoon(): void {
    if (this.built || this.buildTimer) return;
    this.buildTimer = setTimeout(() => {
      this.buildTimer = undefined;
      if (this.built || !this.storedState || this.connections.size === 0) return;
      try {
        void this.ydoc;
      } catch (error) {
        this.onUnreadable(this, error as Error);
      }
    }, buildDelayMs);
    this.buildTimer.unref();
  }

  syncStep1(): Uint8Array {
    if (this.built) return encodeSyncStep1FromVector(Y.encodeStateVector(this.built));
    return encodeSyncStep1FromVector(this.storedStateVector!);
  }

  /** The committed state as one update; the caller may not change it. */
  committedState(): Uint8Array {
    return this.built ? Y.encodeStateAsUpdate(this.built) : this.storedState!;
  }

  /** Answers a client's sync step 1 with what it lacks; throws UnreadableDocumentError. */
  answerSyncStep1(connection: CollaborationConnection, stateVector: Uint8Array): void {
    const answer = encodeSyncStep2(readingState(() => this.missingFrom(stateVector)));
    if (this.built) connection.send(answer);
    else connection.send(answer, () => this.prepareSoon());
  }

  private missingFrom(stateVector: Uint8Array): Uint8Array {
    const fresh = isEmptyStateVector(stateVector);
    if (!this.built) {
      return fresh ? this.storedState! : Y.diffUpdate(this.storedState!, stateVector);
    }
    if (!fresh) return Y.encodeStateAsUpdate(this.built, stateVector);
    if (this.fullState && this.fullState.since.length > 0) {
      this.fullState = {
        state: Y.mergeUpdates([this.fullState.state, ...this.fullState.since]),
        since: [],
      };
    }
    this.fullState ??= { state: Y.encodeStateAsUpdate(this.built), since: [] };
    return this.fullState.state;
  }

  /**
   * Applies a queued edit to the Y.Doc, which is also where a malformed update is found: Yjs throws
   * while reading it. The caller commits the edit before anyone may read it.
   */
  apply(entry: QueuedUpdate): void {
    Y.applyUpdate(this.ydoc, entry.update, entry.connection);
    if (this.fullState) {
      this.fullState.since.push(entry.update);
      if (this.fullState.since.length > maxUpdatesOnCachedState) this.fullState = null;
    }
  }

  /**
   * Rebuilds the Y.Doc from the store after an update failed half-way through being applied, so
   * the memory never holds a state that the database does not.
   */
  reload(stored: StoredDocument): void {
    this.built?.destroy();
    this.built = null;
    this.fullState = null;
    this.storedState = readingState(() => Y.mergeUpdates(stored.updates));
    this.storedStateVector =
      stored.stateVector ?? readingState(() => Y.encodeStateVectorFromUpdate(this.storedState!));
    this.logRows = stored.logRows;
    this.logBytes = stored.logBytes;
    this.snapshotBytes = stored.snapshotBytes;
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
    clearTimeout(this.buildTimer);
    this.awareness.destroy();
    this.built?.destroy();
    this.built = null;
  }
}
