/**
 * The collaboration server: upgrades /collab/:documentId to a WebSocket that speaks the standard
 * Yjs sync and awareness protocol, and keeps each document safe. An edit is applied (which checks
 * it), committed to SQLite with an fsync, and only then broadcast.
 *
 * Edits that arrive in one turn of the event loop, across all documents, share one commit (a group
 * commit). The commit runs on the main thread: while its fsync waits for the disk, new messages
 * gather in the kernel's socket buffers and make up the next batch, so batches grow with the load
 * on their own. A writer thread did the same with the event loop free during the fsync, but
 * handing every batch across threads cost more CPU than the commit itself (bench/, README).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CLOSE_ACCESS_REVOKED,
  CLOSE_DOCUMENT_UNAVAILABLE,
  CLOSE_MALFORMED_MESSAGE,
  CLOSE_NOT_SIGNED_IN,
  CLOSE_SERVER_SHUTTING_DOWN,
} from '../../shared/collaboration/protocol';
import type { Role } from '../../shared/roles';
import { SESSION_COOKIE, readCookie, validateSessionToken } from '../accounts/sessions';
import type { BirgaConfig } from '../config';
import { isAllowedOrigin } from '../http/origin';
import type { Logger } from '../logger';
import type { BirgaDatabase } from '../storage/database';
import {
  findStrategyByDocument,
  rolesInTerritory,
  strategyAccess,
  type StrategyRecord,
} from '../strategies/access';
import { CollaborationConnection, type ConnectionLimits } from './connection';
import {
  DocumentRoom,
  UnreadableDocumentError,
  documentFromStore,
  type QueuedUpdate,
} from './document-room';
import { caretColor, presenceKey, presenceRole } from './identity';
import { encodeAccess, encodeIdentity, encodeUpdate } from './messages';
import { CommitStatistics } from './commit-stats';
import { LogMaintenance } from './log-maintenance';
import { appendUpdates, readStoredDocument, replaceSnapshot } from './update-log';

const DOCUMENT_PATH = /^\/collab\/([A-Za-z0-9_-]{1,64})$/;

interface CommitBatch {
  room: DocumentRoom;
  accepted: QueuedUpdate[];
  damaged: boolean;
}

interface AppliedQueue {
  accepted: QueuedUpdate[];
  damaged: boolean;
  /** Set when the document's own stored state could not be read; nothing of it is committed. */
  unreadable?: Error;
}

export interface HubOptions {
  db: BirgaDatabase;
  config: BirgaConfig;
  logger: Logger;
  /** How long a document with nobody in it stays loaded before it is compacted and unloaded. */
  unloadDelayMs?: number;
  /**
   * Log rows after which a loaded document is compacted in the background, once the log also
   * holds a quarter of the snapshot's bytes.
   */
  compactAfterRows?: number;
}

export class CollaborationHub {
  private readonly db: BirgaDatabase;
  private readonly config: BirgaConfig;
  private readonly log: Logger;
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, DocumentRoom>();
  private readonly limits: ConnectionLimits;
  private readonly unloadDelayMs: number;
  private readonly compactAfterRows: number;
  private readonly maintenance: LogMaintenance;
  /** Rooms with edits waiting for the next commit. */
  private readonly pendingRooms = new Set<DocumentRoom>();
  private flushScheduled = false;
  private shuttingDown = false;
  readonly commitStats = new CommitStatistics();

  constructor(options: HubOptions) {
    this.db = options.db;
    this.config = options.config;
    this.log = options.logger.child({ module: 'collaboration' });
    this.unloadDelayMs = options.unloadDelayMs ?? 30_000;
    this.compactAfterRows = options.compactAfterRows ?? 500;
    const factor = options.config.rateLimitFactor;
    this.limits = {
      maxMessageBytes: 2 * 1024 * 1024,
      messagesPerSecond: 120 * factor,
      messageBurst: 400 * factor,
      awarenessPerSecond: 40 * factor,
      awarenessBurst: 120 * factor,
      maxBufferedBytes: 32 * 1024 * 1024,
    };
    // ws refuses frames past maxPayload itself (close 1009); below it we close with our own code.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 4 * this.limits.maxMessageBytes });
    this.maintenance = new LogMaintenance(this.db, options.config.databasePath, this.log);
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://birga.invalid');
    const match = DOCUMENT_PATH.exec(url.pathname);
    if (!match || this.shuttingDown) return refuseUpgrade(socket, match ? 503 : 404);
    if (!isAllowedOrigin(this.config, request.headers.origin)) return refuseUpgrade(socket, 403);

    const documentId = match[1]!;
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const signedIn = token ? validateSessionToken(this.db, token) : null;
    const strategy = findStrategyByDocument(this.db, documentId);
    const userId = signedIn?.user.id ?? null;
    const access = strategy ? strategyAccess(this.db, strategy, userId) : 'none';
    // A document the person may not read is answered as if it did not exist, like the API does.
    if (!strategy || access === 'none') return refuseUpgrade(socket, signedIn ? 404 : 401);

    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.accept(ws, strategy, access, {
        userId,
        sessionId: signedIn?.session.id ?? null,
        displayName: signedIn?.user.displayName ?? '',
      });
    });
  }

  private accept(
    ws: WebSocket,
    strategy: StrategyRecord,
    mode: 'read' | 'edit',
    who: { userId: string | null; sessionId: string | null; displayName: string },
  ): void {
    let room: DocumentRoom;
    try {
      room = this.openRoom(strategy.documentId);
    } catch (error) {
      this.log.error({ err: error, documentId: strategy.documentId }, 'document could not be read');
      ws.close(CLOSE_DOCUMENT_UNAVAILABLE, 'document unavailable');
      return;
    }

    const roles = who.userId
      ? rolesInTerritory(this.db, who.userId, strategy.territoryCode)
      : new Set<Role>();
    const identity = {
      name: who.displayName,
      color: this.colorFor(room, who.userId),
      role: presenceRole(roles),
      key: presenceKey(who.userId),
    };
    const connection = new CollaborationConnection(
      ws,
      room,
      mode,
      identity,
      { userId: who.userId, sessionId: who.sessionId },
      this,
      this.limits,
      this.log,
    );
    room.connections.add(connection);
    clearTimeout(room.unloadTimer);
    const openedAt = Date.now();
    this.log.info({ user: who.userId, document: room.documentId, mode }, 'socket open');

    ws.on('message', (data: Buffer, isBinary) => connection.handleMessage(data, isBinary));
    ws.on('error', (error) =>
      this.log.warn({ err: error, document: room.documentId }, 'socket error'),
    );
    ws.on('close', (code) => {
      connection.closed = true;
      room.leave(connection);
      this.log.info(
        { user: who.userId, document: room.documentId, code, openMs: Date.now() - openedAt },
        'socket close',
      );
      if (room.connections.size === 0) this.scheduleUnload(room);
    });

    connection.send(room.syncStep1());
    const presence = room.awarenessSnapshot();
    if (presence) connection.sendPresence(presence);
    connection.send(encodeAccess(mode));
    connection.send(encodeIdentity(identity));
  }

  /** One person keeps one colour across their tabs; different people get different ones. */
  private colorFor(room: DocumentRoom, userId: string | null): string {
    const taken = new Set<string>();
    for (const other of room.connections) {
      if (userId && other.session.userId === userId) return other.identity.color;
      taken.add(other.identity.color);
    }
    return caretColor(userId, taken);
  }

  private openRoom(documentId: string): DocumentRoom {
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    const room = new DocumentRoom(documentId, readStoredDocument(this.db, documentId), (r, e) =>
      this.closeUnreadable(r, e),
    );
    this.rooms.set(documentId, room);
    this.log.info({ document: documentId, logRows: room.logRows }, 'document loaded');
    return room;
  }

  enqueueUpdate(room: DocumentRoom, connection: CollaborationConnection, update: Uint8Array): void {
    room.queue.push({ update, connection });
    connection.queuedUpdates += 1;
    this.pendingRooms.add(room);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // After the poll phase: every message read in this turn of the event loop is queued by then.
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /**
   * Applies every queued edit of every document, commits them as one batch, and only when the
   * commit is on disk broadcasts them and answers the senders' save checks. It runs from start to
   * end without yielding, so nobody can read a document between its apply and its commit.
   */
  private flush(): void {
    const batches: CommitBatch[] = [];
    for (const room of this.pendingRooms) {
      const queue = room.queue;
      room.queue = [];
      // A room dropped after a failed commit: its sockets were closed and will send again.
      if (this.rooms.get(room.documentId) !== room) continue;
      const { unreadable, ...applied } = this.applyQueue(room, queue);
      if (unreadable) this.closeUnreadable(room, unreadable);
      else batches.push({ room, ...applied });
    }
    this.pendingRooms.clear();

    const entries = batches.flatMap(({ room, accepted }) =>
      accepted.map(({ update }) => ({ documentId: room.documentId, update })),
    );
    const startedAt = performance.now();
    try {
      appendUpdates(this.db, entries);
    } catch (error) {
      this.recoverFromFailedCommit(
        batches.map((batch) => batch.room),
        error,
      );
      return;
    }
    if (entries.length > 0) this.commitStats.record(entries.length, performance.now() - startedAt);
    this.finishCommit(batches);
  }

  private finishCommit(batches: CommitBatch[]): void {
    for (const { room, accepted, damaged } of batches) {
      if (damaged && !this.reload(room)) continue;
      for (const { update, connection } of accepted) {
        room.broadcast(encodeUpdate(update), connection);
      }
      for (const { connection } of accepted) connection.acknowledgeStored();
      room.logRows += accepted.length;
      for (const { update } of accepted) room.logBytes += update.length;
      // Compaction rewrites the whole snapshot: a long document waits for a longer log, so that
      // the rewriting stays in proportion to the editing.
      if (room.logRows >= this.compactAfterRows && room.logBytes * 4 >= room.snapshotBytes) {
        this.scheduleCompaction(room);
      }
    }
  }

  private applyQueue(room: DocumentRoom, queue: QueuedUpdate[]): AppliedQueue {
    const accepted: QueuedUpdate[] = [];
    let damaged = false;
    for (const entry of queue) {
      // What a socket sent after a message that got it closed is not taken either.
      if (entry.connection.refused) continue;
      try {
        room.apply(entry);
        accepted.push(entry);
      } catch (error) {
        if (error instanceof UnreadableDocumentError)
          return { accepted: [], damaged, unreadable: error };
        // The update decoded but could not be integrated; the Y.Doc may hold part of it, so the
        // room is rebuilt from the store after this commit, which lacks it.
        damaged = true;
        this.log.warn({ err: error, document: room.documentId }, 'update could not be applied');
        entry.connection.close(CLOSE_MALFORMED_MESSAGE, 'update could not be applied');
      }
    }
    return { accepted, damaged };
  }

  /** Rebuilds a room from the store; answers false (and closes it) if the store is unreadable. */
  private reload(room: DocumentRoom): boolean {
    try {
      room.reload(readStoredDocument(this.db, room.documentId));
      return true;
    } catch (error) {
      this.closeUnreadable(room, error as Error);
      return false;
    }
  }

  /**
   * A document whose stored state cannot be read is closed, never served empty: its sockets get
   * the transient code, so clients keep their edits, and the next connection reads it afresh.
   */
  closeUnreadable(room: DocumentRoom, error: Error): void {
    this.log.error({ err: error, document: room.documentId }, 'document could not be read');
    this.dropRoom(room, 'document unavailable');
  }

  private dropRoom(room: DocumentRoom, reason: string): void {
    for (const connection of room.connections) connection.close(CLOSE_DOCUMENT_UNAVAILABLE, reason);
    if (this.rooms.get(room.documentId) === room) this.rooms.delete(room.documentId);
    room.destroy();
  }

  /**
   * Nothing was stored, so nothing may be broadcast, and the rooms' documents now hold edits the
   * database lacks. Their sockets are closed with a transient code: the clients keep their edits
   * and send them again when they reconnect to a freshly loaded room.
   */
  private recoverFromFailedCommit(rooms: DocumentRoom[], error: unknown): void {
    this.log.error({ err: error }, 'commit failed; affected documents are reloaded');
    for (const room of rooms) this.dropRoom(room, 'could not store the edit');
  }

  private scheduleCompaction(room: DocumentRoom): void {
    room.logRows = 0;
    room.logBytes = 0;
    setImmediate(() => void this.compact(room.documentId));
  }

  /** Folds the document's log into a new snapshot: built on the maintenance thread, stored here. */
  private async compact(documentId: string): Promise<void> {
    try {
      const snapshot = await this.maintenance.buildSnapshot(documentId);
      if (!snapshot) return;
      if (replaceSnapshot(this.db, snapshot)) {
        const room = this.rooms.get(documentId);
        if (room) room.snapshotBytes = snapshot.state.length;
        this.log.info(
          { document: documentId, foldedRows: snapshot.foldedRows },
          'document compacted',
        );
      }
    } catch (error) {
      this.log.error({ err: error, document: documentId }, 'compaction failed; the log is kept');
    }
  }

  private scheduleUnload(room: DocumentRoom): void {
    clearTimeout(room.unloadTimer);
    if (this.shuttingDown || this.rooms.get(room.documentId) !== room) return;
    room.unloadTimer = setTimeout(() => {
      if (room.connections.size > 0 || room.queue.length > 0) return;
      if (this.rooms.get(room.documentId) !== room) return;
      this.rooms.delete(room.documentId);
      room.destroy();
      void this.compact(room.documentId);
      this.log.info({ document: room.documentId }, 'document unloaded');
    }, this.unloadDelayMs);
    room.unloadTimer.unref();
  }

  /** A fresh copy of a document's committed state; the caller destroys it. */
  readDocument(documentId: string): Y.Doc {
    const room = this.rooms.get(documentId);
    if (!room) return documentFromStore(readStoredDocument(this.db, documentId));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, room.committedState());
    return copy;
  }

  /** Stores the first state of a new document. */
  createDocument(documentId: string, initialUpdate: Uint8Array): void {
    appendUpdates(this.db, [{ documentId, update: initialUpdate }]);
  }

  private *connections(filter: (connection: CollaborationConnection) => boolean) {
    for (const room of this.rooms.values()) {
      for (const connection of room.connections) if (filter(connection)) yield connection;
    }
  }

  /** Re-resolves the rights of open sockets after a role or phase change. */
  refreshAccess(filter: { userId?: string; documentId?: string }): void {
    const matching = [
      ...this.connections(
        (connection) =>
          (filter.userId === undefined || connection.session.userId === filter.userId) &&
          (filter.documentId === undefined || connection.room.documentId === filter.documentId),
      ),
    ];
    for (const connection of matching) {
      const strategy = findStrategyByDocument(this.db, connection.room.documentId);
      const access = strategy
        ? strategyAccess(this.db, strategy, connection.session.userId)
        : 'none';
      if (access === 'none') connection.close(CLOSE_ACCESS_REVOKED, 'access revoked');
      else {
        connection.setMode(access);
        if (strategy) this.refreshRole(connection, strategy);
      }
    }
  }

  /** A role given or taken away shows beside the person's name at once, not at their next visit. */
  private refreshRole(connection: CollaborationConnection, strategy: StrategyRecord): void {
    const { userId } = connection.session;
    if (!userId) return;
    const role = presenceRole(rolesInTerritory(this.db, userId, strategy.territoryCode));
    if (role === connection.identity.role) return;
    connection.identity = { ...connection.identity, role };
    // The client puts the new identity into its awareness state, which the server stamps again.
    connection.send(encodeIdentity(connection.identity));
  }

  closeSessionSockets(sessionId: string): void {
    for (const connection of this.connections((c) => c.session.sessionId === sessionId)) {
      connection.close(CLOSE_NOT_SIGNED_IN, 'signed out');
    }
  }

  closeUserSockets(userId: string): void {
    for (const connection of this.connections((c) => c.session.userId === userId)) {
      connection.close(CLOSE_ACCESS_REVOKED, 'account changed');
    }
  }

  /** Stores what is queued, then closes every socket with a code that tells clients to retry. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    this.flush();
    this.log.info(this.commitStats.summary(), 'commit statistics');
    for (const connection of this.connections(() => true)) {
      connection.close(CLOSE_SERVER_SHUTTING_DOWN, 'server restarting');
    }
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    for (const room of rooms) room.destroy();
    for (const room of rooms) await this.compact(room.documentId);
    await this.maintenance.close();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

function refuseUpgrade(socket: Duplex, status: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
