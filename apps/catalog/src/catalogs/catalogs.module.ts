import { Module, type DynamicModule } from '@nestjs/common';
import { ProductMirrorModule, type ProductMirrorModuleOptions } from '@app/product-mirror';
import { CatalogsController } from './catalogs.controller';
import { CatalogsService } from './catalogs.service';

@Module({})
export class CatalogsModule {
  /** `consumer` tunes the product-event consumer and the mirror's seeding and reconciliation. */
  static register(consumer: Omit<ProductMirrorModuleOptions, 'consumer'>): DynamicModule {
    return {
      module: CatalogsModule,
      imports: [ProductMirrorModule.forRoot({ ...consumer, consumer: 'catalog' })],
      controllers: [CatalogsController],
      providers: [CatalogsService],
    };
  }
}
