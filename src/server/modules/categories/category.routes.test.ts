import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { CATEGORY_SEED } from './category.seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/v1/categories', () => {
  it('lists every seeded category with legal basis and questionnaire, in Chinese by default', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/categories' });
    expect(res.statusCode).toBe(200);
    const { categories } = res.json();
    expect(categories.map((c: { code: string }) => c.code)).toEqual(CATEGORY_SEED.map((c) => c.code));
    for (const code of [
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
    ]) {
      expect(categories.some((c: { code: string }) => c.code === code)).toBe(true);
    }
    const fraud = categories.find((c: { code: string }) => c.code === 'fraud');
    expect(fraud.name).toBe('网络诈骗');
    expect(fraud.legalBasis[0].law).toContain('反电信网络诈骗法');
    expect(fraud.questionnaire.find((q: { key: string }) => q.key === 'contactChannel')).toMatchObject({
      type: 'select',
      required: true,
    });
  });

  it('answers in English when asked', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/categories',
      headers: { 'accept-language': 'en-US' },
    });
    const fraud = res.json().categories.find((c: { code: string }) => c.code === 'fraud');
    expect(fraud.name).toBe('Online Fraud');
    expect(fraud.legalBasis[0].law).toMatch(/Anti-Telecom/);
    expect(fraud.questionnaire[0].label).toMatch(/^[A-Z]/);
    expect(res.headers.vary).toContain('Accept-Language');
  });
});
