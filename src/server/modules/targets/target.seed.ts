/**
 * Seed data for target recognition, readable and editable by staff (seeded into `target_lists`, edited through
 * `PUT /api/v1/targets/lists/:list`). Lists:
 * - `platform:<code>`: words that name a platform; an account id written next to one belongs to it.
 * - `generic`: targets that never join reports into a case by themselves (`kind|normalised`; for domains the
 *   registrable domain, which also covers every URL on it whose path is empty).
 * - `tracking_param`: URL query parameters removed in normalisation (`name` or `prefix*`).
 * - `card_cue`, `alipay_cue`: words that mark a bank card number / an Alipay account next to them.
 * - `default_handle_platform`: the platform of an `@handle` with no platform named near it.
 */
export const PLATFORM_CUES: Record<string, string[]> = {
  qqgroup: ['QQ群', 'qq群', '扣扣群', '群号', 'QQ group'],
  qq: ['QQ号', 'QQ', 'qq', '扣扣', '企鹅号'],
  wechat: ['微信号', '微信', 'vx', 'VX', 'wx', 'WX', '加v', '加V', 'V信', 'wechat', 'WeChat', 'weixin'],
  douyin: ['抖音号', '抖音', 'douyin', 'Douyin', 'tiktok', 'TikTok'],
  kuaishou: ['快手号', '快手', 'kuaishou', 'Kuaishou'],
  weibo: ['微博', '超话', 'weibo', 'Weibo'],
  xiaohongshu: ['小红书号', '小红书', 'xiaohongshu', 'RED'],
  bilibili: ['B站', 'b站', '哔哩哔哩', 'bilibili', 'Bilibili', 'UP主'],
  telegram: ['Telegram', 'telegram', '电报', 'TG', 'tg', '飞机号'],
  douyu: ['斗鱼'],
  huya: ['虎牙'],
  xigua: ['西瓜视频'],
  xianyu: ['闲鱼号', '闲鱼'],
  zhihu: ['知乎'],
  tieba: ['贴吧'],
  whatsapp: ['WhatsApp', 'whatsapp'],
  facebook: ['Facebook', 'facebook'],
  line: ['Line号'],
};

export const GENERIC_TARGETS: string[] = [
  // URL shorteners.
  'domain|t.cn',
  'domain|url.cn',
  'domain|dwz.cn',
  'domain|suo.im',
  'domain|bit.ly',
  'domain|tinyurl.com',
  'domain|goo.gl',
  'domain|is.gd',
  'domain|ow.ly',
  'domain|t.co',
  // Big platforms' own domains (their pages are specific; the domain is not).
  'domain|qq.com',
  'domain|weixin.qq.com',
  'domain|baidu.com',
  'domain|weibo.com',
  'domain|weibo.cn',
  'domain|douyin.com',
  'domain|kuaishou.com',
  'domain|xiaohongshu.com',
  'domain|xhslink.com',
  'domain|bilibili.com',
  'domain|b23.tv',
  'domain|douban.com',
  'domain|zhihu.com',
  'domain|taobao.com',
  'domain|tmall.com',
  'domain|jd.com',
  'domain|pinduoduo.com',
  'domain|yangkeduo.com',
  'domain|163.com',
  'domain|126.com',
  'domain|sina.com.cn',
  'domain|sohu.com',
  'domain|toutiao.com',
  'domain|ixigua.com',
  'domain|t.me',
  'domain|telegram.org',
  'domain|github.com',
  'domain|google.com',
  'domain|youtube.com',
  'domain|facebook.com',
  // App stores and payment platforms' root domains.
  'domain|apple.com',
  'domain|apps.apple.com',
  'domain|play.google.com',
  'domain|huawei.com',
  'domain|mi.com',
  'domain|alipay.com',
  'domain|tenpay.com',
  'domain|unionpay.com',
  'domain|paypal.com',
  // The platforms themselves, named as apps.
  'app|微信',
  'app|qq',
  'app|支付宝',
  'app|抖音',
  'app|快手',
  'app|微博',
  'app|小红书',
  'app|淘宝',
  'app|京东',
  'app|拼多多',
  'app|闲鱼',
  'app|b站',
  'app|应用商店',
  'app|appstore',
  'app|腾讯会议',
  'app|钉钉',
  'app|云闪付',
  // Official service numbers.
  'phone|+8612345',
  'phone|+86110',
  'phone|+86120',
  'phone|+8695588',
  'phone|+8695188',
];

export const TRACKING_PARAMS: string[] = [
  'utm_*',
  'spm',
  'from',
  'share_*',
  'scene',
  'srcid',
  'wxshare_count',
];

export const CARD_CUES: string[] = ['卡号', '银行卡', '卡', '账户', 'card', 'Card'];
export const ALIPAY_CUES: string[] = ['支付宝', 'alipay', 'Alipay'];
export const DEFAULT_HANDLE_PLATFORM = 'weibo';

/** Category pairs whose reports may share a case (each category is compatible with itself). */
export const CATEGORY_COMPATIBILITY: [string, string][] = [
  ['fraud', 'pyramid'],
  ['fraud', 'gambling'],
  ['fraud', 'privacy'],
  ['porn', 'minors'],
  ['bullying', 'minors'],
  ['bullying', 'privacy'],
  ['bullying', 'rumor'],
  ['pyramid', 'gambling'],
];

export const TARGET_LIST_SEED: Record<string, string[]> = {
  generic: GENERIC_TARGETS,
  tracking_param: TRACKING_PARAMS,
  card_cue: CARD_CUES,
  alipay_cue: ALIPAY_CUES,
  default_handle_platform: [DEFAULT_HANDLE_PLATFORM],
  category_compat: CATEGORY_COMPATIBILITY.map(([a, b]) => `${a}|${b}`),
  ...Object.fromEntries(Object.entries(PLATFORM_CUES).map(([p, cues]) => [`platform:${p}`, cues])),
};
