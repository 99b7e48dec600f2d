import { titleOf } from '../titles.js';
import type { ChannelConfig } from './config.js';

/** A notification as it leaves the product: the same id on every attempt, so receivers can drop repeats. */
export type OutboundMessage = {
  messageId: string;
  recipient: string;
  /** The notification's title in Chinese (users work in Chinese; SPEC §1). */
  subject: string;
  /** The link to the object in the web app, when CRM_PUBLIC_URL is set. */
  url: string | null;
};

export type NotificationOut = {
  messageId: string;
  recipient: string;
  kind: string;
  params: Record<string, unknown>;
  link: string;
};

export function composeMessage(row: NotificationOut, channels: ChannelConfig, timeZone: string): OutboundMessage {
  return {
    messageId: row.messageId,
    recipient: row.recipient,
    subject: titleOf(row.kind, row.params, timeZone).zh,
    url: channels.publicUrl ? `${channels.publicUrl}${row.link}` : null,
  };
}

/** The e-mail body: the title and the link. */
export const emailText = (message: OutboundMessage): string =>
  [message.subject, message.url ? `查看：${message.url}` : null].filter(Boolean).join('\n\n');

/** One chat message: whom it is for, the title, the link and the message id (the chat has no header for it). */
export const chatText = (message: OutboundMessage): string =>
  [
    `【${message.recipient}】${message.subject}`,
    message.url ? `查看：${message.url}` : null,
    `消息编号: ${message.messageId}`,
  ]
    .filter(Boolean)
    .join('\n');
