import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Result, Row, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useTask } from '../../api/tasks';
import { useMe } from '../../auth/session';
import { ListError } from '../../components/ListStates';
import { useT } from '../../i18n';
import { useIsMobile } from '../../lib/useIsMobile';
import { CompleteTask } from './CompleteTask';
import { LinkedProject } from './LinkedProject';
import { TaskDecisions } from './TaskDecisions';
import { EscalationHint, TaskFacts } from './TaskFacts';
import { TaskTags } from './TaskTags';
import { TaskTimeline } from './TaskTimeline';
import { decisionsFor } from './taskRules';
import { useNames } from './useNames';

/**
 * 任务详情: the problem (description apart from the board's background), the facts, what the caller may
 * do now (the owner completes, the chair decides), the linked project (C3) and the history timeline.
 */
export default function TaskPage() {
  const t = useT();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const me = useMe().data;
  const names = useNames();
  const query = useTask(id);
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Result
          status="404"
          title="404"
          subTitle={t('task.notFound')}
          extra={<Link to="/tasks">{t('task.back')}</Link>}
        />
      );
    return <ListError error={query.error} onRetry={() => query.refetch()} />;
  }
  if (!query.data || !me) return <Skeleton active />;
  const task = query.data;
  const owner = task.can.complete;
  const alarm = task.overdue || (task.escalated && task.status === 'pending');
  const actions = (owner || decisionsFor(task).length > 0) && (
    <Card size="small" title={t('task.actions')} data-testid="task-actions">
      <Flex vertical gap={12}>
        {owner && <CompleteTask task={task} />}
        {owner && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('task.owner.noExtend')}
          </Typography.Text>
        )}
        <TaskDecisions task={task} />
      </Flex>
    </Card>
  );
  return (
    <div data-testid="task-page" data-task-id={task.id}>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          aria-label={t('task.back')}
          onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/tasks'))}
        />
        <Typography.Title level={isMobile ? 5 : 4} style={{ margin: 0 }}>
          {t('task.title', { id: task.id })} · {t(`task.type.${task.meetingType}`)}
        </Typography.Title>
        <TaskTags task={task} />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card
              size="small"
              style={alarm ? { borderColor: '#fca5a5', background: '#fef2f2' } : undefined}
              data-testid="task-problem"
            >
              <Typography.Text type="secondary">{t('task.description')}</Typography.Text>
              <Typography.Paragraph
                style={{ fontSize: 16, margin: '4px 0 8px', whiteSpace: 'pre-wrap' }}
                data-testid="task-description"
              >
                {task.description}
              </Typography.Paragraph>
              {task.background !== task.description && (
                <div style={{ background: '#f8fafc', borderRadius: 6, padding: '6px 10px', marginBottom: 8 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('task.background')}
                  </Typography.Text>
                  <div data-testid="task-background">{task.background}</div>
                </div>
              )}
              <EscalationHint task={task} />
            </Card>
            {isMobile && actions}
            <Card size="small">
              <TaskFacts task={task} names={names} compact={isMobile} />
            </Card>
            {isMobile && task.project && <LinkedProject project={task.project} />}
            <Card size="small" title={t('task.history')}>
              <TaskTimeline events={task.history} names={names} />
            </Card>
          </Flex>
        </Col>
        {!isMobile && (
          <Col xs={24} lg={8}>
            <Flex vertical gap={16}>
              {actions}
              {task.project && <LinkedProject project={task.project} />}
            </Flex>
          </Col>
        )}
      </Row>
    </div>
  );
}
