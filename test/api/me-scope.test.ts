import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('/me says which part of the organisation the caller works in (SPEC §2)', () => {
  let t: TestApp;
  const trackIds = {} as Record<string, number>;

  beforeAll(async () => {
    t = await startTestApp();
    const tracks = (await (await t.as('admin')).get('/api/v1/tracks')).body as {
      items: { id: number; code: string }[];
    };
    for (const track of tracks.items) trackIds[track.code] = track.id;
  });
  afterAll(() => t.close());

  test('a director works in their track, an AM with their own customers, the others across every track', async () => {
    const scopeOf = async (who: string) =>
      ((await (await t.as(who)).get('/api/v1/me')).body as { scope: unknown }).scope;
    expect(await scopeOf('director1')).toEqual({ kind: 'track', trackId: trackIds.T1 });
    expect(await scopeOf('director2')).toEqual({ kind: 'track', trackId: trackIds.T2 });
    expect(await scopeOf('am1')).toEqual({ kind: 'own', trackId: null });
    for (const who of ['ceo', 'secretary', 'admin', 'planner'])
      expect(await scopeOf(who)).toEqual({ kind: 'all', trackId: null });
  });

  test("the scope matches what the caller is given: a director's customers are their track's, an AM's their own", async () => {
    const director = await t.as('director1');
    const customers = (await director.get('/api/v1/customers')).body as { items: { trackId: number }[] };
    expect(customers.items.length).toBeGreaterThan(0);
    expect(customers.items.every((c) => c.trackId === trackIds.T1)).toBe(true);
    const am = await t.as('am1');
    const me = (await am.get('/api/v1/me')).body as { user: { id: number } };
    const own = (await am.get('/api/v1/customers')).body as { items: { amId: number }[] };
    expect(own.items.every((c) => c.amId === me.user.id)).toBe(true);
  });
});
