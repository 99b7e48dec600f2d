import { Alert, App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { usePropose, useThresholds } from '../../api/thresholds';
import { applyServerError } from '../../components/serverErrors';
import { useBoardText } from '../board/boardText';
import { DIMS, dimOf, fromInput, inputSuffix, withBands } from './dimensions';

type Values = { no: number; red: number; yellow: number; reason: string };
const FIELDS = ['no', 'red', 'yellow', 'reason'];

/**
 * A director proposes new bands for one dimension, typed as the board shows them (% for 1–6, ‰ for 7,
 * days for 8). The order of the bands is the server's rule: its reasons land next to the fields.
 */
export function ProposeModal({ onClose }: { onClose: () => void }) {
  const text = useBoardText();
  const { t } = text;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const propose = usePropose();
  const inForce = useThresholds().data;
  const no = Form.useWatch('no', form) ?? 1;
  const dim = dimOf(no);
  const current = inForce?.find((row) => row.no === no)?.current;
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      const chosen = dimOf(values.no);
      await propose.mutateAsync({
        no: values.no,
        red: fromInput(chosen, values.red),
        yellow: fromInput(chosen, values.yellow),
        reason: values.reason.trim(),
      });
      message.success(t('thresholds.form.done'));
      onClose();
    } catch (error) {
      const rest = applyServerError(form, error, FIELDS);
      if (rest) message.error(rest);
    }
  };
  const suffix = inputSuffix(dim, t('thresholds.form.days'));
  const required = { required: true, message: t('common.required') };
  return (
    <Modal
      open
      title={t('thresholds.form.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('thresholds.propose')}
      cancelText={t('common.cancel')}
      confirmLoading={propose.isPending}
      okButtonProps={{ 'data-testid': 'propose-submit' }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ no: 1 }} data-testid="propose-form">
        <Form.Item name="no" label={t('thresholds.form.dim')} rules={[required]}>
          <Select
            options={DIMS.map((d) => ({ value: d.no, label: `${text.dimNo(d.no)} ${text.dimName(d.no)}` }))}
            onChange={() =>
              form.setFields([
                { name: 'red', errors: [] },
                { name: 'yellow', errors: [] },
              ])
            }
            data-testid="propose-dim"
          />
        </Form.Item>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(dim.better === 'higher' ? 'thresholds.form.higher' : 'thresholds.form.lower')}
          description={
            current && (
              <Typography.Text data-testid="propose-current">
                {t('thresholds.form.current', {
                  band: text.band(withBands(dim, current)),
                  month: text.month(current.effectiveMonth),
                })}
              </Typography.Text>
            )
          }
        />
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="red" label={t('thresholds.form.red')} rules={[required]} style={{ flex: 1 }}>
            <InputNumber
              min={0}
              step={dim.unit === 'ratio' ? 1 : 0.5}
              suffix={suffix}
              style={{ width: '100%' }}
              data-testid="propose-red"
            />
          </Form.Item>
          <Form.Item name="yellow" label={t('thresholds.form.yellow')} rules={[required]} style={{ flex: 1 }}>
            <InputNumber
              min={0}
              step={dim.unit === 'ratio' ? 1 : 0.5}
              suffix={suffix}
              style={{ width: '100%' }}
              data-testid="propose-yellow"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="reason"
          label={t('thresholds.form.reason')}
          rules={[{ ...required, whitespace: true }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} placeholder={t('thresholds.form.reasonPlaceholder')} data-testid="propose-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
