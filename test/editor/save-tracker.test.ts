import { afterEach, describe, expect, test, vi } from 'vitest';
import { SaveTracker } from '../../web/src/lib/editor/save-tracker';

function tracker(options: { startPending?: boolean; canSend?: () => boolean } = {}) {
  const sent: number[] = [];
  let acknowledged = 0;
  const saveTracker = new SaveTracker({
    startPending: options.startPending,
    saveCheckDelayMs: 10,
    sendCheck: (checkNumber) => {
      if (options.canSend && !options.canSend()) return false;
      sent.push(checkNumber);
      return true;
    },
    onChange: () => {},
    onAcknowledged: () => (acknowledged += 1),
  });
  return { saveTracker, sent, acknowledgements: () => acknowledged };
}

afterEach(() => vi.useRealTimers());

describe('knowing when every local edit is stored', () => {
  test('sends one check for a burst of edits and is saved when it is answered', () => {
    vi.useFakeTimers();
    const { saveTracker, sent, acknowledgements } = tracker();

    saveTracker.noteLocalEdit();
    saveTracker.noteLocalEdit();
    expect(saveTracker.pending).toBe(true);
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([1]);

    saveTracker.stored(1);
    expect(saveTracker.pending).toBe(false);
    expect(acknowledgements()).toBe(1);
  });

  test('stays pending when an edit came after the answered check', () => {
    vi.useFakeTimers();
    const { saveTracker, sent, acknowledgements } = tracker();

    saveTracker.noteLocalEdit();
    vi.advanceTimersByTime(10);
    saveTracker.noteLocalEdit();
    saveTracker.stored(1);
    expect(saveTracker.pending).toBe(true);
    expect(acknowledgements()).toBe(0);

    vi.advanceTimersByTime(10);
    saveTracker.stored(1);
    expect(saveTracker.pending).toBe(true);
    saveTracker.stored(2);
    expect(sent).toEqual([1, 2]);
    expect(saveTracker.pending).toBe(false);
  });

  test('asks again after a reconnect when a check went unanswered', () => {
    vi.useFakeTimers();
    let online = true;
    const { saveTracker, sent } = tracker({ canSend: () => online });

    saveTracker.noteLocalEdit();
    vi.advanceTimersByTime(10);
    online = false;
    saveTracker.disconnected();
    saveTracker.flush();
    expect(sent).toEqual([1]);

    online = true;
    saveTracker.flush();
    saveTracker.stored(1);
    expect(saveTracker.pending).toBe(true);
    saveTracker.stored(2);
    expect(saveTracker.pending).toBe(false);
  });

  test('starts pending with edits left from an earlier visit', () => {
    const { saveTracker, sent } = tracker({ startPending: true });
    expect(saveTracker.pending).toBe(true);
    saveTracker.flush();
    expect(sent).toEqual([1]);
  });
});
