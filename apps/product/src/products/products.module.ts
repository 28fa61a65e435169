import { Module } from '@nestjs/common';
import { AdminProductEntriesController } from './admin-product-entries.controller';
import { AdminProductsController } from './admin-products.controller';
import { ProductChanges } from './product-changes';
import { ProductEntries } from './product-entries.service';
import { ProductLifecycleService } from './product-lifecycle.service';
import { ProductTombstones } from './product-tombstones';
import { ProductVersionPrecheck } from './product-version.precheck';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

@Module({
  controllers: [ProductsController, AdminProductsController, AdminProductEntriesController],
  providers: [
    ProductsService,
    ProductLifecycleService,
    ProductChanges,
    ProductTombstones,
    ProductEntries,
    ProductVersionPrecheck,
  ],
})
export class ProductsModule {}
