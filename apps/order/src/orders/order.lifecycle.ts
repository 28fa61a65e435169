import { Lifecycle } from '@app/lifecycle';
import type { OrderStatus } from './order.entity';

/** Orders are cancelled, never deleted. */
export const orderLifecycle = new Lifecycle<OrderStatus>({
  entity: 'order',
  transitions: { placed: ['cancelled'], cancelled: [] },
  visible: ['placed'],
});
