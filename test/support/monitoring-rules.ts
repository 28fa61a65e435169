import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { load } from 'js-yaml';

const DEPLOY = join(__dirname, '..', '..', 'deploy');

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Every alerting rule of `deploy/prometheus/alerts.yml`, group by group. */
export function alertRules(): AlertRule[] {
  const file = load(readFileSync(join(DEPLOY, 'prometheus', 'alerts.yml'), 'utf8')) as {
    groups: { name: string; rules: AlertRule[] }[];
  };
  return file.groups.flatMap((group) => group.rules);
}

/** Every query of the Grafana dashboard, with the panel it belongs to. */
export function dashboardQueries(): { panel: string; expr: string }[] {
  const dashboard = JSON.parse(
    readFileSync(join(DEPLOY, 'grafana', 'safe-deletion.json'), 'utf8'),
  ) as { panels: { title: string; targets?: { expr: string }[] }[] };
  return dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })),
  );
}

/**
 * The metric names a PromQL expression selects, parsed with Prometheus' own grammar; Grafana's
 * `$__rate_interval` stands for a duration. Throws on an expression that does not parse.
 */
export function metricNamesIn(expr: string): string[] {
  const text = expr.replace(/\$__(rate_)?interval/g, '5m');
  const tree = parser.parse(text);
  const names = new Set<string>();
  let error: number | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError) error ??= node.from;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        names.add(text.slice(node.from, node.to));
      }
    },
  });
  if (error !== undefined) throw new Error(`not PromQL at ${error}: ${text}`);
  return [...names];
}

/**
 * The sample names a Prometheus text exposition declares (`# TYPE` lines), a histogram's
 * `_bucket`, `_sum` and `_count` included, whether or not a sample exists yet.
 */
export function exposedMetricNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram') ['_bucket', '_sum', '_count'].forEach((s) => names.add(name + s));
    if (type === 'summary') ['_sum', '_count'].forEach((s) => names.add(name + s));
  }
  return names;
}
