import { describe, expect, it } from 'vitest';
import { attemptResult } from './PartnerDeliveries.js';
import { partnerChange } from './PartnerDetail.js';

const partner = { name: '某平台', trusted: false, webhookUrl: 'https://hooks.example.cn/a' };

describe('partnerChange', () => {
  it('sends only what changed (an unchanged webhook URL would get a new secret)', () => {
    expect(
      partnerChange(partner, { name: '某平台', trusted: false, webhookUrl: 'https://hooks.example.cn/a' }),
    ).toEqual({});
    expect(
      partnerChange(partner, { name: ' 新名称 ', trusted: true, webhookUrl: partner.webhookUrl }),
    ).toEqual({
      name: '新名称',
      trusted: true,
    });
  });

  it('an emptied webhook field removes the webhook (null); a new one is sent trimmed', () => {
    expect(partnerChange(partner, { ...partner, webhookUrl: '  ' })).toEqual({ webhookUrl: null });
    expect(
      partnerChange({ ...partner, webhookUrl: null }, { ...partner, webhookUrl: ' https://b.example.cn/h ' }),
    ).toEqual({ webhookUrl: 'https://b.example.cn/h' });
    expect(partnerChange({ ...partner, webhookUrl: null }, { ...partner, webhookUrl: '' })).toEqual({});
  });
});

describe('attemptResult', () => {
  it('shows the HTTP status once, an error beside it, or a dash', () => {
    expect(attemptResult({ statusCode: 500, error: 'HTTP 500' })).toBe('HTTP 500');
    expect(attemptResult({ statusCode: 204, error: null })).toBe('HTTP 204');
    expect(attemptResult({ statusCode: null, error: 'timeout' })).toBe('timeout');
    expect(attemptResult({ statusCode: 302, error: 'redirect refused' })).toBe('HTTP 302 · redirect refused');
    expect(attemptResult({ statusCode: null, error: null })).toBe('—');
  });
});
