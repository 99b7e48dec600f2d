import { Type } from 'typebox';

/** iCalendar subscription (SPEC §4.2, §11). No server imports: web/ imports this too. */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The new link: shown once, the token is stored hashed. */
export const CalendarToken = Type.Object({ token: Type.String(), url: Type.String() });

export const CalendarTokenStatus = Type.Object({
  active: Type.Boolean(),
  createdAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
});

export const CalendarFeedQuery = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) });
