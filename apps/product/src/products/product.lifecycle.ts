import { Lifecycle } from '@app/lifecycle';
import type { ProductStatus } from '@app/event-contracts';

/** Products are never deleted: they are decommissioned, and may come back. */
export const productLifecycle = new Lifecycle<ProductStatus>({
  entity: 'product',
  transitions: { active: ['decommissioned'], decommissioned: ['active'] },
  visible: ['active'],
});
