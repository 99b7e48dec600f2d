import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PROJECT_PHASES, type ProjectDetailDto, useProject, useSaveProject } from '../../api/projects';
import { useMe } from '../../auth/session';
import { ListError } from '../../components/ListStates';
import { isStaleVersion } from '../../components/serverErrors';
import { hasMessage, useLang, useT } from '../../i18n';
import { formatInstant } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { useNames } from '../tasks/useNames';
import { PhaseSteps } from './PhaseSteps';
import { ProgressLog } from './ProgressLog';
import { ProjectForm } from './ProjectForm';
import { PHASE_COLORS } from './phaseColors';

/** "进入 D 执行": one click to the next PDCA phase, for those who manage the project. */
function NextPhase({ project }: { project: ProjectDetailDto }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSaveProject();
  const next = PROJECT_PHASES[PROJECT_PHASES.indexOf(project.phase) + 1];
  if (!next) return null;
  const label = t(`project.phase.${next}`);
  const move = async () => {
    try {
      await save.mutateAsync({ project, values: { phase: next } });
      message.success(t('project.phaseChanged', { phase: label }));
    } catch (error) {
      message.error(isStaleVersion(error) ? t('common.staleVersion') : (error as Error).message);
    }
  };
  return (
    <Button onClick={move} loading={save.isPending} data-testid="project-next-phase">
      {t('project.nextPhase', { phase: label })}
    </Button>
  );
}

function ProjectHistory({ project }: { project: ProjectDetailDto }) {
  const t = useT();
  const { lang } = useLang();
  const names = useNames();
  const value = (field: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return t('common.none');
    if (field === 'ownerId') return names.user(Number(v));
    if (field === 'trackId') return names.track(Number(v));
    const key = `project.${field}.${String(v)}`;
    return hasMessage(key) ? t(key) : String(v);
  };
  return (
    <Timeline
      items={project.history.map((event, i) => {
        const key = `project.history.action.${event.action}`;
        const after = (event.after ?? {}) as Record<string, unknown>;
        const before = (event.before ?? {}) as Record<string, unknown>;
        const fields = event.action === 'created' ? ['phase'] : Object.keys(after);
        return {
          key: i,
          color: event.action === 'phase_changed' ? 'green' : 'blue',
          content: (
            <>
              <Tag>{hasMessage(key) ? t(key) : event.action}</Tag>
              <Typography.Text type="secondary">
                {event.actorName ?? '—'} · {formatInstant(event.at, lang)}
              </Typography.Text>
              {fields.map((field) => {
                const label = `project.${field.replace(/Id$/, '')}`;
                return (
                  <div key={field}>
                    <Typography.Text type="secondary">{hasMessage(label) ? t(label) : field}: </Typography.Text>
                    {field in before && <Typography.Text delete>{value(field, before[field])}</Typography.Text>}
                    {field in before && ' → '}
                    <Typography.Text strong>{value(field, after[field])}</Typography.Text>
                  </div>
                );
              })}
            </>
          ),
        };
      })}
    />
  );
}

/** 专项详情: the PDCA phase as steps, the facts, the progress log with its add form, and the changes. */
export default function ProjectPage() {
  const t = useT();
  const { lang } = useLang();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const me = useMe().data;
  const names = useNames();
  const query = useProject(id);
  const [editing, setEditing] = useState(false);
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Result
          status="404"
          title="404"
          subTitle={t('project.notFound')}
          extra={<Link to="/projects">{t('project.back')}</Link>}
        />
      );
    return <ListError error={query.error} onRetry={() => query.refetch()} />;
  }
  if (!query.data || !me) return <Skeleton active />;
  const project = query.data;
  const manage = project.can.manage;
  return (
    <div data-testid="project-page">
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} align="center">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('project.back')}
            onClick={() => navigate('/projects')}
          />
          <Typography.Title level={isMobile ? 5 : 4} style={{ margin: 0 }} data-testid="project-title-text">
            {project.title}
          </Typography.Title>
          <Tag>{t(`project.type.${project.type}`)}</Tag>
          <Tag color={PHASE_COLORS[project.phase]}>{t(`project.phase.${project.phase}`)}</Tag>
        </Flex>
        {manage && (
          <Flex gap={8} wrap>
            {project.phase !== 'closed' && <NextPhase project={project} />}
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
              {t('common.edit')}
            </Button>
          </Flex>
        )}
      </Flex>
      <Card size="small" style={{ marginBottom: 16 }}>
        <div style={{ overflowX: 'auto', padding: '8px 0' }}>
          <PhaseSteps phase={project.phase} size={isMobile ? 'small' : undefined} />
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('project.progress')}>
            <ProgressLog projectId={project.id} entries={project.progress} canAdd={project.can.logProgress} />
            {project.phase === 'closed' && (
              <Typography.Text type="secondary">{t('project.progress.closed')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'owner', label: t('project.owner'), children: names.user(project.ownerId) },
                  {
                    key: 'track',
                    label: t('project.track'),
                    children: project.trackId ? names.track(project.trackId) : t('projects.companyWide'),
                  },
                  {
                    key: 'created',
                    label: t('project.createdAt'),
                    children: `${names.user(project.createdBy)} · ${formatInstant(project.createdAt, lang, false)}`,
                  },
                  { key: 'updated', label: t('project.updatedAt'), children: formatInstant(project.updatedAt, lang) },
                  {
                    key: 'description',
                    label: t('project.description'),
                    children: (
                      <span style={{ whiteSpace: 'pre-wrap' }}>
                        {project.description || t('project.noDescription')}
                      </span>
                    ),
                  },
                ]}
              />
            </Card>
            <Card size="small" title={t('project.history')}>
              <ProjectHistory project={project} />
            </Card>
          </Flex>
        </Col>
      </Row>
      <ProjectForm open={editing} project={project} onClose={() => setEditing(false)} />
    </div>
  );
}
