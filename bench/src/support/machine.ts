import { execFile } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { promisify } from 'node:util';
import { rabbitmqctl } from './world';
import { withDb } from './context';

const run = promisify(execFile);

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  rabbitmq: string;
  loadAverageAtStart: string;
}

export async function machineInfo(pgUrl: string): Promise<MachineInfo> {
  const nproc = Number((await run('nproc')).stdout.trim());
  const postgres = await withDb(
    pgUrl,
    async (c) =>
      (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version,
  );
  const rabbitmq = (await rabbitmqctl('version').catch(() => 'unknown')).trim();
  const load = (await run('cat', ['/proc/loadavg'])).stdout.split(' ').slice(0, 3).join(' ');
  return {
    nproc,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    rabbitmq,
    loadAverageAtStart: load,
  };
}
