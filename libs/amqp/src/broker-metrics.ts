import { Gauge, type Registry } from 'prom-client';
import { metricName } from '@app/metrics';
import type { AmqpConnection } from './amqp-connection';

/** `safe_deletion_broker_connected`: 1 while the connection is open. */
export function registerBrokerMetrics(registry: Registry, connection: AmqpConnection): void {
  new Gauge({
    name: metricName('broker_connected'),
    help: '1 while the broker connection is open',
    registers: [registry],
    collect() {
      this.set(connection.isConnected ? 1 : 0);
    },
  });
}
