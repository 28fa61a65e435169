import { ApiError, call } from '../api.js';
import { button, h, replace } from '../dom.js';
import { formatTime } from '../format.js';
import { settle } from '../notices.js';
import { frame, note, section, type Screen } from '../screen.js';
import { DataTable } from '../table.js';

interface PurgeEntry {
  aggregateType: string;
  aggregateId: string;
  version: number;
  purgedAt: string;
  expected: string[];
  receipts: { mirror: string; version: number; appliedAt: string; receivedAt: string }[];
  missing: string[];
  complete: boolean;
  completedAt: string | null;
}

type PurgeRow = PurgeEntry & { service: string };
interface Page {
  items: PurgeEntry[];
  nextCursor: string | null;
}

/** Every owner's purge ledger (the product service's): receipts per mirror, incomplete first. */
export const purgesScreen: Screen = (view, _params, { services }) => {
  const filter = h(
    'select',
    { 'aria-label': 'purges', 'data-testid': 'purges-complete' },
    h('option', { value: '' }, 'all purges'),
    h('option', { value: 'false' }, 'incomplete'),
    h('option', { value: 'true' }, 'complete'),
  );
  const table = new DataTable<PurgeRow>({
    testId: 'purges',
    rowKey: (p) => `${p.service}/${p.aggregateId}`,
    rowClass: (p) => (p.complete ? undefined : 'incomplete'),
    sort: { key: 'complete', direction: 'asc' },
    empty: 'No purges.',
    columns: [
      { key: 'service', label: 'Owner', value: (p) => p.service },
      { key: 'type', label: 'Type', value: (p) => p.aggregateType },
      { key: 'id', label: 'Id', value: (p) => p.aggregateId },
      { key: 'version', label: 'Version', type: 'number', value: (p) => p.version },
      { key: 'purgedAt', label: 'Purged at', type: 'time', value: (p) => p.purgedAt },
      {
        key: 'receipts',
        label: 'Receipts',
        value: (p) => receiptsText(p),
        render: (p) => receipts(p),
      },
      {
        key: 'missing',
        label: 'Missing',
        value: (p) => p.missing.join(', '),
        testId: (p) => `purge-missing-${p.aggregateId}`,
      },
      {
        key: 'complete',
        label: 'Complete',
        value: (p) => (p.complete ? 'yes' : 'no'),
        testId: (p) => `purge-complete-${p.aggregateId}`,
      },
      { key: 'completedAt', label: 'Completed at', type: 'time', value: (p) => p.completedAt },
    ],
  });
  const more = h('div', {});
  let rows: PurgeRow[] = [];
  const load = async (cursors: Map<string, string | null>): Promise<void> => {
    const query = (after: string | null): string =>
      `admin/purges?limit=100${filter.value ? `&complete=${filter.value}` : ''}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const pages = await settle(
      [...cursors].map(async ([service, after]) => ({
        service,
        page: await ledgerPage(service, query(after)),
      })),
    );
    const next = new Map<string, string>();
    for (const p of pages) {
      if (!p?.page) continue;
      rows.push(...p.page.items.map((e) => ({ ...e, service: p.service })));
      if (p.page.nextCursor) next.set(p.service, p.page.nextCursor);
    }
    table.setRows(rows);
    replace(more, next.size ? button('Load more', 'purges-more', () => load(next)) : null);
  };
  const fresh = (): Promise<void> => {
    rows = [];
    return load(new Map(services.map((s) => [s, null])));
  };
  filter.addEventListener('change', () => void fresh());
  return frame(
    view,
    'Purges',
    async (content) => {
      replace(
        content,
        section(
          'Purge ledger',
          table.element,
          more,
          note(
            'A purge is complete once every expected mirror has sent its receipt; incomplete ones are highlighted.',
          ),
        ),
      );
      await fresh();
    },
    filter,
  );
};

/** A service's ledger page, or undefined when it keeps none (404: it owns no aggregate). */
async function ledgerPage(service: string, path: string): Promise<Page | undefined> {
  try {
    return await call<Page>(service, path);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

function receiptsText(p: PurgeEntry): string {
  return p.expected
    .map((m) => `${m} ${p.receipts.some((r) => r.mirror === m) ? 'received' : 'missing'}`)
    .join(', ');
}

function receipts(p: PurgeEntry): HTMLElement {
  return h(
    'ul',
    { class: 'receipts' },
    ...p.expected.map((mirror) => {
      const receipt = p.receipts.find((r) => r.mirror === mirror);
      return receipt
        ? h(
            'li',
            { class: 'received' },
            `✓ ${mirror}, v${receipt.version}, ${formatTime(receipt.appliedAt)}`,
          )
        : h('li', { class: 'missing' }, `✗ ${mirror}: no receipt yet`);
    }),
  );
}
