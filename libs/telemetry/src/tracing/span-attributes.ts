/** Attribute names from the OpenTelemetry semantic conventions, and the few of our own. */
export const ATTR = {
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  urlPath: 'url.path',
  messagingSystem: 'messaging.system',
  messagingOperation: 'messaging.operation.type',
  messagingDestination: 'messaging.destination.name',
  messagingRoutingKey: 'messaging.rabbitmq.destination.routing_key',
  messagingMessageId: 'messaging.message.id',
  messagingConsumerGroup: 'messaging.consumer.group.name',
  eventId: 'cloudevents.event_id',
  eventType: 'cloudevents.event_type',
  eventSubject: 'cloudevents.event_subject',
  outboxId: 'outbox.id',
  outcome: 'outcome',
} as const;
