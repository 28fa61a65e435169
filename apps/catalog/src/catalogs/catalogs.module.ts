import { Module, type DynamicModule } from '@nestjs/common';
import { ProductMirrorModule, type ProductMirrorModuleOptions } from '@app/product-mirror';
import { CatalogsController } from './catalogs.controller';
import { CatalogsService } from './catalogs.service';

@Module({})
export class CatalogsModule {
  /** `mirror`: the product mirror's seeding and reconciliation. */
  static register(mirror: Omit<ProductMirrorModuleOptions, 'consumer'>): DynamicModule {
    return {
      module: CatalogsModule,
      imports: [ProductMirrorModule.forRoot({ ...mirror, consumer: 'catalog' })],
      controllers: [CatalogsController],
      providers: [CatalogsService],
    };
  }
}
