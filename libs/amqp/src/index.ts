export { AmqpConnection, type AmqpConnectionOptions } from './amqp-connection';
export {
  consumerExchange,
  consumerOfQueue,
  consumerQueueNames,
  declareConsumerQueues,
  declareDeadLetterQueue,
  declareEventsExchange,
  eventsExchange,
  type ChannelSource,
  type ConsumerQueueNames,
  type ConsumerTopology,
} from './topology';
export { AmqpModule, AMQP_OPTIONS } from './amqp.module';
export { servicePermissions, type BrokerPermissions } from './permissions';
export { registerBrokerMetrics } from './broker-metrics';
export { readQueueDepths } from './queue-depths';
