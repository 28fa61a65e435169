import * as amqp from 'amqplib';
import type { ChannelModel, ConfirmChannel, Message } from 'amqplib';
import { CLOUD_EVENTS_CONTENT_TYPE } from '@app/outbox';
import { EXCHANGE } from '../support/payload';

export interface PublishProps {
  messageId: string;
  type: string;
  routingKey?: string;
  timestamp?: number;
  headers?: Record<string, unknown>;
}

/**
 * A confirm channel that publishes like the relay does (persistent, mandatory, CloudEvents
 * content type) and resolves each publish on the broker's ack; a nack or a return rejects it.
 */
export class ConfirmingPublisher {
  private readonly returned = new Map<string, (err: Error) => void>();

  private constructor(
    private readonly connection: ChannelModel,
    readonly channel: ConfirmChannel,
  ) {
    channel.on('return', (msg: Message) => {
      const id = String(msg.properties.messageId);
      this.returned.get(id)?.(new Error(`unroutable: ${msg.fields.routingKey}`));
    });
  }

  static async open(url: string, name: string): Promise<ConfirmingPublisher> {
    const connection = await amqp.connect(url, { clientProperties: { connection_name: name } });
    const channel = await connection.createConfirmChannel();
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    return new ConfirmingPublisher(connection, channel);
  }

  publish(body: Buffer, props: PublishProps): Promise<void> {
    return new Promise((resolve, reject) => {
      let failed: Error | undefined;
      this.returned.set(props.messageId, (err) => {
        failed = err;
      });
      this.channel.publish(
        EXCHANGE,
        props.routingKey ?? props.type,
        body,
        {
          persistent: true,
          mandatory: true,
          messageId: props.messageId,
          type: props.type,
          contentType: CLOUD_EVENTS_CONTENT_TYPE,
          timestamp: props.timestamp ?? Math.floor(Date.now() / 1000),
          headers: props.headers ?? {},
        },
        (err: Error | null) => {
          this.returned.delete(props.messageId);
          if (err) reject(err);
          else if (failed) reject(failed);
          else resolve();
        },
      );
    });
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
