import { Module } from '@nestjs/common';
import { CountersController } from './counters.controller';
import { CountersService } from './counters.service';
import { CartEventsHandler } from './handlers/cart-events.handler';

/** The counters, fed by cart events (`CartEventsHandler`), read over HTTP. */
@Module({
  controllers: [CountersController, CartEventsHandler],
  providers: [CountersService],
})
export class CountersModule {}
