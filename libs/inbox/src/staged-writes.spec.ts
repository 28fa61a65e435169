import type { EntityManager } from 'typeorm';
import { currentLogFields, type MessageSpan } from '@app/telemetry';
import { StagedWrites, type StagedFlush, type Stager } from './staged-writes';

const manager = {} as EntityManager;

/** A span that records which work ran in it. */
function stager(eventId: string, ran: string[]): Stager {
  const span: MessageSpan = {
    traceparent: undefined,
    run: (work) => {
      ran.push(eventId);
      return work();
    },
    end: () => undefined,
  };
  return { span, fields: { eventId, traceId: `trace-${eventId}` } };
}

describe('StagedWrites', () => {
  it('flushes each key once, items and keys in staging order', async () => {
    const calls: [string, unknown[]][] = [];
    const flushA: StagedFlush<number> = (_m, items) => {
      calls.push(['a', items]);
      return Promise.resolve();
    };
    const flushB: StagedFlush<string> = (_m, items) => {
      calls.push(['b', items]);
      return Promise.resolve();
    };
    const writes = new StagedWrites();
    const ran: string[] = [];
    const first = writes.stagerOf(stager('e1', ran));
    const second = writes.stagerOf(stager('e2', ran));
    first('a', [1, 2], flushA);
    second('b', ['x'], flushB);
    second('a', [3], flushA);
    await writes.flush(manager);
    expect(calls).toEqual([
      ['a', [1, 2, 3]],
      ['b', ['x']],
    ]);
  });

  it("runs a flush staged by one message in that message's span and log fields", async () => {
    const ran: string[] = [];
    let fields: unknown;
    const writes = new StagedWrites();
    writes.stagerOf(stager('e1', []));
    writes.stagerOf(stager('e2', ran))('k', [1], () => {
      fields = currentLogFields();
      return Promise.resolve();
    });
    await writes.flush(manager);
    expect(ran).toEqual(['e2']);
    expect(fields).toEqual({ eventId: 'e2', traceId: 'trace-e2' });
  });

  it("runs a flush staged by several in the first one's span, naming every event", async () => {
    const ran: string[] = [];
    let fields: unknown;
    const flush: StagedFlush<number> = () => {
      fields = currentLogFields();
      return Promise.resolve();
    };
    const writes = new StagedWrites();
    writes.stagerOf(stager('e1', ran))('k', [1], flush);
    writes.stagerOf(stager('e2', ran))('k', [2], flush);
    await writes.flush(manager);
    expect(ran).toEqual(['e1']);
    expect(fields).toEqual({ traceId: 'trace-e1', eventIds: 'e1,e2' });
  });

  it('refuses a second flush under one key, and staging after the flush', async () => {
    const writes = new StagedWrites();
    const stage = writes.stagerOf(stager('e1', []));
    stage('k', [1], () => Promise.resolve());
    expect(() => stage('k', [2], () => Promise.resolve())).toThrow(
      "'k' staged with two different flushes",
    );
    await writes.flush(manager);
    expect(() => stage('j', [1], () => Promise.resolve())).toThrow('staged after');
  });
});
