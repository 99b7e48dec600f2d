import { Type } from 'typebox';
import { Body, Instant } from '../http/schemas.js';

/** The fake clock and due jobs (SPEC §8, only with --fake-clock). No server imports: tests and web import this too. */
export const SetClockRequest = Body({ now: Instant });
export const ClockAnswer = Type.Object({ now: Instant });
export const RunDueAnswer = Type.Object({
  ran: Type.Array(Type.Object({ job: Type.String(), periodKey: Type.String() })),
});
