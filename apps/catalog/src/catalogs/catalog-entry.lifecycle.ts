import { Lifecycle } from '@app/lifecycle';
import type { CatalogEntryStatus } from './catalog-entry.entity';

export const catalogEntryLifecycle = new Lifecycle<CatalogEntryStatus>({
  entity: 'catalog entry',
  transitions: { published: ['withdrawn'], withdrawn: ['published'] },
  visible: ['published'],
});
