/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/y;

/** Parses `/metrics` (text format 0.0.4): comments skipped, label values unescaped. */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    samples.push({ name: match[1], labels: labelsOf(match[2] ?? ''), value: numberOf(match[3]) });
  }
  return samples;
}

function labelsOf(block: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const inner = block.slice(1, -1);
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(inner); m; m = LABEL.exec(inner)) {
    labels[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function numberOf(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/**
 * The sum of the samples named `name` whose labels include `labels`; undefined when there is
 * none (the service does not expose it), which the page shows as such rather than as 0.
 */
export function metric(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const matching = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  return matching.length === 0 ? undefined : matching.reduce((sum, s) => sum + s.value, 0);
}

/** Every metric name of this system starts with it (`libs/metrics`). */
export const PREFIX = 'safe_deletion_';
