import { METRIC_PREFIX } from '@app/metrics';
import {
  alertRules,
  dashboardQueries,
  exposedMetricNames,
  metricNamesIn,
} from './support/monitoring-rules';

/** Series Prometheus makes itself for every target; no process exposes them. */
const PROMETHEUS_SERIES = new Set(['up']);

describe('deploy/: alert rules and dashboard', () => {
  it('has well-formed alert rules: a name, a severity, a summary, a PromQL expression', () => {
    const rules = alertRules();
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^SafeDeletion[A-Za-z]+$/);
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(metricNamesIn(rule.expr).length).toBeGreaterThan(0);
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('alerts on a stuck outbox, growing dead letters, a stalled consumer, drift and incomplete purges', () => {
    const used = new Set(alertRules().flatMap((rule) => metricNamesIn(rule.expr)));
    for (const name of [
      'outbox_stuck',
      'consumer_dead_letters_parked',
      'outbox_dead_letters',
      'consumer_queue_messages',
      'consumer_messages_total',
      'mirror_drift_total',
      'purges_incomplete',
    ]) {
      expect(used).toContain(METRIC_PREFIX + name);
    }
  });

  it('uses only metrics under the prefix (and Prometheus’ own `up`)', () => {
    const exprs = [...alertRules(), ...dashboardQueries()].map((q) => q.expr);
    const foreign = exprs
      .flatMap(metricNamesIn)
      .filter((name) => !name.startsWith(METRIC_PREFIX) && !PROMETHEUS_SERIES.has(name));
    expect(foreign).toEqual([]);
    expect(dashboardQueries().length).toBeGreaterThan(10);
  });

  it('reads metric names with the PromQL grammar and refuses what does not parse', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket{q="x"}[$__rate_interval]))) > 1 and on (q) b == 0',
      ).sort(),
    ).toEqual(['a_seconds_bucket', 'b']);
    expect(() => metricNamesIn('sum by (q (rate(a[5m]))')).toThrow('not PromQL');
  });

  it('reads the names an exposition declares, a histogram’s series included', () => {
    const names = exposedMetricNames(
      '# HELP a_seconds h\n# TYPE a_seconds histogram\n# HELP b h\n# TYPE b gauge\n',
    );
    expect([...names].sort()).toEqual([
      'a_seconds',
      'a_seconds_bucket',
      'a_seconds_count',
      'a_seconds_sum',
      'b',
    ]);
  });
});
