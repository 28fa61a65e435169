import * as amqp from 'amqplib';
import type { Channel, ChannelModel, GetMessage, Message, Options } from 'amqplib';
import { randomUUID } from 'node:crypto';

/**
 * A plain AMQP client for tests: an outside observer that taps exchanges with its own
 * queues, publishes raw messages and reads dead-letter queues.
 */
export class AmqpProbe {
  private constructor(
    private readonly model: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async connect(url: string): Promise<AmqpProbe> {
    const model = await amqp.connect(url);
    model.on('error', () => undefined);
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    return new AmqpProbe(model, channel);
  }

  /** Binds a fresh exclusive queue to `exchange` and records everything routed to it. */
  async tap(exchange: string, pattern = '#'): Promise<Tap> {
    await this.channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await this.channel.assertQueue(`probe.${randomUUID()}`, {
      exclusive: true,
      autoDelete: true,
    });
    await this.channel.bindQueue(queue, exchange, pattern);
    const tap = new Tap();
    await this.channel.consume(queue, (msg) => msg && tap.messages.push(msg), { noAck: true });
    return tap;
  }

  async publish(
    exchange: string,
    routingKey: string,
    body: Buffer | object,
    options: Options.Publish = {},
  ): Promise<void> {
    const content = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const confirm = await this.model.createConfirmChannel();
    confirm.publish(exchange, routingKey, content, { persistent: true, ...options });
    await confirm.waitForConfirms();
    await confirm.close();
  }

  /**
   * Publishes a CloudEvent as a producer's relay does: routing key and AMQP `type` are the event
   * type, `messageId` its id; `body` replaces the serialised event (a malformed message, say).
   */
  async publishEvent(
    exchange: string,
    event: { id: string; type: string },
    body?: Buffer,
  ): Promise<void> {
    await this.publish(exchange, event.type, body ?? event, {
      messageId: event.id,
      type: event.type,
      contentType: 'application/cloudevents+json',
    });
  }

  /** Publishes every message on one confirm channel and waits for all the confirms. */
  async publishAll(
    exchange: string,
    messages: { routingKey: string; body: object; options?: Options.Publish }[],
  ): Promise<void> {
    const confirm = await this.model.createConfirmChannel();
    for (const m of messages) {
      const content = Buffer.from(JSON.stringify(m.body));
      confirm.publish(exchange, m.routingKey, content, { persistent: true, ...m.options });
    }
    await confirm.waitForConfirms();
    await confirm.close();
  }

  /** Takes (and acks) every message currently in `queue`. */
  async drain(queue: string): Promise<GetMessage[]> {
    const taken: GetMessage[] = [];
    for (;;) {
      const msg = await this.channel.get(queue, { noAck: true });
      if (!msg) return taken;
      taken.push(msg);
    }
  }

  async messageCount(queue: string): Promise<number> {
    return (await this.checkQueue(queue)).messageCount;
  }

  async consumerCount(queue: string): Promise<number> {
    return (await this.checkQueue(queue)).consumerCount;
  }

  /** On a channel of its own: checking a missing queue closes the channel it is asked on. */
  private async checkQueue(
    queue: string,
  ): Promise<{ messageCount: number; consumerCount: number }> {
    const channel = await this.model.createChannel();
    channel.on('error', () => undefined);
    try {
      return await channel.checkQueue(queue);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Declares a durable queue with `args`, on a channel of its own (a refusal closes only it). */
  async declareQueue(queue: string, args: Record<string, unknown>): Promise<void> {
    const channel = await this.model.createChannel();
    channel.on('error', () => undefined);
    try {
      await channel.assertQueue(queue, { durable: true, arguments: args });
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async deleteQueue(queue: string): Promise<void> {
    await this.channel.deleteQueue(queue);
  }

  async close(): Promise<void> {
    await this.model.close().catch(() => undefined);
  }
}

export class Tap {
  readonly messages: Message[] = [];

  bodies<T = Record<string, unknown>>(): T[] {
    return this.messages.map((m) => JSON.parse(m.content.toString()) as T);
  }

  ofType(type: string): Message[] {
    return this.messages.filter((m) => m.properties.type === type);
  }
}
