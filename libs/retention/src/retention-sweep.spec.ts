import { Logger } from '@nestjs/common';
import { RetentionSweep } from './retention-sweep';

describe('RetentionSweep', () => {
  const calls: { retentionMs: number; chunk: number }[] = [];
  const deleteSettled = (retentionMs: number, chunk: number): Promise<number> => {
    calls.push({ retentionMs, chunk });
    // A full chunk, then a partial one: the sweep goes on until the table has no more.
    return Promise.resolve(calls.length === 1 ? chunk : 3);
  };

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => calls.splice(0));

  it.each([
    ['no retention', {}],
    ['a retention of 0', { retentionMs: 0 }],
  ])('keeps everything with %s: it never deletes', async (_, options) => {
    const retention = new RetentionSweep({ what: 'letters', ...options }, deleteSettled);
    retention.start();
    expect(await retention.runOnce()).toBe(0);
    await retention.stop();
    expect(calls).toEqual([]);
  });

  it('with a retention, deletes at start, chunk after chunk until one is not full', async () => {
    const retention = new RetentionSweep(
      { what: 'letters', retentionMs: 86_400_000 },
      deleteSettled,
    );
    retention.start();
    await retention.stop();
    expect(calls).toEqual([
      { retentionMs: 86_400_000, chunk: 5_000 },
      { retentionMs: 86_400_000, chunk: 5_000 },
    ]);
  });

  it('sweeps on its interval only, when told not to sweep at start', async () => {
    const retention = new RetentionSweep(
      { what: 'letters', retentionMs: 1, atStart: false, intervalMs: 60_000 },
      deleteSettled,
    );
    retention.start();
    await retention.stop();
    expect(calls).toEqual([]);
  });

  it('logs a failed sweep and reports what it deleted before', async () => {
    const retention = new RetentionSweep({ what: 'letters', retentionMs: 1 }, () =>
      Promise.reject(new Error('database away')),
    );
    expect(await retention.runOnce()).toBe(0);
  });
});
