import { describe, expect, it } from 'vitest';
import { assertPublicUrl, isPrivateAddress } from './public-address.js';

describe('public addresses only', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '0.0.0.0',
  ])('%s is private', (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(['8.8.8.8', '203.0.113.9', '2001:4860:4860::8888'])('%s is public', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );

  it('refuses URLs that point inside', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:8080/hook')).rejects.toThrow(/private/);
    await expect(assertPublicUrl('http://[::1]/hook')).rejects.toThrow(/private/);
    await expect(assertPublicUrl('http://localhost/hook')).rejects.toThrow(/private/);
    await expect(assertPublicUrl('https://203.0.113.9/hook')).resolves.toBeUndefined();
  });
});
