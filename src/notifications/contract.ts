import { Type } from 'typebox';
import { PageQuery } from '../http/schemas.js';

export const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  /** In the reader's language (Accept-Language), times in the configured time zone. */
  title: Type.String(),
  link: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export const NotificationListQuery = Type.Object({ ...PageQuery, unread: Type.Optional(Type.Boolean()) });

export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** How many of the caller's notifications are unread, whatever the filter. */
  unread: Type.Integer(),
});

export const ReadAllResult = Type.Object({ marked: Type.Integer(), unread: Type.Integer() });
