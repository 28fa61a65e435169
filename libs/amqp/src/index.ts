export { AmqpConnection, type AmqpConnectionOptions } from './amqp-connection';
export {
  consumerQueueNames,
  declareConsumerQueues,
  declareEventsExchange,
  eventsExchange,
  type ConsumerQueueNames,
  type ConsumerTopology,
} from './topology';
export { AmqpModule, AMQP_OPTIONS } from './amqp.module';
