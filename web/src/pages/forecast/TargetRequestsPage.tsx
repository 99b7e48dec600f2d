import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  REQUEST_STATUSES,
  type RequestDecision,
  type RequestStatus,
  type TargetRequestDto,
  useDecideRequest,
  useTargetRequests,
} from '../../api/forecast';
import { useTrackLookup, useUserLookup } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { ListEmpty, ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { type Lang, type Translate, useLang, useT } from '../../i18n';
import { formatInstant, formatMoney } from '../../lib/format';
import { RED } from './forecastText';
import { RequestLines } from './RequestLines';
import { SubmitRequestModal } from './SubmitRequestModal';

const STATUS_COLORS: Record<RequestStatus, string> = {
  submitted: 'processing',
  director_approved: 'processing',
  approved: 'warning',
  executed: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** "2 行 · 迁移 ¥5.0万" for a migration (Σ = 0, so what moves is the positive side); the sum otherwise. */
function linesText(r: TargetRequestDto, lang: Lang, t: Translate) {
  const moved = r.lines.filter((l) => l.amount > 0).reduce((sum, l) => sum + l.amount, 0);
  const sum = r.lines.reduce((total, l) => total + l.amount, 0);
  return r.kind === 'migrate'
    ? t('requests.lineCount', { n: r.lines.length, moved: formatMoney(moved, lang) })
    : t('requests.lineDelta', { n: r.lines.length, sum: `${sum > 0 ? '+' : ''}${formatMoney(sum, lang)}` });
}

/** Approve / reject / withdraw / execute as the server's `can` allows; rejecting needs a comment. */
function Actions({ request }: { request: TargetRequestDto }) {
  const t = useT();
  const { message } = App.useApp();
  const decide = useDecideRequest();
  const [asking, setAsking] = useState<RequestDecision | null>(null);
  const [comment, setComment] = useState('');
  const run = async (decision: RequestDecision) => {
    try {
      await decide.mutateAsync({ request, decision, comment: comment.trim() || undefined });
      message.success(t('requests.done'));
      setAsking(null);
      setComment('');
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const button = (decision: RequestDecision, allowed: boolean, danger = false) =>
    allowed && (
      <Button
        size="small"
        danger={danger}
        type={decision === 'execute' || decision === 'approve' ? 'primary' : 'default'}
        onClick={() => setAsking(decision)}
        data-testid={`request-${decision}-${request.id}`}
      >
        {t(`requests.${decision}`)}
      </Button>
    );
  return (
    <>
      <Space size={4} wrap>
        {button('approve', request.can.decide)}
        {button('reject', request.can.decide, true)}
        {button('withdraw', request.can.withdraw)}
        {button('execute', request.can.execute)}
      </Space>
      <Modal
        open={asking !== null}
        title={
          asking === 'reject' ? t('requests.reject') : asking ? t(`requests.confirm.${asking}`, { id: request.id }) : ''
        }
        onCancel={() => setAsking(null)}
        onOk={() => asking && run(asking)}
        okText={asking ? t(`requests.${asking}`) : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{
          danger: asking === 'reject',
          disabled: asking === 'reject' && !comment.trim(),
          'data-testid': 'request-confirm',
        }}
        confirmLoading={decide.isPending}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={comment}
          placeholder={asking === 'reject' ? t('requests.commentRequired') : t('requests.comment')}
          onChange={(e) => setComment(e.target.value)}
          data-testid="request-comment"
        />
      </Modal>
    </>
  );
}

/** 目标修改请求: the queue by status, overdue executions red, each request's decisions in place. */
export default function TargetRequestsPage() {
  const t = useT();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const status = REQUEST_STATUSES.find((s) => s === params.get('status'));
  const list = useTargetRequests({ status });
  const tracks = useTrackLookup();
  const users = useUserLookup({});
  const trackName = (id: number) => tracks.data?.find((x) => x.id === id)?.name ?? `#${id}`;
  const userName = (id: number) => users.data?.find((u) => u.id === id)?.name ?? `#${id}`;
  const rows = list.data ?? [];
  const can = useCan();
  const [submitting, setSubmitting] = useState(false);
  return (
    <div data-testid="requests-page">
      <PageHeader
        title={t('requests.title')}
        extra={
          can('targets.request') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setSubmitting(true)}
              data-testid="request-new"
            >
              {t('submit.open')}
            </Button>
          )
        }
      />
      <SubmitRequestModal open={submitting} onClose={() => setSubmitting(false)} />
      <Card>
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented<RequestStatus | 'all'>
            value={status ?? 'all'}
            onChange={(s) => setParams(s === 'all' ? {} : { status: s }, { replace: true })}
            options={[
              { value: 'all', label: t('requests.all') },
              ...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.status.${s}`) })),
            ]}
            data-testid="requests-status"
          />
        </div>
        {list.isError ? (
          <ListError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<TargetRequestDto>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            rowClassName={(r) => (r.overdue ? 'row-alarm' : '')}
            locale={{ emptyText: list.isPending ? ' ' : <ListEmpty text={t('requests.empty')} /> }}
            onRow={(r) => ({ 'data-testid': `request-row-${r.id}`, 'data-status': r.status }) as object}
            expandable={{ expandedRowRender: (r) => <RequestLines request={r} names={userName} /> }}
            columns={[
              { title: t('requests.col.id'), dataIndex: 'id', render: (id: number) => `#${id}` },
              { title: t('requests.col.kind'), key: 'kind', render: (_, r) => t(`requests.kind.${r.kind}`) },
              { title: t('requests.col.track'), key: 'track', render: (_, r) => trackName(r.trackId) },
              { title: t('requests.col.submitter'), key: 'by', render: (_, r) => userName(r.submittedBy) },
              {
                title: t('requests.col.submittedAt'),
                key: 'at',
                render: (_, r) => formatInstant(r.submittedAt, lang),
              },
              { title: t('requests.col.lines'), key: 'lines', render: (_, r) => linesText(r, lang, t) },
              {
                title: t('requests.col.status'),
                key: 'status',
                render: (_, r) => (
                  <Flex gap={4} wrap>
                    <Tag color={STATUS_COLORS[r.status]}>{t(`requests.status.${r.status}`)}</Tag>
                    {r.overdue && <Tag color="red">{t('requests.overdue')}</Tag>}
                    {r.ledgerVersion !== null && (
                      <Typography.Text type="secondary">
                        {t('requests.ledgerVersion', { v: r.ledgerVersion })}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('requests.col.due'),
                key: 'due',
                render: (_, r) =>
                  r.executeDueAt && r.status === 'approved' ? (
                    <span style={{ color: r.overdue ? RED : undefined }}>{formatInstant(r.executeDueAt, lang)}</span>
                  ) : (
                    t('common.none')
                  ),
              },
              { title: t('common.actions'), key: 'actions', render: (_, r) => <Actions request={r} /> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
