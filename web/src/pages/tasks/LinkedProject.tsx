import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { LinkedProjectDto } from '../../api/tasks';
import { useT } from '../../i18n';
import { PhaseSteps } from '../projects/PhaseSteps';

/** C3: the linked improvement project's phase and latest progress, so nobody has to ask for it. */
export function LinkedProject({ project }: { project: LinkedProjectDto }) {
  const t = useT();
  const latest = project.latestProgress;
  return (
    <Card size="small" title={t('task.project')} data-testid="task-project">
      <Flex vertical gap={12}>
        <Link to={`/projects/${project.id}`}>
          <Typography.Text strong>{project.title}</Typography.Text>
        </Link>
        <PhaseSteps phase={project.phase} size="small" />
        <div>
          <Typography.Text type="secondary">{t('task.project.latest')}: </Typography.Text>
          {latest ? (
            <>
              <Typography.Text type="secondary">
                {latest.date}
                {latest.authorName ? ` · ${latest.authorName}` : ''}
              </Typography.Text>
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {latest.text}
              </Typography.Paragraph>
            </>
          ) : (
            <Typography.Text type="secondary">{t('task.project.noProgress')}</Typography.Text>
          )}
        </div>
      </Flex>
    </Card>
  );
}
