import { AmqpConnection, declareConsumerQueues, servicePermissions } from '@app/amqp';
import {
  AmqpProbe,
  createUser,
  deleteUser,
  rabbitmqctl,
  TestEnvironment,
  waitFor,
} from '@app/testing';

/**
 * A consumer's topology: its queues dead-letter through its own exchange (`<consumer>.queues`),
 * queues an earlier version declared with the default exchange keep working as they are, and a
 * producer's exchange is declared only when it is missing.
 */
describe('declareConsumerQueues', () => {
  let env: TestEnvironment;
  let amqp: AmqpProbe;
  let connection: AmqpConnection;

  beforeAll(async () => {
    env = await TestEnvironment.create([]);
    amqp = await AmqpProbe.connect(env.amqpUrl);
    connection = new AmqpConnection({ url: env.amqpUrl, connectionName: 'topology-test' });
    await connection.start();
    await connection.waitUntilConnected();
  });

  afterAll(async () => {
    await connection?.close();
    await amqp?.close();
    await env?.destroy();
  });

  /** The dead-letter exchange of each queue, from the broker's own listing. */
  async function deadLetterExchanges(): Promise<Record<string, string | null>> {
    const out = await rabbitmqctl('list_queues', '-p', env.vhost, 'name', 'arguments', '--quiet');
    return Object.fromEntries(
      out
        .split('\n')
        .filter((line) => line.includes('\t'))
        .map((line) => {
          const [name, args] = line.split('\t');
          // The empty name (the default exchange) is listed as `[]`.
          const dlx = /\{"x-dead-letter-exchange",(?:"([^"]*)"|\[\])\}/.exec(args);
          return [name, dlx ? (dlx[1] ?? '') : null];
        }),
    );
  }

  /** A message put into `retryQueue` with a 10 ms TTL comes back to `queue`. */
  async function retryComesBack(exchange: string, queue: string, retryQueue: string) {
    await amqp.publish(exchange, retryQueue, Buffer.from('back'), { expiration: '10' });
    await waitFor(async () => (await amqp.messageCount(queue)) === 1, { what: `back in ${queue}` });
    expect((await amqp.drain(queue)).map((m) => m.content.toString())).toEqual(['back']);
  }

  it('dead-letters through the consumer’s exchange, bound to each queue by its name', async () => {
    const names = await declareConsumerQueues(connection, { consumer: 'fresh', producer: 'thing' });
    expect(names).toEqual({
      queue: 'fresh.thing',
      retryQueue: 'fresh.thing.retry.quorum',
      deadLetterQueue: 'fresh.thing.dlq',
      exchange: 'fresh.queues',
    });
    expect(await deadLetterExchanges()).toMatchObject({
      'fresh.thing': 'fresh.queues',
      'fresh.thing.retry.quorum': 'fresh.queues',
      'fresh.thing.dlq': null,
    });
    await retryComesBack(names.exchange, names.queue, names.retryQueue);
    await amqp.publish(names.exchange, names.deadLetterQueue, Buffer.from('dead'));
    await waitFor(async () => (await amqp.messageCount(names.deadLetterQueue)) === 1, {
      what: 'the letter in the DLQ',
    });
  });

  it('keeps the queues of an earlier version, which dead-letter through the default exchange', async () => {
    const legacy = { 'x-queue-type': 'quorum', 'x-dead-letter-exchange': '' };
    await amqp.declareQueue('old.thing', {
      ...legacy,
      'x-delivery-limit': 10,
      'x-dead-letter-routing-key': 'old.thing.dlq',
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    });
    await amqp.declareQueue('old.thing.retry.quorum', {
      ...legacy,
      'x-dead-letter-routing-key': 'old.thing',
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    });
    const names = await declareConsumerQueues(connection, { consumer: 'old', producer: 'thing' });
    expect(await deadLetterExchanges()).toMatchObject({
      'old.thing': '',
      'old.thing.retry.quorum': '',
    });
    await retryComesBack(names.exchange, names.queue, names.retryQueue);
  });

  it('checks a producer’s exchange without declaring it, and says so when it is missing', async () => {
    const user = `${env.vhost}_late`;
    await createUser(user, 'late-password', env.vhost, servicePermissions('late', ['absent']));
    const url = new URL(env.amqpUrl);
    url.username = user;
    url.password = 'late-password';
    const restricted = new AmqpConnection({ url: url.toString(), connectionName: 'late' });
    try {
      await restricted.start();
      await restricted.waitUntilConnected();
      const topology = { consumer: 'late', producer: 'absent' };
      await expect(declareConsumerQueues(restricted, topology)).rejects.toThrow(
        /^exchange absent\.events is missing and could not be declared: .*ACCESS_REFUSED/,
      );
      // Once its producer has declared it, the check is enough.
      await declareConsumerQueues(connection, { consumer: 'producer-side', producer: 'absent' });
      await expect(declareConsumerQueues(restricted, topology)).resolves.toMatchObject({
        queue: 'late.absent',
      });
    } finally {
      await restricted.close();
      await deleteUser(user);
    }
  });
});
