/** Default shortest gap between two cross-process wake-ups (see ADR 0005). */
export const DEFAULT_NOTIFY_INTERVAL_MS = 2;

/**
 * The wake-up's SQL: `pg_notify` in a transaction of its own that commits with
 * `synchronous_commit = off` (a NOTIFY needs a commit record; a lost one only costs a poll).
 * Parameters: `$1` the channel, `$2` the payload.
 */
export const NOTIFY_SQL = `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`;

/**
 * Sends the cross-process wake-up after commits, cheaply for the writers: the first commit
 * after a quiet spell is announced at once; commits that follow within `minIntervalMs` of the
 * last NOTIFY, or while one is in flight, share a single NOTIFY at the end of that gap. A relay
 * that is busy publishing does not need them, and one that sleeps is woken at most
 * `minIntervalMs` late.
 */
export class CommitNotifier {
  private pending = false;
  private inFlight = false;
  private timer?: NodeJS.Timeout;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private stopped = false;
  /** NOTIFYs sent so far. */
  sent = 0;

  constructor(
    private readonly send: () => Promise<unknown>,
    private readonly minIntervalMs = DEFAULT_NOTIFY_INTERVAL_MS,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Called after each commit that added outbox rows. */
  notify(): void {
    if (this.stopped) return;
    this.pending = true;
    this.pump();
  }

  /** Drops a wake-up still waiting for its gap; relays pick those rows up by polling. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (!this.pending || this.inFlight || this.timer || this.stopped) return;
    const wait = this.lastSentAt + this.minIntervalMs - performance.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
      this.timer.unref();
      return;
    }
    this.pending = false;
    this.inFlight = true;
    this.lastSentAt = performance.now();
    this.send()
      .then(() => this.sent++)
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.inFlight = false;
        this.pump();
      });
  }
}
