import { call } from '../api.js';
import { auditPage, type AuditRow } from '../audit.js';
import { button, h, replace } from '../dom.js';
import { compactJson } from '../format.js';
import { reportError, settle } from '../notices.js';
import { frame, note, section, type Screen } from '../screen.js';
import { DataTable } from '../table.js';

interface Counts {
  checked?: number;
  missing: number;
  stale: number;
  ahead: number;
  orphaned: number;
  repaired?: number;
}
interface MirrorStatus {
  mirror: string;
  seed: { state: string; rows: number; total: number | null; lastError: string | null };
  reconcile: {
    running: boolean;
    runs: number;
    lastSuccessAt: string | null;
    lastResult: Counts | null;
    lastError: string | null;
    drift: Counts;
  };
}
type MirrorRow = MirrorStatus & { service: string };

/** Each mirror's sync state, its reconcile runs from the audit log, and "reconcile now". */
export const mirrorsScreen: Screen = (view, _params, { services }) => {
  const result = h('div', { 'data-testid': 'reconcile-result' });
  let reload: () => Promise<void> = () => Promise.resolve();
  const reconcile = async (service: string): Promise<void> => {
    try {
      const r = await call<Counts>(service, 'admin/mirror/reconcile', { method: 'POST' });
      replace(result, section(`Reconcile of ${service}`, h('pre', {}, compactJson(r))));
      await reload();
    } catch (err) {
      reportError(err);
    }
  };
  const mirrors = new DataTable<MirrorRow>({
    testId: 'mirrors',
    rowKey: (m) => `${m.service}/${m.mirror}`,
    columns: [
      { key: 'service', label: 'Service', value: (m) => m.service },
      { key: 'mirror', label: 'Mirror', value: (m) => m.mirror },
      {
        key: 'seed',
        label: 'Seed',
        value: (m) =>
          `${m.seed.state}, ${m.seed.rows}${m.seed.total === null ? '' : ` of ${m.seed.total}`}`,
      },
      { key: 'runs', label: 'Reconcile runs', type: 'number', value: (m) => m.reconcile.runs },
      {
        key: 'lastSuccess',
        label: 'Last success',
        type: 'time',
        value: (m) => m.reconcile.lastSuccessAt,
      },
      {
        key: 'lastResult',
        label: 'Last result',
        value: (m) => (m.reconcile.lastResult ? counts(m.reconcile.lastResult) : ''),
        testId: (m) => `mirror-last-result-${m.service}`,
      },
      { key: 'drift', label: 'Drift found since start', value: (m) => counts(m.reconcile.drift) },
      {
        key: 'error',
        label: 'Last error',
        value: (m) => m.reconcile.lastError ?? m.seed.lastError ?? '',
      },
      {
        key: 'act',
        label: '',
        value: () => '',
        render: (m) =>
          button(m.reconcile.running ? 'Running…' : 'Reconcile now', `reconcile-${m.service}`, () =>
            reconcile(m.service),
          ),
      },
    ],
  });
  const runs = new DataTable<AuditRow>({
    testId: 'reconcile-runs',
    rowKey: (r) => `${r.service}/${r.id}`,
    sort: { key: 'at', direction: 'desc' },
    empty: 'No reconcile run recorded yet.',
    columns: [
      { key: 'at', label: 'At', type: 'time', value: (r) => r.at },
      { key: 'service', label: 'Service', value: (r) => r.service },
      { key: 'actor', label: 'Actor', value: (r) => r.actor },
      ...(
        ['checked', 'missing', 'stale', 'ahead', 'orphaned', 'repaired', 'durationMs'] as const
      ).map((key) => ({
        key,
        label: key === 'durationMs' ? 'ms' : key,
        type: 'number' as const,
        value: (r: AuditRow) => Number(r.details[key] ?? NaN),
      })),
    ],
  });
  return frame(view, 'Mirrors', async (content) => {
    replace(
      content,
      section(
        'Mirror sync state',
        mirrors.element,
        note(
          'From each service’s /admin/health (this process’s view; drift counts since it started).',
        ),
      ),
      result,
      section('Reconcile runs (audit log, mirror.reconciled)', runs.element),
    );
    reload = async () => {
      const healths = await settle(
        services.map(async (service) => ({
          service,
          health: await call<{ mirrors?: MirrorStatus[] }>(service, 'admin/health', {
            accept: [503],
          }),
        })),
      );
      const rows = healths.flatMap((read) =>
        read ? (read.health.mirrors ?? []).map((m) => ({ ...m, service: read.service })) : [],
      );
      mirrors.setRows(rows);
      const owners = [...new Set(rows.map((r) => r.service))];
      const pages = await settle(
        owners.map((s) => auditPage(s, { action: 'mirror.reconciled' }, null)),
      );
      runs.setRows(pages.flatMap((p) => p?.rows ?? []));
    };
    await reload();
  });
};

function counts(c: Counts): string {
  const parts = [
    c.checked === undefined ? null : `checked ${c.checked}`,
    `missing ${c.missing}`,
    `stale ${c.stale}`,
    `ahead ${c.ahead}`,
    `orphaned ${c.orphaned}`,
    c.repaired === undefined ? null : `repaired ${c.repaired}`,
  ];
  return parts.filter((p) => p !== null).join(', ');
}
