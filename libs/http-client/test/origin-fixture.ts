import {
  CachingHttpClient,
  UpstreamUnavailableError,
  type CachingHttpClientOptions,
} from '@app/http-client';
import { ManualClock, OriginServer } from './origin-server';

export interface Product {
  id: string;
  version: number;
}

export const v1: Product = { id: 'p1', version: 1 };
export const v2: Product = { id: 'p1', version: 2 };

export interface OriginFixture {
  readonly origin: OriginServer;
  readonly clock: ManualClock;
  /** A client against the origin, on the hand-moved clock. */
  client(options?: CachingHttpClientOptions): CachingHttpClient;
  /** The error a call rejected with; fails the test if it resolved. */
  failure(call: Promise<unknown>): Promise<UpstreamUnavailableError>;
}

/** A fresh real origin and clock for every test of the calling `describe`. */
export function useOrigin(): OriginFixture {
  let origin: OriginServer;
  let clock: ManualClock;
  beforeEach(async () => {
    origin = await OriginServer.start();
    clock = new ManualClock();
  });
  afterEach(async () => {
    await origin.stop();
  });
  return {
    get origin() {
      return origin;
    },
    get clock() {
      return clock;
    },
    client: (options = {}) =>
      new CachingHttpClient({ baseUrl: origin.url, now: clock.now, ...options }),
    async failure(call) {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      return error as UpstreamUnavailableError;
    },
  };
}
