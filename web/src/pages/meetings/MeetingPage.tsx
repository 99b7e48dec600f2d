import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Flex, Skeleton, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useBoard } from '../../api/board';
import { type Meeting, useMeeting } from '../../api/meetings';
import { useMe } from '../../auth/session';
import { ListError } from '../../components/ListStates';
import { type MessageKey, useLang, useT } from '../../i18n';
import { formatMonth } from '../../lib/format';
import { meetingWhen } from '../../lib/meetingTime';
import { serverNow } from '../../lib/serverClock';
import { useIsMobile } from '../../lib/useIsMobile';
import { BoardBody } from '../board/BoardBody';
import { BoardSkeleton } from '../board/BoardStates';
import { MeetingContext } from '../board/TaskSlot';
import { TaskDecisions } from '../tasks/TaskDecisions';
import { useMeetingName } from './MeetingTitle';
import { phaseOf } from './meetingRules';
import { RaisedTasks } from './RaisedTasks';
import { ReportView } from './ReportView';

const PHASE_COLORS = { upcoming: 'blue', live: 'green', ended: 'default', cancelled: 'red' } as const;
const TABS = ['report', 'board', 'raised'] as const;
const LARGE_KEY = 'crm.meeting.large';

/** 1 · 2 · 3 switch the tabs when no field has the focus: the chair keeps the meeting moving. */
function useTabKeys(onTab: (tab: string) => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target?.closest('input, textarea, select, [contenteditable="true"], .ant-modal, .ant-drawer')) return;
      const tab = TABS[Number(event.key) - 1];
      if (tab) onTab(tab);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onTab]);
}

/** 大字模式 for the projector: the whole meeting page one size up, remembered on this machine. */
function useLargeText(): [boolean, (on: boolean) => void] {
  const [large, setLarge] = useState(() => localStorage.getItem(LARGE_KEY) === '1');
  const set = (on: boolean) => {
    localStorage.setItem(LARGE_KEY, on ? '1' : '0');
    setLarge(on);
  };
  return [large, set];
}

function MeetingBoard({ meeting }: { meeting: Meeting }) {
  const me = useMe().data;
  const board = useBoard({ month: meeting.periodMonth, view: 'month' });
  if (board.isError) return <ListError error={board.error} onRetry={() => board.refetch()} />;
  if (!board.data || !me) return <BoardSkeleton />;
  return (
    <MeetingContext.Provider value={meeting}>
      <BoardBody board={board.data} month={meeting.periodMonth} view="month" me={me} />
    </MeetingContext.Provider>
  );
}

/**
 * 会议模式 — for the chair or the secretary in the room: the opening report with each task's live status
 * and the decisions, the board of the meeting's period with 发起任务 everywhere, the tasks raised so far.
 */
export default function MeetingPage() {
  const t = useT();
  const { lang } = useLang();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'report';
  const [version, setVersion] = useState<number | undefined>();
  const [large, setLarge] = useLargeText();
  useTabKeys((key) => setParams({ tab: key }, { replace: true }));
  const me = useMe().data;
  const meeting = useMeeting(id);
  const name = useMeetingName();
  const isMobile = useIsMobile();
  if (meeting.isError) return <ListError error={meeting.error} onRetry={() => meeting.refetch()} />;
  if (!meeting.data || !me) return <Skeleton active />;
  const m = meeting.data;
  const phase = phaseOf(m, serverNow());
  const label =
    phase === 'upcoming' || phase === 'cancelled' ? `meetings.status.${m.status}` : `meetings.status.${phase}`;
  return (
    <ConfigProvider theme={large ? { token: { fontSize: 17 } } : {}}>
      <div data-testid="meeting-page">
        <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Space wrap align="center">
            <Link to="/meetings" className="no-print">
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('meeting.back')} />
            </Link>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="meeting-title">
              {name(m)}
            </Typography.Title>
            <Tag color={PHASE_COLORS[phase]}>{t(label as MessageKey)}</Tag>
          </Space>
          <Space wrap>
            <Typography.Text type="secondary">
              {meetingWhen(m.startsAt, m.endsAt, lang)} · {t('meetings.period')} {formatMonth(m.periodMonth, lang)}
            </Typography.Text>
            <span className="no-print">
              <Switch size="small" checked={large} onChange={setLarge} /> {t('meeting.large')}
            </span>
          </Space>
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          size="large"
          tabBarExtraContent={
            isMobile ? undefined : (
              <Typography.Text type="secondary" className="no-print" style={{ fontSize: 12 }}>
                {t('meeting.keys')}
              </Typography.Text>
            )
          }
          items={[
            {
              key: 'report',
              label: t('meeting.tab.report'),
              children: (
                <ReportView
                  meeting={m}
                  version={version}
                  onVersion={setVersion}
                  mayRegenerate={m.can.regenerateReport}
                  actions={
                    me.permissions.includes('tasks.decide')
                      ? (_task, live) => live && <TaskDecisions task={live} size="small" />
                      : undefined
                  }
                />
              ),
            },
            { key: 'board', label: t('meeting.tab.board'), children: <MeetingBoard meeting={m} /> },
            { key: 'raised', label: t('meeting.tab.raised'), children: <RaisedTasks meetingId={m.id} /> },
          ]}
        />
      </div>
    </ConfigProvider>
  );
}
