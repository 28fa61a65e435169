import { Module, type DynamicModule } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CachingHttpClient } from '@app/http-client';
import { ProductMirrorModule, type ProductMirrorModuleOptions } from '@app/product-mirror';
import { registerHealthDetail } from '@app/service-kit';
import { CartsController } from './carts.controller';
import { CartsService } from './carts.service';
import { erasePurgedProducts } from './erase-purged-product';
import { PRODUCT_SERVICE_URL, ProductLookup, productUrl } from './product-lookup.service';

export interface CartsModuleOptions {
  productServiceUrl: string;
  lookupTimeoutMs: number;
  cacheMaxEntries: number;
  consumer: Omit<ProductMirrorModuleOptions, 'consumer'>;
}

@Module({})
export class CartsModule {
  static register(options: CartsModuleOptions): DynamicModule {
    // One shared cache for every customer of this instance.
    const client = new CachingHttpClient({
      timeoutMs: options.lookupTimeoutMs,
      maxEntries: options.cacheMaxEntries,
      shared: true,
    });
    const onPurged = async (manager: EntityManager, productIds: string[]): Promise<void> => {
      await erasePurgedProducts(manager, productIds);
      // In the transaction, not after it: a rollback costs a refetch; the owner cannot refill it.
      for (const id of productIds) client.delete(productUrl(options.productServiceUrl, id));
    };
    return {
      module: CartsModule,
      imports: [ProductMirrorModule.forRoot({ ...options.consumer, consumer: 'cart', onPurged })],
      controllers: [CartsController],
      providers: [
        CartsService,
        ProductLookup,
        { provide: PRODUCT_SERVICE_URL, useValue: options.productServiceUrl },
        {
          provide: CachingHttpClient,
          useFactory: () => {
            registerHealthDetail('productLookups', () => client.stats());
            return client;
          },
        },
      ],
    };
  }
}
