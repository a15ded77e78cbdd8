/**
 * Edits kept in the browser while offline live in IndexedDB databases named `birga:<userId>:…`
 * (one per document, written by the editor's y-indexeddb provider). Sign-out uses these two
 * functions to warn before unsent edits would be lost and to clear them afterwards, so the next
 * person on a shared computer does not inherit them.
 */

function databasePrefix(userId: string): string {
  return `birga:${userId}:`;
}

async function userDatabaseNames(userId: string): Promise<string[]> {
  if (typeof indexedDB === 'undefined' || !indexedDB.databases) return [];
  const prefix = databasePrefix(userId);
  const databases = await indexedDB.databases();
  return databases.map((database) => database.name ?? '').filter((name) => name.startsWith(prefix));
}

/** Whether any offline edit store of this user holds updates not yet acknowledged by the server. */
export async function hasUnsentEdits(userId: string): Promise<boolean> {
  const names = await userDatabaseNames(userId);
  for (const name of names) {
    if (await holdsUpdates(name)) return true;
  }
  return false;
}

/** Deletes every offline edit store of this user. */
export async function clearOfflineEdits(userId: string): Promise<void> {
  const names = await userDatabaseNames(userId);
  await Promise.all(names.map(deleteDatabase));
}

// y-indexeddb keeps pending updates in an object store named 'updates'; an empty or missing store
// means nothing is waiting to be sent.
function holdsUpdates(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const opening = indexedDB.open(name);
    opening.onerror = () => resolve(false);
    opening.onsuccess = () => {
      const database = opening.result;
      if (!database.objectStoreNames.contains('updates')) {
        database.close();
        resolve(false);
        return;
      }
      const counting = database.transaction('updates', 'readonly').objectStore('updates').count();
      counting.onsuccess = () => {
        database.close();
        resolve(counting.result > 0);
      };
      counting.onerror = () => {
        database.close();
        resolve(false);
      };
    };
  });
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const deleting = indexedDB.deleteDatabase(name);
    deleting.onsuccess = () => resolve();
    deleting.onerror = () => resolve();
    // Another tab still has it open: the deletion completes when that tab lets go.
    deleting.onblocked = () => resolve();
  });
}
