/**
 * What every part of the open editor shares: the connection to the document, the language of
 * the content being edited (and the main one it is translated from), and whether this person may edit right now.
 */
import { getContext, setContext } from 'svelte';
import type { DocumentLanguage } from '$shared/strategy/format';
import type { StrategyConnection } from './strategy-connection.svelte';

export class EditorState {
  language = $state<DocumentLanguage>('uz-Latn');
  /** The strategy's own language; the others are translations of it. */
  readonly mainLanguage: DocumentLanguage;
  readonly connection: StrategyConnection;
  editable = $derived.by(
    () => this.connection.access === 'edit' && this.connection.closeCode === null,
  );

  constructor(connection: StrategyConnection, language: DocumentLanguage) {
    this.connection = connection;
    this.mainLanguage = language;
    this.language = language;
  }
}

const key = Symbol('strategy-editor');

export function setEditorState(state: EditorState): void {
  setContext(key, state);
}

export function getEditorState(): EditorState {
  return getContext<EditorState>(key);
}
