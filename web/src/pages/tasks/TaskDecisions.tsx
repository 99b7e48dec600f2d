import { App, Button, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { type DecisionKind, type TaskDto, useTaskDecision } from '../../api/tasks';
import { useMe } from '../../auth/session';
import { isStaleVersion } from '../../components/serverErrors';
import { useT } from '../../i18n';
import { DecisionModal } from './DecisionModal';
import { decisionsFor } from './taskRules';

/**
 * The chair's D1 decisions on one task — 延期, 改派, 修改描述, 关闭, 确认, 重新打开, 重新派发 — as far as
 * the caller may take them now. Renders nothing for anyone else.
 */
export function TaskDecisions({ task, size }: { task: TaskDto; size?: 'small' | 'middle' }) {
  const t = useT();
  const { message } = App.useApp();
  const me = useMe().data;
  const [open, setOpen] = useState<Exclude<DecisionKind, 'confirm'> | null>(null);
  const decide = useTaskDecision();
  if (!me) return null;
  const kinds = decisionsFor(task);
  if (kinds.length === 0) return null;
  const confirm = async () => {
    try {
      await decide.mutateAsync({ task, kind: 'confirm' });
      message.success(t('task.decide.done', { decision: t('task.decide.confirm') }));
    } catch (error) {
      message.error(isStaleVersion(error) ? t('common.staleVersion') : (error as Error).message);
    }
  };
  return (
    <Flex vertical gap={8} data-testid="task-decisions">
      <Flex wrap gap={8}>
        {kinds.map((kind) =>
          kind === 'confirm' ? (
            <Popconfirm
              key={kind}
              title={t('task.decide.confirm.ask')}
              onConfirm={confirm}
              okText={t('task.decide.confirm')}
            >
              <Button type="primary" size={size} loading={decide.isPending} data-testid="decide-confirm">
                {t('task.decide.confirm')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              key={kind}
              size={size}
              danger={kind === 'close' || kind === 'redispatch'}
              onClick={() => setOpen(kind)}
              data-testid={`decide-${kind}`}
            >
              {t(`task.decide.${kind}`)}
            </Button>
          ),
        )}
      </Flex>
      {task.can.decidesOnBehalf && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('task.decide.onBehalf')}
        </Typography.Text>
      )}
      {open && <DecisionModal task={task} kind={open} onClose={() => setOpen(null)} />}
    </Flex>
  );
}
