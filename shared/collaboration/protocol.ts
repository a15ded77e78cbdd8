/**
 * The collaboration socket's wire vocabulary. Types 0 to 3 are the standard y-websocket framing
 * (sync, awareness, auth, awareness query); 100 and up are Birga's own, which a plain Yjs client
 * ignores. Close codes follow y-websocket's convention: 44xx means reconnecting cannot help,
 * anything else is transient.
 */

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Server to client: the number of the last MESSAGE_SAVE_CHECK whose preceding edits are stored. */
export const MESSAGE_STORED = 100;
/** Server to client: 'edit' or 'read', sent on open and whenever the client's rights change. */
export const MESSAGE_ACCESS = 101;
/**
 * Server to client: JSON {name, color, role, key}, the presence identity the server puts into this
 * client's awareness states, so the person sees themselves as the others see them.
 */
export const MESSAGE_IDENTITY = 103;

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;
/** The message could not be decoded, or its update was empty, truncated or not applicable. */
export const CLOSE_MALFORMED_MESSAGE = 4400;
export const CLOSE_NOT_SIGNED_IN = 4401;
/** The session ended (logout) or the user's rights no longer include reading the document. */
export const CLOSE_ACCESS_REVOKED = 4403;
export const CLOSE_DOCUMENT_NOT_FOUND = 4404;
export const CLOSE_MESSAGE_TOO_LARGE = 4413;
export const CLOSE_RATE_LIMITED = 4429;
/** The stored document could not be read; the client may try again later. */
export const CLOSE_DOCUMENT_UNAVAILABLE = 4503;
export const CLOSE_SERVER_SHUTTING_DOWN = 4504;

export type AccessMode = 'read' | 'edit';
/**
 * Client to server: a number the client counts up after its own edits. The server answers with
 * MESSAGE_STORED carrying the same number once everything this socket sent before it is committed,
 * which is what lets the editor say "saved" and mean it (a deletion changes no state vector, so
 * comparing state vectors could not tell).
 */
export const MESSAGE_SAVE_CHECK = 102;
