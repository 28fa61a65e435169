import type {
  MirrorSource,
  RangeDigest,
  SnapshotEntry,
  SnapshotPage,
  SnapshotPageQuery,
  SourceTraffic,
} from './mirror-sync.types';

export interface HttpMirrorSourceOptions {
  /** The owner's base URL, e.g. `http://127.0.0.1:3001`. */
  baseUrl: string;
  /** Where the owner serves its entries: `${path}/snapshot` and `${path}/digests`. */
  path: string;
  /** A bearer token with a role the owner accepts for these routes (`mirror`). */
  token: () => string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
}

/** Most prefixes an owner takes in one digest request. */
const MAX_PREFIXES = 256;
/** Most ids an owner looks up in one request. */
const MAX_IDS = 200;

/** The owner refused or failed a request; seeding and reconciliation retry later. */
export class OwnerRequestError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'OwnerRequestError';
  }
}

/** The owner's snapshot and digest routes, over HTTP. */
export class HttpMirrorSource<T = unknown> implements MirrorSource<T> {
  readonly traffic: SourceTraffic = { requests: 0, bytes: 0 };

  constructor(private readonly options: HttpMirrorSourceOptions) {}

  /** Digests of the children of `prefixes`: the root (`['']`) alone, or up to 256 at a time. */
  async digests(prefixes: string[]): Promise<RangeDigest[]> {
    if (prefixes.length === 1 && prefixes[0] === '') {
      return (await this.get<{ ranges: RangeDigest[] }>('/digests')).ranges;
    }
    if (prefixes.includes('')) throw new Error('the root range is asked for alone');
    const ranges: RangeDigest[] = [];
    for (let i = 0; i < prefixes.length; i += MAX_PREFIXES) {
      const chunk = prefixes.slice(i, i + MAX_PREFIXES).join(',');
      ranges.push(
        ...(await this.get<{ ranges: RangeDigest[] }>(`/digests?prefixes=${chunk}`)).ranges,
      );
    }
    return ranges;
  }

  async page(query: SnapshotPageQuery): Promise<SnapshotPage<T>> {
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.after) params.set('after', query.after);
    if (query.prefix) params.set('prefix', query.prefix);
    return this.get<SnapshotPage<T>>(`/snapshot?${params.toString()}`);
  }

  async lookup(ids: string[]): Promise<SnapshotEntry<T>[]> {
    const entries: SnapshotEntry<T>[] = [];
    for (let i = 0; i < ids.length; i += MAX_IDS) {
      const chunk = ids.slice(i, i + MAX_IDS).join(',');
      entries.push(...(await this.get<SnapshotPage<T>>(`/snapshot?ids=${chunk}`)).items);
    }
    return entries;
  }

  private async get<R>(path: string): Promise<R> {
    const url = `${this.options.baseUrl.replace(/\/$/, '')}${this.options.path}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { authorization: `Bearer ${this.options.token()}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new OwnerRequestError(undefined, `owner unreachable at ${url}: ${String(err)}`);
    }
    const text = await res.text();
    this.traffic.requests++;
    this.traffic.bytes += Buffer.byteLength(text);
    if (res.status !== 200) {
      throw new OwnerRequestError(res.status, `owner answered ${res.status} to ${url}`);
    }
    return JSON.parse(text) as R;
  }
}
