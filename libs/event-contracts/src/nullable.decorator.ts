import { ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/**
 * The property is present and may be `null`; its other validators check any other value. The
 * contract's JSON Schema (AsyncAPI) says so too: the type the validators give, or `null`.
 */
export function Nullable(): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    ValidateIf((_: unknown, value: unknown) => value !== null)(target, key);
    JSONSchema((source) => ({
      ...source,
      type: [source.type, 'null'] as unknown as typeof source.type,
    }))(target, String(key));
  };
}
