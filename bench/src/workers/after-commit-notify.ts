import type { Pool } from 'pg';

/**
 * The wake-up `Outbox` sends after a commit (libs/outbox/src/outbox.service.ts), reproduced on
 * plain `pg`: `SELECT pg_notify(channel, '')` outside the business transaction, at most one in
 * flight, and commits during it cause exactly one more.
 */
export class AfterCommitNotify {
  private inFlight = false;
  private again = false;
  sent = 0;

  /**
   * @param asyncCommit what ships (libs/outbox): the NOTIFY's own transaction commits with
   *   `synchronous_commit = off`, so it does not wait for (or add) a WAL flush. A NOTIFY needs an
   *   XID and so a commit record; a lost one only delays publishing until the next poll.
   */
  constructor(
    private readonly pool: Pool,
    private readonly channel = 'outbox_messages_pending',
    private readonly asyncCommit = false,
  ) {}

  notify(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    void (async () => {
      do {
        this.again = false;
        try {
          await this.pool.query(
            this.asyncCommit
              ? `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`
              : 'SELECT pg_notify($1, $2)',
            [this.channel, ''],
          );
          this.sent++;
        } catch (err) {
          console.error('notify failed', err);
        }
      } while (this.again);
      this.inFlight = false;
    })();
  }
}
