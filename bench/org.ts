import { buildCustomer, buildTrack, buildUser, type OrganisationSeed } from '../src/demo/builders.js';

/** A benchmark-sized company: `tracks` tracks, `ams` AMs spread evenly, `customers` customers. */
export function benchOrganisation(tracks: number, ams: number, customers: number): OrganisationSeed {
  const org: OrganisationSeed = {
    tracks: [],
    users: [buildUser({ username: 'admin', role: 'admin' }), buildUser({ username: 'ceo', role: 'ceo' })],
    customers: [],
  };
  for (let t = 1; t <= tracks; t++) {
    org.tracks.push(
      buildTrack({
        code: `T${t}`,
        name: `赛道${t}`,
        businessLine: t % 5 === 0 ? 'commodity' : 'integrated',
        directorUsername: `director${t}`,
      }),
    );
    org.users.push(buildUser({ username: `director${t}`, role: 'director', trackCode: `T${t}` }));
  }
  for (let a = 1; a <= ams; a++)
    org.users.push(buildUser({ username: `am${a}`, role: 'am', trackCode: `T${((a - 1) % tracks) + 1}` }));
  for (let c = 1; c <= customers; c++)
    org.customers.push(buildCustomer({ code: `C${c}`, amUsername: `am${((c - 1) % ams) + 1}` }));
  return org;
}
