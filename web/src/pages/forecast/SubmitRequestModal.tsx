import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Segmented, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { type RequestKind, useAllOpportunities, useSubmitRequest, useTargets } from '../../api/forecast';
import { useLang, useT } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { currentMonth, MONTH_PATTERN } from '../../lib/month';
import { RED } from './forecastText';

interface LineValues {
  opportunityId?: number;
  month?: string;
  amount?: number | null;
}
interface Values {
  reason?: string;
  from?: LineValues[];
  to?: LineValues[];
  lines?: LineValues[];
}
type ListName = 'from' | 'to' | 'lines';

const cents = (n: number) => Math.round(n * 100);

/** The signed lines sent: a migration's "from" side gives (negative), its "to" side takes (positive). */
function linesOf(kind: RequestKind, values: Values) {
  const pick = (rows: LineValues[] | undefined, sign: number) =>
    (rows ?? []).map((l) => ({
      opportunityId: l.opportunityId ?? 0,
      month: l.month ?? '',
      amount: sign * (l.amount ?? 0),
    }));
  return kind === 'migrate' ? [...pick(values.from, -1), ...pick(values.to, 1)] : pick(values.lines, 1);
}

/**
 * 目标修改请求 wizard (SPEC §6.3): a migration (from / to opportunities, Σ must reach 0, shown live) or a
 * total adjustment (signed lines); the server's refusals land on their lines.
 */
export function SubmitRequestModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<RequestKind>('migrate');
  const [error, setError] = useState<string | null>(null);
  const year = Number(currentMonth().slice(0, 4));
  const submit = useSubmitRequest();
  const opportunities = useAllOpportunities({ businessLine: 'integrated' }, open);
  const targets = useTargets(year, open);
  const values = Form.useWatch([], form) as Values | undefined;
  const lines = linesOf(kind, values ?? {});
  const sum = lines.reduce((total, l) => total + cents(l.amount), 0) / 100;
  const balanced = kind !== 'migrate' || cents(sum) === 0;
  const options = (opportunities.data ?? [])
    .filter((o) => o.stage !== 'won' || !o.fullyShipped)
    .map((o) => ({ value: o.id, label: `${o.code} · ${o.name}` }));
  const targetOf = (id?: number, month?: string) =>
    targets.data?.items
      .filter((i) => i.opportunityId === id && (!month || i.month === month))
      .reduce((a, i) => a + i.amount, 0) ?? 0;

  const send = async (v: Values) => {
    setError(null);
    try {
      await submit.mutateAsync({ kind, year, reason: v.reason?.trim() ?? '', lines: linesOf(kind, v) });
      message.success(t('submit.done'));
      form.resetFields();
      onClose();
    } catch (cause) {
      if (!(cause instanceof ApiError)) return setError(String(cause));
      // `lines[3].amount` → the row it came from in the from / to lists
      const fromCount = kind === 'migrate' ? (v.from?.length ?? 0) : 0;
      const fields = cause.details.flatMap((d) => {
        const match = d.field?.match(/^lines\[(\d+)\]\.(\w+)$/);
        if (!match) return [];
        const index = Number(match[1]);
        const list: ListName = kind !== 'migrate' ? 'lines' : index < fromCount ? 'from' : 'to';
        const row = list === 'to' ? index - fromCount : index;
        return [{ name: [list, row, match[2]!] as never, errors: [d.reason] }];
      });
      form.setFields(fields);
      setError(fields.length === cause.details.length ? null : cause.message);
    }
  };

  const lineList = (name: ListName, title: string, testId: string) => (
    <div style={{ marginBottom: 12 }} data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => {
              const row = (values?.[name] ?? [])[field.name];
              return (
                <Flex key={field.key} gap={8} align="start" wrap style={{ marginTop: 6 }}>
                  <Form.Item
                    name={[field.name, 'opportunityId']}
                    rules={[{ required: true, message: t('common.required') }]}
                    style={{ flex: '2 1 220px', marginBottom: 4 }}
                    extra={
                      name === 'from' && row?.opportunityId
                        ? t('submit.currentTarget', {
                            amount: formatMoney(targetOf(row.opportunityId, row.month), lang),
                          })
                        : undefined
                    }
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('submit.opportunity')}
                      options={options}
                      loading={opportunities.isPending}
                      data-testid={`${testId}-opp-${field.name}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'month']}
                    initialValue={currentMonth()}
                    rules={[{ required: true, pattern: MONTH_PATTERN, message: t('grid.badMonth') }]}
                    style={{ flex: '1 1 100px', marginBottom: 4 }}
                  >
                    <Input placeholder="YYYY-MM" data-testid={`${testId}-month-${field.name}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amount']}
                    rules={[{ required: true, message: t('common.required') }]}
                    style={{ flex: '1 1 140px', marginBottom: 4 }}
                  >
                    <InputNumber
                      min={name === 'lines' ? undefined : 0}
                      placeholder={t('submit.amount')}
                      style={{ width: '100%' }}
                      data-testid={`${testId}-amount-${field.name}`}
                    />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                </Flex>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block data-testid={`${testId}-add`}>
              {t('submit.addLine')}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );

  return (
    <Modal
      open={open}
      title={t('submit.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('submit.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !balanced || lines.length === 0, 'data-testid': 'submit-request' }}
      confirmLoading={submit.isPending}
      width={720}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Segmented<RequestKind>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'migrate', label: t('requests.kind.migrate') },
            { value: 'adjust_total', label: t('requests.kind.adjust_total') },
          ]}
          data-testid="submit-kind"
        />
        {error && <Alert type="error" showIcon title={error} />}
        <Form form={form} layout="vertical" onFinish={send} initialValues={{ from: [{}], to: [{}], lines: [{}] }}>
          {kind === 'migrate' ? (
            <>
              {lineList('from', t('submit.from'), 'submit-from')}
              {lineList('to', t('submit.to'), 'submit-to')}
            </>
          ) : (
            lineList('lines', t('submit.lines'), 'submit-lines')
          )}
          <Flex
            justify="flex-end"
            align="center"
            gap={8}
            style={{ marginBottom: 12 }}
            data-testid="submit-sum"
            data-sum={sum}
          >
            <Typography.Text>{t('submit.sum')}:</Typography.Text>
            <Tag color={balanced ? 'success' : 'error'} style={{ fontSize: 14, marginInlineEnd: 0 }}>
              {sum > 0 ? '+' : ''}
              {formatMoney(sum, lang)}
            </Tag>
            {!balanced && <Typography.Text style={{ color: RED }}>{t('submit.sumZero')}</Typography.Text>}
          </Flex>
          <Form.Item
            name="reason"
            label={t('submit.reason')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={2} maxLength={2000} data-testid="submit-reason" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}
