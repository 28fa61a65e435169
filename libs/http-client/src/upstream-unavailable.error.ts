/** How the origin failed: no connection, no answer in time, or a 5xx answer. */
export type OriginFailureKind = 'network' | 'timeout' | 'server-error';

/**
 * What the cache held when the origin failed: nothing, a stale copy whose `stale-if-error`
 * window (zero when absent) had passed, or a stale copy the origin forbade serving stale
 * (`must-revalidate`, `no-cache`, or in a shared cache `proxy-revalidate`/`s-maxage`).
 */
export type StaleEntryState = 'none' | 'past-stale-if-error' | 'revalidation-required';

/**
 * The origin failed and the cache had nothing it may serve instead. Callers usually map it to
 * 503. `cause` holds the underlying failure (the fetch error, the abort, or the 5xx status).
 */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';
  /** The origin's status when `reason` is `server-error`. */
  readonly status: number | undefined;

  constructor(
    /** The absolute URL that was requested. */
    readonly url: string,
    readonly reason: OriginFailureKind,
    readonly staleEntry: StaleEntryState,
    options: { cause: unknown; status?: number },
  ) {
    super(`GET ${url} failed (${reason}${describe(options.cause)}); ${staleText[staleEntry]}`, {
      cause: options.cause,
    });
    this.status = options.status;
  }

  /** True when a stale copy existed but was past its `stale-if-error` window. */
  get stalePastStaleIfError(): boolean {
    return this.staleEntry === 'past-stale-if-error';
  }
}

const staleText: Record<StaleEntryState, string> = {
  none: 'nothing cached',
  'past-stale-if-error': 'the cached copy is past its stale-if-error window',
  'revalidation-required': 'the cached copy must be revalidated before use',
};

function describe(cause: unknown): string {
  return cause instanceof Error ? `: ${cause.message}` : '';
}
