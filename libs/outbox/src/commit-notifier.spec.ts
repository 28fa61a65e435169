import { CommitNotifier } from './commit-notifier';

describe('CommitNotifier', () => {
  let sends: number[];
  let release: (() => void)[];

  beforeEach(() => {
    jest.useFakeTimers();
    sends = [];
    release = [];
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  /** A send that stays in flight until the test releases it. */
  function notifier(intervalMs = 5, onError?: (err: unknown) => void): CommitNotifier {
    return new CommitNotifier(
      () =>
        new Promise<void>((resolve) => {
          sends.push(performance.now());
          release.push(resolve);
        }),
      intervalMs,
      onError,
    );
  }

  async function settle(): Promise<void> {
    release.splice(0).forEach((r) => r());
    await jest.advanceTimersByTimeAsync(0);
  }

  it('announces the first commit after a quiet spell at once', () => {
    notifier().notify();
    expect(sends).toHaveLength(1);
  });

  it('folds commits during a NOTIFY and within the gap into one more, sent when the gap ends', async () => {
    const n = notifier(5);
    n.notify();
    for (let i = 0; i < 50; i++) n.notify();
    await settle();
    expect(sends).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(4);
    expect(sends).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(sends).toHaveLength(2);
    expect(sends[1] - sends[0]).toBeGreaterThanOrEqual(5);
    await settle();
    await jest.advanceTimersByTimeAsync(100);
    expect(sends).toHaveLength(2);
    expect(n.sent).toBe(2);
  });

  it('sends again at once once the gap has passed', async () => {
    const n = notifier(5);
    n.notify();
    await settle();
    await jest.advanceTimersByTimeAsync(10);
    n.notify();
    expect(sends).toHaveLength(2);
  });

  it('never sends more than one NOTIFY per gap under a steady stream of commits', async () => {
    const n = notifier(5);
    for (let ms = 0; ms < 100; ms++) {
      n.notify();
      await settle();
      await jest.advanceTimersByTimeAsync(1);
    }
    expect(sends.length).toBeGreaterThanOrEqual(19);
    expect(sends.length).toBeLessThanOrEqual(21);
  });

  it('with a gap of 0 keeps one in flight and one more after it', async () => {
    const n = notifier(0);
    n.notify();
    n.notify();
    n.notify();
    expect(sends).toHaveLength(1);
    await settle();
    expect(sends).toHaveLength(2);
    await settle();
    expect(sends).toHaveLength(2);
  });

  it('reports a failed NOTIFY and keeps going', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const n = new CommitNotifier(
      () => (fail ? Promise.reject(new Error('down')) : Promise.resolve()),
      0,
      (err) => errors.push(err),
    );
    n.notify();
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    fail = false;
    n.notify();
    await jest.advanceTimersByTimeAsync(0);
    expect(n.sent).toBe(1);
  });

  it('drops a wake-up still waiting for its gap when stopped', async () => {
    const n = notifier(5);
    n.notify();
    n.notify();
    await settle();
    n.stop();
    await jest.advanceTimersByTimeAsync(10);
    expect(sends).toHaveLength(1);
    n.notify();
    expect(sends).toHaveLength(1);
  });
});
