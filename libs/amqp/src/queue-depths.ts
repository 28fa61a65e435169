import type { Channel } from 'amqplib';
import type { AmqpConnection } from './amqp-connection';

/**
 * Ready messages in each queue, read with passive declarations (`checkQueue`) on a channel of
 * its own that is closed afterwards. A queue that does not exist (the broker closes the channel
 * for it) is left out; so is whatever the broker has not answered within `timeoutMs`.
 */
export async function readQueueDepths(
  connection: AmqpConnection,
  queues: readonly string[],
  timeoutMs = 1_000,
): Promise<Map<string, number>> {
  const depths = new Map<string, number>();
  if (!connection.isConnected || queues.length === 0) return depths;
  let late = false;
  const work = (async () => {
    let channel: Channel | undefined;
    try {
      for (const queue of queues) {
        if (late) break;
        channel ??= await openChannel(connection);
        try {
          depths.set(queue, (await channel.checkQueue(queue)).messageCount);
        } catch {
          // A 404 closes the channel: the next queue gets a new one.
          channel = undefined;
        }
      }
    } finally {
      await channel?.close().catch(() => undefined);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    // The broker went away meanwhile: what was read stands.
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  late = true;
  return new Map(depths);
}

async function openChannel(connection: AmqpConnection): Promise<Channel> {
  const channel = await connection.createChannel();
  // Errors also close the channel; without a listener they would crash the process.
  channel.on('error', () => undefined);
  return channel;
}
