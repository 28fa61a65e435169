import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { nullableProperties } from '../nullable.decorator';
import type { ContractClass } from '../event-contract';

// class-transformer keeps its `@Type` metadata here (no typings for the path): nested classes
// (`@ValidateNested` with `@Type`) become references only with it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: unknown;
};

/** JSON Schema of an event's data, as AsyncAPI embeds it. */
export type JsonSchema = Record<string, unknown>;

export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/**
 * The JSON Schemas of `classes` and of every class they nest, from their class-validator
 * decorators (the same metadata the consumers validate with), keyed by class name. Nested
 * classes are references into the same map.
 */
export function contractSchemas(classes: ContractClass[]): Record<string, JsonSchema> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_REF_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage as never,
  }) as Record<string, JsonSchema>;
  const wanted = new Map<string, JsonSchema>();
  const visit = (name: string): void => {
    if (wanted.has(name)) return;
    const schema = all[name];
    if (!schema) throw new Error(`no class-validator metadata for the contract class ${name}`);
    wanted.set(name, schema);
    for (const ref of refsIn(schema)) visit(ref);
  };
  for (const cls of classes) visit(cls.name);
  for (const [name, schema] of wanted) requireNullables(name, schema);
  return Object.fromEntries([...wanted].sort(([a], [b]) => a.localeCompare(b)));
}

// A `@Nullable()` property must be present (null or a value), as its validator requires.
function requireNullables(className: string, schema: JsonSchema): void {
  const fields = nullableProperties(className);
  if (fields.length === 0) return;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  for (const field of fields) required.add(field);
  schema.required = [...required];
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF_PREFIX)
      ? [v.slice(SCHEMA_REF_PREFIX.length)]
      : refsIn(v),
  );
}
