import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  PROJECT_PHASES,
  PROJECT_TYPES,
  type ProjectDto,
  type ProjectFilters,
  type ProjectPhase,
  type ProjectType,
  useProjectList,
} from '../../api/projects';
import type { Id } from '../../api/types';
import { useMe } from '../../auth/session';
import { PagedTable } from '../../components/PagedTable';
import { FILTER_STYLE, PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatInstant } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { useNames } from '../tasks/useNames';
import { ProjectCards } from './ProjectCards';
import { ProjectForm } from './ProjectForm';
import { PHASE_COLORS } from './phaseColors';

/** 专项PDCA: the running special PDCAs in the caller's scope, filtered by type, phase and track. */
export default function ProjectsPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe().data;
  const names = useNames();
  const [filters, setFilters] = useState<ProjectFilters>({});
  const [creating, setCreating] = useState(false);
  const list = useProjectList(filters);
  const isMobile = useIsMobile();
  const filterStyle = isMobile ? { flex: '1 1 140px' } : FILTER_STYLE;
  const columns: TableColumnsType<ProjectDto> = [
    {
      title: t('projects.col.title'),
      key: 'title',
      render: (_, p) => (
        <Link to={`/projects/${p.id}`} data-testid={`project-link-${p.id}`}>
          {p.title}
        </Link>
      ),
    },
    { title: t('projects.col.type'), key: 'type', render: (_, p) => t(`project.type.${p.type}`) },
    {
      title: t('projects.col.track'),
      key: 'track',
      render: (_, p) => (p.trackId ? names.track(p.trackId) : t('projects.companyWide')),
    },
    { title: t('projects.col.owner'), key: 'owner', render: (_, p) => names.user(p.ownerId) },
    {
      title: t('projects.col.phase'),
      key: 'phase',
      render: (_, p) => <Tag color={PHASE_COLORS[p.phase]}>{t(`project.phase.${p.phase}`)}</Tag>,
    },
    {
      title: t('projects.col.latest'),
      key: 'latest',
      render: (_, p) =>
        p.latestProgress ? (
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 320, minWidth: 200 }}>
            <Typography.Text type="secondary">{p.latestProgress.date} </Typography.Text>
            {p.latestProgress.text}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('project.progress.empty')}</Typography.Text>
        ),
    },
    {
      title: t('projects.col.updatedAt'),
      key: 'updatedAt',
      render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(p.updatedAt, lang, false)}</span>,
    },
  ];
  return (
    <div data-testid="projects-page">
      <PageHeader
        title={t('projects.title')}
        extra={
          me?.permissions.includes('projects.manage') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="project-create"
            >
              {t('projects.create')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Select<ProjectType>
            allowClear
            placeholder={t('project.type')}
            style={filterStyle}
            options={PROJECT_TYPES.map((value) => ({ value, label: t(`project.type.${value}`) }))}
            onChange={(type) => setFilters((f) => ({ ...f, type }))}
          />
          <Select<ProjectPhase>
            allowClear
            placeholder={t('project.phase')}
            style={filterStyle}
            options={PROJECT_PHASES.map((value) => ({ value, label: t(`project.phase.${value}`) }))}
            onChange={(phase) => setFilters((f) => ({ ...f, phase }))}
          />
          <Select<Id>
            allowClear
            placeholder={t('project.track')}
            style={filterStyle}
            options={names.tracks.map((track) => ({ value: track.id, label: track.name }))}
            onChange={(trackId) => setFilters((f) => ({ ...f, trackId }))}
          />
        </Flex>
        {isMobile ? (
          <ProjectCards list={list} names={names} />
        ) : (
          <PagedTable<ProjectDto>
            list={list}
            columns={columns}
            emptyText={t('projects.empty')}
            testId="projects-table"
          />
        )}
      </Card>
      <ProjectForm open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
