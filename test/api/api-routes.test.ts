import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  API_ROUTES,
  type Method,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiSchema,
} from '../support/api-routes.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The typed test client reads each answer through test/support/api-routes.ts. That map is written by hand,
 * so it is held here against the OpenAPI document the server serves: every JSON operation is in it, every
 * entry is served, 204 answers are the map's NO_CONTENT, and each entry's schema has the documented
 * success answer's properties. A route added, removed or given another answer without the map fails here.
 */

const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const isJson = (type: string) => /^application\/(.+\+)?json$/.test(type);

type Documented = { status: string; schema: OpenApiSchema | undefined };

/** `METHOD /path/:param` → its success answer, for the operations that answer JSON (or nothing, 204). */
function jsonOperations(doc: OpenApiDocument): { json: Map<string, Documented>; files: string[] } {
  const json = new Map<string, Documented>();
  const files: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation: OpenApiOperation | undefined = item[method.toLowerCase() as Lowercase<Method>];
      if (!operation) continue;
      const key = `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(success, `${key} documents one success answer`).toHaveLength(1);
      const [status, answer] = success[0]!;
      const types = Object.keys(answer.content ?? {});
      if (status !== '204' && types.some((type) => !isJson(type))) {
        files.push(key);
        continue;
      }
      json.set(key, { status, schema: status === '204' ? undefined : answer.content?.['application/json']?.schema });
    }
  }
  return { json, files };
}

/** The names of an object schema's top-level properties (an intersection's parts together; a list's items). */
function propertyNames(schema: OpenApiSchema | undefined): string[] {
  if (!schema) return [];
  if (schema.items) return propertyNames(schema.items);
  const own = Object.keys(schema.properties ?? {});
  return [...new Set([...own, ...(schema.allOf ?? []).flatMap(propertyNames)])].sort();
}

describeWithDatabase('the typed test client’s route map matches the served OpenAPI document', () => {
  let t: TestApp;
  let documented: ReturnType<typeof jsonOperations>;
  const mapped = Object.keys(API_ROUTES) as (keyof typeof API_ROUTES)[];
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.anonymous().get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    documented = jsonOperations(res.body as OpenApiDocument);
  });
  afterAll(() => t.close());

  test('every JSON operation of the document is in the map, and every entry of the map is served', () => {
    expect(documented.json.size).toBeGreaterThan(50);
    const missing = [...documented.json.keys()].filter((key) => !(key in API_ROUTES));
    expect(missing, 'operations to add to test/support/api-routes.ts').toEqual([]);
    const stale = mapped.filter((key) => !documented.json.has(key));
    expect(stale, 'entries of test/support/api-routes.ts the server does not serve as JSON').toEqual([]);
    // the file answers (XLSX, iCalendar) are read as bytes or text, not through the map
    expect(documented.files.length).toBeGreaterThan(0);
    for (const key of documented.files) expect(key in API_ROUTES, key).toBe(false);
  });

  test('NO_CONTENT is exactly the 204 answers, and each entry has the documented answer’s properties', () => {
    for (const key of mapped) {
      const served = documented.json.get(key);
      if (!served) continue; // reported by the test above
      const schema = API_ROUTES[key];
      expect(schema === null, `${key}: NO_CONTENT ⇔ 204 (documented ${served.status})`).toBe(served.status === '204');
      if (schema === null) continue;
      expect(propertyNames(schema as OpenApiSchema), key).toEqual(propertyNames(served.schema));
    }
  });
});
