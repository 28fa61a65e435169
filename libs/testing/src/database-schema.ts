/**
 * A database's schema as the catalogs describe it, sorted so that two databases with the same
 * schema give equal values (`toEqual`), whatever order their objects were created in.
 * Names are schema-qualified (`public.outbox_messages`); row contents are never part of it.
 */
export interface DatabaseSchema {
  tables: TableSchema[];
  /** Sequences no table column owns (owned ones are listed under their table). */
  sequences: SequenceSchema[];
  views: NamedDefinition[];
  functions: NamedDefinition[];
  /** Enum types with their labels in order, e.g. `public.mood: sad,ok,happy`. */
  enums: string[];
  extensions: string[];
}

export interface TableSchema {
  name: string;
  /** `r` plain table, `p` partitioned table. */
  kind: string;
  /** `p` permanent, `u` unlogged. */
  persistence: string;
  /** Storage parameters (`reloptions`), e.g. `autovacuum_vacuum_scale_factor=0.01`, sorted. */
  options: string[];
  /** Sorted by name: a column added by `ALTER TABLE` lands last, which code never relies on. */
  columns: ColumnSchema[];
  /** `pg_get_constraintdef`: primary keys, uniques, checks, foreign keys, exclusions. */
  constraints: NamedDefinition[];
  /** `pg_get_indexdef`, with the table's schema left out (it is in the table's name). */
  indexes: NamedDefinition[];
  triggers: NamedDefinition[];
  /** Sequences owned by a column of this table (`bigserial`, identity). */
  sequences: SequenceSchema[];
}

export interface ColumnSchema {
  name: string;
  /** `format_type`, e.g. `character(3)`, `timestamp with time zone`, `uuid[]`. */
  type: string;
  notNull: boolean;
  default: string | null;
  /** `a` always, `d` by default, empty when not an identity column. */
  identity: string;
  /** `s` stored generated column, empty otherwise. */
  generated: string;
  /** Only when it differs from the type's default collation. */
  collation: string | null;
}

export interface SequenceSchema {
  name: string;
  /** The owning column, `table.column`, or null. */
  ownedBy: string | null;
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
}

export interface NamedDefinition {
  name: string;
  definition: string;
}

/** The same schema restricted to some tables (`outbox_messages` means `public.outbox_messages`). */
export function pickTables(schema: DatabaseSchema, tables: string[]): TableSchema[] {
  const wanted = new Set(tables.map((t) => (t.includes('.') ? t : `public.${t}`)));
  return schema.tables.filter((t) => wanted.has(t.name));
}
