import { useMemo } from 'react';
import { type Meeting, useMeetings } from '../../api/meetings';
import { useMe } from '../../auth/session';
import { serverNow } from '../../lib/serverClock';
import { entryOnTime } from './meetingRules';

const DAY = 86_400_000;

/**
 * On the board page: the meeting the user is chairing now (started, entry still on time), so 发起任务
 * works from the board itself; null when there is none (late entries go through the meeting page).
 */
export function useOpenMeeting(enabled: boolean): Meeting | null {
  const me = useMe().data;
  const chairing = enabled && !!me?.permissions.includes('tasks.raise');
  const range = useMemo(() => {
    const now = serverNow();
    return { from: new Date(now - 2 * DAY).toISOString(), to: new Date(now + 60_000).toISOString() };
  }, []);
  // Two days hold a handful of meetings; the server says which of them the user chairs.
  const list = useMeetings(range);
  if (!chairing) return null;
  const now = serverNow();
  const open = (list.data ?? []).filter((m) => m.can.raiseTasks && entryOnTime(m, now));
  return open.at(-1) ?? null;
}
