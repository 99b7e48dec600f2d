import { expect, test } from 'vitest';
import { readsOnlyUnchanging } from './read-cache.js';

test('only reads of the facts and the organisation are answered from memory while the demo replays', () => {
  const board = `with facts as (select track_id from fact_am_monthly where month = $1), ar as (
      -- the latest snapshot from the receivables
      select r.track_id from customers c cross join lateral (select track_id from receivables r limit 1) r)
    select * from facts f full join ar on ar.track_id = f.track_id`;
  expect(readsOnlyUnchanging(board)).toBe(true);
  expect(readsOnlyUnchanging('select distinct on (no) no from threshold_bands where effective_month <= $1')).toBe(true);
  expect(
    readsOnlyUnchanging('select t.id from tasks t join meeting_occurrences raised on raised.id = t.meeting_id'),
  ).toBe(false);
  expect(readsOnlyUnchanging('select id from users u join tasks t on t.owner_id = u.id')).toBe(false);
  expect(readsOnlyUnchanging('update users set name = $1')).toBe(false);
  expect(readsOnlyUnchanging('with x as (delete from targets returning *) select * from x')).toBe(false);
});
