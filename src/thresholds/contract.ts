import { Type } from 'typebox';
import { Body, Month } from '../http/schemas.js';

/** A2 threshold proposals. No server imports: web/ imports this too. */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);
const Reason = Type.String({ minLength: 1, maxLength: 2000 });

/** Bands in the board's units: fractions for 1–6 (0.9 = 90 %), ‰ for 7, days for 8. */
export const ProposeRequest = Body({
  no: Type.Integer({ minimum: 1, maximum: 8 }),
  red: Type.Number({ minimum: 0 }),
  yellow: Type.Number({ minimum: 0 }),
  reason: Reason,
});

export const ApproveRequest = Body({ effectiveMonth: Month, reason: Type.Optional(Reason) });
export const RejectRequest = Body({ reason: Reason });

export const ProposalListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Status),
});

export const ThresholdProposal = Type.Object({
  id: Type.Integer(),
  no: Type.Integer(),
  red: Type.Number(),
  yellow: Type.Number(),
  reason: Type.String(),
  status: Status,
  proposedBy: Type.Integer(),
  proposedByName: Type.String(),
  proposedAt: Type.String(),
  decidedBy: Nullable(Type.Integer()),
  decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  effectiveMonth: Nullable(Type.String()),
  version: Type.Integer(),
  /** The bands in force this month, so the decision is made against them. */
  current: Nullable(Type.Object({ red: Type.Number(), yellow: Type.Number(), effectiveMonth: Type.String() })),
});
