import type { ApiRoutes } from './api-routes.js';
import type { Client, TestApp } from './test-app.js';

export type MeetingRow = {
  id: number;
  seriesId: number;
  type: string;
  trackId: number | null;
  startsAt: string;
  version: number;
};

/** Ids of the small organisation by code (T1, T2, AM1, DIRECTOR1, CEO …). */
export async function idsByCode(t: TestApp): Promise<Record<string, number>> {
  const admin = await t.as('admin');
  const tracks = (await admin.get('/api/v1/tracks')).body.items;
  const users = (await admin.get('/api/v1/users?limit=100')).body.items;
  return Object.fromEntries([...tracks, ...users].map((x) => [x.code, x.id]));
}

/** The meetings between two instants, as the calendar API lists them. */
export async function meetingsBetween(client: Client, from: string, to: string): Promise<MeetingRow[]> {
  const res = await client.get(`/api/v1/meetings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body.items;
}

/** The one meeting of a type (and track) starting at an instant. */
export async function meetingAt(client: Client, type: string, startsAt: string, trackId?: number): Promise<MeetingRow> {
  const at = new Date(startsAt).toISOString();
  const day = 86_400_000;
  const from = new Date(Date.parse(at) - day).toISOString();
  const to = new Date(Date.parse(at) + day).toISOString();
  const found = (await meetingsBetween(client, from, to)).find(
    (m) => m.type === type && m.startsAt === at && (trackId === undefined || m.trackId === trackId),
  );
  if (!found) throw new Error(`no ${type} meeting at ${at}`);
  return found;
}

/** Raises a task from board coordinates and returns it (fails the test on anything but 201). */
export async function raise(client: Client, body: Record<string, unknown>): Promise<ApiRoutes['POST /api/v1/tasks']> {
  const res = await client.post('/api/v1/tasks', body);
  if (res.status !== 201) throw new Error(`raise failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
