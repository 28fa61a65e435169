export {
  buildAsyncApiDocument,
  type AsyncApiDocument,
  type AsyncApiInfo,
} from './asyncapi-document';
export { contractSchemas, type JsonSchema } from './contract-schemas';
export type {
  ContractClass,
  EventContract,
  ServiceEventSurface,
  Subscription,
} from './event-surface';
