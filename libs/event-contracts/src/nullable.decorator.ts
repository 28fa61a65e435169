import { ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/**
 * The property is present and may be `null`; its other validators check any other value. The
 * contract's JSON Schema (AsyncAPI) says so too: the type the validators give, or `null`, and
 * required (`contractSchemas` adds it: the converter takes a conditional property for optional).
 */
// By class name, as the schemas are keyed (nested classes are known to them only by name).
const nullable = new Map<string, Set<string>>();

/** The `@Nullable()` properties of a class (they are required all the same: present, maybe null). */
export function nullableProperties(className: string): string[] {
  return [...(nullable.get(className) ?? [])];
}

export function Nullable(): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const name = target.constructor.name;
    nullable.set(name, (nullable.get(name) ?? new Set<string>()).add(String(key)));
    ValidateIf((_: unknown, value: unknown) => value !== null)(target, key);
    JSONSchema((source) => ({
      ...source,
      type: [source.type, 'null'] as unknown as typeof source.type,
    }))(target, String(key));
  };
}
