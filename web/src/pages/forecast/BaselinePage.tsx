import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type BaselineDto, useBaseline, useLockBaseline } from '../../api/forecast';
import { useUserLookup } from '../../api/hooks';
import { useCan } from '../../auth/session';
import { ListError } from '../../components/ListStates';
import { PageHeader } from '../../components/PageHeader';
import { useLang, useT } from '../../i18n';
import { formatInstant, formatList, formatMoney } from '../../lib/format';
import { currentMonth } from '../../lib/month';
import { RED } from './forecastText';

type AmRow = BaselineDto['byAm'][number];

/** The opportunities one AM still has to complete, each a link to where it is done. */
function MissingList({ baseline, amId }: { baseline: BaselineDto; amId: number }) {
  const t = useT();
  const { lang } = useLang();
  const rows = baseline.incomplete.filter((i) => i.amId === amId);
  return (
    <Flex wrap gap={8} data-testid={`baseline-missing-${amId}`}>
      {rows.map((i) => (
        <Link key={i.opportunityId} to={`/opportunities/${i.opportunityId}`}>
          <Tag color="error" style={{ cursor: 'pointer' }}>
            {i.code} · {t('baseline.missing')}{' '}
            {formatList(
              i.missing.map((m) => t(`opp.field.${m}`)),
              lang,
            )}
          </Tag>
        </Link>
      ))}
    </Flex>
  );
}

/** 承接基准 (SPEC §6.2): completeness per AM, the missing opportunities, the lock with confirmation. */
export default function BaselinePage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(currentMonth().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const baseline = useBaseline(year);
  const lock = useLockBaseline();
  const ams = useUserLookup({ role: 'am' });
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const nameOf = (id: number) => ams.data?.find((u) => u.id === id)?.name ?? `#${id}`;
  const data = baseline.data;

  const doLock = async () => {
    try {
      await lock.mutateAsync(year);
      setRefusal(null);
      message.success(t('baseline.lockedOk'));
    } catch (cause) {
      if (cause instanceof ApiError) setRefusal(cause);
      else message.error(String(cause));
    } finally {
      setConfirming(false);
    }
  };

  const total = data?.byAm.reduce((sum, r) => sum + r.amount, 0) ?? 0;
  const count = data?.byAm.reduce((sum, r) => sum + r.items, 0) ?? 0;
  return (
    <div data-testid="baseline-page" data-status={data?.status}>
      <PageHeader
        title={t('baseline.title')}
        extra={
          <Flex gap={8}>
            <Select
              value={year}
              onChange={(y) => setParams({ year: String(y) }, { replace: true })}
              options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))}
              style={{ width: 100 }}
              aria-label={t('baseline.year')}
            />
            {can('forecast.baseline.lock') && data?.status === 'open' && (
              <Button
                type="primary"
                danger
                icon={<LockOutlined />}
                onClick={() => setConfirming(true)}
                data-testid="baseline-lock"
              >
                {t('baseline.lock')}
              </Button>
            )}
          </Flex>
        }
      />
      {baseline.isError && <ListError error={baseline.error} onRetry={() => baseline.refetch()} />}
      {!data ? (
        !baseline.isError && <Skeleton active />
      ) : (
        <>
          <Alert
            type={data.status === 'locked' ? 'success' : 'warning'}
            showIcon
            icon={data.status === 'locked' ? <LockOutlined /> : undefined}
            title={
              data.status === 'locked'
                ? t('baseline.locked', { year, at: formatInstant(data.lockedAt, lang) })
                : t('baseline.open', { year })
            }
            style={{ marginBottom: 12 }}
            data-testid="baseline-banner"
          />
          {refusal && (
            <Alert
              type="error"
              showIcon
              closable
              onClose={() => setRefusal(null)}
              title={refusal.message}
              description={refusal.details.map((d) => d.reason).join('；')}
              style={{ marginBottom: 12 }}
              data-testid="baseline-refusal"
            />
          )}
          <Card
            size="small"
            title={t('baseline.byAm')}
            extra={t('baseline.total', { n: count, amount: formatMoney(total, lang) })}
          >
            <Table<AmRow>
              rowKey="amId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={[...data.byAm].sort((a, b) => b.incomplete - a.incomplete || a.amId - b.amId)}
              rowClassName={(r) => (r.incomplete ? 'row-alarm' : '')}
              expandable={{
                rowExpandable: (r) => r.incomplete > 0,
                expandedRowRender: (r) => <MissingList baseline={data} amId={r.amId} />,
              }}
              columns={[
                { title: t('opps.col.am'), key: 'am', render: (_, r) => nameOf(r.amId) },
                { title: t('baseline.items'), dataIndex: 'items', align: 'right' },
                {
                  title: t('baseline.amount'),
                  key: 'amount',
                  align: 'right',
                  render: (_, r) => formatMoney(r.amount, lang),
                },
                {
                  title: t('baseline.incomplete'),
                  key: 'incomplete',
                  align: 'right',
                  render: (_, r) =>
                    r.incomplete ? (
                      <Typography.Text style={{ color: RED }} strong>
                        {r.incomplete}
                      </Typography.Text>
                    ) : (
                      <Tag color="success" style={{ marginInlineEnd: 0 }}>
                        {t('baseline.complete')}
                      </Tag>
                    ),
                },
              ]}
            />
          </Card>
        </>
      )}
      <Modal
        open={confirming}
        title={t('baseline.lockConfirm', { year })}
        onCancel={() => setConfirming(false)}
        onOk={doLock}
        okText={t('baseline.lock')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'baseline-lock-confirm' }}
        confirmLoading={lock.isPending}
      >
        <p>{t('baseline.lockHint')}</p>
        {data && data.incomplete.length > 0 && <Alert type="error" showIcon title={t('baseline.cannotLock')} />}
      </Modal>
    </div>
  );
}
