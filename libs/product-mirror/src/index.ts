export type { ProductEntry } from './product-entries';
export { ProductMirrorModule } from './product-mirror.module';
export { PRODUCT_PRODUCER } from './product-mirror.constants';
export type {
  ProductMirrorModuleOptions,
  ProductMirrorSyncOptions,
} from './product-mirror.options';
export { PRODUCT_MIRROR_TABLE, productMirrorTableDdl } from './product-mirror.schema';
export { ProductMirror, type MirroredProduct } from './product-mirror.service';
export { ProductMirrorTarget } from './product-mirror.target';
export { isPurgedProduct } from './purged-product-redaction';
