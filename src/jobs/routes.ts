import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { errors } from '../http/schemas.js';
import { ClockAnswer, RunDueAnswer, SetClockRequest } from './contract.js';
import { JOBS } from './registry.js';
import { runDueJobs } from './scheduler.js';

/** SPEC §8: only registered when the server runs with --fake-clock; otherwise these paths are 404. */
export function registerFakeClockRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['admin'];

  app.post(
    '/api/v1/admin/clock',
    {
      config: { auth: 'clock.control' },
      schema: {
        tags,
        body: SetClockRequest,
        response: { 200: ClockAnswer, ...errors(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      const now = new Date(request.body.now);
      await deps.clock.set(now);
      return { now: now.toISOString() };
    },
  );

  app.post(
    '/api/v1/admin/jobs/run-due',
    {
      config: { auth: 'jobs.run' },
      schema: {
        tags,
        response: {
          200: RunDueAnswer,
          ...errors(401, 403),
        },
      },
    },
    async (request) => {
      return { ran: await runDueJobs(deps.db, JOBS, deps.clock.now(), { config: deps.config, log: request.log }) };
    },
  );
}
