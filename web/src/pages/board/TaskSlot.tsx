import { PlusOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { createContext, useContext, useState } from 'react';
import type { BoardView, SubjectType } from '../../api/board';
import type { Meeting } from '../../api/meetings';
import type { Id } from '../../api/types';
import { useMe } from '../../auth/session';
import { useT } from '../../i18n';
import { type RaiseChoice, RaiseTaskModal, worstOf } from '../meetings/RaiseTaskModal';
import { useOpenMeeting } from '../meetings/useOpenMeeting';
import { amLevelNo, trackLevelNo } from './boardText';

export interface TaskSlotProps {
  /** The dimension (a cell fixes it; a row passes the dimension the board is sorted by). */
  no: number;
  subjectType: SubjectType;
  subjectId: Id | string;
  subjectName?: string;
  month: string;
  view: BoardView;
  /** A row's small "+" (meeting mode): nothing at all where no task can be raised. */
  compact?: boolean;
  /** The subject's track, where the row knows it: a weekly meeting raises tasks for its own track only. */
  subjectTrackId?: Id | null;
  /**
   * A row's dimensions with their values: the dialog then lets the chair pick the dimension, starting on
   * the worst one (red before yellow), never silently on the column the table happens to be sorted by.
   */
  choices?: RaiseChoice[];
}

/** The meeting a board is shown in (meeting mode); on the board page, the meeting the user is chairing now. */
export const MeetingContext = createContext<Meeting | null>(null);

/**
 * 发起任务 from a board row or cell (SPEC §4.3, deck: 任务发起入口): the board coordinates and the
 * meeting are filled in; only the description is typed. Disabled, saying why, outside a meeting the
 * user chairs or on a level no task is raised for (customers; an AM on a track-only dimension).
 */
export function TaskSlot(props: TaskSlotProps) {
  const t = useT();
  const user = useMe().data?.user;
  const inMeeting = useContext(MeetingContext);
  const open = useOpenMeeting(inMeeting === null);
  const meeting = inMeeting ?? open;
  const [raising, setRaising] = useState(false);
  const dimension = props.subjectType === 'track' ? trackLevelNo(props.no) : amLevelNo(props.no);
  // A weekly meeting's tasks are about its track and its AMs (SPEC §4.2): other tracks' rows offer nothing.
  const ownTrack = !meeting?.trackId || props.subjectTrackId === undefined || props.subjectTrackId === meeting.trackId;
  // Tasks are raised on board coordinates (SPEC §4.2): a track or an AM, never a customer or an opportunity.
  const boardSubject = props.subjectType === 'track' || props.subjectType === 'am';
  const usable = user && meeting?.can.raiseTasks && ownTrack && boardSubject && dimension !== null;
  if (!usable && props.compact) return null;
  if (!usable)
    return (
      <Tooltip title={t(boardSubject ? 'raise.noMeeting' : 'raise.belowAm')}>
        <span>
          <Button icon={<PlusOutlined />} disabled data-testid="board-task-create">
            {t('task.create')}
          </Button>
        </span>
      </Tooltip>
    );
  return (
    <>
      <Button
        type={props.compact ? 'default' : 'primary'}
        size={props.compact ? 'small' : 'middle'}
        icon={<PlusOutlined />}
        onClick={(event) => {
          event.stopPropagation();
          setRaising(true);
        }}
        data-testid={props.compact ? `row-task-create-${props.subjectType}-${props.subjectId}` : 'board-task-create'}
      >
        {t('task.create')}
      </Button>
      {raising && (
        // The dialog is portalled, but React still bubbles its clicks through this tree: stopped here, they
        // never reach the board row underneath and open its drill-down over the dialog (issue 13, item 1).
        // biome-ignore lint/a11y/noStaticElementInteractions: a bubbling barrier, not a control
        // biome-ignore lint/a11y/useKeyWithClickEvents: keys do not open the drill-down, clicks do
        <span onClick={(event) => event.stopPropagation()}>
          <RaiseTaskModal
            meeting={meeting}
            dimension={props.choices?.length ? worstOf(props.choices, dimension) : dimension}
            choices={props.choices}
            subjectType={props.subjectType as 'track' | 'am'}
            subjectId={Number(props.subjectId)}
            subjectName={props.subjectName}
            month={props.month}
            onClose={() => setRaising(false)}
          />
        </span>
      )}
    </>
  );
}
