import { expect, test } from 'vitest';
import { Timeline } from './timeline.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

test('events run in time order, ties in the order scheduled, later ones scheduled while running included', async () => {
  const seen: string[] = [];
  const timeline = new Timeline(at(60));
  const log = (name: string) => async () => {
    seen.push(name);
  };
  timeline.at(at(30), log('c'));
  timeline.at(at(10), async () => {
    seen.push('a');
    timeline.at(at(20), log('b (scheduled by a)'));
  });
  timeline.at(at(30), log('d'));
  timeline.at(at(61), log('after the end: never'));
  await timeline.run();
  expect(seen).toEqual(['a', 'b (scheduled by a)', 'c', 'd']);
});
