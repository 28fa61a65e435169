import {
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { RetentionSweep } from '@app/retention';
import { deadLetterRetention } from '../dead-letter-retention';
import {
  ConfigurableOutboxDeadLettersModule,
  OUTBOX_DEAD_LETTERS_OPTIONS,
  type OutboxDeadLettersOptions,
} from './outbox-dead-letters.options';
import { OutboxDeadLettersController } from './outbox-dead-letters.controller';
import { OutboxDeadLettersService } from './outbox-dead-letters.service';

const OUTBOX_RETENTION = Symbol('OUTBOX_DEAD_LETTER_RETENTION');

/**
 * Admin-only dead-letter tooling for a service's outbox, under `/admin/outbox/dead-letters`,
 * and the retention of discarded rows. Needs the service's TypeORM DataSource and its
 * `audit_log` table. Import with `OutboxDeadLettersModule.forRoot({ table?, retentionMs? })`.
 */
@Module({
  controllers: [OutboxDeadLettersController],
  providers: [
    OutboxDeadLettersService,
    {
      provide: OUTBOX_RETENTION,
      inject: [OUTBOX_DEAD_LETTERS_OPTIONS, OutboxDeadLettersService],
      useFactory: (options: OutboxDeadLettersOptions, service: OutboxDeadLettersService) =>
        deadLetterRetention('outbox dead letters', options, (ms, chunk) =>
          service.deleteDiscarded(ms, chunk),
        ),
    },
  ],
  exports: [OutboxDeadLettersService],
})
export class OutboxDeadLettersModule
  extends ConfigurableOutboxDeadLettersModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  constructor(@Inject(OUTBOX_RETENTION) private readonly retention: RetentionSweep) {
    super();
  }

  onApplicationBootstrap(): void {
    this.retention.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.retention.stop();
  }
}
