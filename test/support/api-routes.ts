// The API's answers by route, typed from the same TypeBox contracts the server answers through, so a test
// reads `res.body` as the route's success shape. A URL the map cannot place (built from a variable of type
// string) is `unknown`: assert it with toMatchObject, or give the URL a literal type.
import type { Static, TSchema } from 'typebox';
import { Alert, AlertDetail, AlertPage } from '../../src/alerts/contract.js';
import { Quarterly } from '../../src/analytics/contract.js';
import { Board, Drilldown, ExplanationList, ThresholdList, Trend } from '../../src/board/contract.js';
import { CalendarToken, CalendarTokenStatus } from '../../src/calendar/contract.js';
import { CloseMonthResult, RunPage, WriteBackResult } from '../../src/exchange/contract.js';
import { ApsDelivery, ApsDeliveryPage, ApsQuotePage, ApsSettings } from '../../src/feeds/contract.js';
import { Accuracy, AccuracyConfigAnswer } from '../../src/forecast/accuracy-contract.js';
import {
  Baseline,
  Compliance,
  ForecastSettings,
  Opportunity,
  OpportunityDetail,
  OpportunityPage,
  Overview,
  Snapshot,
  SnapshotList,
  TargetRequest,
  TargetRequestPage,
  Targets,
  TargetVersions,
} from '../../src/forecast/contract.js';
import {
  CommodityAttainment,
  Flow,
  RemindResult,
  ReviewPack,
  ShipmentTracking,
  TrackPack,
} from '../../src/forecast-views/contract.js';
import { Health } from '../../src/http/health.js';
import { type ErrorBody, Page } from '../../src/http/schemas.js';
import { ClockAnswer, RunDueAnswer } from '../../src/jobs/contract.js';
import { Meeting, MeetingList, Series } from '../../src/meetings/contract.js';
import { ChannelSettings, Delivery, DeliveryPage } from '../../src/notifications/channels/contract.js';
import { Notification, NotificationPage, ReadAllResult } from '../../src/notifications/contract.js';
import {
  ApiKeyList,
  CreatedApiKey,
  Customer,
  HistoryPage,
  LoginResponse,
  Me,
  Track,
  User,
} from '../../src/org/contract.js';
import { ProgressEntry, Project, ProjectDetail } from '../../src/projects/contract.js';
import { OpeningReport, OpeningReportPreview } from '../../src/reports/contract.js';
import { Task, TaskDetail } from '../../src/tasks/contract.js';
import { ThresholdProposal } from '../../src/thresholds/contract.js';
import { SavedView, SavedViewList } from '../../src/views/contract.js';

/** 204 answers have no body; the client reads it as null. */
const NO_CONTENT = null;

/**
 * `METHOD /path/:param` → the schema of its success answer (`NO_CONTENT` for 204), the same schema the route
 * answers through. A runtime object so test/api/api-routes.test.ts can hold it against the served OpenAPI
 * document: every JSON operation is here and every entry is served.
 */
export const API_ROUTES = {
  'GET /api/v1/health': Health,
  'POST /api/v1/auth/login': LoginResponse,
  'POST /api/v1/auth/logout': NO_CONTENT,
  'GET /api/v1/me': Me,
  'POST /api/v1/me/password': NO_CONTENT,
  'GET /api/v1/me/calendar-token': CalendarTokenStatus,
  'POST /api/v1/me/calendar-token': CalendarToken,
  'DELETE /api/v1/me/calendar-token': NO_CONTENT,
  'GET /api/v1/me/views': SavedViewList,
  'POST /api/v1/me/views': SavedView,
  'DELETE /api/v1/me/views/:id': NO_CONTENT,
  'GET /api/v1/tracks': Page(Track),
  'POST /api/v1/tracks': Track,
  'GET /api/v1/tracks/:id': Track,
  'PATCH /api/v1/tracks/:id': Track,
  'GET /api/v1/users': Page(User),
  'POST /api/v1/users': User,
  'GET /api/v1/users/:id': User,
  'PATCH /api/v1/users/:id': User,
  'GET /api/v1/customers': Page(Customer),
  'POST /api/v1/customers': Customer,
  'GET /api/v1/customers/:id': Customer,
  'PATCH /api/v1/customers/:id': Customer,
  'GET /api/v1/admin/api-keys': ApiKeyList,
  'POST /api/v1/admin/api-keys': CreatedApiKey,
  'DELETE /api/v1/admin/api-keys/:id': NO_CONTENT,
  'GET /api/v1/history': HistoryPage,
  'POST /api/v1/admin/clock': ClockAnswer,
  'POST /api/v1/admin/jobs/run-due': RunDueAnswer,
  'GET /api/v1/board': Board,
  'GET /api/v1/board/drilldown': Drilldown,
  'GET /api/v1/board/trend': Trend,
  'GET /api/v1/board/explanations': ExplanationList,
  'PUT /api/v1/board/explanations': ExplanationList,
  'GET /api/v1/thresholds': ThresholdList,
  'GET /api/v1/meetings': MeetingList,
  'GET /api/v1/meetings/:id': Meeting,
  'PATCH /api/v1/meetings/:id': Meeting,
  'POST /api/v1/meetings/:id/cancel': Meeting,
  'GET /api/v1/series/:id': Series,
  'PATCH /api/v1/series/:id': Series,
  'GET /api/v1/meetings/:id/opening-report': OpeningReport,
  'POST /api/v1/meetings/:id/opening-report': OpeningReport,
  'GET /api/v1/meetings/:id/opening-report/preview': OpeningReportPreview,
  'POST /api/v1/tasks': Task,
  'GET /api/v1/tasks': Page(Task),
  'GET /api/v1/tasks/:id': TaskDetail,
  'PATCH /api/v1/tasks/:id': Task,
  'POST /api/v1/tasks/:id/complete': Task,
  'POST /api/v1/tasks/:id/extend': Task,
  'POST /api/v1/tasks/:id/reassign': Task,
  'POST /api/v1/tasks/:id/close': Task,
  'POST /api/v1/tasks/:id/confirm': Task,
  'POST /api/v1/tasks/:id/reopen': Task,
  'POST /api/v1/tasks/:id/redispatch': Task,
  'GET /api/v1/projects': Page(Project),
  'POST /api/v1/projects': Project,
  'GET /api/v1/projects/:id': ProjectDetail,
  'PATCH /api/v1/projects/:id': Project,
  'POST /api/v1/projects/:id/progress': ProgressEntry,
  'GET /api/v1/threshold-proposals': Page(ThresholdProposal),
  'POST /api/v1/threshold-proposals': ThresholdProposal,
  'GET /api/v1/threshold-proposals/:id': ThresholdProposal,
  'POST /api/v1/threshold-proposals/:id/approve': ThresholdProposal,
  'POST /api/v1/threshold-proposals/:id/reject': ThresholdProposal,
  'GET /api/v1/analytics/quarterly': Quarterly,
  'GET /api/v1/notifications': NotificationPage,
  'POST /api/v1/notifications/:id/read': Notification,
  'POST /api/v1/notifications/read-all': ReadAllResult,
  'GET /api/v1/admin/deliveries': DeliveryPage,
  'GET /api/v1/admin/notification-channels': ChannelSettings,
  'POST /api/v1/admin/deliveries/:id/retry': Delivery,
  'POST /api/v1/exchange/:kind': WriteBackResult,
  'POST /api/v1/exchange/close': CloseMonthResult,
  'POST /api/v1/exchange/upload': WriteBackResult,
  'GET /api/v1/exchange/runs': RunPage,
  'GET /api/v1/opportunities': OpportunityPage,
  'POST /api/v1/opportunities': OpportunityDetail,
  'GET /api/v1/opportunities/:id': OpportunityDetail,
  'PATCH /api/v1/opportunities/:id': Opportunity,
  'POST /api/v1/opportunities/:id/stage': Opportunity,
  'PUT /api/v1/opportunities/:id/forecast/:version': Opportunity,
  'GET /api/v1/forecast/settings': ForecastSettings,
  'PUT /api/v1/forecast/settings': ForecastSettings,
  'GET /api/v1/forecast/snapshots': SnapshotList,
  'GET /api/v1/forecast/snapshots/:month': Snapshot,
  'GET /api/v1/forecast/compliance': Compliance,
  'GET /api/v1/forecast/overview': Overview,
  'GET /api/v1/forecast/accuracy-config': AccuracyConfigAnswer,
  'PUT /api/v1/forecast/accuracy-config': AccuracyConfigAnswer,
  'GET /api/v1/forecast/accuracy': Accuracy,
  'GET /api/v1/forecast/flow': Flow,
  'GET /api/v1/forecast/review-pack': ReviewPack,
  'GET /api/v1/forecast/track-pack': TrackPack,
  'GET /api/v1/forecast/shipment-tracking': ShipmentTracking,
  'GET /api/v1/forecast/commodity-attainment': CommodityAttainment,
  'POST /api/v1/forecast/compliance/remind': RemindResult,
  'GET /api/v1/baselines/:year': Baseline,
  'POST /api/v1/baselines/:year/lock': Baseline,
  'GET /api/v1/targets': Targets,
  'GET /api/v1/targets/versions': TargetVersions,
  'GET /api/v1/target-requests': TargetRequestPage,
  'POST /api/v1/target-requests': TargetRequest,
  'GET /api/v1/target-requests/:id': TargetRequest,
  'POST /api/v1/target-requests/:id/approve': TargetRequest,
  'POST /api/v1/target-requests/:id/reject': TargetRequest,
  'POST /api/v1/target-requests/:id/withdraw': TargetRequest,
  'POST /api/v1/target-requests/:id/execute': TargetRequest,
  'GET /api/v1/alerts': AlertPage,
  'GET /api/v1/alerts/:id': AlertDetail,
  'POST /api/v1/alerts/:id/resolve': Alert,
  'POST /api/v1/alerts/:id/escalate': Alert,
  'POST /api/v1/alerts/:id/route': Alert,
  'GET /api/v1/feeds/aps-quotes': ApsQuotePage,
  'GET /api/v1/admin/aps-deliveries': ApsDeliveryPage,
  'GET /api/v1/admin/aps-settings': ApsSettings,
  'POST /api/v1/admin/aps-deliveries/:id/retry': ApsDelivery,
} as const satisfies Record<string, TSchema | null>;

/** `METHOD /path/:param` → the body of its success answer. */
export type ApiRoutes = {
  [K in keyof typeof API_ROUTES]: (typeof API_ROUTES)[K] extends TSchema ? Static<(typeof API_ROUTES)[K]> : null;
};

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** The error shape every route answers its 4xx in (SPEC §9): `{code, message, details?}`. */
export type ApiError = Static<typeof ErrorBody>['error'];
/** One finding of an error's `details`: the field, the reason, and for a refused row its row and value. */
export type ApiErrorDetail = NonNullable<ApiError['details']>[number];

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
    ? ApiRoutes[`${M} ${PathOf<U>}`]
    : [ByPattern<M, PathOf<U>>] extends [never]
      ? unknown
      : ByPattern<M, PathOf<U>>;

/** A JSON schema as the served OpenAPI document writes it, as far as the tests read one. */
export type OpenApiSchema = {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  allOf?: OpenApiSchema[];
  items?: OpenApiSchema;
};
/** One operation of the served document: its body and its answers by status. */
export type OpenApiOperation = {
  requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: OpenApiSchema }> }>;
};
/** `GET /api/v1/openapi.json` (hidden from itself, so not in API_ROUTES). */
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Partial<Record<Lowercase<Method>, OpenApiOperation>>>;
};
