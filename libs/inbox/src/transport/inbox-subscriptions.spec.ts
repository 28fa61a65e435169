import { Controller, Get, Global, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload, Transport } from '@nestjs/microservices';
import { getDataSourceToken } from '@nestjs/typeorm';
import { IsInt, IsString } from 'class-validator';
import { AmqpConnection } from '@app/amqp';
import { InboxContext } from './inbox-context';
import { InboxEvent } from './inbox-event.decorator';
import { inboxSubscriptions } from './inbox-subscriptions';
import { InboxTransportModule } from './inbox-transport.module';

class ThingChanged {
  @IsString() id!: string;
  @IsInt() version!: number;
}

class ThingNoted {
  @IsString() id!: string;
}

@Controller()
class ThingsHandler {
  @InboxEvent(['thing.created', 'thing.changed'], { producer: 'thing' })
  changed(@Payload('id') _id: string, @Payload() _thing: ThingChanged, @Ctx() _ctx: InboxContext) {}

  @InboxEvent('thing.noted', { producerGroup: 'senders' })
  noted(@Payload() _note: ThingNoted) {}

  /** Another transport's handler: not the inbox's business. */
  @EventPattern('thing.elsewhere', Transport.TCP)
  elsewhere(@Payload() _thing: ThingChanged) {}

  /** An HTTP route in the same controller. */
  @Get('things')
  list(): string[] {
    return [];
  }
}

@Controller()
class UntypedHandler {
  @InboxEvent('thing.untyped', { producer: 'thing' })
  untyped(@Payload() _data: Record<string, unknown>) {}
}

@Controller()
class SecondChangedHandler {
  @InboxEvent('thing.changed', { producer: 'thing' })
  changed(@Payload() _thing: ThingChanged) {}
}

/** What `InboxTransport` needs to be declared; preview mode never instantiates it. */
@Global()
@Module({
  providers: [
    { provide: AmqpConnection, useValue: {} },
    { provide: getDataSourceToken(), useValue: {} },
  ],
  exports: [AmqpConnection, getDataSourceToken()],
})
class InfrastructureStubs {}

async function subscriptionsOf(controllers: Type[], withTransport = true) {
  @Module({
    imports: [
      InfrastructureStubs,
      ...(withTransport
        ? [
            InboxTransportModule.forRoot({
              consumer: 'tt',
              producerGroups: { senders: ['alpha', 'beta'] },
            }),
          ]
        : []),
    ],
    controllers,
  })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return inboxSubscriptions(app);
  } finally {
    await app.close();
  }
}

describe('inboxSubscriptions', () => {
  it("reads each producer's queue, types and contract classes from the handlers", async () => {
    const subscriptions = await subscriptionsOf([ThingsHandler]);
    expect(subscriptions).toEqual([
      {
        producer: 'thing',
        queue: 'tt.thing',
        events: [
          { type: 'thing.created', data: ThingChanged },
          { type: 'thing.changed', data: ThingChanged },
        ],
      },
      { producer: 'alpha', queue: 'tt.alpha', events: [{ type: 'thing.noted', data: ThingNoted }] },
      { producer: 'beta', queue: 'tt.beta', events: [{ type: 'thing.noted', data: ThingNoted }] },
    ]);
  });

  it('refuses a handler whose data has no contract class', async () => {
    await expect(subscriptionsOf([UntypedHandler])).rejects.toThrow(
      'UntypedHandler.untyped: an inbox handler takes the event',
    );
  });

  it('refuses two handlers of one type from one producer, as the transport does', async () => {
    await expect(subscriptionsOf([ThingsHandler, SecondChangedHandler])).rejects.toThrow(
      'SecondChangedHandler.changed: two handlers of thing.changed',
    );
  });

  it('finds nothing in an app without the inbox transport', async () => {
    expect(await subscriptionsOf([ThingsHandler], false)).toEqual([]);
  });
});
