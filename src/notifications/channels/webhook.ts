import type { WebhookChannel, WebhookFormat } from './config.js';
import { chatText, type OutboundMessage } from './message.js';

const TIMEOUT_MS = 15_000;

/** The text-message JSON of each platform's incoming webhook (group robot). */
export function webhookBody(format: WebhookFormat, text: string): unknown {
  if (format === 'feishu') return { msg_type: 'text', content: { text } };
  // WeCom and DingTalk share the shape.
  return { msgtype: 'text', text: { content: text } };
}

/**
 * The platforms answer 200 with an error code when they refuse a message (bad key, rate limit):
 * WeCom and DingTalk `errcode`, Feishu `code` (older bots `StatusCode`). Anything else counts as taken.
 */
function refusal(answer: string): string | null {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const code = body.errcode ?? body.code ?? body.StatusCode;
  if (code === undefined || code === 0) return null;
  return `refused: code ${String(code)} ${String(body.errmsg ?? body.msg ?? body.StatusMessage ?? '')}`.trim();
}

/** Posts one chat message; the message id travels in the text and in `X-Message-Id`. */
export async function sendWebhook(webhook: WebhookChannel, message: OutboundMessage): Promise<void> {
  const response = await fetch(webhook.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-message-id': message.messageId },
    body: JSON.stringify(webhookBody(webhook.format, chatText(message))),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const answer = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} ${answer.slice(0, 200)}`.trim());
  const refused = refusal(answer);
  if (refused) throw new Error(refused);
}
