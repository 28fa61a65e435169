import { PurgeReceiptEventType } from '@app/event-contracts';
import type { EventHandler } from '@app/inbox';
import { purgeReceiptOf, type PurgeLedger } from '@app/mirror-sync';
import { PRODUCT_AGGREGATE } from './purges.constants';

/** The one event a mirror's queue is bound to: its receipt, recorded in the purge ledger. */
export function purgeReceiptHandlers(
  ledger: PurgeLedger,
  mirror: string,
): Record<PurgeReceiptEventType, EventHandler> {
  return {
    [PurgeReceiptEventType.Issued]: async (manager, event) =>
      void (await ledger.record(
        manager,
        purgeReceiptOf(event, { aggregateType: PRODUCT_AGGREGATE, mirror }),
      )),
  };
}
