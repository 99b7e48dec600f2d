import { expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

test('the completion goal line is 90 % unless CRM_COMPLETION_GOAL says otherwise (SPEC §4.6)', () => {
  expect(loadConfig({}, {}).completionGoal).toBe(0.9);
  expect(loadConfig({}, { CRM_COMPLETION_GOAL: '0.85' }).completionGoal).toBe(0.85);
  expect(loadConfig({}, { CRM_COMPLETION_GOAL: '1' }).completionGoal).toBe(1);
});

test('a goal that is not a fraction stops the start, naming the variable', () => {
  for (const bad of ['90', '0', '-0.5', 'ninety'])
    expect(() => loadConfig({}, { CRM_COMPLETION_GOAL: bad })).toThrow(
      new ConfigError(`CRM_COMPLETION_GOAL must be a fraction above 0 and at most 1 (0.9 = 90 %), got "${bad}"`),
    );
});
