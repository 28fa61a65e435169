import { Agent, request } from 'node:http';
import { signToken } from '@app/auth';
import { nowMs, openLoop } from '../support/clock';
import type { DecommissionRecord } from './latency-record';
import { env, runWorker } from './worker-kit';

/** Resolves with the status, or with 0 and the error when the request itself failed. */
function post(
  agent: Agent,
  url: string,
  token: string,
  body: string,
): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const failed = (err: Error): void => resolve({ status: 0, error: err.message });
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', failed);
      },
    );
    req.on('error', failed);
    req.end(body);
  });
}

/** (5) Decommissions through the product API at a fixed arrival rate (keep-alive, open loop). */
runWorker(() => {
  const base = env('PRODUCT_URL');
  const token = signToken({ sub: 'bench', roles: ['admin'] });
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  return {
    commands: {
      run: async ({
        ids,
        rate,
        durationMs,
      }: {
        ids: string[];
        rate: number;
        durationMs: number;
      }) => {
        const records: DecommissionRecord[] = [];
        const body = JSON.stringify({ reason: 'bench' });
        await openLoop(rate, durationMs, async (i, scheduledAt) => {
          const id = ids[i];
          const { status, error } = await post(
            agent,
            `${base}/admin/products/${id}/decommission`,
            token,
            body,
          );
          records.push({ id, scheduledAt, respondedAt: nowMs(), status, error });
        });
        return records;
      },
    },
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
});
