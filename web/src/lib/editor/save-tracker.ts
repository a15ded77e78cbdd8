/**
 * Knows whether every local edit has been stored by the server. After local edits it sends a
 * numbered save check on the socket; the server answers with the same number once everything the
 * socket sent before is committed. Only the answer to the latest check, with no edit since,
 * means "saved": an answer to an older check says nothing about later edits.
 */
export interface SaveTrackerOptions {
  /** Sends MESSAGE_SAVE_CHECK with this number; false when the socket cannot take it now. */
  sendCheck(checkNumber: number): boolean;
  /** Called whenever `pending` may have changed. */
  onChange(): void;
  /** Called when the server has acknowledged every local edit. */
  onAcknowledged(): void;
  /** Edits left over from an earlier visit that the server never acknowledged. */
  startPending?: boolean;
  saveCheckDelayMs?: number;
}

export class SaveTracker {
  private lastCheck = 0;
  private editedSinceCheck: boolean;
  private awaitingAnswer = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: SaveTrackerOptions) {
    this.editedSinceCheck = options.startPending ?? false;
  }

  get pending(): boolean {
    return this.editedSinceCheck || this.awaitingAnswer;
  }

  noteLocalEdit(): void {
    const wasPending = this.pending;
    this.editedSinceCheck = true;
    if (!wasPending) this.options.onChange();
    // Many keystrokes share one check: the check covers everything sent before it.
    this.timer ??= setTimeout(() => this.flush(), this.options.saveCheckDelayMs ?? 200);
  }

  /** Sends a check now if anything is unacknowledged (after a reconnect's sync, for instance). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    if (!this.options.sendCheck(this.lastCheck + 1)) return;
    this.lastCheck += 1;
    this.editedSinceCheck = false;
    this.awaitingAnswer = true;
  }

  stored(checkNumber: number): void {
    if (checkNumber !== this.lastCheck || !this.awaitingAnswer) return;
    this.awaitingAnswer = false;
    if (!this.editedSinceCheck) this.options.onAcknowledged();
    this.options.onChange();
  }

  /** The socket closed: a check in flight will never be answered, so ask again next time. */
  disconnected(): void {
    if (this.awaitingAnswer) {
      this.awaitingAnswer = false;
      this.editedSinceCheck = true;
    }
  }

  destroy(): void {
    clearTimeout(this.timer);
  }
}
