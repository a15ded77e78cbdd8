/**
 * The two framings the load generator speaks. y-websocket (Birga, @y/websocket-server, the relay)
 * sends bare messages, one document per socket; Hocuspocus prefixes every message with the
 * document's name and wants a token message before anything else.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type Framing = 'y-websocket' | 'hocuspocus';

export const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
/** Hocuspocus answers a client's sync step 1 with this type instead of MESSAGE_SYNC. */
const MESSAGE_SYNC_REPLY = 4;
const AUTH_TOKEN = 0;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export interface SyncMessage {
  syncType: number;
  payload: Uint8Array;
}

export class Wire {
  constructor(
    readonly framing: Framing,
    readonly documentName: string,
  ) {}

  private frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder();
    if (this.framing === 'hocuspocus') encoding.writeVarString(encoder, this.documentName);
    write(encoder);
    return encoding.toUint8Array(encoder);
  }

  /** What a client sends right after the socket opens. */
  opening(stateVector: Uint8Array): Uint8Array[] {
    const step1 = this.sync(SYNC_STEP_1, stateVector);
    if (this.framing === 'y-websocket') return [step1];
    const auth = this.frame((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AUTH);
      encoding.writeVarUint(encoder, AUTH_TOKEN);
      encoding.writeVarString(encoder, 'bench');
    });
    return [auth, step1];
  }

  sync(syncType: number, payload: Uint8Array): Uint8Array {
    return this.frame((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, syncType);
      encoding.writeVarUint8Array(encoder, payload);
    });
  }

  /** The sync message inside a received frame, or null for anything else (awareness, acks). */
  readSync(data: Uint8Array): SyncMessage | null {
    const decoder = decoding.createDecoder(data);
    if (this.framing === 'hocuspocus') decoding.readVarString(decoder);
    const messageType = decoding.readVarUint(decoder);
    if (messageType !== MESSAGE_SYNC && messageType !== MESSAGE_SYNC_REPLY) return null;
    const syncType = decoding.readVarUint(decoder);
    return { syncType, payload: decoding.readVarUint8Array(decoder) };
  }
}

/**
 * The first struct's author and clock of a Yjs v1 update, read from its header without decoding
 * the rest: that names the edit, so a light client can time it without a Y.Doc.
 */
export function updateOrigin(update: Uint8Array): { client: number; clock: number } | null {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  if (clients === 0) return null;
  decoding.readVarUint(decoder);
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  return { client, clock };
}
