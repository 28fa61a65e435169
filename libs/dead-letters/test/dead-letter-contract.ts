import { signToken } from '@app/auth';
import { http, type DeadLetterApi, type ListedDeadLetter } from '@app/testing';

/**
 * What both kinds of dead letter must answer alike: the same fields, the same paging, the same
 * refusals and the same action result. The consumer and the outbox specs both call these.
 */
type Kind = ListedDeadLetter['kind'];
type Page = { items: ListedDeadLetter[]; nextCursor: string | null };

const SUMMARY_KEYS = [
  'id',
  'kind',
  'status',
  'destination',
  'messageId',
  'eventType',
  'subject',
  'reason',
  'attempts',
  'deadLetteredAt',
  'resolvedAt',
  'resolvedBy',
  'resolutionNote',
].sort();

const VIEW_KEYS = [
  ...SUMMARY_KEYS,
  'contentType',
  'headers',
  'body',
  'bodyBase64',
  'payload',
  'attemptLog',
].sort();

const isoTime = (value: unknown): boolean =>
  typeof value === 'string' && new Date(value).toISOString() === value;

/** A listed dead letter: exactly the shared fields, a string id, ISO times. */
export function expectSummary(item: ListedDeadLetter, kind: Kind): void {
  expect(Object.keys(item).sort()).toEqual(SUMMARY_KEYS);
  expect(item.id).toMatch(/^[1-9]\d*$/);
  expect(item.kind).toBe(kind);
  expect(typeof item.destination).toBe('string');
  expect(typeof item.reason).toBe('string');
  expect(Number.isInteger(item.attempts)).toBe(true);
  expect(isoTime(item.deadLetteredAt)).toBe(true);
  if (item.status === 'parked') {
    expect(item).toMatchObject({ resolvedAt: null, resolvedBy: null, resolutionNote: null });
  } else {
    expect(isoTime(item.resolvedAt)).toBe(true);
  }
}

/** An inspected dead letter: the listed fields plus headers, body, payload and attempt log. */
export function expectView(view: Record<string, unknown>, kind: Kind): void {
  expect(Object.keys(view).sort()).toEqual(VIEW_KEYS);
  expectSummary(
    Object.fromEntries(SUMMARY_KEYS.map((k) => [k, view[k]])) as unknown as ListedDeadLetter,
    kind,
  );
  expect(Buffer.from(view.bodyBase64 as string, 'base64').toString('utf8')).toBe(view.body);
  expect(typeof view.headers).toBe('object');
  const log = view.attemptLog as { at: string; error: string }[];
  expect(log.length).toBeGreaterThan(0);
  for (const entry of log) {
    expect(Object.keys(entry).sort()).toEqual(['at', 'error']);
    expect(isoTime(entry.at)).toBe(true);
  }
}

/** The result of a requeue or discard. */
export function expectResult(
  body: unknown,
  expected: { ids: string[]; skipped?: string[]; failures?: { id: string; error: string }[] },
): void {
  expect(body).toEqual({
    count: expected.ids.length,
    ids: expected.ids,
    skipped: expected.skipped ?? [],
    failures: expected.failures ?? [],
  });
}

/** Newest first; pages of one, chained by `before`, add up to the whole listing. */
export async function expectPaging(api: DeadLetterApi, query: Record<string, string>) {
  const whole = await api.list({ ...query, limit: 500 });
  expect(whole.status).toBe(200);
  const { items, nextCursor } = whole.body as Page;
  expect(items.length).toBeGreaterThan(1);
  expect(nextCursor).toBeNull();
  const times = items.map((i) => i.deadLetteredAt);
  expect([...times].sort().reverse()).toEqual(times);
  const paged: ListedDeadLetter[] = [];
  let before: string | null = null;
  do {
    const res = await api.list(before ? { ...query, limit: 1, before } : { ...query, limit: 1 });
    const page = res.body as Page;
    expect(page.items.length).toBeLessThanOrEqual(1);
    paged.push(...page.items);
    before = page.nextCursor;
  } while (before);
  expect(paged).toEqual(items);
}

/** 401 without a token and 403 without the admin role, on every route. */
export async function expectAdminOnly(api: DeadLetterApi, id: string): Promise<void> {
  expect((await api.list({}, { admin: false })).status).toBe(401);
  expect((await http('POST', `${api.base}/requeue`, { body: { all: true } })).status).toBe(401);
  const customer = { authorization: `Bearer ${signToken({ sub: 'c', roles: ['customer'] })}` };
  expect((await http('GET', `${api.base}/${id}`, { headers: customer })).status).toBe(403);
  const discard = await http('POST', `${api.base}/discard`, {
    headers: customer,
    body: { ids: [id], reason: 'no' },
  });
  expect(discard.status).toBe(403);
}

const BAD_SELECTIONS: unknown[] = [
  {},
  // Null is no selector: it must never fall through to "all".
  { ids: null },
  { filter: null },
  { all: null },
  { ids: ['1'], all: true },
  { all: false },
  { filter: {} },
  { filter: { queue: 'x' } },
  { ids: [] },
  { ids: [1] },
  { ids: ['x1'] },
  { ids: ['01'] },
  { all: true, force: true },
  // PostgreSQL text holds no NUL character: refused as input, never a 500 from the database.
  { filter: { subject: 'a\u0000b' } },
];

const BAD_QUERIES = [
  'limit=0',
  'limit=501',
  'before=nonsense',
  'status=gone',
  'queue=x',
  'aggregateId=x',
  'subject=%00',
  'destination=a%00b',
  // A cursor of the right form for a time PostgreSQL has no year for.
  `before=${Buffer.from('0000-01-01T00:00:00.000000Z|1').toString('base64url')}`,
];

/** The same bad input answers 400 on both kinds, and changes nothing. */
export async function expectBadInputRefused(api: DeadLetterApi): Promise<void> {
  const none = await api.requeue({});
  const refusal = none.body as { statusCode: number; error: string; message: unknown };
  expect(refusal).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  expect(String(refusal.message)).toMatch(/exactly one of "ids", "filter" or "all"/);
  for (const body of BAD_SELECTIONS) {
    const requeue = await api.requeue(body);
    const discard = await api.discard({ ...(body as object), reason: 'r' });
    expect({ body, requeue: requeue.status, discard: discard.status }).toEqual({
      body,
      requeue: 400,
      discard: 400,
    });
  }
  expect((await api.discard({ ids: ['1'] })).status).toBe(400);
  expect((await api.discard({ ids: ['1'], reason: '' })).status).toBe(400);
  expect((await api.discard({ ids: ['1'], reason: 'a\u0000b' })).status).toBe(400);
  for (const query of BAD_QUERIES) {
    const res = await http('GET', `${api.base}?${query}`, { admin: true });
    expect({ query, status: res.status }).toEqual({ query, status: 400 });
  }
  expect((await api.inspect('abc')).status).toBe(400);
  const unknown = await api.inspect('999999999');
  expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
}
