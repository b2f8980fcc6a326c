import { randomInt } from 'node:crypto';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A random but valid 18-character resident ID number (GB 11643 check digit). */
export function randomIdNumber(): string {
  const year = 1960 + randomInt(0, 40);
  const body = `440106${year}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

const SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫'];
const GIVEN = '瑾瑜璇琦琨珏璟琰瑶玥珂琛';

/** A reporter identity made of values that appear nowhere else, so finding one anywhere is a leak. */
export function uniqueIdentity() {
  const tag = randomInt(100_000, 999_999);
  return {
    name: `${SURNAMES[randomInt(0, SURNAMES.length)]}${GIVEN[randomInt(0, GIVEN.length)]}${GIVEN[randomInt(0, GIVEN.length)]}${GIVEN[randomInt(0, GIVEN.length)]}`,
    phone: `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
    email: `whistle.${tag}@example.org`,
    idNumber: randomIdNumber(),
    address: `广州市天河区秘密路${tag}号`,
  };
}
