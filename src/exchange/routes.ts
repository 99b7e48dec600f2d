import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { AppError } from '../http/errors.js';
import { localeOf } from '../http/locale.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { closeMonth } from './close.js';
import {
  CloseMonthRequest,
  CloseMonthResult,
  EXCHANGE_KINDS,
  type ExchangeKind,
  MAX_BATCH_BYTES,
  MAX_ROWS_PER_BATCH,
  RunListQuery,
  RunPage,
  WriteBackResult,
} from './contract.js';
import { authorizeKind } from './opportunities.js';
import { listRuns, presentRun } from './runs.js';
import { writeBack } from './write-back.js';

const tags = ['exchange'];

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  const text = String(key);
  if (text.length < 1 || text.length > 200) {
    throw new AppError('validation_failed', 400, {}, [
      { field: 'Idempotency-Key', reason: 'maxLength', params: { limit: 200 } },
    ]);
  }
  return text;
}

export function registerExchangeRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;

  app.post(
    '/api/v1/exchange/:kind',
    {
      // The admin's (`exchange.write`), except `opportunities`: AMs and directors for their own scope.
      config: { auth: 'authenticated' },
      preValidation: authorizeKind((request) => (request.params as { kind?: unknown }).kind),
      bodyLimit: MAX_BATCH_BYTES,
      schema: {
        tags,
        params: Type.Object({ kind: Type.Union(EXCHANGE_KINDS.map((k) => Type.Literal(k))) }),
        body: Type.Object({ rows: Type.Array(Type.Unknown()) }, { additionalProperties: false }),
        response: { 200: WriteBackResult, ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { rows } = request.body;
      if (rows.length > MAX_ROWS_PER_BATCH)
        throw new AppError('too_many_rows', 413, { limit: MAX_ROWS_PER_BATCH, rows: rows.length });
      const key = idempotencyKeyOf(request);
      const idem = key
        ? { caller: `${actor.kind}:${actor.id}`, key, body: { kind: request.params.kind, rows: request.body.rows } }
        : undefined;
      const input = {
        kind: request.params.kind as ExchangeKind,
        rows: request.body.rows,
        actor,
        via: 'api' as const,
        now: clock.now(),
        timeZone: deps.config.timeZone,
      };
      const answer = await writeBack(db, input, idem);
      if (answer.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(200).send(answer.body);
    },
  );

  app.post(
    '/api/v1/exchange/close',
    {
      config: { auth: 'exchange.write' },
      schema: {
        tags,
        body: CloseMonthRequest,
        response: { 200: CloseMonthResult, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return closeMonth(db, request.body, actor, clock.now());
    },
  );

  app.get(
    '/api/v1/exchange/runs',
    {
      config: { auth: 'exchange.read' },
      schema: {
        tags,
        querystring: RunListQuery,
        response: { 200: RunPage, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit: asked, cursor, ...filter } = request.query;
      const limit = asked ?? DEFAULT_LIMIT;
      const rows = await listRuns(db, decodeCursor(cursor), limit, filter, deps.config.timeZone);
      const page = pageOf(rows, limit);
      return {
        items: page.items.map((run) => presentRun(run, localeOf(request.headers['accept-language']))),
        nextCursor: page.nextCursor,
      };
    },
  );
}
