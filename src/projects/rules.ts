import { TZDate } from '@date-fns/tz';

// Who may see and change a project is in scope.ts; these are the project's other rules.
type Person = { active: boolean; role: string; trackId: number | null };

/** An owner is an active director, or an active AM of the project's track (a company-wide project has no AM owner). */
export function ownerFits(owner: Person | undefined, trackId: number | null): boolean {
  if (!owner?.active) return false;
  if (owner.role === 'director') return true;
  return owner.role === 'am' && trackId !== null && owner.trackId === trackId;
}

/** Today's date (YYYY-MM-DD) in the configured time zone. */
export function localDate(now: Date, timeZone: string): string {
  const local = new TZDate(now.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}
