/**
 * Edits kept in the browser. Each user's copy of a document lives in an IndexedDB database named
 * `birga:<userId>:<documentId>` (written by y-indexeddb), and a small record in localStorage
 * lists the documents whose latest local edits the server has not yet acknowledged. Sign-out
 * warns with hasUnsentEdits and then calls clearOfflineEdits, so the next person on a shared
 * computer inherits nothing.
 */

const RECORD_PREFIX = 'birga:unsent:';

export function offlineDatabaseName(userId: string, documentId: string): string {
  return `birga:${userId}:${documentId}`;
}

function recordKey(userId: string): string {
  return RECORD_PREFIX + userId;
}

function readRecord(userId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(recordKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((entry) => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

function writeRecord(userId: string, documentIds: string[]): void {
  if (documentIds.length === 0) localStorage.removeItem(recordKey(userId));
  else localStorage.setItem(recordKey(userId), JSON.stringify(documentIds));
}

/** Notes that this document holds local edits the server has not acknowledged. */
export function markUnsent(userId: string, documentId: string): void {
  const documentIds = readRecord(userId);
  if (!documentIds.includes(documentId)) writeRecord(userId, [...documentIds, documentId]);
}

/** Notes that the server has stored every local edit of this document. */
export function markSent(userId: string, documentId: string): void {
  const documentIds = readRecord(userId);
  if (documentIds.includes(documentId)) {
    writeRecord(
      userId,
      documentIds.filter((entry) => entry !== documentId),
    );
  }
}

export function isUnsent(userId: string, documentId: string): boolean {
  return readRecord(userId).includes(documentId);
}

/** Whether this browser holds edits of this user that the server has not acknowledged. */
export async function hasUnsentEdits(userId: string): Promise<boolean> {
  return readRecord(userId).length > 0;
}

/** Deletes this user's local copies of every document, sent or not. */
export async function clearOfflineEdits(userId: string): Promise<void> {
  const names = new Set(
    readRecord(userId).map((documentId) => offlineDatabaseName(userId, documentId)),
  );
  if (typeof indexedDB !== 'undefined' && indexedDB.databases) {
    const prefix = offlineDatabaseName(userId, '');
    for (const database of await indexedDB.databases()) {
      if (database.name?.startsWith(prefix)) names.add(database.name);
    }
  }
  await Promise.all([...names].map(deleteDatabase));
  localStorage.removeItem(recordKey(userId));
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const deleting = indexedDB.deleteDatabase(name);
    deleting.onsuccess = () => resolve();
    deleting.onerror = () => resolve();
    // Another tab still has it open: the deletion completes when that tab lets go.
    deleting.onblocked = () => resolve();
  });
}
