import {
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { CachingHttpClient, UpstreamUnavailableError } from '@app/http-client';
import { StateConflictError } from '@app/lifecycle';
import type { ProductSnapshot } from '@app/event-contracts';
import { ProductMirror } from '@app/product-mirror';

export const PRODUCT_SERVICE_URL = Symbol('PRODUCT_SERVICE_URL');

/** Where the owner serves one product; also the key of its copy in the caching client. */
export function productUrl(baseUrl: string, productId: string): string {
  return `${baseUrl}/products/${encodeURIComponent(productId)}`;
}

export interface ProductForCart {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  version: number;
}

/**
 * Looks a product up before it goes into a cart: from the product service through the caching
 * client (which honours its Cache-Control and ETag), cross-checked with the event-fed mirror so
 * a decommission the events already reported wins over a still-fresh cached copy.
 */
@Injectable()
export class ProductLookup {
  constructor(
    private readonly client: CachingHttpClient,
    private readonly mirror: ProductMirror,
    @Inject(PRODUCT_SERVICE_URL) private readonly baseUrl: string,
  ) {}

  /**
   * The product if it can go into a cart: 422 unknown or purged (the owner's 404 or 410), 409
   * decommissioned, 503 owner away. A mirror row newer than the fetched copy wins (a decommission
   * or a recommission the events already reported); a product only the mirror knows is not
   * enough (the owner must answer).
   */
  async addable(productId: string): Promise<ProductForCart> {
    const fetched = await this.fetch(productId);
    const mirrored = await this.mirror.findOne(productId);
    if (mirrored && (!fetched || mirrored.version > fetched.version)) {
      // The events are ahead of the cached copy: they decide, either way.
      if (mirrored.status === 'purged') throw this.unknown(productId);
      if (mirrored.status !== 'active') throw this.retired(productId, mirrored.status);
      if (fetched) return { ...mirrored, version: mirrored.version };
    }
    if (!fetched) throw this.unknown(productId);
    if (fetched.status !== 'active') throw this.retired(productId, fetched.status);
    return fetched;
  }

  private async fetch(productId: string): Promise<ProductSnapshot | undefined> {
    try {
      const res = await this.client.getJson<ProductSnapshot>(productUrl(this.baseUrl, productId));
      // 410: the owner purged it and keeps a tombstone; to a cart that is as unknown as a 404.
      if (res.status === 404 || res.status === 410) return undefined;
      if (res.status !== 200 || !res.body) {
        throw new ServiceUnavailableException(`product service answered ${res.status}`);
      }
      return res.body;
    } catch (err) {
      if (err instanceof UpstreamUnavailableError) {
        throw new ServiceUnavailableException(
          `product service unavailable and no usable cached copy of product ${productId}`,
        );
      }
      throw err;
    }
  }

  private unknown(productId: string): UnprocessableEntityException {
    return new UnprocessableEntityException(`unknown product ${productId}`);
  }

  private retired(productId: string, status: string): StateConflictError {
    return new StateConflictError(`product ${productId} is ${status} and cannot be added`);
  }
}
