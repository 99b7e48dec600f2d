import { PlusOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { BoardView, SubjectType } from '../../api/board';
import type { Id } from '../../api/types';
import { useT } from '../../i18n';

export interface TaskSlotProps {
  /** The dimension (a cell fixes it; a row passes the dimension the board is sorted by). */
  no: number;
  subjectType: SubjectType;
  subjectId: Id | string;
  month: string;
  view: BoardView;
}

/**
 * SLOT(meetings) — "发起任务" from a board row or cell (SPEC §4.3, deck: 任务发起入口).
 * The meetings issue replaces this placeholder with the task form; the props are the board
 * coordinates POST /tasks needs (dimension, subject, period). Until then: disabled, with a note.
 */
export function TaskSlot(_props: TaskSlotProps) {
  const t = useT();
  return (
    <Tooltip title={t('task.soon')}>
      <span>
        <Button icon={<PlusOutlined />} disabled data-testid="board-task-create">
          {t('task.create')}
        </Button>
      </span>
    </Tooltip>
  );
}
