/** Session lifetime rules (SPEC §11, foundation issue): idle timeout and absolute lifetime. */
export type SessionPolicy = { idleMinutes: number; maxDays: number };

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date };

export function sessionExpiry(createdAt: Date, policy: SessionPolicy): Date {
  return new Date(createdAt.getTime() + policy.maxDays * 86_400_000);
}

/** A session is alive until its absolute expiry and while it was used within the idle timeout. */
export function isSessionAlive(session: SessionTimes, policy: SessionPolicy, now: Date): boolean {
  const idleLimit = session.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  return now < session.expiresAt && now.getTime() < idleLimit;
}

// Writing last_seen_at on every request would turn every read into a write; a minute's precision is
// plenty against an idle timeout measured in hours.
export const LAST_SEEN_PRECISION_MS = 60_000;

export function needsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS;
}

/** Failed sign-ins allowed within the window, per username and per address (SPEC §11). */
export type LoginLimits = { windowMinutes: number; perUsername: number; perAddress: number };

export function isLoginBlocked(failures: { byUsername: number; byAddress: number }, limits: LoginLimits): boolean {
  return failures.byUsername >= limits.perUsername || failures.byAddress >= limits.perAddress;
}
