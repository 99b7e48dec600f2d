import { Flex, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ProjectDto } from '../../api/projects';
import { ListEmpty, ListError, LoadMore } from '../../components/ListStates';
import type { PagedList } from '../../components/PagedTable';
import { useT } from '../../i18n';
import type { Names } from '../tasks/useNames';
import { PHASE_COLORS } from './phaseColors';

/** The phone list of projects: a card each, the whole card a link. */
export function ProjectCards({ list, names }: { list: PagedList<ProjectDto>; names: Names }) {
  const t = useT();
  if (list.isError) return <ListError error={list.error} onRetry={() => list.refetch()} />;
  if (list.isPending) return <Skeleton active />;
  if (list.items.length === 0) return <ListEmpty text={t('projects.empty')} />;
  return (
    <Flex vertical gap={10} data-testid="project-cards">
      {list.items.map((p) => (
        <Link
          key={p.id}
          to={`/projects/${p.id}`}
          style={{
            display: 'block',
            color: 'inherit',
            border: '1px solid #e5e7eb',
            borderRadius: 8,
            padding: '10px 12px',
          }}
        >
          <Flex vertical gap={4}>
            <Flex justify="space-between" gap={8} align="start">
              <Typography.Text strong>{p.title}</Typography.Text>
              <Tag color={PHASE_COLORS[p.phase]} style={{ marginInlineEnd: 0 }}>
                {t(`project.phase.${p.phase}`)}
              </Tag>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`project.type.${p.type}`)} · {p.trackId ? names.track(p.trackId) : t('projects.companyWide')} ·{' '}
              {names.user(p.ownerId)}
            </Typography.Text>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
              {p.latestProgress ? (
                <>
                  <Typography.Text type="secondary">{p.latestProgress.date} </Typography.Text>
                  {p.latestProgress.text}
                </>
              ) : (
                <Typography.Text type="secondary">{t('project.progress.empty')}</Typography.Text>
              )}
            </Typography.Paragraph>
          </Flex>
        </Link>
      ))}
      <LoadMore count={list.items.length} {...list} />
    </Flex>
  );
}
