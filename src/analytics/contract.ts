import { type Static, Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/** A fraction 0–1, or null when its denominator is 0. */
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const MeetingType = Type.Union([Type.Literal('supervision'), Type.Literal('weekly')]);

export const QuarterlyQuery = Type.Object({
  quarter: Type.String({ description: 'YYYY-Qn, e.g. 2026-Q2 (calendar months in the configured time zone)' }),
  type: Type.Optional(MeetingType),
  trackId: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type QuarterlyQueryDto = Static<typeof QuarterlyQuery>;

/** Tasks counted per dimension, "1" … "8". */
const ByDimension = Type.Record(Type.String(), Type.Integer());

export const OwnerRow = Type.Object({
  ownerId: Type.Integer(),
  name: Type.String(),
  raised: Type.Integer(),
  completed: Type.Integer(),
  closed: Type.Integer(),
  completionRate: Rate,
  onTime: Type.Integer(),
  extensions: Type.Integer(),
  reassignments: Type.Integer(),
});

/** A1 quarterly analysis (SPEC §4.6, §9). */
export const Quarterly = Type.Object({
  quarter: Type.String(),
  previousQuarter: Type.String(),
  type: Nullable(MeetingType),
  trackId: Nullable(Type.Integer()),
  from: Type.String(),
  to: Type.String(),
  measuredAt: Type.String(),
  raised: Type.Integer(),
  completed: Type.Integer(),
  closed: Type.Integer(),
  completionRate: Rate,
  onTime: Type.Integer(),
  onTimeRate: Rate,
  escalated: Type.Integer(),
  weeklyRaised: Type.Integer(),
  escalationRate: Rate,
  lateEntries: Type.Integer(),
  meanDaysToComplete: Nullable(Type.Number()),
  extensions: Type.Integer(),
  reassignments: Type.Integer(),
  extensionsPerTask: Nullable(Type.Number()),
  reassignmentsPerTask: Nullable(Type.Number()),
  goal: Type.Number(),
  byDimension: ByDimension,
  previousByDimension: ByDimension,
  owners: Type.Array(OwnerRow),
});
export type QuarterlyDto = Static<typeof Quarterly>;
export type OwnerRowDto = Static<typeof OwnerRow>;
