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
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.interrupt = wakeable
        ? () => {
            this.pending = false;
            this.interrupt = undefined;
            done();
          }
        : undefined;
    });
  }

  /** Forgets a remembered wake-up (after stopping). */
  reset(): void {
    this.pending = false;
    this.interrupt = undefined;
  }
}
