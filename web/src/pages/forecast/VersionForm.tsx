import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ForecastBody, ForecastVersionDto, OpportunityDto, VersionName } from '../../api/forecast';
import { usePutForecast } from '../../api/forecast';
import { applyServerError } from '../../components/serverErrors';
import { useT } from '../../i18n';
import { addMonths, currentMonth, MONTH_PATTERN } from '../../lib/month';
import { RED } from './forecastText';

interface Values {
  orderMonth?: string;
  amount?: number | null;
  shipments?: { month?: string; amount?: number | null }[];
  reason?: string;
}

/** The form's rows from a stored version; an empty version starts with the next three months. */
function initialValues(version: ForecastVersionDto | null): Values {
  const shipments = Object.entries(version?.shipments ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, amount]) => ({ month, amount }));
  const now = currentMonth();
  return {
    orderMonth: version?.orderMonth ?? undefined,
    amount: version?.amount ?? undefined,
    shipments: shipments.length ? shipments : [1, 2, 3].map((i) => ({ month: addMonths(now, i), amount: undefined })),
  };
}

function toBody(values: Values): ForecastBody {
  const shipments: Record<string, number> = {};
  for (const row of values.shipments ?? []) if (row.month && row.amount) shipments[row.month] = row.amount;
  return {
    orderMonth: values.orderMonth || null,
    amount: values.amount ?? null,
    shipments,
    ...(values.reason ? { reason: values.reason } : {}),
  };
}

export interface VersionFormProps {
  item: OpportunityDto;
  version: VersionName;
  open: boolean;
  onClose: () => void;
  /** After a successful save: the precision form moves the stage on to H. */
  onSaved?: (saved: OpportunityDto) => Promise<void> | void;
  /** The fields a 422 precision_required named (`precision.orderMonth` …): shown red from the start. */
  missing?: string[];
  title?: string;
  hint?: string;
  submitText?: string;
}

/** One version of an opportunity's forecast: order month, amount, the monthly shipment amounts. */
export function VersionForm({
  item,
  version,
  open,
  onClose,
  onSaved,
  missing = [],
  title,
  hint,
  submitText,
}: VersionFormProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const put = usePutForecast();
  const [error, setError] = useState<string | null>(null);
  const [needsReason, setNeedsReason] = useState(false);
  const stored = item[version];
  const bare = (field: string) => field.replace(/^(precision|rolling)\./, '');
  // the fields the 422 named stay red until the user touches them
  const [flagged, setFlagged] = useState(() => new Set(missing.map(bare)));
  const shipmentsMissing = flagged.has('shipments');
  const flag = (name: string) =>
    flagged.has(name) ? { validateStatus: 'error' as const, help: t('common.required') } : {};
  const onValuesChange = (changed: Partial<Values>) =>
    setFlagged((before) => new Set([...before].filter((name) => !(name in changed))));

  const submit = async (values: Values) => {
    setError(null);
    const body = toBody(values);
    if (stored?.orderMonth && body.orderMonth && body.orderMonth > stored.orderMonth && !values.reason) {
      setNeedsReason(true);
      form.setFields([{ name: 'reason', errors: [t('version.pushReason')] }]);
      return;
    }
    try {
      const saved = await put.mutateAsync({ item, version, body });
      if (onSaved) await onSaved(saved);
      else message.success(t('version.saved'));
      onClose();
    } catch (cause) {
      if ((cause as { details?: { field?: string }[] }).details?.some((d) => d.field === 'reason'))
        setNeedsReason(true);
      setError(applyServerError(form, cause, ['orderMonth', 'amount', 'reason']));
    }
  };

  return (
    <Modal
      open={open}
      title={title ?? t(`version.title.${version}`)}
      onCancel={onClose}
      okText={submitText ?? t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={put.isPending}
      okButtonProps={{ 'data-testid': 'version-submit' }}
      destroyOnHidden
      width={560}
    >
      <div data-testid={`version-form-${version}`}>
        {hint && <Alert type="warning" showIcon title={hint} style={{ marginBottom: 12 }} />}
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="version-error" />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={initialValues(stored)}
          onValuesChange={onValuesChange}
        >
          <Flex gap={12} wrap>
            <Form.Item
              name="orderMonth"
              label={t('opp.orderMonth')}
              {...flag('orderMonth')}
              rules={[{ pattern: MONTH_PATTERN, message: t('grid.badMonth') }]}
              style={{ flex: '1 1 160px' }}
            >
              <Input placeholder="YYYY-MM" data-testid="version-orderMonth" />
            </Form.Item>
            <Form.Item name="amount" label={t('grid.col.amount')} {...flag('amount')} style={{ flex: '1 1 160px' }}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="version-amount" />
            </Form.Item>
          </Flex>
          <Typography.Text strong style={{ color: shipmentsMissing ? RED : undefined }}>
            {t('opp.shipments')}
          </Typography.Text>
          <div
            data-testid="version-shipments"
            data-missing={shipmentsMissing}
            style={{
              border: `1px solid ${shipmentsMissing ? RED : '#e5e7eb'}`,
              borderRadius: 6,
              padding: '8px 8px 0',
              margin: '6px 0 12px',
            }}
          >
            <Form.List name="shipments">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <Flex key={field.key} gap={8} align="start">
                      <Form.Item
                        name={[field.name, 'month']}
                        rules={[{ pattern: MONTH_PATTERN, message: t('grid.badMonth') }]}
                        style={{ flex: '1 1 120px', marginBottom: 8 }}
                      >
                        <Input
                          placeholder="YYYY-MM"
                          aria-label={t('precision.month')}
                          data-testid={`ship-month-${index}`}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'amount']} style={{ flex: '1 1 160px', marginBottom: 8 }}>
                        <InputNumber
                          min={0}
                          style={{ width: '100%' }}
                          aria-label={t('precision.monthAmount')}
                          placeholder={t('precision.monthAmount')}
                          data-testid={`ship-amount-${index}`}
                        />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} type="text" onClick={() => remove(field.name)} />
                    </Flex>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    block
                    style={{ marginBottom: 8 }}
                    onClick={() => {
                      const rows = form.getFieldValue('shipments') as Values['shipments'];
                      const last = rows?.[rows.length - 1]?.month;
                      add({ month: last && MONTH_PATTERN.test(last) ? addMonths(last, 1) : currentMonth() });
                    }}
                  >
                    {t('precision.addMonth')}
                  </Button>
                </>
              )}
            </Form.List>
          </div>
          {(needsReason || stored?.orderMonth) && (
            <Form.Item
              name="reason"
              label={t('opp.reason')}
              hidden={!needsReason}
              rules={needsReason ? [{ required: true, message: t('version.pushReason') }] : []}
            >
              <Input.TextArea rows={2} maxLength={2000} data-testid="version-reason" />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
