import { DatabaseProbe } from './database-probe';
import type {
  ColumnSchema,
  DatabaseSchema,
  NamedDefinition,
  SequenceSchema,
  TableSchema,
} from './database-schema';

/** Schemas users create objects in: everything but the catalogs, TOAST and temp schemas. */
const USER_NAMESPACE = `n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`;
/** Objects an extension created belong to the extension, which is listed by name. */
const notFromExtension = (catalog: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass
     AND e.objid = ${oid} AND e.deptype = 'e')`;
const QUALIFIED = `n.nspname || '.' || c.relname`;
/** Drops the table's own schema from a definition: it is already in the table's name. */
const unqualified = (definition: string): string =>
  `replace(replace(${definition}, ' ON ONLY ' || quote_ident(n.nspname) || '.', ' ON ONLY '),
     ' ON ' || quote_ident(n.nspname) || '.', ' ON ')`;
const TABLES = `FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND ${USER_NAMESPACE} AND ${notFromExtension('pg_class', 'c.oid')}`;

const QUERIES = {
  tables: `SELECT ${QUALIFIED} AS name, c.relkind AS kind, c.relpersistence AS persistence,
    coalesce(c.reloptions, '{}') AS options ${TABLES}`,
  columns: `SELECT ${QUALIFIED} AS "table", a.attname AS name,
      format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
      pg_get_expr(d.adbin, d.adrelid) AS "default", a.attidentity AS identity,
      a.attgenerated AS generated,
      CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND ${USER_NAMESPACE}`,
  constraints: `SELECT ${QUALIFIED} AS "table", k.conname AS name,
      pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NAMESPACE}`,
  indexes: `SELECT ${QUALIFIED} AS "table", i.relname AS name,
      ${unqualified('pg_get_indexdef(i.oid)')} AS definition
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND ${USER_NAMESPACE}`,
  triggers: `SELECT ${QUALIFIED} AS "table", g.tgname AS name,
      ${unqualified('pg_get_triggerdef(g.oid)')} AS definition
    FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT g.tgisinternal AND ${USER_NAMESPACE}`,
  sequences: `SELECT ${QUALIFIED} AS name, format_type(s.seqtypid, NULL) AS type,
      s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min,
      s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
      (SELECT tn.nspname || '.' || t.relname FROM pg_depend o
        JOIN pg_class t ON t.oid = o.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
        WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid AND o.deptype IN ('a', 'i')
          AND o.refclassid = 'pg_class'::regclass AND o.refobjsubid > 0) AS "ownerTable",
      (SELECT a.attname FROM pg_depend o
        JOIN pg_attribute a ON a.attrelid = o.refobjid AND a.attnum = o.refobjsubid
        WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid AND o.deptype IN ('a', 'i')
          AND o.refclassid = 'pg_class'::regclass AND o.refobjsubid > 0) AS "ownerColumn"
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_NAMESPACE} AND ${notFromExtension('pg_class', 'c.oid')}`,
  views: `SELECT ${QUALIFIED} AS name,
      CASE c.relkind WHEN 'm' THEN 'MATERIALIZED ' ELSE '' END || pg_get_viewdef(c.oid) AS definition
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${USER_NAMESPACE} AND ${notFromExtension('pg_class', 'c.oid')}`,
  functions: `SELECT n.nspname || '.' || p.proname
        || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
      pg_get_functiondef(p.oid) AS definition
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prokind IN ('f', 'p') AND ${USER_NAMESPACE}
      AND ${notFromExtension('pg_proc', 'p.oid')}`,
  enums: `SELECT n.nspname || '.' || t.typname || ': '
        || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS label
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE ${USER_NAMESPACE} GROUP BY n.nspname, t.typname`,
  extensions: `SELECT extname FROM pg_extension`,
};

type Row<T> = T & { table: string };
type SequenceRow = Omit<SequenceSchema, 'ownedBy'> & {
  ownerTable: string | null;
  ownerColumn: string | null;
};

const byName = <T extends { name: string }>(a: T, b: T): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** Rows of one table, without the `table` key, sorted by name. */
function of<T extends { name: string }>(rows: Row<T>[], table: string): T[] {
  return rows
    .filter((r) => r.table === table)
    .map(({ table: _table, ...rest }) => rest as unknown as T)
    .sort(byName);
}

/**
 * Reads the schema of the database at `databaseUrl` from the PostgreSQL catalogs: tables with
 * their storage options, columns, constraints, indexes, triggers and owned sequences, then free
 * sequences, views, functions, enums and extensions. Row contents are not read.
 */
export async function readSchema(databaseUrl: string): Promise<DatabaseSchema> {
  const db = await DatabaseProbe.connect(databaseUrl);
  try {
    const q = async <T>(sql: string): Promise<T[]> => (await db.query(sql)) as T[];
    const tables = await q<Pick<TableSchema, 'name' | 'kind' | 'persistence' | 'options'>>(
      QUERIES.tables,
    );
    const columns = await q<Row<ColumnSchema>>(QUERIES.columns);
    const constraints = await q<Row<NamedDefinition>>(QUERIES.constraints);
    const indexes = await q<Row<NamedDefinition>>(QUERIES.indexes);
    const triggers = await q<Row<NamedDefinition>>(QUERIES.triggers);
    const sequences = (await q<SequenceRow>(QUERIES.sequences)).map(
      ({ ownerTable, ownerColumn, ...rest }) => ({
        table: ownerTable ?? '',
        ...rest,
        ownedBy: ownerTable === null ? null : `${ownerTable}.${ownerColumn}`,
      }),
    );
    return {
      tables: tables
        .map((t) => ({
          ...t,
          options: [...t.options].sort(),
          columns: of(columns, t.name),
          constraints: of(constraints, t.name),
          indexes: of(indexes, t.name),
          triggers: of(triggers, t.name),
          sequences: of(sequences, t.name),
        }))
        .sort(byName),
      sequences: of(sequences, ''),
      views: (await q<NamedDefinition>(QUERIES.views)).sort(byName),
      functions: (await q<NamedDefinition>(QUERIES.functions)).sort(byName),
      enums: (await q<{ label: string }>(QUERIES.enums)).map((r) => r.label).sort(),
      extensions: (await q<{ extname: string }>(QUERIES.extensions)).map((r) => r.extname).sort(),
    };
  } finally {
    await db.close();
  }
}
