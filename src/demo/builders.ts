import type { BusinessLine, Role } from '../org/schema.js';
import type { Random } from './prng.js';

/** Plain descriptions of organisation records; the demo and the tests both build from these. */
export type TrackSeed = { code: string; name: string; businessLine: BusinessLine; directorUsername: string | null };
export type UserSeed = {
  username: string;
  code: string;
  name: string;
  role: Role;
  trackCode: string | null;
  email: string | null;
};
export type CustomerSeed = { code: string; name: string; amUsername: string };
export type OrganisationSeed = { tracks: TrackSeed[]; users: UserSeed[]; customers: CustomerSeed[] };

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉萍红娟建国志文斌浩宇晨欣怡子轩思远佳琪雨婷'.split('');
const CITIES = [
  '深圳',
  '东莞',
  '苏州',
  '上海',
  '惠州',
  '宁波',
  '昆山',
  '厦门',
  '重庆',
  '成都',
  '天津',
  '青岛',
  '武汉',
  '合肥',
  '佛山',
];
const WORDS = [
  '华',
  '鑫',
  '瑞',
  '立',
  '恒',
  '盛',
  '达',
  '捷',
  '嘉',
  '宏',
  '科',
  '丰',
  '泰',
  '联',
  '光',
  '新',
  '博',
  '通',
  '德',
  '邦',
];
const TRADES = ['科技', '电子', '精密', '智能', '汽车零部件', '医疗器械', '电器', '通讯', '光电', '塑胶'];

export function personName(random: Random): string {
  const given = random.chance(0.6) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
  return random.pick(SURNAMES) + given;
}

export function companyName(random: Random): string {
  const suffix = random.chance(0.15) ? '股份有限公司' : '有限公司';
  return `${random.pick(CITIES)}${random.pick(WORDS)}${random.pick(WORDS)}${random.pick(TRADES)}${suffix}`;
}

export const buildTrack = (overrides: Partial<TrackSeed> & Pick<TrackSeed, 'code' | 'name'>): TrackSeed => ({
  businessLine: 'integrated',
  directorUsername: null,
  ...overrides,
});

export const buildUser = (overrides: Partial<UserSeed> & Pick<UserSeed, 'username' | 'role'>): UserSeed => ({
  code: overrides.username.toUpperCase(),
  name: overrides.username,
  trackCode: null,
  email: `${overrides.username}@tkgroup.example`,
  ...overrides,
});

export const buildCustomer = (
  overrides: Partial<CustomerSeed> & Pick<CustomerSeed, 'code' | 'amUsername'>,
): CustomerSeed => ({
  name: `客户${overrides.code}`,
  ...overrides,
});
