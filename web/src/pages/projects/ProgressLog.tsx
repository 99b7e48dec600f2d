import { App, Button, Flex, Form, Input, List, Typography } from 'antd';
import { type ProgressDto, useAddProgress } from '../../api/projects';
import type { Id } from '../../api/types';
import { ListEmpty } from '../../components/ListStates';
import { applyServerError } from '../../components/serverErrors';
import { useT } from '../../i18n';

type Values = { date?: string; text: string };

/** Appends to the log (never edited): today unless an earlier date is given. */
function AddProgress({ projectId }: { projectId: Id }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddProgress(projectId);
  const submit = async (values: Values) => {
    try {
      await add.mutateAsync({ text: values.text.trim(), ...(values.date ? { date: values.date } : {}) });
      message.success(t('project.progress.added'));
      form.resetFields();
    } catch (error) {
      const rest = applyServerError(form, error, ['date', 'text']);
      if (rest) message.error(rest);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="progress-form">
      <Form.Item
        name="text"
        label={t('project.progress.add')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 4000 }]}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea rows={3} placeholder={t('project.progress.placeholder')} data-testid="progress-text" />
      </Form.Item>
      <Flex gap={8} wrap align="start">
        <Form.Item name="date" style={{ marginBottom: 0 }}>
          <Input
            type="date"
            prefix={<span style={{ color: '#94a3b8' }}>{t('project.progress.date')}</span>}
            style={{ width: 230 }}
            data-testid="progress-date"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="progress-submit">
          {t('project.progress.add')}
        </Button>
      </Flex>
    </Form>
  );
}

/** The progress log, newest first, with the add form for those who may log. */
export function ProgressLog({
  projectId,
  entries,
  canAdd,
}: {
  projectId: Id;
  entries: ProgressDto[];
  canAdd: boolean;
}) {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      {canAdd && <AddProgress projectId={projectId} />}
      {entries.length === 0 ? (
        <ListEmpty text={t('project.progress.empty')} />
      ) : (
        <List
          data-testid="progress-log"
          dataSource={entries}
          renderItem={(entry) => (
            <List.Item key={entry.id} style={{ paddingInline: 0 }}>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {entry.date} · {entry.authorName}
                </Typography.Text>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{entry.text}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
