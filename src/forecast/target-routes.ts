import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { errors } from '../http/schemas.js';
import { requireActor } from '../org/auth-plugin.js';
import { lockBaseline, readBaseline } from './baseline.js';
import { Baseline, Overview, Targets, TargetsQuery, TargetVersions, YearParams, YearQuery } from './contract.js';
import { ledgerVersions, readTargets } from './ledger.js';
import { readOverview } from './overview.js';

const tags = ['forecast'];

/** 承接基准, the opportunity target ledger and the CEO's overview (SPEC §6.2, §6.6, §9.1). */
export function registerTargetRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock, config } = deps;

  app.get(
    '/api/v1/baselines/:year',
    {
      config: { auth: 'forecast.read' },
      schema: { tags, params: YearParams, response: { 200: Baseline, ...errors(400, 401, 403) } },
    },
    async (request) => readBaseline(db, request.params.year, requireActor(request)),
  );

  app.post(
    '/api/v1/baselines/:year/lock',
    {
      config: { auth: 'forecast.baseline.lock' },
      schema: { tags, params: YearParams, response: { 200: Baseline, ...errors(400, 401, 403, 409) } },
    },
    async (request) => {
      const actor = requireActor(request);
      await lockBaseline(db, request.params.year, { actor, now: clock.now() });
      return readBaseline(db, request.params.year, actor);
    },
  );

  app.get(
    '/api/v1/targets',
    {
      config: { auth: 'forecast.read' },
      schema: { tags, querystring: TargetsQuery, response: { 200: Targets, ...errors(400, 401, 403) } },
    },
    async (request) => {
      const { year, version, asOf } = request.query;
      return readTargets(
        db,
        year,
        { ...(version ? { version } : {}), ...(asOf ? { asOf } : {}) },
        requireActor(request),
      );
    },
  );

  app.get(
    '/api/v1/forecast/overview',
    {
      config: { auth: 'forecast.overview' },
      schema: { tags, querystring: YearQuery, response: { 200: Overview, ...errors(400, 401, 403) } },
    },
    async (request) => readOverview(db, request.query.year, requireActor(request), clock.now(), config.timeZone),
  );

  app.get(
    '/api/v1/targets/versions',
    {
      config: { auth: 'forecast.read' },
      schema: { tags, querystring: YearQuery, response: { 200: TargetVersions, ...errors(400, 401, 403) } },
    },
    async (request) => ledgerVersions(db, request.query.year),
  );
}
