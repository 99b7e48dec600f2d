import { Type } from 'typebox';

export const MeetingListQuery = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  type: Type.Optional(Type.Union([Type.Literal('supervision'), Type.Literal('weekly')])),
  trackId: Type.Optional(Type.Integer({ minimum: 1 })),
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
});
