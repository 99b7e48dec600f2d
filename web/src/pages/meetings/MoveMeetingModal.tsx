import { App, Form, Input, Modal } from 'antd';
import { type Meeting, useMoveMeeting } from '../../api/meetings';
import { applyServerError } from '../../components/serverErrors';
import { useT } from '../../i18n';
import { fromZoneInput, toZoneInput } from '../../lib/meetingTime';

/** 调整时间: a new start and end, in the company's time zone; the meeting keeps its id. */
export function MoveMeetingModal({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ startsAt: string; endsAt: string }>();
  const move = useMoveMeeting();
  const duration = Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await move.mutateAsync({
        meeting,
        startsAt: fromZoneInput(values.startsAt),
        endsAt: fromZoneInput(values.endsAt),
      });
      message.success(t('meetings.moved.ok'));
      onClose();
    } catch (error) {
      const rest = applyServerError(form, error, ['startsAt', 'endsAt']);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open
      title={t('meetings.move')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={move.isPending}
      okButtonProps={{ 'data-testid': 'move-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ startsAt: toZoneInput(meeting.startsAt), endsAt: toZoneInput(meeting.endsAt) }}
        onValuesChange={(changed: { startsAt?: string }) => {
          // A new start keeps the meeting's length: the end moves with it (issue 13, item 11).
          if (!changed.startsAt) return;
          const start = Date.parse(fromZoneInput(changed.startsAt));
          if (Number.isNaN(start)) return;
          form.setFieldValue('endsAt', toZoneInput(new Date(start + duration).toISOString()));
        }}
      >
        <Form.Item name="startsAt" label={t('meetings.start')} rules={[{ required: true }]}>
          <Input type="datetime-local" data-testid="move-start" />
        </Form.Item>
        <Form.Item name="endsAt" label={t('meetings.end')} rules={[{ required: true }]}>
          <Input type="datetime-local" data-testid="move-end" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
