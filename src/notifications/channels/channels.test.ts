import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { messageIdHost } from './config.js';
import { chatText } from './message.js';
import { webhookBody } from './webhook.js';

test('each channel is off unless configured', () => {
  expect(loadConfig({}, {}).channels).toEqual({ smtp: null, webhook: null, publicUrl: null });
});

test('the SMTP channel needs a sender; a bad URL is refused without repeating its secret', () => {
  expect(() => loadConfig({}, { CRM_SMTP_URL: 'smtp://u:p@mail.example:587' })).toThrow(/CRM_SMTP_FROM/);
  const bad = () => loadConfig({}, { CRM_WEBHOOK_URL: 'not a url?key=s3cret' });
  expect(bad).toThrow(ConfigError);
  expect(bad).not.toThrow(/s3cret/);
  expect(() => loadConfig({}, { CRM_WEBHOOK_URL: 'https://hook.example/x', CRM_WEBHOOK_FORMAT: 'slack' })).toThrow(
    /wecom, dingtalk, feishu/,
  );
});

test('the webhook speaks WeCom by default; the public URL loses its trailing slash and names message ids', () => {
  const { channels } = loadConfig(
    {},
    { CRM_WEBHOOK_URL: 'https://hook.example/send?key=k', CRM_PUBLIC_URL: 'https://crm.example.com/' },
  );
  expect(channels.webhook?.format).toBe('wecom');
  expect(channels.publicUrl).toBe('https://crm.example.com');
  expect(messageIdHost(channels)).toBe('crm.example.com');
  expect(messageIdHost({ ...channels, publicUrl: null })).toBe('tk-crm');
});

test('the text message of each platform', () => {
  expect(webhookBody('wecom', '你好')).toEqual({ msgtype: 'text', text: { content: '你好' } });
  expect(webhookBody('dingtalk', '你好')).toEqual({ msgtype: 'text', text: { content: '你好' } });
  expect(webhookBody('feishu', '你好')).toEqual({ msg_type: 'text', content: { text: '你好' } });
});

test('a chat message names its reader, links the object and carries the message id', () => {
  const message = { messageId: '<crm-n7-webhook@tk-crm>', recipient: '张三', subject: '新任务：跟进', url: null };
  expect(chatText(message)).toBe('【张三】新任务：跟进\n消息编号: <crm-n7-webhook@tk-crm>');
  expect(chatText({ ...message, url: 'https://crm.example.com/tasks/7' })).toContain(
    '查看：https://crm.example.com/tasks/7',
  );
});
