/**
 * One open strategy document in the browser: the Y.Doc, its copy in IndexedDB (per user, so
 * offline edits survive a closed tab), the collaboration socket with Birga's extra messages
 * (access changes, save checks), the people present, and the saving status shown in the header.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import {
  CLOSE_RATE_LIMITED,
  MESSAGE_ACCESS,
  MESSAGE_IDENTITY,
  MESSAGE_SAVE_CHECK,
  MESSAGE_STORED,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  type AccessMode,
} from '$shared/collaboration/protocol';
import type { StrategyJson } from '$shared/strategy/document';
import { ConfirmedCopy } from './confirmed-copy';
import { SaveTracker } from './save-tracker';
import { isUnsent, markSent, markUnsent, offlineDatabaseName } from './offline';
import { readPeers, readPeerUser, type Peer, type PeerUser } from './peers';

/** 'closed': the server ended the connection for good (signed out, access taken away). */
export type SaveStatus = 'connecting' | 'offline' | 'saving' | 'saved' | 'closed';
type SocketState = 'connecting' | 'open' | 'offline';

export interface StrategyConnectionOptions {
  documentId: string;
  userId: string;
  /** The access the API reported; the socket's MESSAGE_ACCESS overrides it. */
  access: AccessMode;
  user: PeerUser;
}

/** IndexedDB can be unavailable (private windows, storage full); the socket must not wait forever. */
const localLoadTimeoutMs = 3_000;

const shouldReconnect = (event: CloseEvent) =>
  event.code === CLOSE_RATE_LIMITED || !(event.code >= 4400 && event.code < 4500);

export class StrategyConnection {
  readonly ydoc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  /** Whether this browser held unacknowledged edits when the editor opened. */
  readonly openedWithUnsentEdits: boolean;

  access = $state<AccessMode>('read');
  socket = $state<SocketState>('connecting');
  synced = $state(false);
  pending = $state(false);
  closeCode = $state<number | null>(null);
  peers = $state<Peer[]>([]);
  /** How the others see this user; the server's MESSAGE_IDENTITY replaces the first guess. */
  user = $state<PeerUser>({ name: '', color: '#444444' });

  status: SaveStatus = $derived.by(() => {
    // Nothing typed after a final close is kept for sending: saying "offline" would promise that.
    if (this.closeCode !== null) return 'closed';
    if (this.socket === 'offline') return 'offline';
    if (this.socket === 'connecting' || !this.synced) return 'connecting';
    return this.pending ? 'saving' : 'saved';
  });

  private readonly tracker: SaveTracker;
  private readonly confirmed: ConfirmedCopy;
  private answeredSyncStep1 = false;
  private readonly options: StrategyConnectionOptions;

  constructor(options: StrategyConnectionOptions) {
    this.options = options;
    this.access = options.access;
    this.openedWithUnsentEdits = isUnsent(options.userId, options.documentId);
    this.confirmed = new ConfirmedCopy(this.ydoc);

    this.persistence = new IndexeddbPersistence(
      offlineDatabaseName(options.userId, options.documentId),
      this.ydoc,
    );
    // BroadcastChannel stays off: another tab receiving an edit must not count it as saved.
    this.provider = new WebsocketProvider(
      `${location.origin.replace(/^http/, 'ws')}/collab`,
      options.documentId,
      this.ydoc,
      { connect: false, disableBc: true, shouldReconnect },
    );
    this.tracker = new SaveTracker({
      startPending: this.openedWithUnsentEdits,
      sendCheck: (checkNumber) => this.sendSaveCheck(checkNumber),
      onChange: () => (this.pending = this.tracker.pending),
      onAcknowledged: () => {
        this.confirmed.catchUp();
        markSent(options.userId, options.documentId);
      },
    });
    this.pending = this.tracker.pending;

    this.listen();
    this.user = options.user;
    this.provider.awareness.setLocalStateField('user', options.user);
    void Promise.race([
      this.persistence.whenSynced,
      new Promise((resolve) => setTimeout(resolve, localLoadTimeoutMs)),
    ]).then(() => {
      if (!this.destroyed) this.provider.connect();
    });
  }

  private destroyed = false;

  private listen(): void {
    const { provider, ydoc } = this;

    ydoc.on('update', this.onUpdate);
    provider.on('status', ({ status }) => {
      if (status === 'connected') this.socket = 'open';
      else if (status === 'disconnected') this.socket = 'offline';
      else if (this.socket !== 'offline') this.socket = 'connecting';
    });
    provider.on('connection-close', () => {
      this.socket = 'offline';
      this.synced = false;
      this.answeredSyncStep1 = false;
      this.tracker.disconnected();
      this.pending = this.tracker.pending;
    });
    provider.on('sync', (synced: boolean) => (this.synced = synced));
    provider.on('closed', ({ code }) => {
      this.closeCode = code;
      // The role shown beside one's own name is no longer true; the server will not correct it.
      const user = { ...this.user, role: undefined };
      this.user = user;
      provider.awareness.setLocalStateField('user', user);
    });
    provider.awareness.on('change', this.onAwareness);
    window.addEventListener('offline', this.onBrowserOffline);
    window.addEventListener('online', this.onBrowserOnline);

    const standardSync = provider.messageHandlers[MESSAGE_SYNC]!;
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
      // Peek at the sync message type: y-websocket answers the server's step 1 with our step 2,
      // which carries the offline edits; a save check is only meaningful after it went out.
      const syncType = decoder.arr[decoder.pos];
      standardSync(encoder, decoder, ...rest);
      if (syncType === SYNC_STEP_1) {
        this.answeredSyncStep1 = true;
        setTimeout(() => this.tracker.flush(), 0);
      }
    };
    provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
      const access = decoding.readVarString(decoder);
      this.access = access === 'edit' ? 'edit' : 'read';
      if (this.access === 'edit') setTimeout(() => this.tracker.flush(), 0);
    };
    provider.messageHandlers[MESSAGE_IDENTITY] = (_encoder, decoder) => {
      const identity = readPeerUser(decoding.readVarString(decoder));
      if (!identity) return;
      this.user = identity;
      provider.awareness.setLocalStateField('user', identity);
    };
    provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
      this.tracker.stored(decoding.readVarUint(decoder));
    };
  }

  private onUpdate = (update: Uint8Array, origin: unknown) => {
    // A local copy that held unsent edits is not known to be stored as a whole; the server's
    // first acknowledgement brings the confirmed copy up to date instead.
    const storedBefore = origin === this.persistence && !this.openedWithUnsentEdits;
    if (origin === this.provider || storedBefore) this.confirmed.applyStored(update);
    if (origin === this.provider || origin === this.persistence) return;
    // A read-only connection's writes are dropped by the server; none come from the user.
    if (this.access !== 'edit') return;
    markUnsent(this.options.userId, this.options.documentId);
    this.tracker.noteLocalEdit();
  };

  private onAwareness = () => {
    this.peers = readPeers(this.provider.awareness, this.ydoc.clientID);
  };

  private onBrowserOffline = () => this.provider.disconnect();
  private onBrowserOnline = () => {
    // After a final close (access taken away) only a reload may try again.
    if (this.closeCode === null) this.provider.connect();
  };

  private sendSaveCheck(checkNumber: number): boolean {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.answeredSyncStep1) return false;
    if (this.access !== 'edit') return false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SAVE_CHECK);
    encoding.writeVarUint(encoder, checkNumber);
    ws.send(encoding.toUint8Array(encoder));
    return true;
  }

  /** Shows the others which list field this user is typing in (null when none). */
  focusField(path: string | null): void {
    this.provider.awareness.setLocalStateField('field', path);
  }

  /** The document as far as the server is known to have stored it. */
  confirmedDocument(): StrategyJson {
    return this.confirmed.read();
  }

  /** Whether this browser holds edits the server has not acknowledged. */
  hasUnsentEdits(): boolean {
    return this.pending || isUnsent(this.options.userId, this.options.documentId);
  }

  /** Forgets this browser's copy of the document, including edits the server refused. */
  async discardLocalCopy(): Promise<void> {
    await this.persistence.clearData();
    markSent(this.options.userId, this.options.documentId);
  }

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('offline', this.onBrowserOffline);
    window.removeEventListener('online', this.onBrowserOnline);
    this.provider.awareness.off('change', this.onAwareness);
    this.ydoc.off('update', this.onUpdate);
    this.tracker.destroy();
    this.provider.destroy();
    void this.persistence.destroy();
    this.confirmed.destroy();
    this.ydoc.destroy();
  }
}
