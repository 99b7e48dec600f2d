import { Descriptions, Drawer, Flex, Skeleton, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { useAlert } from '../../api/alerts';
import type { ApiError } from '../../api/client';
import { useTrackLookup, useUserLookup } from '../../api/hooks';
import { ListError } from '../../components/ListStates';
import { hasMessage, type MessageKey, useLang, useT } from '../../i18n';
import { formatInstant, formatMonth } from '../../lib/format';
import { useIsMobile } from '../../lib/useIsMobile';
import { AlertActions } from './AlertActions';
import { AlertFacts, DueCell, KindTag, RED, StatusTag, subjectOf } from './alertText';

/** One alert with its facts in words, its handling history and its actions: `/alerts/<id>` opens it. */
export function AlertDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const isMobile = useIsMobile();
  const detail = useAlert(id);
  const tracks = useTrackLookup(id !== null);
  const users = useUserLookup({}, id !== null);
  const userName = (uid: number | null) =>
    uid === null ? t('common.none') : (users.data?.find((u) => u.id === uid)?.name ?? `#${uid}`);
  const a = detail.data;
  const body = () => {
    if (detail.isError)
      return (detail.error as ApiError).status === 404 ? (
        <Typography.Text type="secondary">{t('alerts.notFound')}</Typography.Text>
      ) : (
        <ListError error={detail.error} onRetry={() => detail.refetch()} />
      );
    if (!a) return <Skeleton active />;
    const items = [
      { key: 'kind', label: t('alerts.col.kind'), children: <KindTag kind={a.kind} /> },
      { key: 'status', label: t('alerts.col.status'), children: <StatusTag status={a.status} /> },
      {
        key: 'subject',
        label: t('alerts.col.subject'),
        children: a.opportunityId ? <Link to={`/opportunities/${a.opportunityId}`}>{subjectOf(a)}</Link> : subjectOf(a),
      },
      {
        key: 'track',
        label: t('alerts.col.track'),
        children: tracks.data?.find((x) => x.id === a.trackId)?.name ?? `#${a.trackId}`,
      },
      ...(a.amId ? [{ key: 'am', label: t('alerts.col.am'), children: userName(a.amId) }] : []),
      ...(a.period ? [{ key: 'period', label: t('alerts.col.period'), children: formatMonth(a.period, lang) }] : []),
      { key: 'raised', label: t('alerts.col.raisedAt'), children: formatInstant(a.raisedAt, lang) },
      {
        key: 'due',
        label: t('alerts.col.due'),
        children: (
          <Flex gap={8} wrap>
            <span style={{ color: a.overdue ? RED : undefined }}>{formatInstant(a.dueAt, lang)}</span>
            <DueCell alert={a} />
          </Flex>
        ),
      },
      ...(a.escalatedAt
        ? [{ key: 'esc', label: t('alerts.col.escalatedAt'), children: formatInstant(a.escalatedAt, lang) }]
        : []),
      ...(a.handledBy
        ? [
            { key: 'by', label: t('alerts.col.handledBy'), children: userName(a.handledBy) },
            { key: 'at', label: t('alerts.col.handledAt'), children: formatInstant(a.handledAt, lang) },
          ]
        : []),
      ...(a.note ? [{ key: 'note', label: t('alerts.col.note'), children: a.note }] : []),
      ...(a.projectId
        ? [
            {
              key: 'project',
              label: t('alerts.col.project'),
              children: <Link to={`/projects/${a.projectId}`}>#{a.projectId}</Link>,
            },
          ]
        : []),
    ];
    return (
      <Flex vertical gap={16} data-testid="alert-detail" data-status={a.status}>
        <AlertActions alert={a} block={isMobile} />
        <Descriptions size="small" bordered column={1} items={items} />
        <div>
          <Typography.Title level={5}>{t('alerts.facts')}</Typography.Title>
          <AlertFacts alert={a} column={1} />
        </div>
        <div>
          <Typography.Title level={5}>{t('alerts.history')}</Typography.Title>
          <Timeline
            items={[...a.history].reverse().map((h, i) => ({
              key: i,
              content: (
                <Flex vertical>
                  <Typography.Text strong>
                    {hasMessage(`alerts.event.${h.action}`) ? t(`alerts.event.${h.action}` as MessageKey) : h.action}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {formatInstant(h.at, lang)} · {h.actorId === null ? t('common.none') : userName(h.actorId)}
                  </Typography.Text>
                  {h.reason && <Typography.Text>{h.reason}</Typography.Text>}
                </Flex>
              ),
            }))}
          />
        </div>
      </Flex>
    );
  };
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={id === null ? '' : t('alerts.detail', { id })}
      size={isMobile ? '100%' : 560}
      data-testid="alert-drawer"
    >
      {id !== null && body()}
    </Drawer>
  );
}
