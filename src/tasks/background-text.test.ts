import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from 'vitest';
import { renderBackground, taskBackgroundFor } from './background-text.js';

const track = (dimension: number, month = '2026-02') => ({ dimension, subjectType: 'track' as const, month });

test('a background reads in English with the same facts, following the dimension’s direction', () => {
  const facts = { subjectName: '消费电子I', value: 0.87, redBand: 0.9, redMonths: 2 };
  expect(renderBackground(track(1), facts, 'zh-CN')).toBe('消费电子I赛道2月销售达成率仅87%，连续两月低于90%');
  expect(renderBackground(track(1), facts, 'en')).toBe(
    'Track 消费电子I: sales attainment in February only 87%, below 90% for two months in a row',
  );
  const dso = { subjectName: '汽车电子', value: 132, redBand: 120, redMonths: 1 };
  expect(renderBackground(track(8, '2026-10'), dso, 'en')).toBe(
    'Track 汽车电子: days sales outstanding in October as high as 132 days, above 120 days',
  );
  const am = { dimension: 2, subjectType: 'am' as const, month: '2026-11' };
  expect(renderBackground(am, { subjectName: '张三', value: 0.95, redBand: 0.9, redMonths: 0 }, 'en')).toBe(
    'Account manager 张三: sales attainment in November 95%',
  );
  expect(renderBackground(am, { subjectName: '张三', value: null, redBand: null, redMonths: 0 }, 'en')).toBe(
    'Account manager 张三: no sales attainment data for November',
  );
  // no facts (a sentence the system could not read back): the stored sentence, whatever the language
  expect(taskBackgroundFor({ ...track(1), background: '手写的背景', backgroundFacts: null }, 'en')).toBe('手写的背景');
});

test('the migration reads the sentences written so far back into facts; an old backward one then reads right', async () => {
  const db = await PGlite.create();
  await db.exec('create table tasks (id int primary key, subject_type text, background text, background_facts jsonb)');
  const written: [number, string, string][] = [
    [1, 'track', '消费电子I赛道2月销售达成率仅87%，连续两月低于90%'],
    [2, 'am', '客户经理李四11月接单达成率仅89.6%，低于90%'],
    [3, 'track', '汽车电子赛道10月应收周转天数仅132天，连续十二月低于120天'],
    [4, 'track', '消费电子I赛道2月毛利率暂无数据'],
    [5, 'track', '会上补充的背景'],
  ];
  for (const row of written) await db.query('insert into tasks values ($1, $2, $3, null)', row);
  const migration = readFileSync(new URL('../db/migrations/0017_task_background_facts.sql', import.meta.url), 'utf8');
  for (const statement of migration.split('--> statement-breakpoint').slice(1)) await db.exec(statement);
  const facts = new Map(
    (await db.query<{ id: number; background_facts: unknown }>('select id, background_facts from tasks')).rows.map(
      (r) => [r.id, r.background_facts],
    ),
  );
  await db.close();
  expect(facts.get(1)).toEqual({ subjectName: '消费电子I', value: 0.87, redBand: 0.9, redMonths: 2 });
  expect(facts.get(2)).toEqual({ subjectName: '李四', value: 0.896, redBand: 0.9, redMonths: 1 });
  expect(facts.get(4)).toEqual({ subjectName: '消费电子I', value: null, redBand: null, redMonths: 0 });
  expect(facts.get(5)).toBeNull();
  const dso = facts.get(3) as { subjectName: string; value: number; redBand: number; redMonths: number };
  expect(renderBackground(track(8, '2026-10'), dso, 'zh-CN')).toBe(
    '汽车电子赛道10月应收周转天数高达132天，连续十二月高于120天',
  );
});
