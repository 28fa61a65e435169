/**
 * The relay's sleep: ends at the timeout or at the first `wake()`. A wake-up that arrives while
 * the relay is busy is remembered, so the next sleep returns at once and no commit is missed.
 */
export class WakeUp {
  private pending = false;
  private interrupt?: () => void;

  get isPending(): boolean {
    return this.pending;
  }

  wake(): void {
    this.pending = true;
    this.interrupt?.();
  }

  /** Sleeps `ms`; `wakeable: false` (outage backoff) ignores wake-ups until it ends. */
  sleep(ms: number, wakeable = true): Promise<void> {
    if (wakeable && this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        // However the sleep ends, its handle goes with it: a stale one would swallow the next
        // wake-up (clearing `pending` during the batch that follows).
        if (this.interrupt === interrupt) this.interrupt = undefined;
        resolve();
      };
      const interrupt = wakeable
        ? () => {
            this.pending = false;
            done();
          }
        : undefined;
      const timer = setTimeout(done, ms);
      this.interrupt = interrupt;
    });
  }

  /** Forgets a remembered wake-up (after stopping). */
  reset(): void {
    this.pending = false;
    this.interrupt = undefined;
  }
}
