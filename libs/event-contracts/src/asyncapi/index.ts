export {
  buildAsyncApiDocument,
  type AsyncApiDocument,
  type AsyncApiInfo,
} from './asyncapi-document';
export { contractSchemas, type JsonSchema } from './contract-schemas';
export type { ServiceEventSurface, Subscription } from './event-surface';
