import { Module } from '@nestjs/common';
import { ConfigurableOutboxDeadLettersModule } from './outbox-dead-letters.options';
import { OutboxDeadLettersController } from './outbox-dead-letters.controller';
import { OutboxDeadLettersService } from './outbox-dead-letters.service';

/**
 * Admin-only dead-letter tooling for a service's outbox, under `/admin/outbox/dead-letters`.
 * Needs the service's TypeORM DataSource and its `audit_log` table.
 * Import with `OutboxDeadLettersModule.forRoot({ table? })`.
 */
@Module({
  controllers: [OutboxDeadLettersController],
  providers: [OutboxDeadLettersService],
  exports: [OutboxDeadLettersService],
})
export class OutboxDeadLettersModule extends ConfigurableOutboxDeadLettersModule {}
