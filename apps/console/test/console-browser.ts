import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { waitFor } from '@app/testing';

/** Debian's `chromium` (`.ci/run` installs it); CHROMIUM_PATH points elsewhere. */
const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Where each screen's picture goes: test-results/console/<screen>.png at the repository root. */
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-results', 'console');

/** A zone and locale far from the machine's, so times shown in the browser's zone are told apart. */
export const BROWSER_ZONE = 'Pacific/Auckland';
export const BROWSER_LOCALE = 'en-GB';

/** The console in headless Chromium with a fresh profile, driven as an admin would. */
export class ConsoleBrowser {
  readonly pageErrors: string[] = [];

  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
    private readonly profile: string,
  ) {
    page.on('pageerror', (err) => this.pageErrors.push(err.message));
  }

  static async open(url: string): Promise<ConsoleBrowser> {
    const profile = await mkdtemp(join(tmpdir(), 'console-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: EXECUTABLE,
      headless: true,
      args: ARGS,
      timezoneId: BROWSER_ZONE,
      locale: BROWSER_LOCALE,
      viewport: { width: 1400, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const browser = new ConsoleBrowser(context, page, profile);
    await page.goto(url);
    return browser;
  }

  /** Waits until the screen's view has loaded (its `data-state` is `ready`). */
  async ready(screen: string): Promise<void> {
    await this.page
      .locator(`.view[data-screen="${screen}"][data-state="ready"]`)
      .waitFor({ timeout: 15_000 });
  }

  /** Opens a screen by its tab. */
  async show(screen: string): Promise<void> {
    await this.page.getByTestId(`tab-${screen}`).click();
    await this.ready(screen);
  }

  /** Refresh, and wait for the screen to have loaded again. */
  async refresh(screen: string): Promise<void> {
    await this.page.getByTestId('refresh').click();
    await this.ready(screen);
  }

  /** Refreshes the screen until `locator` is there. */
  async refreshUntil(screen: string, locator: Locator, what: string): Promise<void> {
    await waitFor(
      async () => {
        await this.refresh(screen);
        return (await locator.count()) > 0;
      },
      { what, timeoutMs: 30_000, intervalMs: 250 },
    );
  }

  text(testId: string): Promise<string> {
    return this.page.getByTestId(testId).innerText();
  }

  /** The rows of a table (by its test id), each as its cells' text by column key. */
  async rows(table: string): Promise<Record<string, string>[]> {
    const rows = this.page.locator(`[data-testid="${table}"] tbody tr[data-key]`);
    const result: Record<string, string>[] = [];
    for (const row of await rows.all()) {
      const cells = await row.locator('td[data-col]').all();
      const entries = await Promise.all(
        cells.map(async (c) => [await c.getAttribute('data-col'), await c.innerText()] as const),
      );
      result.push(Object.fromEntries(entries.map(([k, v]) => [k ?? '', v])));
    }
    return result;
  }

  async screenshot(screen: string): Promise<void> {
    await mkdir(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${screen}.png`), fullPage: true });
  }

  async close(): Promise<void> {
    await this.context.close();
    await rm(this.profile, { recursive: true, force: true });
  }
}
