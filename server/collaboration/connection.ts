/**
 * One collaboration socket: reads its messages, applies its rights, and answers it. A message that
 * cannot be decoded closes this socket only; nothing it sent reaches the document.
 */
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import {
  CLOSE_MALFORMED_MESSAGE,
  CLOSE_MESSAGE_TOO_LARGE,
  CLOSE_RATE_LIMITED,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVE_CHECK,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  type AccessMode,
} from '../../shared/collaboration/protocol';
import type { Logger } from '../logger';
import { UnreadableDocumentError, type DocumentRoom } from './document-room';
import type { PresenceIdentity } from './identity';
import {
  MalformedMessageError,
  decodeAwareness,
  encodeAccess,
  encodeAwarenessEntries,
  encodeStored,
  expectEnd,
  inspectUpdate,
  isEmptyUpdate,
  readStateVector,
} from './messages';
import { TokenBucket } from './token-bucket';

/** Unanswered presence messages a socket may still echo for free; a bound, not a budget. */
const maxPresenceEchoes = 1_000;

export interface ConnectionLimits {
  maxMessageBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  awarenessPerSecond: number;
  awarenessBurst: number;
  /** A reader that does not drain its socket is cut off rather than held in memory. */
  maxBufferedBytes: number;
}

export interface ConnectionOwner {
  enqueueUpdate(room: DocumentRoom, connection: CollaborationConnection, update: Uint8Array): void;
  closeUnreadable(room: DocumentRoom, error: Error): void;
}

export class CollaborationConnection {
  readonly awarenessClients = new Set<number>();
  /** Edits from this socket that wait for the next commit. */
  queuedUpdates = 0;
  /** The highest save check that must be answered once the queued edits are stored. */
  pendingCheck: number | null = null;
  droppedUpdates = 0;
  closed = false;
  /** Closed for a malformed message: its queued updates are not taken. */
  refused = false;
  /**
   * Presence messages sent to this socket that it may echo back without paying for them from its
   * message budget: a y-websocket client echoes each one it applies, so a busy room would
   * otherwise throttle everyone in it.
   */
  private presenceEchoes = 0;
  private readonly messageBucket: TokenBucket;
  private readonly awarenessBucket: TokenBucket;

  constructor(
    readonly socket: WebSocket,
    readonly room: DocumentRoom,
    public mode: AccessMode,
    public identity: PresenceIdentity,
    readonly session: { userId: string | null; sessionId: string | null },
    private readonly owner: ConnectionOwner,
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
  ) {
    this.messageBucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    this.awarenessBucket = new TokenBucket(limits.awarenessPerSecond, limits.awarenessBurst);
  }

  /** Sends a message; `written`, if given, runs once it is handed to the kernel (or lost). */
  send(message: Uint8Array, written?: () => void): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_RATE_LIMITED, 'not reading fast enough');
      return;
    }
    this.socket.send(message, { binary: true }, written);
  }

  /** Sends other people's presence; the client may echo it once for free. */
  sendPresence(message: Uint8Array): void {
    this.presenceEchoes = Math.min(this.presenceEchoes + 1, maxPresenceEchoes);
    this.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.refused = code === CLOSE_MALFORMED_MESSAGE;
    this.socket.close(code, reason);
    // A peer that never answers the close handshake must not keep its socket open.
    setTimeout(() => this.socket.terminate(), 1_000).unref();
  }

  setMode(mode: AccessMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.send(encodeAccess(mode));
    // Asking again for what the client holds lets edits it kept while locked reach the store now.
    if (mode === 'edit') this.send(this.room.syncStep1());
  }

  /** Called after a commit that stored this socket's queued edits. */
  acknowledgeStored(): void {
    this.queuedUpdates = 0;
    if (this.pendingCheck !== null) {
      this.send(encodeStored(this.pendingCheck));
      this.pendingCheck = null;
    }
  }

  handleMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary) return this.close(CLOSE_MALFORMED_MESSAGE, 'text frames are not spoken here');
    if (data.length > this.limits.maxMessageBytes) {
      return this.close(CLOSE_MESSAGE_TOO_LARGE, 'message too large');
    }
    if (data[0] === MESSAGE_AWARENESS && this.presenceEchoes > 0) this.presenceEchoes -= 1;
    else if (!this.messageBucket.take()) {
      return this.close(CLOSE_RATE_LIMITED, 'too many messages');
    }

    try {
      this.dispatch(
        decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.length)),
      );
    } catch (error) {
      // The document's fault, not the message's: every socket of it is closed, as unavailable.
      if (error instanceof UnreadableDocumentError)
        return this.owner.closeUnreadable(this.room, error);
      this.log.warn(
        { reason: error instanceof MalformedMessageError ? error.message : String(error) },
        'malformed message',
      );
      this.close(CLOSE_MALFORMED_MESSAGE, 'malformed message');
    }
  }

  private dispatch(decoder: decoding.Decoder): void {
    const messageType = decoding.readVarUint(decoder);
    switch (messageType) {
      case MESSAGE_SYNC:
        return this.handleSync(decoder);
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        return this.handleAwareness(update);
      }
      case MESSAGE_QUERY_AWARENESS: {
        expectEnd(decoder);
        const snapshot = this.room.awarenessSnapshot();
        if (snapshot) this.sendPresence(snapshot);
        return;
      }
      case MESSAGE_SAVE_CHECK: {
        const check = decoding.readVarUint(decoder);
        expectEnd(decoder);
        if (this.queuedUpdates > 0) this.pendingCheck = check;
        else this.send(encodeStored(check));
        return;
      }
      default:
        throw new MalformedMessageError(`unknown message type ${messageType}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    expectEnd(decoder);

    if (syncType === SYNC_STEP_1) {
      this.room.answerSyncStep1(this, readStateVector(payload));
      return;
    }
    if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) {
      throw new MalformedMessageError(`unknown sync message ${syncType}`);
    }
    // Decoded completely, with the strict reader that merging the stored log uses later. Applying
    // alone is not enough: Yjs's apply reads some malformed structs as skips, and such an update,
    // once stored, would break every later read of the document.
    if (isEmptyUpdate(inspectUpdate(payload))) return;
    if (this.mode !== 'edit') {
      // Read-only sockets may not change the document: dropped, never stored nor broadcast.
      this.droppedUpdates += 1;
      return;
    }
    // The payload is a view into the socket's whole read buffer (often 64 KiB); the copy keeps
    // that buffer from being pinned by the room's cache of recent edits.
    this.owner.enqueueUpdate(this.room, this, payload.slice());
  }

  private handleAwareness(update: Uint8Array): void {
    // y-websocket sends back every presence change it receives, other people's included: those
    // echoes are dropped here and cost nothing of this socket's own presence budget.
    const entries = decodeAwareness(update).filter((entry) => {
      const owner = this.room.awarenessOwners.get(entry.clientId);
      return !owner || owner === this;
    });
    if (entries.length === 0) return;
    if (!this.awarenessBucket.take()) {
      this.close(CLOSE_RATE_LIMITED, 'too many presence updates');
      return;
    }
    for (const entry of entries) {
      this.room.awarenessOwners.set(entry.clientId, this);
      this.awarenessClients.add(entry.clientId);
      if (entry.state !== null) entry.state = { ...entry.state, user: { ...this.identity } };
    }
    awarenessProtocol.applyAwarenessUpdate(
      this.room.awareness,
      encodeAwarenessEntries(entries),
      this,
    );
  }
}
