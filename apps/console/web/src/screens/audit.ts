import { auditPage, type AuditRow } from '../audit.js';
import { button, h, replace, textInput } from '../dom.js';
import { compactJson } from '../format.js';
import { settle } from '../notices.js';
import { frame, note, section, type Screen } from '../screen.js';
import { DataTable } from '../table.js';

const FILTERS = [
  ['actor', 'actor (token sub)'],
  ['action', 'action, e.g. dead-letter.requeued'],
  ['entityType', 'entity type'],
  ['entityId', 'entity id'],
] as const;

/** The audit log of every service merged, newest first, filtered by the services themselves. */
export const auditScreen: Screen = (view, _params, { services }) => {
  const inputs = FILTERS.map(([name, label]) => [name, textInput(label, `audit-${name}`)] as const);
  const table = new DataTable<AuditRow>({
    testId: 'audit',
    rowKey: (r) => `${r.service}/${r.id}`,
    sort: { key: 'at', direction: 'desc' },
    empty: 'No audit rows match.',
    columns: [
      { key: 'at', label: 'At', type: 'time', value: (r) => r.at },
      { key: 'service', label: 'Service', value: (r) => r.service },
      { key: 'actor', label: 'Actor', value: (r) => r.actor },
      { key: 'action', label: 'Action', value: (r) => r.action },
      { key: 'entityType', label: 'Entity type', value: (r) => r.entityType },
      { key: 'entityId', label: 'Entity id', value: (r) => r.entityId },
      {
        key: 'details',
        label: 'Details',
        value: (r) => compactJson(r.details),
        render: (r) => h('code', { class: 'clip' }, compactJson(r.details)),
      },
    ],
  });
  const more = h('div', {});
  let rows: AuditRow[] = [];
  const filters = (): Record<string, string> =>
    Object.fromEntries(
      inputs
        .map(([name, input]): [string, string] => [name, input.value.trim()])
        .filter(([, v]) => v !== ''),
    );
  const load = async (cursors: Map<string, string | null>): Promise<void> => {
    const chosen = filters();
    const pages = await settle(
      [...cursors].map(async ([service, before]) => ({
        service,
        ...(await auditPage(service, chosen, before)),
      })),
    );
    const next = new Map<string, string>();
    for (const page of pages) {
      if (!page) continue;
      rows.push(...page.rows);
      if (page.nextCursor) next.set(page.service, page.nextCursor);
    }
    table.setRows(rows);
    replace(
      more,
      next.size
        ? h(
            'p',
            {},
            button('Load more', 'audit-more', () => load(next)),
            ` More rows at ${[...next.keys()].join(', ')}.`,
          )
        : null,
    );
  };
  const apply = (): Promise<void> => {
    rows = [];
    return load(new Map(services.map((s) => [s, null])));
  };
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (e) => {
        e.preventDefault();
        void apply();
      },
    },
    ...inputs.map(([, input]) => input),
    h('button', { type: 'submit', 'data-testid': 'audit-apply' }, 'Apply filters'),
  );
  return frame(view, 'Audit log', async (content) => {
    replace(
      content,
      form,
      section(
        'Audit',
        table.element,
        more,
        note(
          'Filters are exact and applied by each service; the box above the table narrows the rows shown.',
        ),
      ),
    );
    await apply();
  });
};
