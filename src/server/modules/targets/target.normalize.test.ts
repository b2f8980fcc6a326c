import fc from 'fast-check';
import { getPublicSuffix } from 'tldts';
import { describe, expect, it } from 'vitest';
import { extractTargets } from './target.extract.js';
import {
  luhnValid,
  normalizeAccount,
  normalizeApp,
  normalizeDomain,
  normalizePhone,
  normalizeUrl,
} from './target.normalize.js';
import { TARGET_LIST_SEED } from './target.seed.js';
import { toConfig } from './target.service.js';

const config = toConfig(
  Object.entries(TARGET_LIST_SEED).flatMap(([list, values]) => values.map((value) => ({ list, value }))),
);

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
/** Hosts whose registrable domain is `label.tld`: no reserved `xx--` label, no label that is itself a suffix (js.cn). */
const host = fc
  .tuple(
    fc.constantFrom('', 'www.', 'm.'),
    label,
    fc.constantFrom('com', 'cn', 'top', 'vip', 'com.cn', 'xyz'),
  )
  .filter(([, l, tld]) => !/^..--/.test(l) && getPublicSuffix(`${l}.${tld}`) === tld);
const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const param = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), fc.stringMatching(/^[A-Za-z0-9]{0,6}$/));
const url = fc.record({
  scheme: fc.constantFrom('http', 'https'),
  host,
  path: fc.array(segment, { maxLength: 3 }),
  params: fc.array(param, { maxLength: 3 }),
});
type TUrl = typeof url extends fc.Arbitrary<infer T> ? T : never;
const KEPT = (p: [string, string]) =>
  !/^(utm_|share_)/.test(p[0]) && !['spm', 'from', 'scene', 'srcid'].includes(p[0]);
const render = (
  u: TUrl,
  opts: { upper?: boolean; port?: boolean; tracking?: [string, string][]; fragment?: string } = {},
) => {
  const h = `${u.host[0]}${u.host[1]}.${u.host[2]}`;
  const hostText = opts.upper ? h.toUpperCase() : h;
  const scheme = opts.upper ? u.scheme.toUpperCase() : u.scheme;
  const port = opts.port ? (u.scheme === 'http' ? ':80' : ':443') : '';
  const params = [...u.params.filter(KEPT), ...(opts.tracking ?? [])].map(([k, v]) => `${k}=${v}`);
  const path = u.path.length ? `/${u.path.join('/')}` : '/';
  return `${scheme}://${hostText}${port}${path}${params.length ? `?${params.join('&')}` : ''}${opts.fragment ? `#${opts.fragment}` : ''}`;
};
const tracking = fc.array(
  fc.tuple(
    fc.constantFrom('utm_source', 'utm_medium', 'utm_campaign', 'spm', 'from', 'share_id', 'share_uid'),
    fc.stringMatching(/^[a-z0-9.]{0,6}$/),
  ),
  { maxLength: 3 },
);

describe('normalisation (property tests)', () => {
  it('is idempotent for URLs', () => {
    fc.assert(
      fc.property(url, tracking, (u, t) => {
        const once = normalizeUrl(render(u, { tracking: t }));
        expect(once).toBeDefined();
        expect(normalizeUrl(once as string)).toBe(once);
      }),
    );
  });

  it('maps added tracking parameters, case changes of scheme/host, default ports and fragments to one value', () => {
    fc.assert(
      fc.property(
        url,
        tracking,
        fc.boolean(),
        fc.boolean(),
        fc.stringMatching(/^[a-z/]{0,6}$/),
        (u, t, upper, port, frag) => {
          const plain = normalizeUrl(render(u));
          expect(normalizeUrl(render(u, { upper, port, tracking: t, fragment: frag }))).toBe(plain);
        },
      ),
    );
  });

  it('is idempotent for domains, phones, accounts and apps', () => {
    fc.assert(
      fc.property(host, (h) => {
        const d = normalizeDomain(`${h[0]}${h[1]}.${h[2]}`.toUpperCase());
        expect(d).toBe(`${h[1]}.${h[2]}`);
        expect(normalizeDomain(d as string)).toBe(d);
      }),
    );
    fc.assert(
      fc.property(
        // allocated mobile prefixes only (179…, 1700… are not numbers libphonenumber accepts)
        fc.constantFrom('130', '135', '139', '150', '158', '176', '177', '180', '186', '189', '198', '199'),
        fc.stringMatching(/^\d{8}$/),
        fc.constantFrom('', '+86 ', '0086-', '+86-'),
        (p, rest, prefix) => {
          const e164 = normalizePhone(`${prefix}${p} ${rest.slice(0, 4)} ${rest.slice(4)}`);
          expect(e164).toBe(`+86${p}${rest}`);
          expect(normalizePhone(e164 as string)).toBe(e164);
        },
      ),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{3,12}$/), (id) => {
        const a = normalizeAccount('wechat', `@${id}`) as string;
        expect(a).toBe(`wechat:${id.toLowerCase()}`);
        expect(normalizeAccount('wechat', a.slice(7))).toBe(a);
        const app = normalizeApp(`《${id}》APP`) as string;
        expect(normalizeApp(app)).toBe(app);
      }),
    );
    const appChar = fc.constantFrom(...'aApP爱投资应用软件客户端《》「」“” x.,（）'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: appChar, maxLength: 12 }), (raw) => {
        const app = normalizeApp(raw);
        if (app !== undefined) expect(normalizeApp(app)).toBe(app);
      }),
      { numRuns: 2000 },
    );
  });

  it('normalises the documented forms', () => {
    expect(normalizeApp('《爱投资》APP')).toBe('爱投资');
    expect(normalizeApp('爱投资app')).toBe('爱投资');
    expect(normalizeApp('“速贷” 客户端')).toBe('速贷');
    expect(normalizeApp('WhatsApp')).toBe('whatsapp');
    expect(normalizeApp('《aapp》APP')).toBe('aapp');
    expect(normalizeUrl('HTTPS://SF-ADDR-FIX.TOP/Update?utm_campaign=sms')).toBe(
      'https://sf-addr-fix.top/Update',
    );
    expect(normalizeUrl('http://10086-jf.cc:8080/?spm=sms.123')).toBe('http://10086-jf.cc:8080');
    expect(normalizeUrl('http://银联积分兑换.com/duihuan')).toBe(
      'http://xn--e5qzq834byiv3jhqj6a.com/duihuan',
    );
    expect(normalizeUrl('www.x-y.cn/#/invest?i=1')).toBe('http://www.x-y.cn');
    expect(normalizeUrl('https://a.cn/p?share=1&fr=x&share_id=2')).toBe('https://a.cn/p?share=1&fr=x');
    expect(normalizeDomain('WWW.Shop.Example.COM.CN')).toBe('example.com.cn');
    expect(normalizePhone('0755-2331 8806')).toBe('+8675523318806');
    expect(normalizePhone('400-860-2378')).toBe('+864008602378');
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('extraction', () => {
  const keys = (text: string) =>
    extractTargets(text, config)
      .map((t) => `${t.kind}|${t.normalized}`)
      .sort();

  it('finds URLs without a scheme inside full-width punctuation, phones in many forms, accounts and cards', () => {
    expect(keys('网址：（www.Fake-Bank.cn/login?utm_source=sms）。')).toEqual([
      'url|http://www.fake-bank.cn/login',
    ]);
    expect(keys('对方电话0086-139-1234-5678，又用 +86 21 6335 8012 打来')).toEqual([
      'phone|+8613912345678',
      'phone|+862163358012',
    ]);
    expect(keys('加微信：Abc_Def88 或者QQ 12345678')).toEqual([
      'account|qq:12345678',
      'account|wechat:abc_def88',
    ]);
    expect(keys('卡号 6222 0000 1111 2222 333，另一张 4111 1111 1111 1111')).toEqual([
      'payment|bankcard:4111111111111111',
      'payment|bankcard:6222000011112222333',
    ]);
    expect(keys('下载了“速赚宝”APP，充值地址 TQ7hZxk3Vd9mRp2LwYc8NsB5aE4uJgK6tF')).toEqual([
      'app|速赚宝',
      'payment|usdt:TQ7hZxk3Vd9mRp2LwYc8NsB5aE4uJgK6tF',
    ]);
  });

  it('does not read an unmarked 16-digit number failing Luhn, an order number or an amount as a target', () => {
    expect(keys('订单号 1234567890123456 金额 69800 元，编号JB20240312008')).toEqual([]);
  });

  it('reads platform names as whole words (ASCII), the longest at a place, the first listed on a tie', () => {
    // "tg" inside "stg" and "QQ" inside "QQ群" name no platform of their own.
    expect(keys('stg 12345678，QQ群 87654321')).toEqual(['account|qqgroup:87654321']);
    const shared = { ...config, platforms: { first: ['同名'], second: ['同名', '同名号'] } };
    const found = (text: string) => extractTargets(text, shared).map((t) => t.normalized);
    expect(found('同名 12345678')).toEqual(['first:12345678']);
    expect(found('同名号 12345678')).toEqual(['second:12345678']);
  });
});
