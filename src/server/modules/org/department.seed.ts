import type { TText } from '../categories/category.types.js';
import type { TDepartmentLevel } from './department.tables.js';

/** One reporting centre as seeded into `departments`; parents always precede their children. */
export interface TDepartmentSeed {
  code: string;
  parentCode?: string;
  path: string;
  name: TText;
  level: TDepartmentLevel;
  regionCode: string;
  competentCategories: string[];
}

/** All category codes (must match CATEGORY_SEED). */
const ALL_CATEGORIES: string[] = [
  'fraud',
  'pyramid',
  'bullying',
  'rumor',
  'porn',
  'gambling',
  'privacy',
  'minors',
  'terror',
  'infringement',
  'other',
];

/** Provincial centres handle everything except terrorism, which goes to the national centre. */
const PROVINCE_CATEGORIES: string[] = ALL_CATEGORIES.filter((c) => c !== 'terror');

/** City centres handle neither terrorism nor infringement. */
const CITY_CATEGORIES: string[] = ALL_CATEGORIES.filter((c) => c !== 'terror' && c !== 'infringement');

export const DEPARTMENT_SEED: TDepartmentSeed[] = [
  {
    code: 'CN',
    path: 'cn',
    name: {
      zh: '中央网信办违法和不良信息举报中心',
      en: 'Central Illegal and Harmful Information Reporting Centre',
    },
    level: 'national',
    regionCode: '100000',
    competentCategories: [...ALL_CATEGORIES],
  },
  {
    code: 'GD',
    parentCode: 'CN',
    path: 'cn.gd',
    name: {
      zh: '广东省互联网违法和不良信息举报中心',
      en: 'Guangdong Illegal and Harmful Information Reporting Centre',
    },
    level: 'province',
    regionCode: '440000',
    competentCategories: [...PROVINCE_CATEGORIES],
  },
  {
    code: 'GZ',
    parentCode: 'GD',
    path: 'cn.gd.gz',
    name: {
      zh: '广州市互联网违法和不良信息举报中心',
      en: 'Guangzhou Illegal and Harmful Information Reporting Centre',
    },
    level: 'city',
    regionCode: '440100',
    competentCategories: [...CITY_CATEGORIES],
  },
  {
    code: 'SZ',
    parentCode: 'GD',
    path: 'cn.gd.sz',
    name: {
      zh: '深圳市互联网违法和不良信息举报中心',
      en: 'Shenzhen Illegal and Harmful Information Reporting Centre',
    },
    level: 'city',
    regionCode: '440300',
    competentCategories: [...CITY_CATEGORIES],
  },
  {
    code: 'ZJ',
    parentCode: 'CN',
    path: 'cn.zj',
    name: {
      zh: '浙江省互联网违法和不良信息举报中心',
      en: 'Zhejiang Illegal and Harmful Information Reporting Centre',
    },
    level: 'province',
    regionCode: '330000',
    competentCategories: [...PROVINCE_CATEGORIES],
  },
  {
    code: 'HZ',
    parentCode: 'ZJ',
    path: 'cn.zj.hz',
    name: {
      zh: '杭州市互联网违法和不良信息举报中心',
      en: 'Hangzhou Illegal and Harmful Information Reporting Centre',
    },
    level: 'city',
    regionCode: '330100',
    competentCategories: [...CITY_CATEGORIES],
  },
  {
    code: 'NB',
    parentCode: 'ZJ',
    path: 'cn.zj.nb',
    name: {
      zh: '宁波市互联网违法和不良信息举报中心',
      en: 'Ningbo Illegal and Harmful Information Reporting Centre',
    },
    level: 'city',
    regionCode: '330200',
    competentCategories: [...CITY_CATEGORIES],
  },
];
