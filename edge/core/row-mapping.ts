import { Kind, type Static, type TObject, type TProperties, type TSchema, Type } from "@sinclair/typebox";

/** `created_at` → `createdAt`, as a type. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

type Columns<P extends TProperties> = Static<TObject<P>>;

/** The record of the columns `P`: each in camelCase, with its declared type. */
export type RecordFrom<P extends TProperties> = {
  -readonly [K in keyof Columns<P> as CamelCase<K & string>]: Columns<P>[K];
};

/** The record a mapping reads: `type Product = RecordOf<typeof productColumns>`. */
export type RecordOf<M> = M extends RowMapping<infer P> ? RecordFrom<P> : never;

type Scalar = string | number | null;

/**
 * The row as SQLite returns it, for code that reads rows without mapping them (a hot path):
 * booleans are 0/1, and a value SQLite cannot hold (a list, an object) is its stored text.
 */
export type RowOf<M> =
  M extends RowMapping<infer P>
    ? {
        -readonly [K in keyof Columns<P>]: Columns<P>[K] extends boolean
          ? number
          : Columns<P>[K] extends Scalar
            ? Columns<P>[K]
            : string | null;
      }
    : never;

/**
 * How a column's stored value becomes the record's, as a schema option: `stored: "json"` for
 * JSON text, `stored: "csv"` for a comma-joined list (a `group_concat`). Booleans, which SQLite
 * stores as 0/1, need no option. `select` is the SQL of a computed column (`… AS name`).
 */
export interface ColumnOptions {
  stored?: "json" | "csv";
  select?: string;
}

type Decode = (stored: unknown) => unknown;

interface Field {
  column: string;
  field: string;
  decode: Decode | undefined;
}

function isBoolean(schema: TSchema): boolean {
  if (schema[Kind] === "Boolean") return true;
  const anyOf: unknown = schema.anyOf;
  return Array.isArray(anyOf) && anyOf.some((member: TSchema) => member[Kind] === "Boolean");
}

function decoderOf(schema: TSchema & ColumnOptions): Decode | undefined {
  if (schema.stored === "json") return (v) => (v === null ? null : JSON.parse(String(v)));
  if (schema.stored === "csv") return (v) => (v === null || v === "" ? [] : String(v).split(","));
  if (isBoolean(schema)) return (v) => (v === null ? null : v === 1 || v === true);
  return undefined;
}

/**
 * One declaration of a table's record (issue 13): the columns as a TypeBox object in
 * snake_case. From it derive the record type (`RecordOf`), the raw row type (`RowOf`), the
 * SELECT column list and the row → record mapper, so the four shapes cannot drift apart.
 */
export class RowMapping<P extends TProperties> {
  readonly schema: TObject<P>;
  /** `id, kind, created_at` (computed columns as `… AS name`), for a SELECT. */
  readonly columns: string;
  private readonly fields: readonly Field[];
  private readonly selects: ReadonlyMap<string, string>;

  constructor(properties: P) {
    this.schema = Type.Object(properties);
    const entries = Object.entries(properties) as Array<[string, TSchema & ColumnOptions]>;
    this.fields = entries.map(([column, schema]) => ({
      column,
      field: column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()),
      decode: decoderOf(schema),
    }));
    this.selects = new Map(
      entries.flatMap(([column, schema]) => (schema.select ? [[column, schema.select] as const] : [])),
    );
    this.columns = this.columnsOf();
  }

  /** The column list with a table alias (`s.id, s.name`); computed columns stay as declared. */
  columnsOf(alias?: string): string {
    return this.fields
      .map(({ column }) => {
        const select = this.selects.get(column);
        if (select) return `${select} AS ${column}`;
        return alias ? `${alias}.${column}` : column;
      })
      .join(", ");
  }

  record(row: unknown): RecordFrom<P> {
    const stored = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { column, field, decode } of this.fields) {
      const value = stored[column];
      out[field] = decode ? decode(value) : value;
    }
    return out as RecordFrom<P>;
  }

  /** `record` for a `get` that may find nothing (better-sqlite3 types its rows `unknown`). */
  maybeRecord(row: unknown): RecordFrom<P> | undefined {
    return row === undefined ? undefined : this.record(row);
  }

  records(rows: readonly unknown[]): RecordFrom<P>[] {
    return rows.map((row) => this.record(row));
  }
}

export function rowMapping<P extends TProperties>(properties: P): RowMapping<P> {
  return new RowMapping(properties);
}

/** A column of one of `values` (a `kind`, a `state`). */
export function oneOf<const V extends readonly string[]>(values: V) {
  return Type.Union(values.map((v: V[number]) => Type.Literal(v)));
}

/** A column of JSON text, read back as a `T` (NULL stays null). */
export function jsonColumn<T>() {
  return Type.Unsafe<T>({ stored: "json" });
}

/** A column that may be NULL. */
export function nullable<S extends TSchema>(schema: S) {
  return Type.Union([schema, Type.Null()]);
}
