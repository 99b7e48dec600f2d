import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Switch, Timeline, Typography } from 'antd';
import { type ForecastSettingsDto, type ForecastSettingsValues, useSaveSettings } from '../../api/forecast';
import { useCursorList } from '../../api/hooks';
import type { HistoryEntry } from '../../api/types';
import { applyServerError } from '../../components/serverErrors';
import { hasMessage, type MessageKey, useLang, useT } from '../../i18n';
import { formatInstant } from '../../lib/format';

const PROBABILITY_STAGES = ['lead', 'L', 'M', 'H'] as const;
const NUMBERS: { name: keyof ForecastSettingsValues; min: number; max: number; step?: number }[] = [
  { name: 'windowDays', min: 1, max: 28 },
  { name: 'gapThreshold', min: 0, max: 10, step: 0.05 },
  { name: 'coverageThreshold', min: 0, max: 100, step: 0.1 },
  { name: 'day25Day', min: 1, max: 28 },
  { name: 'commodityDeviationThreshold', min: 0, max: 10, step: 0.01 },
  { name: 'alertSlaDays', min: 1, max: 30 },
];

/** 预测设置: every number the SPEC leaves open, saved with If-Match; each change kept in history. */
export function SettingsForm({ settings, editable }: { settings: ForecastSettingsDto; editable: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ForecastSettingsValues>();
  const save = useSaveSettings();
  const history = useCursorList<HistoryEntry>(
    'history',
    '/history',
    { entity: 'forecast_settings', entityId: 1 },
    editable,
  );
  const { version, updatedAt, updatedBy: _, ...values } = settings;

  const submit = async (next: ForecastSettingsValues) => {
    try {
      await save.mutateAsync({ values: next, version });
      message.success(t('settings.saved'));
    } catch (cause) {
      const rest = applyServerError(form, cause, NUMBERS.map((n) => n.name).concat(['day25Time', 'gapMonthRule']));
      if (rest) message.error(rest);
    }
  };

  return (
    <Card
      size="small"
      title={t('settings.rules')}
      extra={
        <Typography.Text type="secondary">
          {/* Version 0: never saved, the defaults are in force (the API then dates them at the epoch). */}
          {version === 0 ? t('settings.defaults') : t('settings.updatedAt', { at: formatInstant(updatedAt, lang) })}
        </Typography.Text>
      }
      data-testid="settings-form"
    >
      {!editable && <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={values} onFinish={submit} disabled={!editable}>
        <Typography.Text strong>{t('settings.stageProbabilities')}</Typography.Text>
        <Flex gap={12} wrap style={{ marginTop: 8 }}>
          {PROBABILITY_STAGES.map((stage) => (
            <Form.Item
              key={stage}
              name={['stageProbabilities', stage]}
              label={t(`stage.${stage}`)}
              style={{ flex: '1 1 100px' }}
            >
              <InputNumber min={0} max={1} step={0.05} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </Flex>
        <Flex gap={12} wrap>
          {NUMBERS.map((n) => (
            <Form.Item
              key={n.name}
              name={n.name}
              label={t(`settings.${n.name}` as MessageKey)}
              style={{ flex: '1 1 260px' }}
            >
              <InputNumber
                min={n.min}
                max={n.max}
                step={n.step ?? 1}
                style={{ width: '100%' }}
                data-testid={`settings-${n.name}`}
              />
            </Form.Item>
          ))}
          <Form.Item
            name="day25Time"
            label={t('settings.day25Time')}
            rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}
            style={{ flex: '1 1 260px' }}
          >
            <Input placeholder="HH:MM" />
          </Form.Item>
          <Form.Item
            name="gapMonthRule"
            label={t('settings.gapMonthRule')}
            valuePropName="checked"
            style={{ flex: '1 1 260px' }}
          >
            <Switch />
          </Form.Item>
        </Flex>
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
      {editable && history.items.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('settings.history')}
          </Typography.Title>
          <Timeline
            items={[...history.items].reverse().map((h) => ({
              key: h.id,
              content: (
                <div>
                  <Typography.Text type="secondary">
                    {h.actorName ?? ''} · {formatInstant(h.at, lang)}
                  </Typography.Text>
                  <SettingsChange before={h.before} after={h.after} />
                </div>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}

/** Only what a change moved: "coverageThreshold: 1.5 → 1.2". */
function SettingsChange({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) && k !== 'version' && k !== 'updatedAt' && k !== 'updatedBy',
  );
  const show = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '—'));
  return keys.map((k) => {
    const key = `settings.${k}`;
    return (
      <div key={k}>
        <Typography.Text type="secondary">{hasMessage(key) ? t(key) : k}: </Typography.Text>
        <Typography.Text delete>{show(b[k])}</Typography.Text> → <Typography.Text strong>{show(a[k])}</Typography.Text>
      </div>
    );
  });
}
