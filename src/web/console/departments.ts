import { useLoad } from './hooks.js';

export interface TDepartmentNode {
  code: string;
  nameZh: string;
  nameEn: string;
  level: 'national' | 'province' | 'city' | 'district';
  parentCode: string | null;
}

export interface TDepartmentOption {
  code: string;
  label: string;
}

const DEPTH: Record<TDepartmentNode['level'], number> = { national: 0, province: 1, city: 2, district: 3 };

/** The tree in depth-first order, each label indented by its level, for a native <select>. */
export function departmentOptions(tree: TDepartmentNode[], language: string): TDepartmentOption[] {
  const children = new Map<string | null, TDepartmentNode[]>();
  for (const d of tree) children.set(d.parentCode, [...(children.get(d.parentCode) ?? []), d]);
  const out: TDepartmentOption[] = [];
  const walk = (parent: string | null) => {
    for (const d of children.get(parent) ?? []) {
      const name = language === 'en' ? d.nameEn : d.nameZh;
      out.push({ code: d.code, label: `${'\u00a0\u00a0'.repeat(DEPTH[d.level])}${name} (${d.code})` });
      walk(d.code);
    }
  };
  walk(null);
  return out;
}

/** GET /departments as select options in the UI language (empty while loading). */
export function useDepartmentOptions(language: string): TDepartmentOption[] {
  const { data } = useLoad<{ departments: TDepartmentNode[] }>('/departments');
  return data ? departmentOptions(data.departments, language) : [];
}
