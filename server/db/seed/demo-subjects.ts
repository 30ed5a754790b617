import type { Db } from '../client.ts';
import { seedDemoRounds } from './demo-rounds.ts';
import { makeIdNumber } from '../../platform/contract/id-number.ts';
import type { SensitiveCipher } from '../../platform/sensitive/sensitive.ts';
import type { CareLevel } from '../../modules/subjects/contract.ts';
import {
  careLevelFloor,
  enrolSubjects,
  isBelow,
  type NewSubject,
} from '../../modules/subjects/service.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * About 3,000 synthetic subjects of the demo district, in households of its communities: elders
 * (most) and children, plausible names, valid synthetic ID numbers, categories, care levels and
 * contacts. Generated from a fixed seed, never from a real person, and marked as demo data.
 */

const surnames =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎';
const femaleGiven = [
  '秀英',
  '桂兰',
  '玉兰',
  '淑珍',
  '凤英',
  '秀兰',
  '丽华',
  '淑兰',
  '桂芝',
  '秀珍',
  '玉珍',
  '凤兰',
  '慧',
  '敏',
  '静',
  '丽',
];
const maleGiven = [
  '建国',
  '国华',
  '德明',
  '志强',
  '永和',
  '长顺',
  '福生',
  '振华',
  '文德',
  '宝山',
  '树林',
  '广义',
  '伟',
  '勇',
  '军',
  '明',
];
const childGiven = [
  '子涵',
  '浩然',
  '欣怡',
  '梓轩',
  '雨桐',
  '宇航',
  '诗琪',
  '俊杰',
  '思远',
  '佳怡',
  '一诺',
  '铭泽',
];
const roads = [
  '北海街',
  '小北关街',
  '东顺城街',
  '津桥路',
  '长安路',
  '东望街',
  '善邻路',
  '新东一街',
  '上园路',
  '东陵西路',
];
const elderCategories = [
  'living_alone',
  'empty_nest',
  'left_behind',
  'disabled',
  'dementia',
  'severe_disability',
  'family_planning_special',
  'dibao',
  'tekun_dispersed',
  'low_income',
];
const childCategories = [
  'orphan',
  'de_facto_unsupported',
  'dibao_family',
  'disabled',
  'seriously_ill',
  'left_behind',
  'guardianship_deficit',
];

const pick = <T>(rnd: () => number, list: readonly T[]): T =>
  list[Math.floor(rnd() * list.length)] as T;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function birthDate(rnd: () => number, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(rnd() * (toYear - fromYear + 1));
  return `${year}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
}

/** The level the notice's criteria suggest (V4), never below the floor. */
function demoLevel(age: number, categories: string[], kind: 'elder' | 'child'): CareLevel {
  let level: CareLevel = 'regular';
  const alone = categories.includes('living_alone');
  if (kind === 'elder' && age >= 80 && alone) level = 'special';
  else if (
    categories.some((c) =>
      ['disabled', 'dementia', 'severe_disability', 'orphan', 'de_facto_unsupported'].includes(c),
    )
  )
    level = 'key';
  const floor = careLevelFloor(kind, categories);
  return isBelow(level, floor) ? floor : level;
}

export function demoSubjects(communities: readonly string[], count = 3000): NewSubject[] {
  const rnd = seededRandom(20251201);
  const out: NewSubject[] = [];
  const used = new Set<string>();
  let household = 0;
  while (out.length < count) {
    household += 1;
    const divisionCode = communities[(household - 1) % communities.length] as string;
    const address = `沈阳市大东区${pick(rnd, roads)}${1 + Math.floor(rnd() * 200)}号${1 + Math.floor(rnd() * 12)}-${1 + Math.floor(rnd() * 6)}-${1 + Math.floor(rnd() * 4)}`;
    const isChild = household > 1 && rnd() < 0.12;
    const surname = pick(rnd, [...surnames]);
    const members = isChild ? 1 : rnd() < 0.2 ? 2 : 1;
    const contactPhone = `13${pad(Math.floor(rnd() * 10), 1)}${pad(Math.floor(rnd() * 1e8), 8)}`;
    for (let m = 0; m < members && out.length < count; m++) {
      const sex = m === 0 ? (rnd() < 0.58 ? 'female' : 'male') : 'male';
      const kind = isChild ? 'child' : 'elder';
      const born = isChild ? birthDate(rnd, 2009, 2021) : birthDate(rnd, 1928, 1965);
      let idNumber = '';
      for (let seq = Math.floor(rnd() * 400); !idNumber || used.has(idNumber); seq++) {
        idNumber = makeIdNumber(rnd() < 0.1 ? '210103' : '210104', born, seq, sex);
      }
      used.add(idNumber);
      const age = 2026 - Number(born.slice(0, 4));
      const pool = isChild ? childCategories : elderCategories;
      const categories = [...new Set([pick(rnd, pool), ...(rnd() < 0.4 ? [pick(rnd, pool)] : [])])];
      if (!isChild && age >= 80) categories.push('advanced_age');
      const given = isChild
        ? pick(rnd, childGiven)
        : pick(rnd, sex === 'female' ? femaleGiven : maleGiven);
      const level = demoLevel(age, categories, kind);
      const refused = rnd() < 0.04;
      out.push({
        kind,
        name: m === 1 ? `${pick(rnd, [...surnames])}${pick(rnd, maleGiven)}` : `${surname}${given}`,
        idNumber,
        sex,
        birthDate: born,
        mobile:
          rnd() < 0.6 && !isChild
            ? `13${pad(Math.floor(rnd() * 10), 1)}${pad(Math.floor(rnd() * 1e8), 8)}`
            : null,
        landline: rnd() < 0.4 ? `024-${2000_0000 + Math.floor(rnd() * 7000_0000)}` : null,
        consent: refused ? 'refused' : 'given',
        consentDate: '2025-01-15',
        consentReason: refused ? '本人表示暂不需要上门探访' : null,
        livingSituation: isChild
          ? pick(rnd, ['grandparents', 'relatives', 'parents'] as const)
          : categories.includes('living_alone')
            ? 'alone'
            : pick(rnd, ['spouse', 'children', 'other'] as const),
        healthNotes:
          rnd() < 0.3
            ? pick(rnd, ['高血压，规律服药', '糖尿病', '腿脚不便，需拄拐', '听力下降', '心脏病史'])
            : null,
        benefits: categories.includes('dibao') ? ['dibao'] : [],
        careLevel: level,
        careLevelReason: '2025年首次摸底排查分级',
        categories: categories.map((category) => ({
          category,
          validFrom: '2025-01-01',
          source: 'roster',
        })),
        household: { key: `h${household}`, divisionCode, address },
        contacts:
          m === 0
            ? [
                {
                  name: `${surname}${pick(rnd, maleGiven)}`,
                  relation: isChild ? 'guardian' : 'child',
                  isEmergency: true,
                  isGuardian: isChild,
                  phone: contactPhone,
                },
              ]
            : [],
        isDemo: true,
      });
    }
  }
  // The subject the walkthroughs and browser tests look for.
  const first = out[0] as NewSubject;
  Object.assign(first, { name: '张三', mobile: '13912345678' });
  return out;
}

/**
 * The demo subjects, enrolled when the district first compiled its roster (before the six months of
 * visits the demo holds), with the three months of rounds the platform keeps.
 */
export async function seedDemoSubjects(
  tx: Db,
  cipher: SensitiveCipher,
  streets: readonly string[],
  communities: readonly string[],
  at: Date,
): Promise<{ subjects: number; rounds: number }> {
  const people = demoSubjects(communities);
  const enrolled = new Date(at.getTime() - 200 * 24 * 3600_000);
  const ids = await enrolSubjects(
    { db: tx, sensitive: cipher, actor: null, now: enrolled },
    people,
  );
  const rounds = await seedDemoRounds(tx, cipher, streets, people, at);
  return { subjects: ids.length, rounds };
}
