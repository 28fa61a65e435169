import { Module } from '@nestjs/common';
import { ConfigurableOutboxModule } from './outbox.options';
import { Outbox } from './outbox.service';

/** Provides `Outbox` for a service; import with `OutboxModule.forRoot({ producer, publishes })`. */
@Module({ providers: [Outbox], exports: [Outbox] })
export class OutboxModule extends ConfigurableOutboxModule {}
