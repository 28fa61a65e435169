import type { Page } from 'playwright-core';
import { http } from '@app/testing';

/**
 * The instants of the console's audit rows in the order shown, read from the services' own
 * answers (the page shows them in the browser's zone and locale, not to be parsed back).
 */
export async function auditTimesShown(
  page: Page,
  services: Record<string, string>,
): Promise<number[]> {
  const at = new Map<string, number>();
  for (const [service, url] of Object.entries(services)) {
    const res = await http<{ items: { id: string; at: string }[] }>(
      'GET',
      `${url}/admin/audit?limit=500`,
      { admin: true },
    );
    for (const item of res.body.items) at.set(`${service}/${item.id}`, Date.parse(item.at));
  }
  const rows = await page.locator('[data-testid="audit"] tbody tr[data-key]').all();
  const keys = await Promise.all(rows.map((r) => r.getAttribute('data-key')));
  return keys.map((key) => at.get(key ?? '') ?? NaN);
}

export function sorted(times: number[], direction: 'asc' | 'desc'): number[] {
  return [...times].sort((a, b) => (direction === 'asc' ? a - b : b - a));
}
