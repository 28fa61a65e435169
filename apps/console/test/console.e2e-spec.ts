import { randomUUID } from 'node:crypto';
import { DEFAULT_OUTBOX_TABLE } from '@app/outbox';
import { laneLockNamespace } from '@app/relay';
import {
  adminToken,
  http,
  metricValue,
  ServiceSystem,
  waitFor,
  type DatabaseProbe,
} from '@app/testing';
import { auditTimesShown, sorted } from './audit-order';
import { BROWSER_LOCALE, BROWSER_ZONE, ConsoleBrowser } from './console-browser';

/**
 * The operations console in headless Chromium, in front of a real product service and catalog
 * on a real broker: a poison message shows up, is inspected, requeued after the fix and applied;
 * the backlog shown is the one `/metrics` reports; every screen is photographed.
 */
describe('operations console in a browser', () => {
  let system: ServiceSystem;
  let browser: ConsoleBrowser;
  let product: string;
  let catalogDb: DatabaseProbe;

  beforeAll(async () => {
    system = await ServiceSystem.start(['product', 'catalog'], {
      env: {
        product: { PRODUCT_PURGE_MIRRORS: 'catalog' },
        catalog: {
          CATALOG_CONSUMER_MAX_RETRIES: '2',
          CATALOG_CONSUMER_RETRY_BASE_DELAY_MS: '50',
          CATALOG_MIRROR_RECONCILE_INTERVAL_MS: '0',
        },
      },
    });
    await system.startConsole();
    product = system.url('product');
    catalogDb = await system.db('catalog');
    browser = await ConsoleBrowser.open(system.url('console'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  afterEach(() => {
    expect(browser.pageErrors).toEqual([]);
  });

  async function createProduct(name: string): Promise<string> {
    const sku = `CONSOLE-${Math.random().toString(36).slice(2, 10)}`;
    const res = await http('POST', `${product}/products`, {
      admin: true,
      body: { sku, name, priceCents: 100, currency: 'EUR' },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  function mirrored(id: string): Promise<{ name: string }[]> {
    return catalogDb.query<{ name: string }>('SELECT name FROM product_mirror WHERE id = $1', [id]);
  }

  it('refuses a token the services refuse, then signs in, naming the browser’s zone', async () => {
    const page = browser.page;
    await browser.ready('sign-in');
    expect(await browser.text('time-zone')).toBe(`Times in ${BROWSER_ZONE}`);
    await browser.screenshot('sign-in');
    await page.getByTestId('token-input').fill('not-a-token');
    await page.getByTestId('sign-in').click();
    await page.getByTestId('auth-problem').waitFor();
    expect(await browser.text('auth-problem')).toContain('product answered 401');
    await browser.screenshot('sign-in-refused');
    await page.getByTestId('token-input').fill(adminToken());
    await page.getByTestId('sign-in').click();
    await browser.ready('services');
    expect(await page.getByTestId('sign-out').isVisible()).toBe(true);
  });

  it('shows a poison message, its reason, and requeues it once it is fixed', async () => {
    const page = browser.page;
    // The cause: the catalog's mirror refuses the name, so every attempt fails.
    await catalogDb.query(
      `ALTER TABLE product_mirror ADD CONSTRAINT "no_refused_names" CHECK (name <> 'Refused')`,
    );
    const id = await createProduct('Refused');
    await browser.show('dead-letters');
    const row = page.locator(`[data-testid="dead-letters"] tbody tr:has-text("${id}")`);
    await browser.refreshUntil('dead-letters', row, 'the poison message in the console');
    const [listed] = (await browser.rows('dead-letters')).filter((r) => r.subject === id);
    expect(listed).toMatchObject({ service: 'catalog', kind: 'consumer', status: 'parked' });
    const api = await http('GET', `${system.url('catalog')}/admin/dead-letters?subject=${id}`, {
      admin: true,
    });
    const letter = api.body.items[0];
    expect(listed.at).toBe(
      new Date(letter.deadLetteredAt).toLocaleString(BROWSER_LOCALE, { timeZone: BROWSER_ZONE }),
    );
    await page.getByTestId('dead-letters-filter').fill(id);
    expect(await browser.rows('dead-letters')).toHaveLength(1);
    await browser.screenshot('dead-letters');

    await row.click();
    await browser.ready('dead-letter');
    expect(await browser.text('inspect-reason')).toContain('no_refused_names');
    expect(await browser.text('inspect-reason')).toContain('gave up after 2 retries');
    expect(await browser.text('inspect-payload')).toContain('"name": "Refused"');
    await browser.screenshot('dead-letter-inspect');

    // The fix, then the requeue from the list.
    await catalogDb.query('ALTER TABLE product_mirror DROP CONSTRAINT "no_refused_names"');
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await browser.ready('dead-letters');
    await row.getByTestId('select-row').check();
    await page.getByTestId('dl-requeue').click();
    await page.getByTestId('dl-result-count-catalog-consumer').waitFor();
    expect(await browser.text('dl-result-count-catalog-consumer')).toBe('1');
    await row.waitFor({ state: 'detached' });
    await browser.screenshot('dead-letters-requeued');
    await waitFor(async () => (await mirrored(id)).length === 1, { what: 'the requeued product' });
    expect(await mirrored(id)).toEqual([{ name: 'Refused' }]);
  });

  it('discards a message that can never apply, with a reason', async () => {
    const page = browser.page;
    const poison = { id: randomUUID(), type: 'product.updated' };
    await system.amqp.publishEvent('product.events', poison, Buffer.from('{not json'));
    await browser.show('dead-letters');
    const row = page.locator(`[data-testid="dead-letters"] tbody tr:has-text("${poison.id}")`);
    await browser.refreshUntil('dead-letters', row, 'the unreadable message in the console');
    // Both services serve both kinds: no listing was missing.
    expect(await page.getByTestId('dl-absent').count()).toBe(0);
    await row.click();
    await browser.ready('dead-letter');
    expect(await browser.text('inspect-reason')).toContain('body is not JSON');
    await page.getByTestId('inspect-discard').click();
    await page.getByTestId('errors').getByText('A discard needs a reason.').waitFor();
    await page.getByTestId('inspect-discard-reason').fill('unreadable, published by hand');
    await page.getByTestId('inspect-discard').click();
    await page.getByTestId('inspect-status').getByText('discarded').waitFor();
    expect(await browser.text('inspect-result')).toContain('"count":1');
    await browser.screenshot('dead-letter-discarded');
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await browser.ready('dead-letters');
    expect(await row.count()).toBe(0);
    await page.getByTestId('dl-status').selectOption('discarded');
    await row.waitFor();
    expect(
      (await browser.rows('dead-letters')).find((r) => r.messageId === poison.id),
    ).toMatchObject({ service: 'catalog', status: 'discarded' });
  });

  it('shows the outbox backlog /metrics reports, and purges waiting for receipts', async () => {
    const page = browser.page;
    const purged = await createProduct('Purged while the relay is held');
    const decommission = await http('POST', `${product}/admin/products/${purged}/decommission`, {
      admin: true,
      body: { reason: 'to be purged' },
    });
    expect(decommission.status).toBe(200);
    await waitFor(
      async () =>
        (
          await catalogDb.query('SELECT 1 FROM product_mirror WHERE id = $1 AND status = $2', [
            purged,
            'decommissioned',
          ])
        ).length === 1,
      { what: 'the decommission mirrored' },
    );
    // Another relay holding every lane: rows wait, the relay still reads the backlog.
    const productDb = await system.db('product');
    const lanes = laneLockNamespace(DEFAULT_OUTBOX_TABLE);
    await productDb.query('SELECT pg_advisory_lock($1, lane) FROM generate_series(0, 31) lane', [
      lanes,
    ]);
    const waiting: string[] = [];
    try {
      waiting.push(await createProduct('Waiting 1'), await createProduct('Waiting 2'));
      const purge = await http('POST', `${product}/admin/products/${purged}/purge`, {
        admin: true,
        body: { reason: 'shown in the console' },
      });
      expect(purge.status).toBe(204);
      const pending = () => metricValue(product, 'safe_deletion_outbox_pending');
      await waitFor(async () => (await pending()) === 3, { what: 'a backlog of 3' });
      await browser.show('services');
      expect(await browser.text('outbox-pending-product')).toBe(String(await pending()));
      expect(await browser.text('outbox-pending-product')).toBe('3');
      expect(await browser.text('outbox-oldest-age-product')).toMatch(/^\d+ (s|min)/);
      expect(await browser.text('ready-catalog')).toBe('ok');
      await browser.screenshot('services');

      await browser.show('purges');
      await page.locator(`[data-testid="purges"] tr.incomplete:has-text("${purged}")`).waitFor();
      expect(await browser.text(`purge-missing-${purged}`)).toBe('catalog');
      await browser.screenshot('purges');
    } finally {
      await productDb.query('SELECT pg_advisory_unlock_all()');
    }
    const done = page.locator(`[data-testid="purges"] tr:not(.incomplete):has-text("${purged}")`);
    await browser.refreshUntil('purges', done, 'the purge to be complete');
    expect(await browser.text(`purge-complete-${purged}`)).toBe('yes');
    for (const id of waiting) {
      await waitFor(async () => (await mirrored(id)).length === 1, { what: `${id} mirrored` });
    }
  });

  it('reconciles a mirror on demand and lists the run from the audit log', async () => {
    await browser.show('mirrors');
    await browser.page.getByTestId('reconcile-catalog').click();
    await browser.page.locator('[data-testid="reconcile-runs"] tbody tr[data-key]').waitFor();
    expect(await browser.text('reconcile-result')).toContain('"missing":0');
    const [run] = await browser.rows('reconcile-runs');
    expect(run).toMatchObject({ service: 'catalog', actor: 'test-admin', missing: '0' });
    await browser.screenshot('mirrors');
  });

  it('merges every service’s audit log, filtered and sortable', async () => {
    const page = browser.page;
    await browser.show('audit');
    const all = await browser.rows('audit');
    expect([...new Set(all.map((r) => r.service))].sort()).toEqual(['catalog', 'product']);
    await page.getByTestId('audit-action').fill('dead-letter.requeued');
    await page.getByTestId('audit-apply').click();
    await waitFor(async () => (await browser.rows('audit')).length === 1, { what: 'one row' });
    expect((await browser.rows('audit'))[0]).toMatchObject({
      service: 'catalog',
      actor: 'test-admin',
      action: 'dead-letter.requeued',
      entityType: 'dead_letter',
    });
    await page.getByTestId('audit-action').fill('');
    await page.getByTestId('audit-apply').click();
    await waitFor(async () => (await browser.rows('audit')).length === all.length, {
      what: 'every row again',
    });
    // Newest first at first; a click on the header sorts by time ascending, a second descending.
    const header = page.locator('[data-testid="audit"] th[data-col="at"] button');
    const expectOrder = async (direction: 'asc' | 'desc'): Promise<void> => {
      const times = await auditTimesShown(page, { product, catalog: system.url('catalog') });
      expect(times.filter(Number.isNaN)).toEqual([]);
      expect(times).toEqual(sorted(times, direction));
    };
    await expectOrder('desc');
    await header.click();
    await expectOrder('asc');
    await browser.screenshot('audit');
    await header.click();
    await expectOrder('desc');
  });
});
