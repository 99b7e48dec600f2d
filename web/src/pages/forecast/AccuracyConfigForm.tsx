import { App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import {
  type AccuracyConfigDto,
  type AccuracyConfigInput,
  useAccuracyConfig,
  useSaveAccuracyConfig,
} from '../../api/forecast';
import { useUserLookup } from '../../api/hooks';
import { ListError } from '../../components/ListStates';
import { applyServerError } from '../../components/serverErrors';
import { type Translate, useLang, useT } from '../../i18n';
import { formatInstant, formatMonth } from '../../lib/format';
import { addMonths, currentMonth, MONTH_PATTERN } from '../../lib/month';

const FORMULAS = ['wape', 'mean_item', 'ratio'] as const;
const VERSIONS = ['rolling', 'precision', 'precision_else_rolling'] as const;
const GRANULARITIES = ['opportunity', 'customer', 'track'] as const;
const FIELDS = ['formula', 'lag', 'version', 'granularity', 'actualsSource', 'effectiveMonth', 'reason'];

const describe = (c: AccuracyConfigDto, t: Translate) => ({
  formula: t(`accuracy.formula.${c.formula}`),
  lag: c.lag === 0 ? t('accuracy.lagSame') : t('accuracy.lagMonths', { n: c.lag }),
  version: t(`accuracy.version.${c.version}`),
  granularity: t(`accuracy.granularity.${c.granularity}`),
  source: c.actualsSource ?? t('accuracy.allSources'),
});

/** 预测准确率口径 (SPEC §6.7): the method in force, a new one from an effective month, every row kept. */
export function AccuracyConfigForm({ editable }: { editable: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const config = useAccuracyConfig();
  const save = useSaveAccuracyConfig();
  const users = useUserLookup({ role: 'admin' }, editable);
  const [form] = Form.useForm<AccuracyConfigInput>();
  if (config.isError) return <ListError error={config.error} onRetry={() => config.refetch()} />;
  const current = config.data?.current;
  if (!current) return null;
  const now = describe(current, t);
  const submit = async (values: AccuracyConfigInput) => {
    const body = {
      ...values,
      actualsSource: values.actualsSource?.trim() || null,
      reason: values.reason?.trim() || undefined,
    };
    try {
      await save.mutateAsync(body);
      message.success(t('accuracy.saved', { month: formatMonth(values.effectiveMonth, lang) }));
    } catch (cause) {
      const rest = applyServerError(form, cause, FIELDS);
      if (rest) message.error(rest);
    }
  };
  return (
    <Card size="small" title={t('accuracy.title')} data-testid="accuracy-config">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        title={
          current.id === null
            ? t('accuracy.defaults')
            : t('accuracy.current', { month: formatMonth(current.effectiveMonth, lang) })
        }
      >
        <Descriptions.Item label={t('accuracy.formula')}>{now.formula}</Descriptions.Item>
        <Descriptions.Item label={t('accuracy.lag')}>{now.lag}</Descriptions.Item>
        <Descriptions.Item label={t('accuracy.version')}>{now.version}</Descriptions.Item>
        <Descriptions.Item label={t('accuracy.granularity')}>{now.granularity}</Descriptions.Item>
        <Descriptions.Item label={t('accuracy.actualsSource')}>{now.source}</Descriptions.Item>
      </Descriptions>
      {editable && (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            formula: current.formula,
            lag: current.lag,
            version: current.version,
            granularity: current.granularity,
            actualsSource: current.actualsSource ?? '',
            effectiveMonth: addMonths(currentMonth(), 1),
          }}
          style={{ marginTop: 16 }}
        >
          <Flex gap={12} wrap>
            <Form.Item name="formula" label={t('accuracy.formula')} style={{ flex: '2 1 280px' }}>
              <Select options={FORMULAS.map((v) => ({ value: v, label: t(`accuracy.formula.${v}`) }))} />
            </Form.Item>
            <Form.Item name="lag" label={t('accuracy.lag')} style={{ flex: '1 1 140px' }}>
              <InputNumber min={0} max={3} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="version" label={t('accuracy.version')} style={{ flex: '2 1 280px' }}>
              <Select options={VERSIONS.map((v) => ({ value: v, label: t(`accuracy.version.${v}`) }))} />
            </Form.Item>
            <Form.Item name="granularity" label={t('accuracy.granularity')} style={{ flex: '1 1 160px' }}>
              <Select options={GRANULARITIES.map((v) => ({ value: v, label: t(`accuracy.granularity.${v}`) }))} />
            </Form.Item>
            <Form.Item name="actualsSource" label={t('accuracy.actualsSource')} style={{ flex: '1 1 240px' }}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item
              name="effectiveMonth"
              label={t('accuracy.effectiveMonth')}
              rules={[{ required: true, pattern: MONTH_PATTERN, message: t('grid.badMonth') }]}
              style={{ flex: '1 1 140px' }}
            >
              <Input placeholder="YYYY-MM" />
            </Form.Item>
          </Flex>
          <Form.Item name="reason" label={t('accuracy.reason')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('accuracy.save')}
          </Button>
        </Form>
      )}
      {(config.data?.history.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('accuracy.history')}
          </Typography.Title>
          <Table<AccuracyConfigDto>
            rowKey={(r) => r.id ?? 0}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={config.data?.history}
            columns={[
              { title: t('accuracy.effectiveMonth'), key: 'm', render: (_, r) => formatMonth(r.effectiveMonth, lang) },
              { title: t('accuracy.formula'), key: 'f', render: (_, r) => describe(r, t).formula },
              { title: t('accuracy.lag'), key: 'l', render: (_, r) => describe(r, t).lag },
              { title: t('accuracy.version'), key: 'v', render: (_, r) => describe(r, t).version },
              { title: t('accuracy.granularity'), key: 'g', render: (_, r) => describe(r, t).granularity },
              { title: t('accuracy.changedAt'), key: 'at', render: (_, r) => formatInstant(r.changedAt, lang) },
              {
                title: t('accuracy.changedBy'),
                key: 'by',
                render: (_, r) =>
                  users.data?.find((u) => u.id === r.changedBy)?.name ?? (r.changedBy ? `#${r.changedBy}` : '—'),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
