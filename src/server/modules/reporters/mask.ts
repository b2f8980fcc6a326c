import { normalisePhone, type TReporterIdentity } from './identity.js';

const STAR = '*';

/** 张三 → 张*, 欧阳修 → 欧**; Latin names keep the first letter. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return STAR;
  return chars[0] + STAR.repeat(Math.min(chars.length - 1, 3));
}

/** 13812345678 → 138****5678; short numbers keep only their last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = normalisePhone(phone) ?? phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${STAR.repeat(Math.max(digits.length - 2, 1))}${digits.slice(-2)}`;
}

/** zhang@example.com → z***@example.com */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.trim().split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** 11010519491231002X → 1101************2X */
export function maskIdNumber(id: string): string {
  const v = id.trim();
  return v.length <= 6 ? STAR.repeat(v.length) : `${v.slice(0, 4)}${STAR.repeat(v.length - 6)}${v.slice(-2)}`;
}

/** 广州市天河区体育西路1号 → 广州市天*** (the first few characters only). */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return `${chars.slice(0, Math.min(4, Math.floor(chars.length / 2))).join('')}***`;
}

/** The masked form staff see by default. */
export function maskIdentity(identity: TReporterIdentity): TReporterIdentity {
  return {
    ...(identity.name ? { name: maskName(identity.name) } : {}),
    ...(identity.phone ? { phone: maskPhone(identity.phone) } : {}),
    ...(identity.email ? { email: maskEmail(identity.email) } : {}),
    ...(identity.idNumber ? { idNumber: maskIdNumber(identity.idNumber) } : {}),
    ...(identity.address ? { address: maskAddress(identity.address) } : {}),
  };
}
