import type { INestApplicationContext, Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import {
  PARAM_ARGS_METADATA,
  PATTERN_EXTRAS_METADATA,
  PATTERN_METADATA,
  TRANSPORT_METADATA,
} from '@nestjs/microservices/constants';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { consumerQueueNames } from '@app/amqp';
import type { ContractClass, Subscription } from '@app/event-contracts';
import { producersOf, type EventSource } from './event-source';
import { INBOX_TRANSPORT } from './inbox-transport.constants';
import { INBOX_TRANSPORT_OPTIONS, type InboxTransportOptions } from './inbox-transport.options';
import { findProvider } from './find-provider';

/** Types a parameter can have that say nothing about the data (no contract class). */
const NOT_A_CONTRACT = new Set<unknown>([Object, String, Number, Boolean, Array, Promise]);

/** One `@InboxEvent` handler as its metadata states it. */
interface InboxHandler {
  where: string;
  types: string[];
  source: Partial<EventSource>;
  contract: ContractClass;
}

/**
 * What the app consumes through its `InboxTransport`, read from the same metadata Nest hands
 * the transport (the handlers' patterns, their extras and their `@Payload()` class), so the
 * documented subscriptions are the bindings: one per producer, its queue `<consumer>.<producer>`,
 * each event type with the class the transport validates its data against. Works on an app in
 * preview mode (`NestFactory.create(..., { preview: true })`): nothing is instantiated or
 * connected. An app without the transport consumes nothing (`[]`).
 */
export function inboxSubscriptions(app: INestApplicationContext): Subscription[] {
  const options = findProvider<InboxTransportOptions>(app, INBOX_TRANSPORT_OPTIONS);
  if (!options) return [];
  const byProducer = new Map<string, Map<string, ContractClass>>();
  for (const handler of inboxHandlers(app)) {
    for (const producer of producersOf(handler.source, options.producerGroups, handler.where)) {
      const types = byProducer.get(producer) ?? new Map<string, ContractClass>();
      for (const type of handler.types) {
        if (types.has(type)) throw new Error(`${handler.where}: two handlers of ${type}`);
        types.set(type, handler.contract);
      }
      byProducer.set(producer, types);
    }
  }
  return [...byProducer].map(([producer, types]) => ({
    producer,
    queue: consumerQueueNames(options.consumer, producer).queue,
    events: [...types].map(([type, data]) => ({ type, data })),
  }));
}

/** Every controller method bound to the inbox transport, whichever module declares it. */
function inboxHandlers(app: INestApplicationContext): InboxHandler[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const controllers = new Set(
    discovery.getControllers().flatMap((wrapper) => (wrapper.metatype ? [wrapper.metatype] : [])),
  );
  return [...controllers].flatMap((controller) =>
    scanner.getAllMethodNames(controller.prototype as object).flatMap((method) => {
      const fn = (controller.prototype as Record<string, unknown>)[method] as object;
      if (Reflect.getMetadata(TRANSPORT_METADATA, fn) !== INBOX_TRANSPORT) return [];
      const patterns = Reflect.getMetadata(PATTERN_METADATA, fn) as unknown[] | undefined;
      if (!patterns) return [];
      const where = `${controller.name}.${method}`;
      return [
        {
          where,
          types: patterns.map(String),
          source: (Reflect.getMetadata(PATTERN_EXTRAS_METADATA, fn) ?? {}) as Partial<EventSource>,
          contract: payloadContract(controller as Type, method, where),
        },
      ];
    }),
  );
}

/** The class of the handler's whole `@Payload()`: what the transport validates the data with. */
function payloadContract(controller: Type, method: string, where: string): ContractClass {
  const args = (Reflect.getMetadata(PARAM_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  const payload = Object.entries(args).find(
    ([key, arg]) => key.startsWith(`${RpcParamtype.PAYLOAD}:`) && arg.data === undefined,
  );
  const paramTypes = (Reflect.getMetadata(
    'design:paramtypes',
    controller.prototype as object,
    method,
  ) ?? []) as unknown[];
  const contract = payload ? paramTypes[payload[1].index] : undefined;
  if (typeof contract !== 'function' || NOT_A_CONTRACT.has(contract)) {
    throw new Error(
      `${where}: an inbox handler takes the event's data as @Payload() typed with its contract class`,
    );
  }
  return contract as ContractClass;
}
