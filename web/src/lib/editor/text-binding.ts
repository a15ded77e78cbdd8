/**
 * A Svelte action that binds a plain <input> or <textarea> to a Y.Text: local typing becomes the
 * smallest insert/delete, remote changes update the value while the caret stays where it was in
 * the text around it.
 */
import * as Y from 'yjs';
import type { ActionReturn } from 'svelte/action';
import { diffText, mapPosition, type Delta } from './text-diff';

export interface TextBindingParams {
  ytext: Y.Text | null;
  /** Creates the Y.Text on the first keystroke (a translation nobody has started yet). */
  create: () => Y.Text;
}

type TextControl = HTMLInputElement | HTMLTextAreaElement;

export function bindText(
  control: TextControl,
  params: TextBindingParams,
): ActionReturn<TextBindingParams> {
  const origin = Symbol('text-binding');
  let current = params;
  let ytext: Y.Text | null = null;
  /** The text the control showed before the user's latest input. */
  let shown = '';
  let composing = false;
  // Remote changes that arrived while an input method was composing: the control could not show
  // them, so the local change is mapped through them when the composition ends.
  let unseenDeltas: Delta[] = [];

  const render = (delta?: Delta) => {
    const value = ytext?.toString() ?? '';
    shown = value;
    if (control.value === value) return;
    const focused = document.activeElement === control;
    const start = control.selectionStart ?? 0;
    const end = control.selectionEnd ?? 0;
    control.value = value;
    if (focused && delta)
      control.setSelectionRange(mapPosition(start, delta), mapPosition(end, delta));
  };

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    if (composing) unseenDeltas.push(event.delta as Delta);
    else render(event.delta as Delta);
  };

  const attach = (next: Y.Text | null) => {
    if (next === ytext) return;
    ytext?.unobserve(observer);
    ytext = next;
    ytext?.observe(observer);
    unseenDeltas = [];
    render();
  };

  const onInput = () => {
    if (control.readOnly || composing) return;
    if (!ytext) {
      // Not attach(): rendering the new, empty text would wipe the letter just typed.
      ytext = current.create();
      ytext.observe(observer);
    }
    const target = ytext;
    const change = diffText(shown, control.value, control.selectionEnd ?? undefined);
    shown = control.value;
    if (!change || !target.doc) return;

    let index = change.index;
    for (const delta of unseenDeltas) index = mapPosition(index, delta);
    const hadUnseen = unseenDeltas.length > 0;
    unseenDeltas = [];
    target.doc.transact(() => {
      if (change.deleteCount > 0) target.delete(index, change.deleteCount);
      if (change.insert) target.insert(index, change.insert);
    }, origin);
    if (hadUnseen) render();
  };

  const onCompositionStart = () => (composing = true);
  const onCompositionEnd = () => {
    composing = false;
    onInput();
  };

  control.addEventListener('input', onInput);
  control.addEventListener('compositionstart', onCompositionStart);
  control.addEventListener('compositionend', onCompositionEnd);
  attach(params.ytext);

  return {
    update(next) {
      current = next;
      attach(next.ytext);
    },
    destroy() {
      ytext?.unobserve(observer);
      control.removeEventListener('input', onInput);
      control.removeEventListener('compositionstart', onCompositionStart);
      control.removeEventListener('compositionend', onCompositionEnd);
    },
  };
}
