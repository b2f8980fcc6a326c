import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdentity, maskIdNumber, maskName, maskPhone } from './mask.js';

describe('identity masks', () => {
  it('shows only what is needed to recognise the form', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修')).toBe('欧**');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskEmail('zhang@example.com')).toBe('z***@example.com');
    expect(maskIdNumber('11010519491231002X')).toBe('1101************2X');
    expect(maskAddress('广州市天河区体育西路1号')).toBe('广州市天***');
  });

  it('never contains the full value', () => {
    const identity = {
      name: '李四光',
      phone: '13900001111',
      email: 'li.siguang@example.org',
      idNumber: '11010519491231002X',
      address: '北京市海淀区中关村大街1号',
    };
    const masked = JSON.stringify(maskIdentity(identity));
    for (const value of Object.values(identity)) expect(masked).not.toContain(value);
  });
});
