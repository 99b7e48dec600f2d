import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import type { Me } from '../api/types';
import { ME_KEY, useLogin } from '../auth/session';
import { useLang, useT } from '../i18n';
import { preloadSignedInShell } from '../layout/chunks';

interface Credentials {
  username: string;
  password: string;
}

export default function LoginPage() {
  const t = useT();
  const { lang, setLang } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const login = useLogin();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  // Without a page to return to, everyone starts on their role's start page; an AM on a phone on 我的任务.
  const landing = () => {
    if (from !== '/' && !from.startsWith('/login')) return from;
    const phone = window.matchMedia('(max-width: 768px)').matches;
    return client.getQueryData<Me>(ME_KEY)?.user.role === 'am' && phone ? '/tasks' : '/';
  };
  const onFinish = (values: Credentials) => {
    preloadSignedInShell();
    login.mutate(values, { onSuccess: () => navigate(landing(), { replace: true }) });
  };
  const error = login.error;
  const errorText = error instanceof ApiError && error.status === 0 ? t('error.network') : error?.message;
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#eef2f8' }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <div
            style={{
              width: 48,
              height: 48,
              borderRadius: 12,
              background: '#1d4ed8',
              color: '#fff',
              display: 'grid',
              placeItems: 'center',
              fontWeight: 700,
              fontSize: 18,
            }}
          >
            TK
          </div>
          <Typography.Title level={4} style={{ margin: '12px 0 0', textAlign: 'center' }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.title')}</Typography.Text>
        </Flex>
        {error && (
          <Alert type="error" showIcon title={errorText} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Button
        type="link"
        icon={<GlobalOutlined />}
        style={{ marginTop: 12 }}
        data-testid="login-lang"
        onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      >
        {lang === 'en' ? '中文' : 'English'}
      </Button>
    </Flex>
  );
}
