import { IsUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Outbox } from '@app/outbox';
import { http, ServiceSystem, waitFor } from '@app/testing';

/** A type only this test writes into the catalog's outbox (the relay publishes any row). */
class CatalogChecked {
  @IsUUID() id!: string;
}

/**
 * The catalog's queue was declared with another delivery limit (3, against the catalog's 10),
 * as after a changed `CATALOG_CONSUMER_DELIVERY_LIMIT`. The broker refuses the consumer's
 * declaration; the rest of the app does not notice: the broker connection stays up, the
 * dead-letter parker parks, the relay publishes, and `/admin/health` names the failing consumer.
 */
describe('a consumer whose queue declaration is refused', () => {
  let system: ServiceSystem;
  let dataSource: DataSource;

  beforeAll(async () => {
    system = await ServiceSystem.start(['catalog']);
    await system.app('catalog').kill();
    await system.amqp.deleteQueue('catalog.product');
    await system.amqp.declareQueue('catalog.product', {
      'x-queue-type': 'quorum',
      'x-delivery-limit': 3,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': 'catalog.product.dlq',
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    });
    // Its consumer never consumes: do not wait for it.
    await system.startApp('catalog', {}, { wired: false });
    dataSource = new DataSource({
      type: 'postgres',
      url: system.environment.databaseUrl('catalog'),
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await system?.stop();
  });

  async function health(): Promise<any> {
    return (await http('GET', `${system.url('catalog')}/admin/health`, { admin: true })).body;
  }

  it('keeps the connection, the parker and the relay going, and reports the consumer', async () => {
    const failing = await waitFor(
      async () => {
        const [consumer] = (await health()).consumers;
        return consumer?.lastError ? consumer : false;
      },
      { what: 'the consumer reported failing' },
    );
    expect(failing).toMatchObject({ queue: 'catalog.product', consuming: false });
    expect(failing.lastError).toContain('PRECONDITION_FAILED');

    // Another consumer on the same connection: the parker takes a letter from the DLQ.
    const letter = randomUUID();
    await system.amqp.publish('', 'catalog.product.dlq', Buffer.from('not json'), {
      messageId: letter,
    });
    await waitFor(
      async () => {
        const res = await http('GET', `${system.url('catalog')}/admin/dead-letters`, {
          admin: true,
        });
        return res.body.items.some((d: { messageId: string }) => d.messageId === letter);
      },
      { what: 'the letter parked' },
    );

    // The relay publishes a row written now.
    const tap = await system.amqp.tap('catalog.events');
    const outbox = new Outbox(
      {
        producer: 'catalog',
        publishes: [{ type: 'catalog.checked', data: CatalogChecked }],
        crossProcessWakeUp: 'notify',
      },
      dataSource,
    );
    const event = await dataSource.transaction(async (manager) =>
      outbox.add(manager, {
        type: 'catalog.checked',
        aggregateType: 'check',
        aggregateId: randomUUID(),
        aggregateVersion: 1,
        data: {},
      }),
    );
    await waitFor(() => tap.messages.some((m) => m.properties.messageId === event.id), {
      what: 'the relay publishing',
    });

    const after = await health();
    expect(after.broker).toEqual({ up: true, lastError: null });
    expect(after.relay).toMatchObject({ running: true, lastError: null });
    expect(after.consumers[0]).toMatchObject({ consuming: false });
  });
});
