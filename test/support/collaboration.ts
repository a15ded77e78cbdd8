/**
 * Real Yjs clients for tests: y-websocket providers and raw sockets that connect to a running
 * Birga over loopback with a session cookie and an allowed Origin, as a browser would.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  MESSAGE_ACCESS,
  MESSAGE_IDENTITY,
  MESSAGE_STORED,
} from '../../shared/collaboration/protocol';

export interface ClientOptions {
  baseUrl: string;
  documentId: string;
  cookie?: string;
  origin?: string;
}

function defaultOrigin(baseUrl: string): string {
  return baseUrl.replace('127.0.0.1', 'localhost');
}

/** ws with the headers a browser would send; y-websocket takes it as its WebSocket class. */
export function socketClass(cookie: string | undefined, origin: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { origin, ...(cookie ? { cookie } : {}) } });
    }
  } as typeof WebSocket;
}

export interface TestClient {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** The access mode the server last announced. */
  access: () => string | null;
  /** The name, colour and role the server last gave this client's presence. */
  identity: () => Record<string, unknown> | null;
  /** Close codes the server sent to this client, in order. */
  closeCodes: number[];
  destroy(): void;
}

export function connectClient(options: ClientOptions & { ydoc?: Y.Doc }): TestClient {
  const ydoc = options.ydoc ?? new Y.Doc();
  const origin = options.origin ?? defaultOrigin(options.baseUrl);
  const provider = new WebsocketProvider(
    `${options.baseUrl.replace(/^http/, 'ws')}/collab`,
    options.documentId,
    ydoc,
    {
      WebSocketPolyfill: socketClass(options.cookie, origin) as never,
      // Without this, two providers in one process sync through BroadcastChannel and a test
      // would pass without the server.
      disableBc: true,
      maxBackoffTime: 200,
    },
  );
  let access: string | null = null;
  provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
    access = decoding.readVarString(decoder);
  };
  provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    decoding.readVarUint(decoder);
  };
  let identity: Record<string, unknown> | null = null;
  provider.messageHandlers[MESSAGE_IDENTITY] = (_encoder, decoder) => {
    identity = JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown>;
  };
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    ydoc,
    provider,
    access: () => access,
    identity: () => identity,
    closeCodes,
    destroy() {
      provider.destroy();
      ydoc.destroy();
    },
  };
}

export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const startedAt = Date.now();
  while (!condition()) {
    if (Date.now() - startedAt > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function waitForSync(client: TestClient, timeoutMs = 5_000): Promise<void> {
  return waitFor(() => client.provider.synced, 'the client to sync', timeoutMs);
}

export interface RawSocket {
  socket: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
}

/** A bare socket that sends exactly the bytes a test gives it. */
export function openRawSocket(options: ClientOptions): RawSocket {
  const origin = options.origin ?? defaultOrigin(options.baseUrl);
  const socket = new WebSocket(
    `${options.baseUrl.replace(/^http/, 'ws')}/collab/${options.documentId}`,
    { headers: { origin, ...(options.cookie ? { cookie: options.cookie } : {}) } },
  );
  const messages: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused with ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
  return { socket, messages, closed, opened };
}

/** The HTTP status with which the server refuses an upgrade, or 101 when it accepts. */
export function upgradeStatus(options: ClientOptions): Promise<number> {
  const raw = openRawSocket(options);
  raw.opened.catch(() => undefined);
  return new Promise((resolve) => {
    raw.socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      raw.socket.terminate();
    });
    raw.socket.once('open', () => {
      resolve(101);
      raw.socket.close();
    });
    raw.socket.once('error', () => undefined);
  });
}

export function syncUpdateMessage(update: Uint8Array, syncType = 2): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
