// The API's answers by route, typed from the same TypeBox contracts the server answers through, so a test
// reads `res.body` as the route's success shape. A URL the map cannot place (built from a variable) is
// `unknown`: narrow it with `as Response<…>` or assert with toMatchObject.
import type { Static, TSchema } from 'typebox';
import type { Quarterly } from '../../src/analytics/contract.js';
import type { Board, Drilldown, ExplanationList, ThresholdList, Trend } from '../../src/board/contract.js';
import type { CalendarToken, CalendarTokenStatus } from '../../src/calendar/contract.js';
import type { CloseMonthResult, RunPage, WriteBackResult } from '../../src/exchange/contract.js';
import type { ErrorBody, Page } from '../../src/http/schemas.js';
import type { ClockAnswer, RunDueAnswer } from '../../src/jobs/contract.js';
import type { Meeting, MeetingList, Series } from '../../src/meetings/contract.js';
import type { ChannelSettings, Delivery, DeliveryPage } from '../../src/notifications/channels/contract.js';
import type { Notification, NotificationPage, ReadAllResult } from '../../src/notifications/contract.js';
import type {
  ApiKeyList,
  CreatedApiKey,
  Customer,
  HistoryPage,
  LoginResponse,
  Me,
  Track,
  User,
} from '../../src/org/contract.js';
import type { ProgressEntry, Project, ProjectDetail } from '../../src/projects/contract.js';
import type { OpeningReport } from '../../src/reports/contract.js';
import type { Task, TaskDetail } from '../../src/tasks/contract.js';
import type { ThresholdProposal } from '../../src/thresholds/contract.js';

type S<T extends TSchema> = Static<T>;
type PageOf<T extends TSchema> = S<ReturnType<typeof Page<T>>>;
/** 204 answers have no body; the client reads it as null. */
type NoContent = null;

/** `METHOD /path/:param` → the body of its success answer. */
export type ApiRoutes = {
  'POST /api/v1/auth/login': S<typeof LoginResponse>;
  'POST /api/v1/auth/logout': NoContent;
  'GET /api/v1/me': S<typeof Me>;
  'POST /api/v1/me/password': NoContent;
  'GET /api/v1/me/calendar-token': S<typeof CalendarTokenStatus>;
  'POST /api/v1/me/calendar-token': S<typeof CalendarToken>;
  'DELETE /api/v1/me/calendar-token': NoContent;
  'GET /api/v1/tracks': PageOf<typeof Track>;
  'POST /api/v1/tracks': S<typeof Track>;
  'GET /api/v1/tracks/:id': S<typeof Track>;
  'PATCH /api/v1/tracks/:id': S<typeof Track>;
  'GET /api/v1/users': PageOf<typeof User>;
  'POST /api/v1/users': S<typeof User>;
  'GET /api/v1/users/:id': S<typeof User>;
  'PATCH /api/v1/users/:id': S<typeof User>;
  'GET /api/v1/customers': PageOf<typeof Customer>;
  'POST /api/v1/customers': S<typeof Customer>;
  'GET /api/v1/customers/:id': S<typeof Customer>;
  'PATCH /api/v1/customers/:id': S<typeof Customer>;
  'GET /api/v1/admin/api-keys': S<typeof ApiKeyList>;
  'POST /api/v1/admin/api-keys': S<typeof CreatedApiKey>;
  'DELETE /api/v1/admin/api-keys/:id': NoContent;
  'GET /api/v1/history': S<typeof HistoryPage>;
  'POST /api/v1/admin/clock': S<typeof ClockAnswer>;
  'POST /api/v1/admin/jobs/run-due': S<typeof RunDueAnswer>;
  'GET /api/v1/board': S<typeof Board>;
  'GET /api/v1/board/drilldown': S<typeof Drilldown>;
  'GET /api/v1/board/trend': S<typeof Trend>;
  'GET /api/v1/board/explanations': S<typeof ExplanationList>;
  'PUT /api/v1/board/explanations': S<typeof ExplanationList>;
  'GET /api/v1/thresholds': S<typeof ThresholdList>;
  'GET /api/v1/meetings': S<typeof MeetingList>;
  'GET /api/v1/meetings/:id': S<typeof Meeting>;
  'PATCH /api/v1/meetings/:id': S<typeof Meeting>;
  'POST /api/v1/meetings/:id/cancel': S<typeof Meeting>;
  'GET /api/v1/series/:id': S<typeof Series>;
  'PATCH /api/v1/series/:id': S<typeof Series>;
  'GET /api/v1/meetings/:id/opening-report': S<typeof OpeningReport>;
  'POST /api/v1/meetings/:id/opening-report': S<typeof OpeningReport>;
  'POST /api/v1/tasks': S<typeof Task>;
  'GET /api/v1/tasks': PageOf<typeof Task>;
  'GET /api/v1/tasks/:id': S<typeof TaskDetail>;
  'PATCH /api/v1/tasks/:id': S<typeof Task>;
  'POST /api/v1/tasks/:id/complete': S<typeof Task>;
  'POST /api/v1/tasks/:id/extend': S<typeof Task>;
  'POST /api/v1/tasks/:id/reassign': S<typeof Task>;
  'POST /api/v1/tasks/:id/close': S<typeof Task>;
  'POST /api/v1/tasks/:id/confirm': S<typeof Task>;
  'POST /api/v1/tasks/:id/reopen': S<typeof Task>;
  'POST /api/v1/tasks/:id/redispatch': S<typeof Task>;
  'GET /api/v1/projects': PageOf<typeof Project>;
  'POST /api/v1/projects': S<typeof Project>;
  'GET /api/v1/projects/:id': S<typeof ProjectDetail>;
  'PATCH /api/v1/projects/:id': S<typeof Project>;
  'POST /api/v1/projects/:id/progress': S<typeof ProgressEntry>;
  'GET /api/v1/threshold-proposals': PageOf<typeof ThresholdProposal>;
  'POST /api/v1/threshold-proposals': S<typeof ThresholdProposal>;
  'GET /api/v1/threshold-proposals/:id': S<typeof ThresholdProposal>;
  'POST /api/v1/threshold-proposals/:id/approve': S<typeof ThresholdProposal>;
  'POST /api/v1/threshold-proposals/:id/reject': S<typeof ThresholdProposal>;
  'GET /api/v1/analytics/quarterly': S<typeof Quarterly>;
  'GET /api/v1/notifications': S<typeof NotificationPage>;
  'POST /api/v1/notifications/:id/read': S<typeof Notification>;
  'POST /api/v1/notifications/read-all': S<typeof ReadAllResult>;
  'GET /api/v1/admin/deliveries': S<typeof DeliveryPage>;
  'GET /api/v1/admin/notification-channels': S<typeof ChannelSettings>;
  'POST /api/v1/admin/deliveries/:id/retry': S<typeof Delivery>;
  'POST /api/v1/exchange/:kind': S<typeof WriteBackResult>;
  'POST /api/v1/exchange/close': S<typeof CloseMonthResult>;
  'POST /api/v1/exchange/upload': S<typeof WriteBackResult>;
  'GET /api/v1/exchange/runs': S<typeof RunPage>;
};

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/**
 * The error shape every route answers its 4xx in (SPEC §9), as a test reads it: `details` present (a test
 * that reads them asserts them).
 */
export type ApiError = Required<Static<typeof ErrorBody>['error']>;

/**
 * A success body as a test reads it: arrays indexed without `| undefined` at [0] (the assertions that read an
 * item assert the list first; an empty one fails the test all the same).
 */
export type TestView<T> = T extends readonly (infer E)[]
  ? [TestView<E>, ...TestView<E>[]]
  : T extends object
    ? { [K in keyof T]: TestView<T[K]> }
    : T;

type PathOf<U extends string> = U extends `${infer P}?${string}` ? P : U;
type Segments<S extends string> = S extends `${infer H}/${infer R}` ? [H, ...Segments<R>] : [S];
type SegmentMatches<P extends string, U extends string> = P extends `:${string}`
  ? U extends ''
    ? false
    : true
  : [U] extends [P]
    ? true
    : false;
type Matches<P extends string[], U extends string[]> = P extends [infer PH extends string, ...infer PR extends string[]]
  ? U extends [infer UH extends string, ...infer UR extends string[]]
    ? SegmentMatches<PH, UH> extends true
      ? Matches<PR, UR>
      : false
    : false
  : U extends []
    ? true
    : false;
type RoutesOf<M extends Method> = Extract<keyof ApiRoutes, `${M} ${string}`>;
type PatternOf<K> = K extends `${string} ${infer P}` ? P : never;
type ByPattern<M extends Method, P extends string> = {
  [K in RoutesOf<M>]: Matches<Segments<PatternOf<K>>, Segments<P>> extends true ? ApiRoutes[K] : never;
}[RoutesOf<M>];

/** The success body of `METHOD url` (query strings ignored; a literal route wins over one with a parameter). */
export type ResponseOf<M extends Method, U extends string> = string extends U
  ? unknown
  : `${M} ${PathOf<U>}` extends keyof ApiRoutes
    ? TestView<ApiRoutes[`${M} ${PathOf<U>}`]>
    : [ByPattern<M, PathOf<U>>] extends [never]
      ? unknown
      : TestView<ByPattern<M, PathOf<U>>>;
