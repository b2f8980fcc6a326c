import { describe, expect, it } from 'vitest';
import { departmentOptions, type TDepartmentNode } from './departments.js';

const node = (code: string, level: TDepartmentNode['level'], parentCode: string | null): TDepartmentNode => ({
  code,
  nameZh: `${code}中文`,
  nameEn: `${code} en`,
  level,
  parentCode,
});

describe('departmentOptions', () => {
  it('lists the tree depth first, children under their parent, indented by level, in the UI language', () => {
    const tree = [
      node('CN', 'national', null),
      node('GD', 'province', 'CN'),
      node('ZJ', 'province', 'CN'),
      node('GZ', 'city', 'GD'),
      node('HZ', 'city', 'ZJ'),
    ];
    const en = departmentOptions(tree, 'en');
    expect(en.map((o) => o.code)).toEqual(['CN', 'GD', 'GZ', 'ZJ', 'HZ']);
    expect(en[2]?.label).toBe('\u00a0\u00a0\u00a0\u00a0GZ en (GZ)');
    expect(departmentOptions(tree, 'zh-CN')[0]?.label).toBe('CN中文 (CN)');
  });
});
