import { randomUUID } from 'node:crypto';

/** CloudEvents 1.0 structured-mode envelope plus the `aggregateversion` extension. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  aggregateversion: number;
  /** W3C trace context, carried as an extension when a trace is active. */
  traceparent?: string;
  data: T;
}

export const CLOUD_EVENTS_CONTENT_TYPE = 'application/cloudevents+json';

export interface NewCloudEvent<T> {
  source: string;
  type: string;
  subject: string;
  aggregateVersion: number;
  data: T;
  id?: string;
  time?: Date;
  traceparent?: string;
}

export function createCloudEvent<T>(input: NewCloudEvent<T>): CloudEvent<T> {
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    subject: input.subject,
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    aggregateversion: input.aggregateVersion,
    data: input.data,
  };
  if (input.traceparent) event.traceparent = input.traceparent;
  return event;
}
