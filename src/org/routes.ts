import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../http/paging.js';
import { errors, IdParams, Page } from '../http/schemas.js';
import { expectedVersion } from '../http/versioning.js';
import { requireActor } from './auth-plugin.js';
import {
  CreateCustomerRequest,
  CreateTrackRequest,
  CreateUserRequest,
  Customer,
  CustomerListQuery,
  Track,
  UpdateCustomerRequest,
  UpdateTrackRequest,
  UpdateUserRequest,
  User,
  UserListQuery,
} from './contract.js';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customer-store.js';
import { customerScope } from './permissions.js';
import { presentCustomer, presentTrack, presentUser } from './presenter.js';
import { createTrack, getTrack, listTracks, updateTrack } from './track-store.js';
import { createUser, getUser, listUsers, updateUser } from './user-store.js';

export function registerOrgRoutes(fastify: FastifyInstance, deps: AppDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db, clock } = deps;

  app.get(
    '/api/v1/tracks',
    {
      config: { auth: 'org.read' },
      schema: {
        tags: ['organisation'],
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          cursor: Type.Optional(Type.String()),
        }),
        response: { 200: Page(Track), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const page = pageOf(await listTracks(db, decodeCursor(request.query.cursor), limit), limit);
      return { items: page.items.map(presentTrack), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/api/v1/tracks/:id',
    {
      config: { auth: 'org.read' },
      schema: { tags: ['organisation'], params: IdParams, response: { 200: Track, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      return presentTrack(await getTrack(db, request.params.id));
    },
  );
  app.post(
    '/api/v1/tracks',
    {
      config: { auth: 'org.write' },
      schema: {
        tags: ['organisation'],
        body: CreateTrackRequest,
        response: { 201: Track, ...errors(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(presentTrack(await createTrack(db, request.body, actor, clock.now())));
    },
  );
  app.patch(
    '/api/v1/tracks/:id',
    {
      config: { auth: 'org.write' },
      schema: {
        tags: ['organisation'],
        params: IdParams,
        body: UpdateTrackRequest,
        response: { 200: Track, ...errors(400, 401, 403, 404, 409, 412, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return presentTrack(
        await updateTrack(db, request.params.id, request.body, actor, clock.now(), expectedVersion(request)),
      );
    },
  );

  app.get(
    '/api/v1/users',
    {
      config: { auth: 'org.read' },
      schema: {
        tags: ['organisation'],
        querystring: UserListQuery,
        response: { 200: Page(User), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, ...filter } = request.query;
      const page = pageOf(await listUsers(db, filter, decodeCursor(cursor), limit), limit);
      return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/api/v1/users/:id',
    {
      config: { auth: 'org.read' },
      schema: { tags: ['organisation'], params: IdParams, response: { 200: User, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      return presentUser(await getUser(db, request.params.id));
    },
  );
  app.post(
    '/api/v1/users',
    {
      config: { auth: 'org.write' },
      schema: {
        tags: ['organisation'],
        body: CreateUserRequest,
        response: { 201: User, ...errors(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(presentUser(await createUser(db, request.body, actor, clock.now())));
    },
  );
  app.patch(
    '/api/v1/users/:id',
    {
      config: { auth: 'org.write' },
      schema: {
        tags: ['organisation'],
        params: IdParams,
        body: UpdateUserRequest,
        response: { 200: User, ...errors(400, 401, 403, 404, 409, 412, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const user = await updateUser(db, request.params.id, request.body, actor, clock.now(), expectedVersion(request));
      deps.sessionCache.forgetUser(user.id);
      return presentUser(user);
    },
  );

  app.get(
    '/api/v1/customers',
    {
      config: { auth: 'customers.read' },
      schema: {
        tags: ['organisation'],
        querystring: CustomerListQuery,
        response: { 200: Page(Customer), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit = DEFAULT_LIMIT, cursor, ...filter } = request.query;
      const page = pageOf(await listCustomers(db, customerScope(actor), filter, decodeCursor(cursor), limit), limit);
      return { items: page.items.map(presentCustomer), nextCursor: page.nextCursor };
    },
  );
  app.get(
    '/api/v1/customers/:id',
    {
      config: { auth: 'customers.read' },
      schema: { tags: ['organisation'], params: IdParams, response: { 200: Customer, ...errors(400, 401, 403, 404) } },
    },
    async (request) => {
      const actor = requireActor(request);
      return presentCustomer(await getCustomer(db, request.params.id, customerScope(actor)));
    },
  );
  app.post(
    '/api/v1/customers',
    {
      config: { auth: 'customers.write' },
      schema: {
        tags: ['organisation'],
        body: CreateCustomerRequest,
        response: { 201: Customer, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply.status(201).send(presentCustomer(await createCustomer(db, request.body, actor, clock.now())));
    },
  );
  app.patch(
    '/api/v1/customers/:id',
    {
      config: { auth: 'customers.write' },
      schema: {
        tags: ['organisation'],
        params: IdParams,
        body: UpdateCustomerRequest,
        response: { 200: Customer, ...errors(400, 401, 403, 404, 409, 412, 413, 415) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return presentCustomer(
        await updateCustomer(
          db,
          request.params.id,
          request.body,
          actor,
          clock.now(),
          expectedVersion(request),
          deps.config.timeZone,
        ),
      );
    },
  );
}
