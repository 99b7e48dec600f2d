import { Type } from 'typebox';
import { PageQuery } from '../../http/schemas.js';

const Status = Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]);
const Channel = Type.Union([Type.Literal('email'), Type.Literal('webhook')]);
const Format = Type.Union([Type.Literal('wecom'), Type.Literal('dingtalk'), Type.Literal('feishu')]);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** One outbound copy of a notification, as the admin's delivery log shows it. */
export const Delivery = Type.Object({
  id: Type.Integer(),
  notificationId: Type.Integer(),
  /** The notification's kind and title (in the reader's language). */
  kind: Type.String(),
  title: Type.String(),
  channel: Channel,
  /** The e-mail address, or the user's name for a chat message. */
  recipient: Type.String(),
  userId: Type.Integer(),
  userName: Type.String(),
  messageId: Type.String(),
  status: Status,
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const DeliveryListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(Status),
  channel: Type.Optional(Channel),
});

export const DeliveryPage = Type.Object({
  items: Type.Array(Delivery),
  nextCursor: Nullable(Type.String()),
});

/** What is configured, without secrets: hosts only. */
export const ChannelSettings = Type.Object({
  email: Nullable(Type.Object({ host: Type.String(), from: Type.String() })),
  webhook: Nullable(Type.Object({ host: Type.String(), format: Format })),
  publicUrl: Nullable(Type.String()),
});
