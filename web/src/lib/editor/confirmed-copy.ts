/**
 * What the server is known to hold of a document: everything it sent, and this browser's own edits
 * once it acknowledged them. When the socket is closed for good (the role was taken away), the
 * difference between the editor's document and this copy is what was typed but never stored, and
 * the server cannot be asked for its version any more.
 */
import * as Y from 'yjs';
import { readStrategyJson, type StrategyJson } from '$shared/strategy/document';

export class ConfirmedCopy {
  private readonly ydoc = new Y.Doc();

  constructor(private readonly source: Y.Doc) {}

  /** An update that the server sent, or that it stored before (a copy loaded from IndexedDB). */
  applyStored(update: Uint8Array): void {
    Y.applyUpdate(this.ydoc, update);
  }

  /** The server acknowledged every local edit: the editor's document is all stored. */
  catchUp(): void {
    Y.applyUpdate(this.ydoc, Y.encodeStateAsUpdate(this.source, Y.encodeStateVector(this.ydoc)));
  }

  read(): StrategyJson {
    return readStrategyJson(this.ydoc);
  }

  destroy(): void {
    this.ydoc.destroy();
  }
}
