import {
  act,
  KINDS,
  listDeadLetters,
  type ActionResult,
  type DeadLetterKind,
  type ListedDeadLetter,
} from '../dead-letters.js';
import { button, h, replace, textInput } from '../dom.js';
import { reportError, settle } from '../notices.js';
import { frame, note, section, type Screen } from '../screen.js';
import { DataTable } from '../table.js';

type ResultRow = ActionResult & { service: string; kind: DeadLetterKind; action: string };

/** Both kinds of every service in one table; select rows to requeue or discard them. */
export const deadLettersScreen: Screen = (view, _params, { services }) => {
  const status = h(
    'select',
    { 'aria-label': 'status', 'data-testid': 'dl-status' },
    ...['parked', 'requeued', 'discarded'].map((s) => h('option', { value: s }, s)),
  );
  const table = new DataTable<ListedDeadLetter>({
    testId: 'dead-letters',
    selectable: true,
    rowKey: (d) => `${d.service}/${d.kind}/${d.id}`,
    onRowClick: (d) => (location.hash = `#/dead-letters/${d.service}/${d.kind}/${d.id}`),
    sort: { key: 'at', direction: 'desc' },
    empty: 'No dead letters with this status.',
    columns: [
      { key: 'service', label: 'Service', value: (d) => d.service },
      { key: 'kind', label: 'Kind', value: (d) => d.kind },
      { key: 'id', label: 'Id', type: 'number', value: (d) => Number(d.id) },
      { key: 'status', label: 'Status', value: (d) => d.status },
      { key: 'destination', label: 'Destination', value: (d) => d.destination },
      { key: 'eventType', label: 'Event type', value: (d) => d.eventType },
      { key: 'subject', label: 'Subject', value: (d) => d.subject },
      { key: 'messageId', label: 'Message id', value: (d) => d.messageId },
      {
        key: 'reason',
        label: 'Reason',
        value: (d) => d.reason,
        render: (d) => h('span', { class: 'clip', title: d.reason }, d.reason),
      },
      { key: 'attempts', label: 'Attempts', type: 'number', value: (d) => d.attempts },
      { key: 'at', label: 'Dead-lettered at', type: 'time', value: (d) => d.deadLetteredAt },
      { key: 'resolvedAt', label: 'Settled at', type: 'time', value: (d) => d.resolvedAt },
    ],
  });
  const results = h('div', { 'data-testid': 'dl-result' });
  const notes = h('div', {});
  const reason = textInput('reason for a discard', 'dl-discard-reason');
  const load = async (): Promise<void> => {
    const chosen = status.value;
    const lists = services.flatMap((service) =>
      KINDS.filter((kind) => !(kind === 'outbox' && chosen === 'requeued')).map(async (kind) => ({
        service,
        kind,
        page: await listDeadLetters(service, kind, chosen),
      })),
    );
    const pages = (await settle(lists)).filter((p) => p !== undefined);
    table.setRows(pages.flatMap((p) => (p.page === 'absent' ? [] : p.page.items)));
    const absent = pages.filter((p) => p.page === 'absent').map((p) => `${p.service} (${p.kind})`);
    const more = pages
      .filter((p) => p.page !== 'absent' && p.page.more)
      .map((p) => `${p.service} (${p.kind})`);
    replace(
      notes,
      absent.length
        ? note(`No such kind of dead letter: ${absent.join(', ')}.`, 'dl-absent')
        : null,
      more.length ? note(`Only the newest 500 shown for ${more.join(', ')}.`) : null,
      chosen === 'requeued'
        ? note(
            'A requeued outbox row is an outbox message again; the audit log (dead-letter.requeued) lists them.',
          )
        : null,
    );
  };
  const run = async (action: 'requeue' | 'discard'): Promise<void> => {
    const chosen = table.selected();
    if (chosen.length === 0)
      return reportError(new Error('Select the dead letters to act on first.'));
    if (action === 'discard' && !reason.value.trim())
      return reportError(new Error('A discard needs a reason.'));
    const groups = new Map<string, ListedDeadLetter[]>();
    for (const d of chosen)
      groups.set(`${d.service}/${d.kind}`, [...(groups.get(`${d.service}/${d.kind}`) ?? []), d]);
    const done = await settle(
      [...groups.values()].map(async (letters) => {
        const { service, kind } = letters[0];
        const result = await act(
          service,
          kind,
          action,
          letters.map((d) => d.id),
          reason.value.trim(),
        );
        return { ...result, service, kind, action };
      }),
    );
    showResults(
      results,
      done.filter((r) => r !== undefined),
    );
    await load();
  };
  status.addEventListener('change', () => void load().catch(reportError));
  return frame(
    view,
    'Dead letters',
    async (content) => {
      replace(content, section('Dead letters', table.element, notes), results);
      await load();
    },
    status,
    button('Requeue selected', 'dl-requeue', () => run('requeue')),
    reason,
    button('Discard selected', 'dl-discard', () => run('discard')),
  );
};

function showResults(target: HTMLElement, rows: ResultRow[]): void {
  const table = new DataTable<ResultRow>({
    testId: 'dl-results',
    rowKey: (r) => `${r.service}/${r.kind}`,
    columns: [
      { key: 'service', label: 'Service', value: (r) => r.service },
      { key: 'kind', label: 'Kind', value: (r) => r.kind },
      { key: 'action', label: 'Action', value: (r) => r.action },
      {
        key: 'count',
        label: 'Count',
        type: 'number',
        value: (r) => r.count,
        testId: (r) => `dl-result-count-${r.service}-${r.kind}`,
      },
      { key: 'ids', label: 'Ids', value: (r) => r.ids.join(', ') },
      { key: 'skipped', label: 'Skipped', value: (r) => r.skipped.join(', ') },
      {
        key: 'failures',
        label: 'Failures',
        value: (r) => r.failures.map((f) => `${f.id}: ${f.error}`).join('; '),
      },
    ],
  });
  table.setRows(rows);
  replace(target, section('Last action', table.element));
}
