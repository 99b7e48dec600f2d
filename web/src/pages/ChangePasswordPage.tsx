import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useChangePassword, useMe } from '../auth/session';
import { PageHeader } from '../components/PageHeader';
import { applyServerError } from '../components/serverErrors';
import { useT } from '../i18n';

const MIN_LENGTH = 8;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const forced = useMe().data?.user.mustChangePassword ?? false;
  const change = useChangePassword();
  const [form] = Form.useForm<Values>();
  const onFinish = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          message.success(t('password.done'));
          navigate('/', { replace: true });
        },
        onError: (error) => {
          const rest = applyServerError(form, error, ['currentPassword', 'newPassword']);
          if (rest) message.error(rest);
        },
      },
    );
  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 480 }}>
        {forced && <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            rules={[
              { required: true, message: t('common.required') },
              { min: MIN_LENGTH, message: t('password.minLength', { n: MIN_LENGTH }) },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
