import fc from 'fast-check';
import type { FieldKind } from './values.js';

/**
 * The operations of the OpenAPI document as the fuzz test sends them: which path and query
 * parameters and which body fields (nested ones too) each takes, and a valid-looking value for each,
 * so that exactly one field at a time can be made malformed while the rest of the request is sound.
 */

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
};

export type Parameter = { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema };
export type Operation = {
  /** "POST /api/v1/tasks/{id}/extend", also how FUZZ_ONLY names it. */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
  /** The content types the operation documents for its body. */
  bodyTypes: string[];
  /** For the write-back, which row kind this copy of the operation sends. */
  kindValue?: string;
  /** For the spreadsheet upload, the row its file holds (the document describes no schema for it). */
  fileRow?: JsonSchema;
};

export type OpenApiDocument = {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          parameters: op.parameters ?? [],
          body: content['application/json']?.schema ?? null,
          bodyTypes: Object.keys(content),
        };
      }),
  );
}

const branches = (s: JsonSchema) => s.anyOf ?? s.oneOf ?? null;
const typeOf = (s: JsonSchema): string | undefined => {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  const b = branches(s);
  return b ? b.map(typeOf).find((t) => t && t !== 'null') : undefined;
};

/** What family of malformed values suits a field: from its schema, its pattern and its name. */
export function kindOf(schema: JsonSchema, name: string): FieldKind {
  const type = typeOf(schema);
  const pattern = schema.pattern ?? '';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (schema.format === 'date-time') return 'instant';
  if (schema.format === 'date' || pattern.includes('-\\d{2}-\\d{2}')) return 'date';
  if (pattern.startsWith('^\\d{4}-') || /month/i.test(name)) return 'month';
  if (/quarter/i.test(name)) return 'quarter';
  if (name === 'cursor') return 'cursor';
  return 'string';
}

/** Where one field lives in a request: a path or query parameter, or a path inside the JSON body. */
export type Field = {
  in: 'path' | 'query' | 'body' | 'file';
  name: string;
  at: (string | number)[];
  schema: JsonSchema;
};

/** Every body field worth breaking: top-level properties, and the properties of nested objects and array items. */
export function bodyFields(schema: JsonSchema, at: (string | number)[] = [], depth = 0): Field[] {
  if (depth > 3) return [];
  const first = branches(schema)?.find((b) => typeOf(b) === 'object' || typeOf(b) === 'array') ?? schema;
  const type = typeOf(first);
  if (type === 'object' && first.properties) {
    return Object.entries(first.properties).flatMap(([name, s]) => {
      const here = [...at, name];
      return [{ in: 'body' as const, name: here.join('.'), at: here, schema: s }, ...bodyFields(s, here, depth + 1)];
    });
  }
  if (type === 'array' && first.items && at.length > 0) {
    const here = [...at, 0];
    const items = first.items;
    const nested = typeOf(items) === 'object' || branches(items) ? bodyFields(items, here, depth + 1) : [];
    return [{ in: 'body' as const, name: here.join('.'), at: here, schema: items }, ...nested];
  }
  return [];
}

export function fieldsOf(op: Operation): Field[] {
  const cells = Object.entries(op.fileRow?.properties ?? {}).map(([name, schema]) => ({
    in: 'file' as const,
    name: `file.${name}`,
    at: [name],
    schema,
  }));
  return [
    ...op.parameters.map((p) => ({ in: p.in, name: p.name, at: [p.name], schema: p.schema })),
    ...(op.body ? bodyFields(op.body) : []),
    ...(op.fileRow ? [...cells, { in: 'file' as const, name: 'file.name', at: [], schema: { type: 'string' } }] : []),
  ];
}

/** Known ids and codes of the seeded company, and sound values for fields the schema alone cannot fill. */
export type Hints = Record<string, unknown>;

let counter = 0;
const unique = () => `FZ${(++counter).toString(36).toUpperCase()}`;

/** A value the schema accepts and the business would likely accept too (real ids by the field's name). */
export function validOf(schema: JsonSchema, name: string, hints: Hints): unknown {
  const leaf =
    name
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .at(-1) ?? name;
  if (Object.hasOwn(hints, leaf)) {
    const hint = hints[leaf];
    return typeof hint === 'function' ? hint() : hint;
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = branches(schema);
  if (options) {
    const usable = options.find((b) => typeOf(b) !== 'null') ?? options[0]!;
    return validOf(usable, name, hints);
  }
  switch (typeOf(schema)) {
    case 'integer':
    case 'number':
      return schema.minimum !== undefined ? Math.max(schema.minimum, Math.min(1, schema.maximum ?? 1)) : 1;
    case 'boolean':
      return false;
    case 'array':
      return schema.items ? [validOf(schema.items, `${name}.0`, hints)] : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, s] of Object.entries(schema.properties ?? {})) out[key] = validOf(s, key, hints);
      return out;
    }
    default:
      return validString(schema, leaf);
  }
}

function validString(schema: JsonSchema, name: string): string {
  switch (kindOf(schema, name)) {
    case 'instant':
      return '2026-03-10T02:00:00.000Z';
    case 'date':
      return '2026-03-05';
    case 'month':
      return '2026-03';
    case 'quarter':
      return '2026-Q1';
    default:
      break;
  }
  if (schema.format === 'email') return `${unique().toLowerCase()}@example.com`;
  const candidate = unique();
  const fits = (s: string) =>
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(s)) &&
    s.length >= (schema.minLength ?? 0) &&
    s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY);
  if (fits(candidate)) return candidate;
  if (schema.pattern) {
    const [sample] = fc.sample(fc.stringMatching(new RegExp(schema.pattern, 'u')).filter(fits), {
      numRuns: 1,
      seed: 7,
    });
    if (sample !== undefined) return sample;
  }
  return candidate.padEnd(schema.minLength ?? 0, 'X');
}

/** Sets the value at a path inside a JSON value, creating objects and arrays on the way; OMIT deletes. */
export function setAt(target: unknown, at: (string | number)[], value: unknown, omit: symbol): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  const container = (
    typeof head === 'number'
      ? Array.isArray(target)
        ? [...target]
        : []
      : typeof target === 'object' && target !== null && !Array.isArray(target)
        ? { ...(target as Record<string, unknown>) }
        : {}
  ) as Record<string | number, unknown>;
  if (rest.length === 0 && value === omit) {
    delete container[head!];
    return container;
  }
  container[head!] = setAt(container[head!], rest, value, omit);
  return container;
}
