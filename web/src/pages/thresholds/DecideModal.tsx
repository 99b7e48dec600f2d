import { Alert, App, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { type ProposalDto, useDecideProposal } from '../../api/thresholds';
import { applyServerError, isStaleVersion } from '../../components/serverErrors';
import { addMonths, currentMonth } from '../../lib/month';
import { useBoardText } from '../board/boardText';
import { dimOf, withBands } from './dimensions';

type Values = { effectiveMonth?: string; reason?: string };

/** Months an approval may take effect from: this one (never earlier, the server's rule) and the next year. */
const effectiveMonths = (): string[] => Array.from({ length: 13 }, (_, i) => addMonths(currentMonth(), i));

/**
 * The CEO's decision on one proposal, sent with If-Match of the version on screen: approve from a month
 * (next month by default) with an optional comment, or reject with a reason.
 */
export function DecideModal({
  proposal,
  kind,
  onClose,
}: {
  proposal: ProposalDto;
  kind: 'approve' | 'reject';
  onClose: () => void;
}) {
  const text = useBoardText();
  const { t } = text;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const decide = useDecideProposal();
  const dim = dimOf(proposal.no);
  const approve = kind === 'approve';
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const reason = values.reason?.trim();
    try {
      await decide.mutateAsync({
        id: proposal.id,
        version: proposal.version,
        decision: approve
          ? { kind, effectiveMonth: values.effectiveMonth ?? '', ...(reason ? { reason } : {}) }
          : { kind, reason: reason ?? '' },
      });
      message.success(
        approve
          ? t('thresholds.approve.done', { month: text.month(values.effectiveMonth ?? '') })
          : t('thresholds.reject.done'),
      );
      onClose();
    } catch (error) {
      if (isStaleVersion(error)) {
        message.warning(t('common.staleVersion'));
        onClose();
        return;
      }
      const rest = applyServerError(form, error, ['effectiveMonth', 'reason']);
      if (rest) message.error(rest);
    }
  };
  const current = proposal.current ? text.band(withBands(dim, proposal.current)) : t('common.none');
  return (
    <Modal
      open
      title={t(approve ? 'thresholds.approve.title' : 'thresholds.reject.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t(approve ? 'thresholds.approve' : 'thresholds.reject')}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      okButtonProps={{ danger: !approve, 'data-testid': 'decide-submit' }}
      destroyOnHidden
    >
      <Flex vertical gap={2} style={{ marginBottom: 12 }} data-testid="decide-change">
        <Typography.Text strong>
          {text.dimNo(proposal.no)} {text.dimName(proposal.no)}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('thresholds.col.current')}: {current}
        </Typography.Text>
        <Typography.Text strong>
          {t('thresholds.col.proposed')}: {text.band(withBands(dim, proposal))}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph type="secondary">{proposal.reason}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={approve ? { effectiveMonth: addMonths(currentMonth(), 1) } : {}}
        data-testid={`decide-${kind}`}
      >
        {approve && (
          <>
            <Form.Item name="effectiveMonth" label={t('thresholds.approve.month')} rules={[{ required: true }]}>
              <Select
                options={effectiveMonths().map((m) => ({ value: m, label: text.month(m) }))}
                style={{ maxWidth: 200 }}
                data-testid="decide-month"
              />
            </Form.Item>
            <Alert type="info" showIcon title={t('thresholds.approve.hint')} style={{ marginBottom: 16 }} />
          </>
        )}
        <Form.Item
          name="reason"
          label={t(approve ? 'thresholds.approve.reason' : 'thresholds.reject.reason')}
          rules={[
            ...(approve ? [] : [{ required: true, whitespace: true, message: t('common.required') }]),
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={3} data-testid="decide-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
