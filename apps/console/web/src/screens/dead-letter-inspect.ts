import { call } from '../api.js';
import {
  act,
  deadLetterPath,
  type ActionResult,
  type DeadLetterKind,
  type DeadLetterView,
} from '../dead-letters.js';
import { button, h, replace, textInput } from '../dom.js';
import { compactJson, formatTime } from '../format.js';
import { reportError } from '../notices.js';
import { frame, section, type Screen } from '../screen.js';
import { DataTable } from '../table.js';

/** One dead letter: why it failed, how often, what it carries; requeue or discard it. */
export const deadLetterInspectScreen: Screen = (view, [service, kindText, id]) => {
  const kind = kindText as DeadLetterKind;
  const result = h('div', { 'data-testid': 'inspect-result' });
  const reason = textInput('reason for a discard', 'inspect-discard-reason');
  const attempts = new DataTable<{ at: string; error: string; n: number }>({
    testId: 'inspect-attempts',
    rowKey: (a) => String(a.n),
    columns: [
      { key: 'at', label: 'At', type: 'time', value: (a) => a.at },
      { key: 'error', label: 'Error', value: (a) => a.error },
    ],
  });
  let draw: () => Promise<void> = () => Promise.resolve();
  const run = async (action: 'requeue' | 'discard'): Promise<void> => {
    if (action === 'discard' && !reason.value.trim())
      return reportError(new Error('A discard needs a reason.'));
    try {
      showResult(result, action, await act(service, kind, action, [id], reason.value.trim()));
      await draw();
    } catch (err) {
      reportError(err);
    }
  };
  return frame(
    view,
    `Dead letter ${service} ${kind} ${id}`,
    async (content) => {
      draw = async () => {
        const letter = await call<DeadLetterView>(
          service,
          `${deadLetterPath(kind)}/${encodeURIComponent(id)}`,
        );
        attempts.setRows(letter.attemptLog.map((a, n) => ({ ...a, n })));
        replace(
          content,
          h('dl', { class: 'fields', 'data-testid': 'inspect-fields' }, ...fields(service, letter)),
          section('Reason', h('pre', { 'data-testid': 'inspect-reason' }, letter.reason)),
          section('Attempts', attempts.element),
          section(
            'Payload',
            h(
              'pre',
              { 'data-testid': 'inspect-payload' },
              letter.payload === null ? letter.body : JSON.stringify(letter.payload, null, 2),
            ),
          ),
          section('Headers', h('pre', {}, JSON.stringify(letter.headers, null, 2))),
          result,
        );
      };
      await draw();
    },
    h('a', { href: '#/dead-letters' }, 'Back to the list'),
    button('Requeue', 'inspect-requeue', () => run('requeue')),
    reason,
    button('Discard', 'inspect-discard', () => run('discard')),
  );
};

function fields(service: string, d: DeadLetterView): HTMLElement[] {
  const rows: [string, string, string?][] = [
    ['Service', service],
    ['Kind', d.kind],
    ['Status', d.status, 'inspect-status'],
    ['Destination', d.destination],
    ['Message id', d.messageId ?? '–'],
    ['Event type', d.eventType ?? '–'],
    ['Subject', d.subject ?? '–'],
    ['Attempts', String(d.attempts)],
    ['Dead-lettered at', formatTime(d.deadLetteredAt)],
    ['Settled', d.resolvedAt ? `${formatTime(d.resolvedAt)} by ${d.resolvedBy ?? '?'}` : '–'],
    ['Discard reason', d.resolutionNote ?? '–'],
    ['Content type', d.contentType ?? '–'],
  ];
  return rows.flatMap(([label, value, testid]) => [
    h('dt', {}, label),
    h('dd', { 'data-testid': testid }, value),
  ]);
}

function showResult(target: HTMLElement, action: string, r: ActionResult): void {
  replace(target, section(`Last ${action}`, h('pre', {}, compactJson(r))));
}
