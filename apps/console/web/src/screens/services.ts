import { call, callText } from '../api.js';
import { formatAge } from '../format.js';
import { settle } from '../notices.js';
import { metric, parsePrometheus, PREFIX, type Sample } from '../prometheus.js';
import { frame, note, section, type Screen } from '../screen.js';
import { DataTable } from '../table.js';

interface Health {
  status: string;
  consumers?: { queue: string; consuming: boolean; lastError: string | null }[];
  relay?: { running: boolean; backlog: unknown } | null;
}

interface ServiceRow {
  service: string;
  ready: string;
  relay: string;
  pending?: number;
  oldestAge?: number;
  outboxDeadLetters?: number;
  parked?: number;
}

interface ConsumerRow {
  service: string;
  queue: string;
  consuming: string;
  lag?: number;
  retry?: number;
  deadLetterQueue?: number;
  parked?: number;
  lastError: string;
}

/** Per service: readiness, its outbox backlog (from `/metrics`) and its consumers' lag. */
export const servicesScreen: Screen = (view, _params, { services }) => {
  const servicesTable = new DataTable<ServiceRow>({
    testId: 'services',
    rowKey: (r) => r.service,
    columns: [
      { key: 'service', label: 'Service', value: (r) => r.service },
      { key: 'ready', label: 'Ready', value: (r) => r.ready, testId: (r) => `ready-${r.service}` },
      { key: 'relay', label: 'Relay', value: (r) => r.relay },
      {
        key: 'pending',
        label: 'Outbox pending',
        type: 'number',
        value: (r) => r.pending,
        testId: (r) => `outbox-pending-${r.service}`,
      },
      {
        key: 'age',
        label: 'Oldest pending',
        type: 'number',
        value: (r) => r.oldestAge,
        render: (r) => (r.oldestAge === undefined ? '–' : formatAge(r.oldestAge)),
        testId: (r) => `outbox-oldest-age-${r.service}`,
      },
      {
        key: 'outboxDead',
        label: 'Outbox dead letters',
        type: 'number',
        value: (r) => r.outboxDeadLetters,
        testId: (r) => `outbox-dead-letters-${r.service}`,
      },
      {
        key: 'parked',
        label: 'Parked consumer dead letters',
        type: 'number',
        value: (r) => r.parked,
        testId: (r) => `parked-${r.service}`,
      },
    ],
  });
  const consumersTable = new DataTable<ConsumerRow>({
    testId: 'consumers',
    rowKey: (r) => `${r.service}/${r.queue}`,
    columns: [
      { key: 'service', label: 'Service', value: (r) => r.service },
      { key: 'queue', label: 'Queue', value: (r) => r.queue },
      { key: 'consuming', label: 'Consuming', value: (r) => r.consuming },
      {
        key: 'lag',
        label: 'Lag (messages)',
        type: 'number',
        value: (r) => r.lag,
        testId: (r) => `consumer-lag-${r.queue}`,
      },
      { key: 'retry', label: 'In retry', type: 'number', value: (r) => r.retry },
      { key: 'dlq', label: 'In .dlq', type: 'number', value: (r) => r.deadLetterQueue },
      { key: 'parked', label: 'Parked', type: 'number', value: (r) => r.parked },
      { key: 'lastError', label: 'Last error', value: (r) => r.lastError },
    ],
  });
  return frame(view, 'Services', async (content) => {
    content.replaceChildren(
      section(
        'Outbox backlog',
        servicesTable.element,
        note(
          'Backlog from each service’s /metrics (its relay reads the outbox every 5 s); “no outbox”: the service publishes nothing; “not read”: no relay runs in that process.',
        ),
      ),
      section(
        'Consumers',
        consumersTable.element,
        note('Lag: ready messages in the consumer’s queue, read from the broker.'),
      ),
    );
    const reads = await Promise.all(services.map((s) => readService(s)));
    servicesTable.setRows(reads.map((r) => r.row));
    consumersTable.setRows(reads.flatMap((r) => r.consumers));
  });
};

async function readService(
  service: string,
): Promise<{ row: ServiceRow; consumers: ConsumerRow[] }> {
  const metrics = settle([callText(service, 'metrics')]);
  const [ready, health] = await settle([
    call<Health>(service, 'health/ready', { accept: [503] }),
    call<Health>(service, 'admin/health', { accept: [503] }),
  ]);
  const [text] = await metrics;
  const samples = text === undefined ? [] : parsePrometheus(text);
  const gauge = (name: string, labels?: Record<string, string>): number | undefined =>
    text === undefined ? undefined : metric(samples, `${PREFIX}${name}`, labels);
  const relay = health?.relay;
  const backlogRead = relay !== null && relay !== undefined && relay.backlog !== null;
  const row: ServiceRow = {
    service,
    ready: ready?.status ?? 'no answer',
    relay:
      relay === undefined
        ? '?'
        : relay === null
          ? 'no outbox'
          : relay.running
            ? 'running'
            : 'not running',
    pending: backlogRead ? gauge('outbox_pending') : undefined,
    oldestAge: backlogRead ? gauge('outbox_oldest_pending_age_seconds') : undefined,
    outboxDeadLetters: backlogRead ? gauge('outbox_dead_letters') : undefined,
    parked: gauge('consumer_dead_letters_parked'),
  };
  if (relay && !backlogRead) row.relay += ', not read';
  return { row, consumers: consumersOf(service, health, samples) };
}

function consumersOf(
  service: string,
  health: Health | undefined,
  samples: Sample[],
): ConsumerRow[] {
  const depth = (queue: string, kind: string): number | undefined =>
    metric(samples, `${PREFIX}consumer_queue_messages`, { queue, kind });
  return (health?.consumers ?? []).map((c) => ({
    service,
    queue: c.queue,
    consuming: c.consuming ? 'yes' : 'no',
    lag: depth(c.queue, 'main'),
    retry: depth(c.queue, 'retry'),
    deadLetterQueue: depth(c.queue, 'dead_letter'),
    parked: metric(samples, `${PREFIX}consumer_dead_letters_parked`, { queue: c.queue }),
    lastError: c.lastError ?? '',
  }));
}
