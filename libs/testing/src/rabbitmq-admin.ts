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

/**
 * Creates a broker user with permissions on `vhost` alone (regexes as `set_permissions` takes
 * them). Name it `test_…` so that a run that crashed before `deleteUser` has it removed later.
 */
export async function createUser(
  name: string,
  password: string,
  vhost: string,
  permissions: { configure: string; write: string; read: string },
): Promise<void> {
  await rabbitmqctl('add_user', name, password);
  const { configure, write, read } = permissions;
  await rabbitmqctl('set_permissions', '-p', vhost, name, configure, write, read);
}

export async function deleteUser(name: string): Promise<void> {
  await rabbitmqctl('delete_user', name).catch(() => undefined);
}

export async function listUsers(): Promise<string[]> {
  const out = await rabbitmqctl('list_users', '--quiet', '--no-table-headers');
  return out
    .split('\n')
    .map((line) => line.split('\t')[0].trim())
    .filter(Boolean);
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

/**
 * Makes the broker close every channel of `vhost` that has a consumer, with a channel error
 * (406, an unknown delivery tag acked on its behalf); the connections stay open.
 */
export async function closeConsumerChannels(vhost: string): Promise<number> {
  const name = vhost.replace(/[^A-Za-z0-9_]/g, '');
  const out = await rabbitmqctl(
    'eval',
    `length([rabbit_channel:do(P, {'basic.ack', 999999, false}) || P <- rabbit_channel:list(), ` +
      `[{vhost, V}, {consumer_count, N}] <- [rabbit_channel:info(P, [vhost, consumer_count])], ` +
      `V =:= <<"${name}">>, N > 0]).`,
  );
  return Number(out.trim());
}

/** How many channels are open in `vhost`, over every connection. */
export async function countChannels(vhost: string): Promise<number> {
  // `list_channels` lists the channels of every vhost (it takes no `-p`): filter them here.
  const out = await rabbitmqctl('list_channels', 'vhost', 'pid', '--quiet', '--no-table-headers');
  return out.split('\n').filter((l) => l.split('\t')[0] === vhost).length;
}

/** Sets a queue policy in `vhost` (e.g. `{ 'max-length': 0, overflow: 'reject-publish' }`). */
export async function setQueuePolicy(
  vhost: string,
  name: string,
  pattern: string,
  definition: Record<string, unknown>,
): Promise<void> {
  await rabbitmqctl(
    'set_policy',
    '-p',
    vhost,
    '--apply-to',
    'queues',
    name,
    pattern,
    JSON.stringify(definition),
  );
}

export async function clearPolicy(vhost: string, name: string): Promise<void> {
  await rabbitmqctl('clear_policy', '-p', vhost, name);
}
