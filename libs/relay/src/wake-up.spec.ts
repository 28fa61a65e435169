import { WakeUp } from './wake-up';

describe('WakeUp', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Resolves to whether `sleep` ended within `ms` of fake time. */
  async function endsWithin(sleep: Promise<void>, ms: number): Promise<boolean> {
    let ended = false;
    void sleep.then(() => (ended = true));
    await jest.advanceTimersByTimeAsync(ms);
    return ended;
  }

  it('ends a sleep at the first wake-up', async () => {
    const w = new WakeUp();
    const sleep = w.sleep(60_000);
    w.wake();
    expect(await endsWithin(sleep, 0)).toBe(true);
    expect(w.isPending).toBe(false);
  });

  it('remembers a wake-up that arrives after a sleep ended by a wake-up', async () => {
    const w = new WakeUp();
    const sleep = w.sleep(60_000);
    w.wake();
    expect(await endsWithin(sleep, 0)).toBe(true);
    w.wake();
    expect(await endsWithin(w.sleep(60_000), 0)).toBe(true);
  });

  it('remembers a wake-up that arrives after a sleep ended by time-out', async () => {
    const w = new WakeUp();
    expect(await endsWithin(w.sleep(25), 25)).toBe(true);
    // The batch that follows: a commit wakes the relay while it works.
    w.wake();
    expect(w.isPending).toBe(true);
    expect(await endsWithin(w.sleep(60_000), 0)).toBe(true);
  });

  it('lets a wake-up during an outage pause wait for the next sleep', async () => {
    const w = new WakeUp();
    const pause = w.sleep(100, false);
    w.wake();
    expect(await endsWithin(pause, 50)).toBe(false);
    expect(await endsWithin(pause, 50)).toBe(true);
    expect(await endsWithin(w.sleep(60_000), 0)).toBe(true);
  });
});
