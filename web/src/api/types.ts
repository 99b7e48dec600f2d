// Shapes of the /api/v1 resources the web app reads (SPEC §9). Extra server fields are welcome.

/** Resource ids are integers on the wire. */
export type Id = number;

export type Role = 'ceo' | 'secretary' | 'director' | 'am' | 'admin' | 'planner';
export const ROLES: Role[] = ['ceo', 'secretary', 'director', 'am', 'admin', 'planner'];

export type BusinessLine = 'integrated' | 'commodity';
export const BUSINESS_LINES: BusinessLine[] = ['integrated', 'commodity'];

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'customers.read'
  | 'customers.write'
  | 'apikeys.manage'
  | 'history.read'
  | 'board.read'
  | 'board.explain'
  | 'exchange.write'
  | 'exchange.read'
  | 'meetings.read'
  | 'meetings.manage'
  | 'tasks.raise'
  | 'tasks.read'
  | 'tasks.decide'
  | 'projects.read'
  | 'projects.manage'
  | 'projects.progress'
  | 'thresholds.proposals.read'
  | 'thresholds.propose'
  | 'thresholds.decide'
  | 'analytics.read'
  | 'notifications.read'
  | 'deliveries.manage';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SessionUser {
  id: Id;
  username: string;
  code: string;
  name: string;
  role: Role;
  trackId: Id | null;
  trackName: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

export interface Me {
  user: SessionUser;
  permissions: string[];
  /** Which tasks the caller sees, decided by the server (src/tasks/scope.ts). */
  taskScope: 'all' | 'track_and_own' | 'own' | 'none';
}

export interface Track {
  id: Id;
  code: string;
  name: string;
  businessLine: BusinessLine;
  directorId: Id | null;
  directorName: string | null;
  version: number;
}

export interface User {
  id: Id;
  username: string;
  code: string;
  name: string;
  role: Role;
  trackId: Id | null;
  trackName?: string | null;
  active: boolean;
  email: string | null;
  version: number;
}

export interface Customer {
  id: Id;
  code: string;
  name: string;
  trackId: Id;
  trackName?: string | null;
  amId: Id;
  amName?: string | null;
  version: number;
}

export interface ApiKey {
  id: Id;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const API_KEY_SCOPES = ['integration'] as const;

export type HistoryEntity = 'track' | 'user' | 'customer';

export interface HistoryEntry {
  id: Id;
  action: string;
  actorId: Id | null;
  actorName: string | null;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}
