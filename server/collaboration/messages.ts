/**
 * Encoding and checking of collaboration messages. Everything here either returns a well-formed
 * value or throws; the connection turns a throw into CLOSE_MALFORMED_MESSAGE for that one socket.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
  MESSAGE_ACCESS,
  MESSAGE_AWARENESS,
  MESSAGE_IDENTITY,
  MESSAGE_STORED,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  type AccessMode,
} from '../../shared/collaboration/protocol';

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

/**
 * Parses a Yjs update completely without applying it, and answers it. An empty payload is
 * malformed: no Yjs encoder produces one.
 */
export function inspectUpdate(update: Uint8Array): Uint8Array {
  if (update.length === 0) throw new MalformedMessageError('empty update');
  try {
    Y.decodeUpdate(update);
  } catch (error) {
    throw new MalformedMessageError(`undecodable update: ${(error as Error).message}`);
  }
  return update;
}

/**
 * An update with no structs and no deletions (what a client sends as sync step 2 when it has
 * nothing new) is valid but carries nothing worth storing. Yjs encodes it as two zero counts.
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export function readStateVector(bytes: Uint8Array): Uint8Array {
  try {
    Y.decodeStateVector(bytes);
  } catch (error) {
    throw new MalformedMessageError(`undecodable state vector: ${(error as Error).message}`);
  }
  return bytes;
}

export function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes');
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1FromVector = (stateVector: Uint8Array) =>
  message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP_1);
    encoding.writeVarUint8Array(encoder, stateVector);
  });

export const encodeSyncStep2 = (update: Uint8Array) =>
  message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP_2);
    encoding.writeVarUint8Array(encoder, update);
  });

export const encodeUpdate = (update: Uint8Array) =>
  message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_UPDATE);
    encoding.writeVarUint8Array(encoder, update);
  });

export const encodeAwareness = (awarenessUpdate: Uint8Array) =>
  message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessUpdate);
  });

export const encodeAccess = (mode: AccessMode) =>
  message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_ACCESS);
    encoding.writeVarString(encoder, mode);
  });

export const encodeIdentity = (identity: object) =>
  message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_IDENTITY);
    encoding.writeVarString(encoder, JSON.stringify(identity));
  });

export const encodeStored = (check: number) =>
  message((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_STORED);
    encoding.writeVarUint(encoder, check);
  });

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Decodes an awareness update (y-protocols' layout) so the server can rewrite its identity. */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedMessageError('awareness state is not an object');
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  expectEnd(decoder);
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(encoder, entry.clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, JSON.stringify(entry.state));
    }
  });
}
