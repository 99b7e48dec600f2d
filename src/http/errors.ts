import type { Bilingual } from './locale.js';
import { ENTITY_NAMES, type EntityName, type ErrorCode, type FieldReason } from './messages.js';

/** A refused field; `row` and `value` name the row of a write-back batch and what it sent. */
export type FieldError = {
  field: string;
  reason: FieldReason;
  params?: Record<string, unknown>;
  row?: number;
  value?: unknown;
};

/**
 * The one error type: a stable code, the HTTP status, message parameters and per-field details.
 * A parameter may be a Bilingual; the error handler picks the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly params: Record<string, unknown> = {},
    readonly details: FieldError[] = [],
    /** Response headers the error needs, e.g. `Retry-After` of a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const badRequest = (details: FieldError[]) => new AppError('validation_failed', 400, {}, details);
export const fieldError = (field: string, reason: FieldReason, params?: Record<string, unknown>) =>
  badRequest([{ field, reason, ...(params ? { params } : {}) }]);
/** 400 for one field the rules refuse, saying why in both languages. */
export const invalidField = (field: string, why: Bilingual) => fieldError(field, 'invalid', { why });
export const notFound = (entity: EntityName) => new AppError('not_found', 404, { entity: ENTITY_NAMES[entity] });
export const forbidden = (reason: Bilingual) => new AppError('forbidden', 403, { reason });
/** A business rule refuses the change, saying why in both languages. */
export const ruleViolation = (status: 409 | 422, reason: Bilingual, details: FieldError[] = []) =>
  new AppError('rule_violation', status, { reason }, details);
