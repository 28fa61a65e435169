import { Lifecycle } from '@app/lifecycle';
import type { CartLineStatus } from './cart-line.entity';

export const cartLineLifecycle = new Lifecycle<CartLineStatus>({
  entity: 'cart line',
  transitions: { active: ['removed'], removed: ['active'] },
  visible: ['active'],
});
