/** The chat platforms whose incoming-webhook JSON the product speaks. */
export const WEBHOOK_FORMATS = ['wecom', 'dingtalk', 'feishu'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export type SmtpChannel = { url: string; from: string };
export type WebhookChannel = { url: string; format: WebhookFormat };

/** Outbound copies of notifications (SPEC §5): each channel is off (null) unless configured. */
export type ChannelConfig = {
  smtp: SmtpChannel | null;
  webhook: WebhookChannel | null;
  /** Where users open the web app, without a trailing slash: links in messages start with it. */
  publicUrl: string | null;
};

type Fail = (message: string) => Error;

function urlOf(name: string, raw: string, protocols: string[], fail: Fail): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value itself may hold a password or a token: never repeat it.
    throw fail(`${name} is not a URL`);
  }
  if (!protocols.includes(url.protocol)) throw fail(`${name} must start with ${protocols.join(' or ')}//`);
  return url;
}

function smtpFrom(env: NodeJS.ProcessEnv, fail: Fail): SmtpChannel | null {
  const url = env.CRM_SMTP_URL;
  if (!url) return null;
  urlOf('CRM_SMTP_URL', url, ['smtp:', 'smtps:'], fail);
  const from = env.CRM_SMTP_FROM?.trim();
  if (!from) throw fail('CRM_SMTP_FROM (the sender address) is needed with CRM_SMTP_URL');
  return { url, from };
}

function webhookFrom(env: NodeJS.ProcessEnv, fail: Fail): WebhookChannel | null {
  const url = env.CRM_WEBHOOK_URL;
  if (!url) return null;
  urlOf('CRM_WEBHOOK_URL', url, ['https:', 'http:'], fail);
  const format = (env.CRM_WEBHOOK_FORMAT || 'wecom') as WebhookFormat;
  if (!WEBHOOK_FORMATS.includes(format))
    throw fail(`CRM_WEBHOOK_FORMAT must be ${WEBHOOK_FORMATS.join(', ')}, got "${format}"`);
  return { url, format };
}

function publicUrlFrom(env: NodeJS.ProcessEnv, fail: Fail): string | null {
  const raw = env.CRM_PUBLIC_URL;
  if (!raw) return null;
  const url = urlOf('CRM_PUBLIC_URL', raw, ['https:', 'http:'], fail);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Reads CRM_SMTP_URL/FROM, CRM_WEBHOOK_URL/FORMAT and CRM_PUBLIC_URL; `fail` makes the config error. */
export function channelsFrom(env: NodeJS.ProcessEnv, fail: Fail): ChannelConfig {
  return { smtp: smtpFrom(env, fail), webhook: webhookFrom(env, fail), publicUrl: publicUrlFrom(env, fail) };
}

/** The host of the public URL names the product in message ids: `<crm-n12-email@crm.example.com>`. */
export const messageIdHost = (channels: ChannelConfig): string =>
  channels.publicUrl ? new URL(channels.publicUrl).hostname : 'tk-crm';

/** Where a channel sends, shown to the admin and written to logs: the host only, never credentials or tokens. */
export const hostOf = (url: string): string => new URL(url).host;
