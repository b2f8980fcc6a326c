import { describe, expect, it } from 'vitest';
import { newDraft, reportBody } from './draft.js';

describe('the report body built from a draft', () => {
  it('is anonymous by default and carries the consent to be contacted with real-name details', () => {
    const draft = {
      ...newDraft(),
      category: 'fraud',
      description: '有人冒充客服要求转账到安全账户',
      pledge: true,
    };
    expect(reportBody(draft).reporter).toBeUndefined();
    const named = {
      ...draft,
      anonymous: false,
      consent: true,
      reporter: { ...draft.reporter, phone: ' 13800001111 ' },
    };
    expect(reportBody(named).reporter).toEqual({ phone: '13800001111', contactConsent: true });
  });
});
