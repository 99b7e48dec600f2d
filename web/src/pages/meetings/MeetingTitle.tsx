import { useTrackLookup } from '../../api/hooks';
import type { Meeting } from '../../api/meetings';
import { useT } from '../../i18n';

/** 月度销售督导会 or «track»赛道周会. */
export function useMeetingName(): (meeting: Pick<Meeting, 'type' | 'trackId'>) => string {
  const t = useT();
  const tracks = useTrackLookup().data ?? [];
  return (meeting) => {
    if (meeting.type === 'supervision') return t('meetings.type.supervision');
    const track = tracks.find((x) => x.id === meeting.trackId);
    return t('meetings.weeklyOf', { track: track?.name ?? '…' });
  };
}
