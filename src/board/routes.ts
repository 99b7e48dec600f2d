import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { localeOf } from '../http/locale.js';
import { errors } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { customerScope } from '../org/permissions.js';
import { presentThresholds } from '../thresholds/presenter.js';
import { bandHistory, currentMonth } from '../thresholds/store.js';
import { boardMemo, readBoard } from './cache.js';
import {
  Board,
  BoardQuery,
  type DimensionNo,
  Drilldown,
  DrilldownQuery,
  ExplanationList,
  ExplanationsQuery,
  PutExplanations,
  ThresholdList,
  Trend,
  TrendQuery,
} from './contract.js';
import { drilldown } from './drilldown.js';
import { listExplanations, putExplanations } from './explanations.js';
import { UNLINKED } from './opportunity-drilldown.js';
import { boardTrend } from './trend.js';

const tags = ['board'];

export function registerBoardRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;
  const memo = boardMemo();

  app.get(
    '/api/v1/board',
    {
      config: { auth: 'board.read' },
      schema: { tags, querystring: BoardQuery, response: { 200: Board, ...errors(400, 401, 403) } },
    },
    async (request) => readBoard(db, request.query.month, request.query.view ?? 'month', memo),
  );

  app.get(
    '/api/v1/board/drilldown',
    {
      config: { auth: 'board.read' },
      schema: { tags, querystring: DrilldownQuery, response: { 200: Drilldown, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const q = request.query;
      const result = await drilldown(
        db,
        { ...q, no: q.no as DimensionNo, view: q.view ?? 'month' },
        customerScope(requireActor(request)),
      );
      const en = localeOf(request.headers['accept-language']) === 'en';
      const names: Record<string, string> = {
        unassigned: en ? 'Not assigned below' : '未分配到下级',
        unlinked: en ? UNLINKED.en : UNLINKED.zh,
      };
      return { ...result, rows: result.rows.map((r) => (names[r.id] ? { ...r, name: names[r.id]! } : r)) };
    },
  );

  app.get(
    '/api/v1/board/trend',
    {
      config: { auth: 'board.read' },
      schema: { tags, querystring: TrendQuery, response: { 200: Trend, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const q = request.query;
      return boardTrend(db, { ...q, no: q.no as DimensionNo, view: q.view ?? 'month' }, memo);
    },
  );

  app.get(
    '/api/v1/board/explanations',
    {
      config: { auth: 'board.read' },
      schema: {
        tags,
        querystring: ExplanationsQuery,
        response: { 200: ExplanationList, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      items: await listExplanations(db, request.query.month, request.query.trackId),
    }),
  );

  app.put(
    '/api/v1/board/explanations',
    {
      config: { auth: 'board.explain' },
      schema: {
        tags,
        querystring: ExplanationsQuery,
        body: PutExplanations,
        response: { 200: ExplanationList, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => ({
      items: await putExplanations(
        db,
        { ...request.query, items: request.body.items },
        requireActor(request),
        clock.now(),
      ),
    }),
  );

  const thresholds = { tags, response: { 200: ThresholdList, ...errors(401, 403) } };
  app.get('/api/v1/thresholds', { config: { auth: 'board.read' }, schema: thresholds }, async () =>
    // The bands in force this month — the month of the configured time zone, as every period (SPEC §3).
    presentThresholds(await bandHistory(db), currentMonth(clock.now(), config.timeZone)),
  );
}
