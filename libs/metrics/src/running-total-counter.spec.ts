import { Registry } from 'prom-client';
import { runningTotalCounter, type RunningTotal } from './running-total-counter';

describe('runningTotalCounter', () => {
  it('adds what each total grew by since the last scrape, with a series at 0 for an unmoved one', async () => {
    const registry = new Registry();
    let totals: RunningTotal[] = [
      [{ queue: 'a' }, 3],
      [{ queue: 'b' }, 0],
    ];
    runningTotalCounter({
      registry,
      name: 't_total',
      help: 'h',
      labelNames: ['queue'],
      read: () => totals,
    });
    const values = async (): Promise<Record<string, number>> => {
      const metric = (await registry.getMetricsAsJSON())[0];
      return Object.fromEntries(metric.values.map((v) => [String(v.labels.queue), v.value]));
    };
    expect(await values()).toEqual({ a: 3, b: 0 });
    totals = [
      [{ queue: 'a' }, 5],
      [{ queue: 'b' }, 0],
    ];
    expect(await values()).toEqual({ a: 5, b: 0 });
    // Its owner restarted: counting goes on from the new total, never backwards.
    totals = [[{ queue: 'a' }, 1]];
    expect(await values()).toEqual({ a: 5, b: 0 });
    totals = [[{ queue: 'a' }, 4]];
    expect(await values()).toEqual({ a: 8, b: 0 });
  });
});
