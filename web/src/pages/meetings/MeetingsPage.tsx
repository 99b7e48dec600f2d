import { CalendarOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTrackLookup } from '../../api/hooks';
import { type Meeting, type MeetingType, useCancelMeeting, useMeetings } from '../../api/meetings';
import type { Id } from '../../api/types';
import { useMe } from '../../auth/session';
import { ListEmpty, ListError } from '../../components/ListStates';
import { FILTER_STYLE, PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { meetingWhen } from '../../lib/meetingTime';
import { serverNow } from '../../lib/serverClock';
import { useIsMobile } from '../../lib/useIsMobile';
import { CadenceModal } from './CadenceModal';
import { useMeetingName } from './MeetingTitle';
import { MoveMeetingModal } from './MoveMeetingModal';
import { phaseOf } from './meetingRules';

const DAY = 86_400_000;
const PHASE_COLORS = { upcoming: 'blue', live: 'green', ended: 'default', cancelled: 'red' } as const;

function useRange(when: 'upcoming' | 'past') {
  return useMemo(() => {
    const now = serverNow();
    return when === 'upcoming'
      ? { from: new Date(now - DAY).toISOString(), to: new Date(now + 62 * DAY).toISOString() }
      : { from: new Date(now - 120 * DAY).toISOString(), to: new Date(now).toISOString() };
  }, [when]);
}

/** 会议: the meetings of the series the user may see; move, cancel and cadence for those who keep them. */
export default function MeetingsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const user = useMe().data?.user;
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [type, setType] = useState<MeetingType | undefined>();
  const [trackId, setTrackId] = useState<Id | undefined>();
  const [moving, setMoving] = useState<Meeting | null>(null);
  const [cadenceOf, setCadenceOf] = useState<Id | null>(null);
  const range = useRange(when);
  const list = useMeetings({ ...range, type, trackId });
  const tracks = useTrackLookup().data ?? [];
  const name = useMeetingName();
  const isMobile = useIsMobile();
  const cancel = useCancelMeeting();
  const [reason, setReason] = useState('');
  if (!user) return null;
  const now = serverNow();
  // 我的会议 by default: the meetings the user chairs, attends or keeps (the server's `can.attend`); a
  // chosen track shows that track whatever the switch says. The supervision meeting comes first: it is
  // the one that is easy to lose among seven weekly meetings a week (issue 13, item 9).
  const shown = (m: Meeting) => scope === 'all' || trackId !== undefined || m.can.attend;
  const rows = (list.data ?? []).filter(shown);
  const byTime = when === 'past' ? [...rows].reverse() : rows;
  const ordered = [
    ...byTime.filter((m) => m.type === 'supervision'),
    ...byTime.filter((m) => m.type !== 'supervision'),
  ];
  // The series whose cadence the user keeps: the supervision one first (the admin keeps both).
  const all = list.data ?? [];
  const ownSeries = all.find((m) => m.can.manage && m.type === 'supervision') ?? all.find((m) => m.can.manage);

  const statusTags = (m: Meeting) => {
    const phase = phaseOf(m, now);
    const label =
      phase === 'upcoming' || phase === 'cancelled' ? `meetings.status.${m.status}` : `meetings.status.${phase}`;
    return (
      <Space size={4}>
        <Tag color={PHASE_COLORS[phase]}>{t(label as 'meetings.status.live')}</Tag>
        {m.movedByHand && <Tag>{t('meetings.moved')}</Tag>}
      </Space>
    );
  };
  const actions = (m: Meeting) => (
    <Space size={0} wrap>
      <Link to={`/meetings/${m.id}`}>
        <Button type="link" size="small">
          {t('meetings.open')}
        </Button>
      </Link>
      {m.can.manage && phaseOf(m, now) === 'upcoming' && (
        <>
          <Button type="link" size="small" onClick={() => setMoving(m)} data-testid={`meeting-move-${m.id}`}>
            {t('meetings.move')}
          </Button>
          <Popconfirm
            title={t('meetings.cancel.confirm')}
            description={
              <Input
                placeholder={t('meetings.cancel.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={500}
              />
            }
            onConfirm={async () => {
              try {
                await cancel.mutateAsync({ meeting: m, reason: reason.trim() || undefined });
                message.success(t('meetings.cancelled.ok'));
              } catch (error) {
                message.error((error as Error).message);
              }
              setReason('');
            }}
          >
            <Button type="link" size="small" danger>
              {t('meetings.cancel')}
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );
  // A phone gets one card-like cell per meeting: name, time, status and actions stacked.
  const phoneColumns: TableColumnsType<Meeting> = [
    {
      key: 'card',
      render: (_, m) => (
        <Flex vertical gap={4}>
          <Link to={`/meetings/${m.id}`} data-testid={`meeting-link-${m.id}`} style={{ fontWeight: 600 }}>
            {name(m)}
          </Link>
          <span>{meetingWhen(m.startsAt, m.endsAt, lang)}</span>
          {statusTags(m)}
          {actions(m)}
        </Flex>
      ),
    },
  ];

  const columns: TableColumnsType<Meeting> = [
    {
      title: t('meetings.when'),
      key: 'when',
      render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{meetingWhen(m.startsAt, m.endsAt, lang)}</span>,
    },
    {
      title: t('meetings.name'),
      key: 'name',
      render: (_, m) => (
        <Link to={`/meetings/${m.id}`} data-testid={`meeting-link-${m.id}`}>
          {name(m)}
        </Link>
      ),
    },
    { title: t('meetings.period'), dataIndex: 'periodMonth', responsive: ['md'] },
    { title: t('meetings.status'), key: 'status', render: (_, m) => statusTags(m) },
    { title: t('common.actions'), key: 'actions', render: (_, m) => actions(m) },
  ];

  return (
    <div data-testid="meetings-page">
      <PageHeader
        title={t('meetings.title')}
        extra={
          ownSeries && (
            <Button icon={<CalendarOutlined />} onClick={() => setCadenceOf(ownSeries.seriesId)}>
              {t('meetings.cadence')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Segmented
            value={when}
            onChange={(v) => setWhen(v as 'upcoming' | 'past')}
            options={[
              { value: 'upcoming', label: t('meetings.upcoming') },
              { value: 'past', label: t('meetings.past') },
            ]}
          />
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as 'mine' | 'all')}
            options={[
              { value: 'mine', label: t('meetings.scope.mine') },
              { value: 'all', label: t('meetings.scope.all') },
            ]}
            data-testid="meetings-scope"
          />
          <Select
            style={FILTER_STYLE}
            value={type ?? 'all'}
            onChange={(v) => setType(v === 'all' ? undefined : (v as MeetingType))}
            options={[
              { value: 'all', label: t('meetings.type.all') },
              { value: 'supervision', label: t('meetings.type.supervision') },
              { value: 'weekly', label: t('meetings.type.weekly') },
            ]}
          />
          <Select
            style={FILTER_STYLE}
            allowClear
            placeholder={t('meetings.track')}
            value={trackId}
            onChange={setTrackId}
            options={tracks.map((x) => ({ value: x.id, label: x.name }))}
          />
        </Flex>
      </Card>
      {list.isError ? (
        <ListError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Meeting>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          columns={isMobile ? phoneColumns : columns}
          showHeader={!isMobile}
          dataSource={ordered}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          // While the list loads, a skeleton — never "no meetings" under the spinner (issue 13, item 9).
          locale={{
            emptyText: list.isLoading ? (
              <div data-testid="meetings-loading">
                <Skeleton active paragraph={{ rows: 3 }} />
              </div>
            ) : (
              <ListEmpty text={t('meetings.empty')} />
            ),
          }}
          scroll={{ x: 'max-content' }}
          rowClassName={(m) => (m.status === 'cancelled' ? 'row-cancelled' : '')}
        />
      )}
      {moving && <MoveMeetingModal meeting={moving} onClose={() => setMoving(null)} />}
      {cadenceOf !== null && <CadenceModal seriesId={cadenceOf} onClose={() => setCadenceOf(null)} />}
    </div>
  );
}
