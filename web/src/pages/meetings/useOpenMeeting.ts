import { useMemo } from 'react';
import { type Meeting, useMeetings } from '../../api/meetings';
import { useMe } from '../../auth/session';
import { serverNow } from '../../lib/serverClock';
import { chairs, entryOnTime } from './meetingRules';

const DAY = 86_400_000;

/**
 * On the board page: the meeting the user is chairing now (started, entry still on time), so 发起任务
 * works from the board itself; null when there is none (late entries go through the meeting page).
 */
export function useOpenMeeting(enabled: boolean): Meeting | null {
  const user = useMe().data?.user;
  const chairing = enabled && !!user && ['ceo', 'secretary', 'director'].includes(user.role);
  const range = useMemo(() => {
    const now = serverNow();
    return { from: new Date(now - 2 * DAY).toISOString(), to: new Date(now + 60_000).toISOString() };
  }, []);
  const list = useMeetings({
    ...range,
    ...(user?.role === 'director' ? { type: 'weekly' as const, trackId: user.trackId ?? undefined } : {}),
    ...(user && user.role !== 'director' ? { type: 'supervision' as const } : {}),
  });
  if (!chairing || !user) return null;
  const now = serverNow();
  const open = (list.data ?? []).filter((m) => chairs(user, m) && entryOnTime(m, now));
  return open.at(-1) ?? null;
}
