/**
 * The smallest edit that turns one string into another when the change is in one place, which is
 * what typing, pasting and deleting in a plain input produce: the common prefix and suffix stay,
 * the middle is replaced. Applying it to a Y.Text keeps everyone else's concurrent edits around it.
 */
export interface TextChange {
  index: number;
  deleteCount: number;
  insert: string;
}

export function diffText(before: string, after: string, caret?: number): TextChange | null {
  if (before === after) return null;

  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  // Typing a letter next to the same letter ("a" -> "aa") is ambiguous; the caret, which ends
  // right after the inserted text, says where it went.
  const grown = Math.max(after.length - before.length, 0);
  const prefixLimit =
    caret === undefined ? shortest : Math.max(Math.min(shortest, caret - grown), 0);
  while (prefix < prefixLimit && before[prefix] === after[prefix]) prefix += 1;

  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }

  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

export type Delta = { retain?: number; insert?: unknown; delete?: number }[];

/** Where a position in the old text lands after a remote change given as a Yjs delta. */
export function mapPosition(position: number, delta: Delta): number {
  let index = 0;
  let mapped = position;
  for (const op of delta) {
    if (index > position) break;
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (typeof op.insert === 'string') {
      // An insertion at the caret's own place pushes it on too: the remote letter lands before it.
      mapped += op.insert.length;
    } else if (op.delete !== undefined) {
      const removed = Math.min(op.delete, Math.max(position - index, 0));
      mapped -= removed;
      index += op.delete;
    }
  }
  return Math.max(mapped, 0);
}
