import { Agent, request } from 'node:http';
import { signToken } from '@app/auth';
import { nowMs, openLoop } from '../support/clock';
import { env, runWorker } from './worker-kit';

function post(agent: Agent, url: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
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
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
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
        const records: { id: string; scheduledAt: number; respondedAt: number; status: number }[] =
          [];
        const body = JSON.stringify({ reason: 'bench' });
        await openLoop(rate, durationMs, async (i, scheduledAt) => {
          const id = ids[i];
          const status = await post(
            agent,
            `${base}/admin/products/${id}/decommission`,
            token,
            body,
          );
          records.push({ id, scheduledAt, respondedAt: nowMs(), status });
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
