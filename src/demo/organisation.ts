import type { BusinessLine } from '../org/schema.js';
import {
  buildCustomer,
  buildTrack,
  buildUser,
  companyName,
  type OrganisationSeed,
  personName,
  type UserSeed,
} from './builders.js';
import { createRandom } from './prng.js';

const DEMO_TRACKS: { code: string; name: string; businessLine: BusinessLine; ams: number }[] = [
  { code: 'CE1', name: '消费电子I', businessLine: 'integrated', ams: 7 },
  { code: 'CE2', name: '消费电子II', businessLine: 'integrated', ams: 6 },
  { code: 'AUTO', name: '汽车电子', businessLine: 'integrated', ams: 6 },
  { code: 'MED', name: '医疗健康', businessLine: 'integrated', ams: 5 },
  { code: 'HOME', name: '智能家居', businessLine: 'integrated', ams: 6 },
  { code: 'CMS', name: '商品模·华南', businessLine: 'commodity', ams: 5 },
  { code: 'CMO', name: '商品模·海外', businessLine: 'commodity', ams: 5 },
];

export const DEMO_SEED = 20260401;
export const DEMO_CUSTOMER_COUNT = 300;

/** The demo company of SPEC §10: 7 tracks (5 integrated, 2 commodity), 40 AMs, 300 customers. */
export function demoOrganisation(seed = DEMO_SEED): OrganisationSeed {
  const random = createRandom(seed);
  const users: UserSeed[] = [
    buildUser({ username: 'ceo', role: 'ceo', code: 'E0001', name: `${personName(random)}（CEO）` }),
    buildUser({ username: 'secretary', role: 'secretary', code: 'E0002', name: personName(random) }),
    buildUser({ username: 'admin', role: 'admin', code: 'E0003', name: '系统管理员' }),
    buildUser({ username: 'planner', role: 'planner', code: 'E0004', name: personName(random) }),
  ];
  const tracks = DEMO_TRACKS.map((t, i) => {
    const director = `director${i + 1}`;
    users.push(
      buildUser({
        username: director,
        role: 'director',
        code: `D${String(i + 1).padStart(3, '0')}`,
        name: personName(random),
        trackCode: t.code,
      }),
    );
    return buildTrack({ code: t.code, name: t.name, businessLine: t.businessLine, directorUsername: director });
  });
  const ams: string[] = [];
  for (const t of DEMO_TRACKS) {
    for (let k = 0; k < t.ams; k++) {
      const username = `am${ams.length + 1}`;
      ams.push(username);
      users.push(
        buildUser({
          username,
          role: 'am',
          code: `A${String(ams.length).padStart(3, '0')}`,
          name: personName(random),
          trackCode: t.code,
        }),
      );
    }
  }
  const names = new Set<string>();
  const customers = Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, i) => {
    let name = companyName(random);
    while (names.has(name)) name = companyName(random);
    names.add(name);
    // Uneven books, as in life: some AMs carry many more customers than others.
    const am = ams[Math.min(ams.length - 1, Math.floor(random.next() ** 1.3 * ams.length))]!;
    return buildCustomer({ code: String(10_000_000 + (i + 1) * 37), name, amUsername: am });
  });
  return { tracks, users, customers };
}
