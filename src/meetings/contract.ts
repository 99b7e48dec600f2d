import { Type } from 'typebox';
import { Body, DateOrInstant } from '../http/schemas.js';

export const MeetingListQuery = Type.Object({
  from: DateOrInstant,
  to: DateOrInstant,
  type: Type.Optional(Type.Union([Type.Literal('supervision'), Type.Literal('weekly')])),
  trackId: Type.Optional(Type.Integer({ minimum: 1 })),
});

/**
 * What the caller may do with the meeting (rules in meetings/scope.ts and reports/scope.ts): move or
 * cancel it, raise tasks in it as its chair, make a new opening report version, attend it. The server
 * still checks.
 */
export const MeetingCan = Type.Object({
  manage: Type.Boolean(),
  raiseTasks: Type.Boolean(),
  regenerateReport: Type.Boolean(),
  /** One of the caller's meetings: they chair, attend or keep it (the list's 「我的会议」 default). */
  attend: Type.Boolean(),
});

export const Meeting = Type.Object({
  id: Type.Integer(),
  seriesId: Type.Integer(),
  type: Type.Union([Type.Literal('supervision'), Type.Literal('weekly')]),
  trackId: Type.Union([Type.Integer(), Type.Null()]),
  startsAt: Type.String(),
  endsAt: Type.String(),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  periodMonth: Type.String(),
  movedByHand: Type.Boolean(),
  version: Type.Integer(),
  can: MeetingCan,
});

/** The meetings of a range are few (a year is ~70): one page, no cursor. */
export const MeetingList = Type.Object({ items: Type.Array(Meeting), nextCursor: Type.Null() });

export const MoveMeetingRequest = Body({
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
});
export const CancelMeetingRequest = Body({ reason: Type.Optional(Type.String({ maxLength: 500 })) });

const HHMM = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });
export const Cadence = Type.Union([
  Body({
    kind: Type.Literal('monthly_nth_weekday'),
    nth: Type.Integer({ minimum: 1, maximum: 4 }),
    weekday: Type.Integer({ minimum: 0, maximum: 6 }),
    start: HHMM,
    end: HHMM,
  }),
  Body({ kind: Type.Literal('weekly'), weekday: Type.Integer({ minimum: 0, maximum: 6 }), start: HHMM, end: HHMM }),
]);
export const Series = Type.Object({
  id: Type.Integer(),
  type: Type.Union([Type.Literal('supervision'), Type.Literal('weekly')]),
  trackId: Type.Union([Type.Integer(), Type.Null()]),
  cadence: Cadence,
  version: Type.Integer(),
});
export const UpdateSeriesRequest = Body({ cadence: Cadence });
