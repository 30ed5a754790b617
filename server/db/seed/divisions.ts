/**
 * The demo district: Shenyang (2101), Dadong District (210104) and its ten streets with their real
 * names and codes (2023 statistical division codes), and synthetic communities and grids under them.
 * The community and grid names are made up; they are marked as demo data.
 */
export const demoCity = { code: '210100000000', name: '沈阳市' };
export const demoDistrict = { code: '210104000000', name: '大东区' };

export const dadongStreets = [
  { code: '210104002000', name: '大北街道' },
  { code: '210104003000', name: '万泉街道' },
  { code: '210104006000', name: '文官街道' },
  { code: '210104007000', name: '二台子街道' },
  { code: '210104008000', name: '津桥街道' },
  { code: '210104009000', name: '东站街道' },
  { code: '210104012000', name: '长安街道' },
  { code: '210104015000', name: '东塔街道' },
  { code: '210104017000', name: '上园街道' },
  { code: '210104018000', name: '前进街道' },
];

const communityStems = [
  '和睦',
  '新华',
  '联合',
  '长青',
  '东风',
  '福民',
  '安康',
  '幸福',
  '和平',
  '春晖',
  '北海',
  '龙之梦',
  '滨河',
  '东望',
  '天后宫',
  '小河沿',
  '望花',
  '东顺',
  '新光',
  '洮昌',
  '善邻',
  '永安',
  '民主',
  '合作',
  '友谊',
  '朝阳',
  '东盛',
  '育才',
  '阳光',
  '惠民',
  '双桥',
  '二环',
  '凤凰',
  '金地',
  '万科',
  '津东',
  '大什字',
  '铁路',
  '东陵',
  '海月',
  '春和',
  '锦绣',
  '新东',
  '吉祥',
  '如意',
  '瑞祥',
  '泉园',
  '珠林',
  '东站',
  '长安',
  '文官',
  '上园',
  '前进',
  '二台',
  '东塔',
  '八王寺',
  '新乐',
  '博爱',
  '康乐',
  '同心',
];

export type DemoDivision = {
  code: string;
  parentCode: string | null;
  name: string;
  level: 'city' | 'district' | 'street' | 'community' | 'grid';
  urbanRuralCode?: string;
  sortOrder: number;
};

/** 5 to 7 communities per street, numbered from 001, each with 3 grids. */
export function demoDivisions(): DemoDivision[] {
  const out: DemoDivision[] = [
    { ...demoCity, parentCode: null, level: 'city', sortOrder: 0 },
    { ...demoDistrict, parentCode: demoCity.code, level: 'district', sortOrder: 0 },
  ];
  let stem = 0;
  dadongStreets.forEach((street, s) => {
    out.push({ ...street, parentCode: demoDistrict.code, level: 'street', sortOrder: s });
    const communities = 5 + (s % 3);
    for (let c = 1; c <= communities; c++) {
      const code = street.code.slice(0, 9) + String(c).padStart(3, '0');
      const name = `${communityStems[stem++ % communityStems.length]}社区`;
      out.push({
        code,
        parentCode: street.code,
        name,
        level: 'community',
        urbanRuralCode: '111',
        sortOrder: c,
      });
      for (let g = 1; g <= 3; g++) {
        out.push({
          code: code + String(g).padStart(3, '0'),
          parentCode: code,
          name: `第${'一二三'[g - 1]}网格`,
          level: 'grid',
          sortOrder: g,
        });
      }
    }
  });
  return out;
}
