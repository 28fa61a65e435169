import { randomUUID } from 'node:crypto';
import { DatabaseProbe, TestEnvironment } from '@app/testing';
import {
  entryHash,
  entryHashSql,
  prefixOf,
  rangeDigests,
  type RangeDigest,
} from '@app/mirror-sync';

interface Entry {
  id: string;
  version: number;
  status: string;
}

/** What a range's digest must be, computed in JavaScript from the entries themselves. */
function expected(entries: Entry[], prefix: string): Pick<RangeDigest, 'count' | 'hash'> {
  const inside = entries.filter((e) => prefixOf(e.id, prefix.length) === prefix);
  const hash = inside.reduce((x, e) => x ^ BigInt(`0x${entryHash(e.id, e.version, e.status)}`), 0n);
  return { count: inside.length, hash: hash.toString(16).padStart(16, '0') };
}

describe('range digests computed by PostgreSQL', () => {
  let env: TestEnvironment;
  let db: DatabaseProbe;
  const entries: Entry[] = [];

  beforeAll(async () => {
    env = await TestEnvironment.create(['digests'], { broker: false });
    db = await DatabaseProbe.connect(env.databaseUrl('digests'));
    await db.query(
      'CREATE TABLE live (id uuid PRIMARY KEY, version int NOT NULL, status text NOT NULL)',
    );
    await db.query('CREATE TABLE tombstones (id uuid PRIMARY KEY, version int NOT NULL)');
    const live = Array.from({ length: 3000 }, (_, i) => ({
      id: randomUUID(),
      version: 1 + (i % 7),
      status: i % 3 ? 'active' : 'decommissioned',
    }));
    const dead = Array.from({ length: 300 }, () => ({
      id: randomUUID(),
      version: 3,
      status: 'purged',
    }));
    await db.query('INSERT INTO live SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[])', [
      live.map((e) => e.id),
      live.map((e) => e.version),
      live.map((e) => e.status),
    ]);
    await db.query('INSERT INTO tombstones SELECT * FROM unnest($1::uuid[], $2::int[])', [
      dead.map((e) => e.id),
      dead.map((e) => e.version),
    ]);
    entries.push(...live, ...dead);
  });

  afterAll(async () => {
    await db?.close();
    await env?.destroy();
  });

  const sql = { query: (text: string, params?: unknown[]) => db.query(text, params) };
  const tables = [{ table: 'live' }, { table: 'tombstones', status: 'purged' }];

  it.each([[['']], [['a', '3']], [['a7', '0f']], [['0f1']]])(
    'answers the 16 children of %j with the count and XOR hash of their entries',
    async (parents) => {
      const digests = await rangeDigests(sql, tables, parents);
      expect(digests.map((d) => d.prefix)).toEqual(
        parents.flatMap((p) => [...'0123456789abcdef'].map((c) => p + c)),
      );
      for (const digest of digests) {
        expect({ prefix: digest.prefix, ...expected(entries, digest.prefix) }).toEqual(digest);
      }
    },
  );

  it('answers the same from a stored hash column as from hashing every entry', async () => {
    await db.query(`ALTER TABLE live ADD COLUMN entry_hash bigint
      GENERATED ALWAYS AS (${entryHashSql('id', 'version', 'status')}) STORED`);
    await db.query(`ALTER TABLE tombstones ADD COLUMN entry_hash bigint
      GENERATED ALWAYS AS (${entryHashSql('id', 'version', "'purged'")}) STORED`);
    const stored = [
      { table: 'live', hashColumn: 'entry_hash' },
      { table: 'tombstones', status: 'purged', hashColumn: 'entry_hash' },
    ];
    for (const parents of [[''], ['a', '3'], ['0f1']]) {
      expect(await rangeDigests(sql, stored, parents)).toEqual(
        await rangeDigests(sql, tables, parents),
      );
    }
  });

  it('changes the digest of exactly the range whose entry changed version or status', async () => {
    const before = await rangeDigests(sql, tables, ['']);
    const victim = entries.find((e) => e.status === 'active')!;
    await db.query(`UPDATE live SET status = 'decommissioned' WHERE id = $1`, [victim.id]);
    const after = await rangeDigests(sql, tables, ['']);
    const changed = after.filter((d, i) => d.hash !== before[i].hash).map((d) => d.prefix);
    expect(changed).toEqual([prefixOf(victim.id, 1)]);
    await db.query(`UPDATE live SET status = 'active' WHERE id = $1`, [victim.id]);
    expect(await rangeDigests(sql, tables, [''])).toEqual(before);
  });
});
