import { Module } from '@nestjs/common';
import { AdminProductsController } from './admin-products.controller';
import { ProductChanges } from './product-changes';
import { ProductLifecycleService } from './product-lifecycle.service';
import { ProductVersionPrecheck } from './product-version.precheck';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

@Module({
  controllers: [ProductsController, AdminProductsController],
  providers: [ProductsService, ProductLifecycleService, ProductChanges, ProductVersionPrecheck],
})
export class ProductsModule {}
