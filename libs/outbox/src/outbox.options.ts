import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { EventContract } from '@app/event-contracts';

export interface OutboxModuleOptions {
  /** The producing service, e.g. `product`: events go to the `<producer>.events` exchange. */
  producer: string;
  /**
   * Every event type the service publishes, with the class its `data` satisfies: `add` refuses
   * any other type, and the service's AsyncAPI document states exactly these.
   */
  publishes: readonly EventContract[];
  /** CloudEvents `source`, e.g. `/services/product`. Defaults to `/services/<producer>`. */
  source?: string;
  /** Outbox table in this service's database. */
  table?: string;
  /**
   * How committed rows wake relays in other processes: a coalesced `NOTIFY` sent after commit,
   * outside the business transaction (`notify`); the same, but only while no relay runs in this
   * process (`auto`, the default); or nothing but polling (`none`). A relay in the same process
   * is always woken directly.
   */
  crossProcessWakeUp?: 'auto' | 'notify' | 'none';
  /** Shortest gap between two NOTIFYs (default 2 ms); the first after a quiet spell goes at once. */
  notifyIntervalMs?: number;
}

export const {
  ConfigurableModuleClass: ConfigurableOutboxModule,
  MODULE_OPTIONS_TOKEN: OUTBOX_OPTIONS,
} = new ConfigurableModuleBuilder<OutboxModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
