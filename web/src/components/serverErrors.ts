import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts a server error next to the fields its details name; returns the message still to show
 * elsewhere (null when every detail landed on a field of this form).
 */
export function applyServerError(form: FormInstance, error: unknown, fieldNames: string[]): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const onFields = error.details.filter((detail) => detail.field && fieldNames.includes(detail.field));
  // Details about fields this form does not show still say why (issue 13, item 3): never a bare "invalid data".
  const elsewhere = error.details.filter((detail) => !onFields.includes(detail) && detail.reason);
  const message = elsewhere.length
    ? `${error.message}：${[...new Set(elsewhere.map((detail) => detail.reason))].join('；')}`
    : error.message;
  if (onFields.length === 0) return message;
  // the server localises each detail's reason (Accept-Language), so it can stand next to its field
  form.setFields(
    onFields.map((detail) => ({
      name: detail.field as string,
      errors: [detail.reason || error.message],
    })),
  );
  return onFields.length === error.details.length ? null : message;
}

export const isStaleVersion = (error: unknown): boolean => error instanceof ApiError && error.status === 412;

/** Codes and usernames as the server accepts them (org contract). */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
