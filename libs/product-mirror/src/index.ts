export {
  ProductEventType,
  type ProductPurged,
  type ProductSnapshot,
  type ProductStatus,
} from './product-events.contract';
export {
  PRODUCT_EVENTS_CONSUMER,
  ProductMirrorModule,
  type ProductMirrorModuleOptions,
} from './product-mirror.module';
export { PRODUCT_MIRROR_TABLE, productMirrorTableDdl } from './product-mirror.schema';
export { ProductMirror, type MirroredProduct } from './product-mirror.service';
