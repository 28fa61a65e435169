import { randomBytes } from 'node:crypto';
import { nowMs } from '../support/clock';
import { EVENT_TYPE, benchProducts, productEvent } from '../support/payload';
import { ConfirmingPublisher } from './amqp-publish';
import { env, runWorker } from './worker-kit';

/** (1) The ceiling: a bare confirm channel, no database, confirms awaited a window at a time. */
runWorker(async () => {
  const publisher = await ConfirmingPublisher.open(env('AMQP_URL'), 'bench-ceiling');
  const [product] = benchProducts(1);
  const body = Buffer.from(JSON.stringify(productEvent(product.id, product.k, 1)));
  return {
    commands: {
      publish: async ({ count, window }: { count: number; window: number }) => {
        const run = randomBytes(4).toString('hex');
        const started = nowMs();
        for (let i = 0; i < count; i += window) {
          const n = Math.min(window, count - i);
          await Promise.all(
            Array.from({ length: n }, (_, j) =>
              publisher.publish(body, { messageId: `${run}-${i + j}`, type: EVENT_TYPE }),
            ),
          );
        }
        return { ms: nowMs() - started, bodyBytes: body.length };
      },
    },
    close: () => publisher.close(),
  };
});
