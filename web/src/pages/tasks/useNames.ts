import { useTrackLookup, useUserLookup } from '../../api/hooks';
import type { Id } from '../../api/types';

/** Names of people and tracks by id (the organisation is small: one page each), "#id" until they load. */
export function useNames() {
  const users = useUserLookup({});
  const tracks = useTrackLookup();
  const people = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const trackNames = new Map((tracks.data ?? []).map((tr) => [tr.id, tr.name]));
  const user = (id: Id | null | undefined) => (id == null ? '' : (people.get(id) ?? `#${id}`));
  const track = (id: Id | null | undefined) => (id == null ? '' : (trackNames.get(id) ?? `#${id}`));
  /** A task's subject: the track, or the AM, of its board row. */
  const subject = (type: string, id: Id) => (type === 'am' ? user(id) : track(id));
  return { user, track, subject, tracks: tracks.data ?? [] };
}

export type Names = ReturnType<typeof useNames>;
