import { Module } from '@nestjs/common';
import { InboxTransport } from './inbox-transport';
import { ConfigurableInboxTransportModule } from './inbox-transport.options';

/**
 * Provides the app's `InboxTransport` (global: handlers in any module reach it). Bootstrap
 * connects it with `connectInboxTransport` before the HTTP server listens.
 */
@Module({
  providers: [InboxTransport],
  exports: [InboxTransport],
})
export class InboxTransportModule extends ConfigurableInboxTransportModule {}
