import { Alert, App, Form, Input, InputNumber, Modal, Select, Skeleton } from 'antd';
import { type Cadence, useChangeCadence, useSeries } from '../../api/meetings';
import type { Id } from '../../api/types';
import { applyServerError } from '../../components/serverErrors';
import { type MessageKey, type Translate, useT } from '../../i18n';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

export function cadenceText(cadence: Cadence, t: Translate): string {
  const weekday = t(`meetings.weekday.${cadence.weekday}` as MessageKey);
  return cadence.kind === 'weekly'
    ? t('meetings.cadence.weekly', { weekday, start: cadence.start, end: cadence.end })
    : t('meetings.cadence.monthly', { weekday, nth: cadence.nth, start: cadence.start, end: cadence.end });
}

/** 会议节奏: weekday and times (and which week of the month for the supervision meeting). */
export function CadenceModal({ seriesId, onClose }: { seriesId: Id; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const series = useSeries(seriesId);
  const change = useChangeCadence();
  const [form] = Form.useForm<Cadence>();
  const submit = async () => {
    if (!series.data) return;
    const values = await form.validateFields();
    try {
      await change.mutateAsync({ series: series.data, cadence: { ...series.data.cadence, ...values } as Cadence });
      message.success(t('meetings.cadence.saved'));
      onClose();
    } catch (error) {
      const rest = applyServerError(form, error, ['nth', 'weekday', 'start', 'end']);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal open title={t('meetings.cadence.title')} onCancel={onClose} onOk={submit} confirmLoading={change.isPending}>
      {!series.data ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" initialValues={series.data.cadence}>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('meetings.cadence.hint')} />
          {series.data.cadence.kind === 'monthly_nth_weekday' && (
            <Form.Item name="nth" label={t('meetings.cadence.nth')} rules={[{ required: true }]}>
              <InputNumber min={1} max={4} />
            </Form.Item>
          )}
          <Form.Item name="weekday" label={t('meetings.cadence.weekday')} rules={[{ required: true }]}>
            <Select options={WEEKDAYS.map((d) => ({ value: d, label: t(`meetings.weekday.${d}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="start" label={t('meetings.start')} rules={[{ required: true }]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="end" label={t('meetings.end')} rules={[{ required: true }]}>
            <Input type="time" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
