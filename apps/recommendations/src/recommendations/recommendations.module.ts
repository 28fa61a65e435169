import { Module, type DynamicModule } from '@nestjs/common';
import { ProductMirrorModule, type ProductMirrorSyncOptions } from '@app/product-mirror';
import { CoPurchasesService } from './co-purchases.service';
import { OrderEventsHandler } from './handlers/order-events.handler';
import { RECOMMENDATIONS_CONSUMER } from './recommendations.constants';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

export interface RecommendationsSettings {
  /** The product mirror's seeding and reconciliation. */
  sync: ProductMirrorSyncOptions;
}

@Module({})
export class RecommendationsModule {
  /** The model, fed by order events (`OrderEventsHandler`), filtered by the product mirror. */
  static register(settings: RecommendationsSettings): DynamicModule {
    return {
      module: RecommendationsModule,
      imports: [ProductMirrorModule.forRoot({ ...settings, consumer: RECOMMENDATIONS_CONSUMER })],
      controllers: [RecommendationsController, OrderEventsHandler],
      providers: [RecommendationsService, CoPurchasesService],
    };
  }
}
