import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ROW_SCHEMAS } from '../../src/exchange/contract.js';
import { hashPassword } from '../../src/org/passwords.js';
import { users } from '../../src/org/schema.js';
import {
  type Field,
  fieldsOf,
  type Hints,
  type JsonSchema,
  kindOf,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  setAt,
  validOf,
} from '../support/fuzz/operations.js';
import {
  type Answer,
  describe as describeRequest,
  type FuzzRequest,
  send,
  violation,
} from '../support/fuzz/requests.js';
import { catalogueFor, OMIT, randomMalformed, wrongBodies } from '../support/fuzz/values.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeWithDatabase } from '../support/suites.js';
import { PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9: no input answers 5xx. Walks /api/v1/openapi.json and, for every operation, sends malformed
 * values for each path parameter, query parameter and body field — one at a time, the rest of the
 * request valid-looking — and whole bodies of the wrong shape, as a role that passes the operation's
 * permission check (so the input is really parsed). Every answer must be below 500, and every 4xx
 * must be `{error: {code, message, details?: [{field, reason}]}}`.
 *
 * Replay: the failure message prints FUZZ_SEED (default below) and fast-check's seed and path of each
 * failing field; `FUZZ_SEED=<n>` reruns the same values, `FUZZ_ONLY=<text>` the same values for only
 * the operations whose "METHOD /path" contains it (on data the skipped operations did not change), `FUZZ_SURVEY=1` lists every failing request instead of the first per
 * field, and `FUZZ_PROFILE=1` prints the time spent per operation.
 *
 * No operation is left out. Those that would spoil the rest of the run are undone instead: a session
 * ended by `/auth/logout` or `/me/password` is signed in again (resetting the password in the database
 * when the fuzzing changed it), and the fake clock is set back after every `/admin/clock`.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260909);
const ONLY = process.env.FUZZ_ONLY;
const SURVEY = process.env.FUZZ_SURVEY === '1';
/** Random values per field after its share of the catalogue; fixed, so a run is bounded. */
const RANDOM_RUNS_PER_FIELD = 1;
const RANDOM_BODIES = 1;

// In the order they are tried: the track's director and AM first (chairs and owners of the seeded
// objects), then the roles that see everything, then the rest.
const ROLES = ['director1', 'am1', 'admin', 'ceo', 'secretary', 'planner', 'key'] as const;
/** Roles enough to vary who calls; the probe stops there. */
const ROLES_PER_OPERATION = 3;
type Role = (typeof ROLES)[number];
const local = (day: string, hm: string) => `2026-${day}T${hm}:00+08:00`;
const NOW = local('03-09', '09:30');

/** A stable per-field seed from the run's seed, so FUZZ_ONLY replays the same values. */
function seedOf(...parts: string[]): number {
  let h = SEED | 0;
  for (const ch of parts.join('|')) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

describeWithDatabase('every operation of the OpenAPI document survives malformed input (issue 9)', () => {
  let t: TestApp;
  let ops: Operation[];
  const hints: Hints = {};
  const pathIds: Record<string, number> = {};
  const cookies = new Map<Role, string>();
  let apiKey = '';
  const allowed = new Map<string, Role[]>();
  const catalogues = new Map<string, unknown[]>();
  const bodyShares = new Map<string, number>();

  beforeAll(async () => {
    // Sign-in limits are not what is fuzzed here: thousands of refused sign-ins must not lock the roles out.
    t = await startTestApp({
      now: local('03-02', '08:00'),
      env: { CRM_LOGIN_MAX_FAILURES_PER_USER: '100000000', CRM_LOGIN_MAX_FAILURES_PER_ADDRESS: '100000000' },
    });
    const ids = await idsByCode(t);
    const admin = await t.as('admin');
    const w0302 = await meetingAt(admin, 'weekly', '2026-03-02T01:00:00.000Z', ids.T1);
    const w0309 = await meetingAt(admin, 'weekly', '2026-03-09T01:00:00.000Z', ids.T1);
    const weekly = (meetingId: number) => ({
      meetingId,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
    });
    await t.setNow(local('03-02', '09:30'));
    const escalated = await raise(await t.as('director1'), weekly(w0302.id));
    await t.setNow(local('03-09', '09:01'));
    expect((await (await t.as('admin')).post('/api/v1/admin/jobs/run-due')).status).toBe(200);
    await t.setNow(NOW);
    const director1 = await t.as('director1');
    const task = await raise(director1, weekly(w0309.id));
    const project = await director1.post('/api/v1/projects', { type: 'other', title: '交期改善', ownerId: ids.AM1 });
    const proposal = await director1.post('/api/v1/threshold-proposals', {
      no: 1,
      red: 0.85,
      yellow: 0.95,
      reason: '下行',
    });
    const ceo = await t.as('ceo');
    const token = (await ceo.post('/api/v1/me/calendar-token')).body.token;
    const adminNow = await t.as('admin');
    const victim = await adminNow.post('/api/v1/users', {
      username: 'fuzz-victim',
      code: 'FUZZV',
      name: '被改的人',
      role: 'planner',
      password: PASSWORD,
    });
    const victimKey = await adminNow.post('/api/v1/admin/api-keys', { name: 'victim', scopes: ['integration'] });
    apiKey = (await adminNow.post('/api/v1/admin/api-keys', { name: 'ERP', scopes: ['integration'] })).body.key;
    const notification = (await (await t.as('am1')).get('/api/v1/notifications')).body.items[0];
    for (const res of [project, proposal, victim, victimKey]) expect(res.status).toBe(201);

    // Path ids by the collection they name; a collection not listed here gets the first id its list answers.
    Object.assign(pathIds, {
      tracks: ids.T2,
      users: victim.body.id,
      customers: (await adminNow.get('/api/v1/customers')).body.items[0]!.id,
      'api-keys': victimKey.body.id,
      meetings: w0309.id,
      series: w0309.seriesId,
      tasks: task.id,
      projects: project.body.id,
      'threshold-proposals': proposal.body.id,
      notifications: notification?.id ?? 1,
    });
    // Valid-looking values by field name: the seeded company's real ids and codes, and sound business values.
    Object.assign(hints, {
      trackId: ids.T1,
      amId: ids.AM1,
      directorId: ids.DIRECTOR1,
      ownerId: ids.AM1,
      subjectType: 'am',
      subjectId: ids.AM1,
      meetingId: w0309.id,
      projectId: project.body.id,
      entity: 'task',
      entityId: escalated.id,
      no: 1,
      dimension: 2,
      month: '2026-03',
      effectiveMonth: '2026-04',
      quarter: '2026-Q1',
      version: 1,
      limit: 10,
      cursor: OMIT,
      token,
      username: 'am2',
      password: PASSWORD,
      currentPassword: PASSWORD,
      role: 'am',
      active: true,
      dryRun: true,
      startsAt: '2026-03-09T03:00:00.000Z',
      endsAt: '2026-03-09T04:00:00.000Z',
      deadline: '2026-04-20T01:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
      from: '2026-03-01T00:00:00+08:00',
      to: '2026-04-01T00:00:00+08:00',
      now: new Date(NOW).toISOString(),
      source: 'ERP',
      customerCode: 'C1',
      trackCode: 'T1',
      amCode: 'AM1',
      amount: 100,
      cost: 60,
      balance: 100,
      year: 2026,
      red: 0.85,
      yellow: 0.95,
      nth: 1,
      weekday: 1,
      start: '09:00',
      end: '10:00',
    });

    const doc = (await adminNow.get('/api/v1/openapi.json')).body as OpenApiDocument;
    const all = expandExchangeKinds(operationsOf(doc));
    // Each field's share of the catalogue follows the walk over all operations, also under FUZZ_ONLY.
    all.forEach((op, i) => {
      for (const field of fieldsOf(op))
        catalogues.set(`${op.key} :: ${field.name}`, catalogueFor(kindOf(field.schema, field.name), field.in));
      bodyShares.set(op.key, i);
    });
    ops = all.filter((op) => !ONLY || op.key.includes(ONLY));
    for (const op of ops) {
      const m = /\/([^/]+)\/\{id\}/.exec(op.path);
      if (m && pathIds[m[1]!] === undefined) {
        const list = await adminNow.get(op.path.slice(0, op.path.indexOf('/{id}')));
        pathIds[m[1]!] = (list.body as { items?: { id: number }[] } | null)?.items?.[0]?.id ?? 1;
      }
    }
  }, 120_000);
  afterAll(() => t?.close());

  /**
   * The write-back rows are validated per kind after the body's schema, and the upload reads them from
   * a file the document does not describe: fuzz each kind's row fields, as JSON and as spreadsheet cells.
   */
  function expandExchangeKinds(list: Operation[]): Operation[] {
    return list.flatMap((op) => {
      if (op.path.endsWith('/exchange/upload') && op.parameters.some((p) => p.in === 'query' && p.name === 'kind'))
        return Object.entries(ROW_SCHEMAS).map(([kind, schema]) => ({
          ...op,
          key: `${op.key} [kind=${kind}]`,
          kindValue: kind,
          fileRow: schema as JsonSchema,
        }));
      const rows = op.body?.properties?.rows;
      const kindParam = op.parameters.find((p) => p.in === 'path' && p.name === 'kind');
      if (!rows || !kindParam || Object.keys(rows.items ?? {}).length > 0) return [op];
      return Object.entries(ROW_SCHEMAS).map(([kind, schema]) => ({
        ...op,
        key: `${op.key} [kind=${kind}]`,
        kindValue: kind,
        body: { ...op.body, properties: { ...op.body!.properties, rows: { ...rows, items: schema as JsonSchema } } },
      }));
    });
  }

  async function loginAs(role: Role): Promise<string> {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'http://crm.test', host: 'crm.test' },
        payload: { username: role, password: PASSWORD },
      });
    let res = await attempt();
    if (res.statusCode !== 200) {
      // A fuzzed `POST /me/password` may have changed the password, or signed the other sessions out.
      await t.database.db
        .update(users)
        .set({ passwordHash: await hashPassword(PASSWORD), mustChangePassword: false, active: true })
        .where(eq(users.username, role));
      res = await attempt();
    }
    if (res.statusCode !== 200) throw new Error(`cannot sign in as ${role}: ${res.statusCode} ${res.body}`);
    return String(res.headers['set-cookie']).split(';')[0]!;
  }

  async function authOf(role: Role): Promise<Record<string, string>> {
    if (role === 'key') return { authorization: `Bearer ${apiKey}` };
    let cookie = cookies.get(role);
    if (!cookie) {
      cookie = await loginAs(role);
      cookies.set(role, cookie);
    }
    return { cookie };
  }

  /** Sends a request; a session the fuzzing itself ended (logout, password change) is renewed and the request sent again. */
  async function exchange(req: FuzzRequest): Promise<Answer> {
    let answer = await send(t.app, req, await authOf(req.role as Role));
    const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
    if (answer.status === 401 && req.role !== 'key' && (code === 'session_expired' || code === 'unauthenticated')) {
      cookies.delete(req.role as Role);
      answer = await send(t.app, req, await authOf(req.role as Role));
    }
    // The fake-clock route is fuzzed like any other; an accepted odd instant must not move later requests.
    if (req.op.path.endsWith('/admin/clock')) await t.setNow(NOW);
    return answer;
  }

  /** The valid-looking request of an operation, as a role. */
  function soundRequest(op: Operation, role: Role): FuzzRequest {
    const path: Record<string, unknown> = {};
    const query: Record<string, unknown> = {};
    for (const p of op.parameters) {
      const collection = /\/([^/]+)\/\{id\}/.exec(op.path)?.[1];
      const value =
        p.in === 'path' && p.name === 'id' && collection
          ? pathIds[collection]
          : p.name === 'kind' && op.kindValue
            ? op.kindValue
            : validOf(p.schema, p.name, hints);
      (p.in === 'path' ? path : query)[p.name] = value;
    }
    let body: FuzzRequest['body'] = null;
    if (op.body) body = { json: validOf(op.body, '', hints) };
    else if (op.fileRow) {
      // Every third file is an XLSX (typed cells, another reader); the others CSV.
      const format = fileCount++ % 3 === 2 ? 'xlsx' : 'csv';
      const row = validOf(op.fileRow, '', hints) as Record<string, unknown>;
      body = { file: { name: `${op.kindValue}.${format}`, format, row } };
    }
    return { role, op, path, query, body };
  }
  let fileCount = 0;

  /** Malformed in one place: the field at `field.at` (path, query or body) set to `value`. */
  function malformed(op: Operation, role: Role, field: Field, value: unknown): FuzzRequest {
    const req = soundRequest(op, role);
    if (field.in === 'path') req.path[field.name] = value;
    else if (field.in === 'query') req.query[field.name] = value;
    else if (field.in === 'file' && req.body && 'file' in req.body) {
      const file = req.body.file;
      req.body = {
        file:
          field.at.length === 0
            ? { ...file, name: typeof value === 'string' ? value : (JSON.stringify(value) ?? '') }
            : { ...file, row: setAt(file.row, field.at, value, OMIT) as Record<string, unknown> },
      };
    } else req.body = { json: setAt(req.body && 'json' in req.body ? req.body.json : {}, field.at, value, OMIT) };
    return req;
  }

  /** Which roles pass the operation's permission check (the first few): a request stopped just after it (400), or 403. */
  async function rolesAllowed(op: Operation): Promise<Role[]> {
    const out: Role[] = [];
    for (const role of ROLES) {
      if (out.length === ROLES_PER_OPERATION) break;
      const req = soundRequest(op, role);
      const intPath = op.parameters.find((p) => p.in === 'path' && kindOf(p.schema, p.name) === 'integer');
      if (intPath) req.path[intPath.name] = 0;
      else if (op.body) req.body = { json: [] };
      const answer = await exchange(req);
      if (answer.status !== 403) out.push(role);
    }
    return out;
  }

  /** A failing request with what was wrong (or, for a failed property, fast-check's message) and how to replay it. */
  type Finding = { request: string; problem?: string; replay?: string };

  /** One fast-check property: `count` random values of `arb` after the `examples`, each sent as one request. */
  async function check(
    name: string,
    roles: Role[],
    examples: unknown[],
    arb: fc.Arbitrary<unknown>,
    count: number,
    build: (role: Role, value: unknown) => FuzzRequest,
    findings: Finding[],
  ): Promise<number> {
    let sent = 0;
    const seed = seedOf(name);
    const details = await fc.check(
      fc.asyncProperty(fc.constantFrom(...roles), arb, async (role, value) => {
        const req = build(role, value);
        sent++;
        const problem = violation(await exchange(req));
        if (!problem) return;
        if (SURVEY) findings.push({ request: describeRequest(req), problem });
        else throw new Error(`${describeRequest(req)}\n  ${problem}`);
      }),
      {
        seed,
        // fast-check counts the examples in numRuns: all of them, then `count` random values.
        numRuns: examples.length + count,
        endOnFailure: true,
        examples: examples.map((v, i) => [roles[i % roles.length]!, v]),
      },
    );
    if (details.failed) {
      const message = (details.errorInstance as Error | undefined)?.message ?? String(details.counterexample);
      findings.push({
        request: message,
        replay: `FUZZ_SEED=${SEED} FUZZ_ONLY='${name.split(' :: ')[0]}' (fast-check seed ${details.seed}, path "${details.counterexamplePath}")`,
      });
    }
    return sent;
  }

  test('every operation: each parameter and body field malformed in turn, and whole bodies of the wrong shape', async () => {
    expect(ops.length).toBeGreaterThan(0);
    const started = performance.now();
    const findings: Finding[] = [];
    const unreachable: string[] = [];
    let requests = 0;
    const timings: [string, number][] = [];
    for (const op of ops) {
      const opStarted = performance.now();
      let roles = allowed.get(op.key);
      if (!roles) {
        roles = await rolesAllowed(op);
        allowed.set(op.key, roles);
      }
      if (roles.length === 0) {
        unreachable.push(op.key);
        continue;
      }
      for (const field of fieldsOf(op)) {
        requests += await check(
          `${op.key} :: ${field.in}.${field.name}`,
          roles,
          catalogues.get(`${op.key} :: ${field.name}`)!,
          randomMalformed,
          RANDOM_RUNS_PER_FIELD,
          (role, value) => malformed(op, role, field, value),
          findings,
        );
      }
      if (op.method !== 'GET' && op.method !== 'DELETE')
        requests += await check(
          `${op.key} :: whole body`,
          roles,
          wrongBodies(bodyShares.get(op.key)!, op.body !== null),
          fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })),
          op.body ? RANDOM_BODIES : 0,
          (role, body) => ({ ...soundRequest(op, role), body: body as FuzzRequest['body'] }),
          findings,
        );
      timings.push([op.key, performance.now() - opStarted]);
    }
    if (process.env.FUZZ_PROFILE)
      console.info(
        timings
          .sort((a, b) => b[1] - a[1])
          .map(([k, ms]) => `${Math.round(ms)} ms ${k}`)
          .join('\n'),
      );
    const ms = performance.now() - started;
    console.info(`openapi fuzz: ${ops.length} operations, ${requests} requests in ${Math.round(ms)} ms, seed ${SEED}`);
    expect(unreachable, 'operations no role may call (the fuzz cannot reach their parsing)').toEqual([]);
    expect(
      findings.map((f) => [f.request, f.problem, f.replay && `replay: ${f.replay}`].filter(Boolean).join('\n  ')),
      `FUZZ_SEED=${SEED}`,
    ).toEqual([]);
  }, 600_000);
});
