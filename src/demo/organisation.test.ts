import { expect, test } from 'vitest';
import { demoOrganisation } from './organisation.js';

test('the demo company is the one SPEC §10 describes, and the same every time', () => {
  const org = demoOrganisation();
  expect(org.tracks).toHaveLength(7);
  expect(org.tracks.filter((t) => t.businessLine === 'integrated')).toHaveLength(5);
  expect(org.users.filter((u) => u.role === 'am')).toHaveLength(40);
  expect(org.customers).toHaveLength(300);
  expect(new Set(org.customers.map((c) => c.name)).size).toBe(300);
  for (const name of ['ceo', 'secretary', 'admin', 'planner', 'director1', 'director7', 'am1', 'am40']) {
    expect(org.users.map((u) => u.username)).toContain(name);
  }
  expect(demoOrganisation()).toEqual(org);
  // every AM has at least one customer, so every board row has something behind it
  const withCustomers = new Set(org.customers.map((c) => c.amUsername));
  expect(org.users.filter((u) => u.role === 'am').every((u) => withCustomers.has(u.username))).toBe(true);
});
