import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `rabbitmqctl` (the local broker's CLI); throws with its output on failure. */
export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', args, { timeout: 60_000 });
  return stdout;
}

export async function createVhost(vhost: string, user = 'guest'): Promise<void> {
  await rabbitmqctl('add_vhost', vhost);
  await rabbitmqctl('set_permissions', '-p', vhost, user, '.*', '.*', '.*');
}

export async function deleteVhost(vhost: string): Promise<void> {
  await rabbitmqctl('delete_vhost', vhost).catch(() => undefined);
}

/** Force-closes every client connection of one vhost, as a broker failover would. */
export async function closeVhostConnections(vhost: string, why = 'test fault'): Promise<void> {
  await rabbitmqctl('close_all_connections', '-p', vhost, why);
}

export async function listVhosts(): Promise<string[]> {
  const out = await rabbitmqctl('list_vhosts', '--quiet', '--no-table-headers');
  return out
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}
