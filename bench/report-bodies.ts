/**
 * Realistic, varied Chinese report bodies for the intake benchmark, generated from templates with a seeded
 * PRNG so that every run submits the same pool. Half of the bodies are anonymous, half carry a reporter.
 */

export interface ReportBody {
  category: string;
  description: string;
  answers: Record<string, unknown>;
  targets: string[];
  regionCode?: string;
  occurredAt?: string;
  reporter?: { name: string; phone: string; email: string };
  truthfulnessPledge: true;
}

type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => int(rng, 0, 9)).join('');
const letters = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => String.fromCharCode(97 + int(rng, 0, 25))).join('');

// --- targets --------------------------------------------------------------------------------------------

const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177'];
const MORE_PREFIXES = ['180', '181', '186', '187', '188', '189', '191', '195', '198', '199', '166', '173'];

export function mobile(rng: Rng): string {
  return pick(rng, [...MOBILE_PREFIXES, ...MORE_PREFIXES]) + digits(rng, 8);
}

function handle(rng: Rng): string {
  return `${letters(rng, int(rng, 3, 7))}${pick(rng, ['_', '', '-'])}${digits(rng, int(rng, 2, 4))}`;
}

function siteUrl(rng: Rng, kinds: readonly string[]): string {
  const brand = pick(rng, ['xx', 'hj', 'jf', 'ydt', 'zx88', 'lc', 'hengda', 'xinsheng', 'jinniu', 'bw']);
  const tld = pick(rng, ['cn', 'com', 'top', 'vip', 'xyz', 'cc', 'net']);
  const path = pick(rng, ['login', 'register', 'h5/index.html', 'app/download', 'm/#/home', 'invite']);
  const source = pick(rng, ['sms', 'wechat', 'douyin', 'qq', 'kuaishou']);
  const query = chance(rng, 0.6) ? `?utm_source=${source}` : `?code=${handle(rng)}`;
  return `https://www.${brand}-${pick(rng, kinds)}.${tld}/${path}${query}`;
}

const TARGET_MAKERS = {
  mobile: (rng: Rng) => mobile(rng),
  wechat: (rng: Rng) => `微信号:${handle(rng)}`,
  qq: (rng: Rng) => `QQ:${int(rng, 1, 9)}${digits(rng, int(rng, 7, 9))}`,
  qqGroup: (rng: Rng) => `QQ群:${int(rng, 1, 9)}${digits(rng, 8)}`,
  bankCard: (rng: Rng) => `银行卡:6222${digits(rng, 15)}`,
  alipay: (rng: Rng) => `支付宝账户:${mobile(rng)}`,
  douyin: (rng: Rng) => `抖音号:${handle(rng)}`,
  weibo: (rng: Rng) => `https://weibo.com/u/${int(rng, 1, 7)}${digits(rng, 9)}`,
  video: (rng: Rng) => `https://www.douyin.com/video/7${digits(rng, 18)}`,
  invest: (rng: Rng) => siteUrl(rng, ['invest', 'licai', 'finance', 'fund', 'gold']),
  shop: (rng: Rng) => siteUrl(rng, ['shop', 'pay', 'refund', 'kefu', 'task']),
  casino: (rng: Rng) => siteUrl(rng, ['game', 'bet', 'casino', 'sports', 'vip']),
  pyramid: (rng: Rng) => siteUrl(rng, ['club', 'union', 'chain', 'coin', 'mall']),
  app: (rng: Rng) =>
    `APP:${pick(rng, ['鑫盛理财', '金牛汇', '易赚宝', '聚财通', '星空直播', '乐玩棋牌', '惠省商城'])}`,
};
type TargetKind = keyof typeof TARGET_MAKERS;

function targets(rng: Rng, kinds: readonly TargetKind[]): string[] {
  const count = int(rng, 1, 3);
  const out = new Set<string>();
  while (out.size < count) out.add(TARGET_MAKERS[pick(rng, kinds)](rng));
  return [...out];
}

// --- descriptions ---------------------------------------------------------------------------------------

const WHEN = ['上周三', '前天晚上', '本月初', '昨天下午', '上个月中旬', '三天前', '今天上午', '周末'];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '强',
  '洋',
  '艳',
  '杰',
  '婷',
  '军',
  '丽',
  '超',
  '霞',
  '明',
];
const PINYIN = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun'];
const MAIL = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'outlook.com'];

/** Joins sentences until the text reaches a random length in [min, max]; never exceeds max. */
function compose(rng: Rng, opening: string, pool: readonly string[], closing: string, min = 60, max = 400) {
  const goal = int(rng, min, max);
  let text = opening;
  const rest = [...pool].sort(() => rng() - 0.5);
  for (const sentence of rest) {
    if (text.length >= goal || text.length + sentence.length + closing.length > max) break;
    text += sentence;
  }
  if (text.length + closing.length <= max) text += closing;
  while (text.length < min) text += '请尽快核查处理，谢谢。';
  return text.slice(0, max);
}

interface Draft {
  category: string;
  description: string;
  answers: Record<string, unknown>;
  targets: string[];
}

type Template = (rng: Rng) => Draft;

const CLOSING = [
  '希望有关部门尽快查处。',
  '请核实后依法处理。',
  '担心还有更多人上当，特此举报。',
  '聊天记录和截图我都保存了。',
];

const fraud: Template = (rng) => {
  const lost = int(rng, 2, 900) * 100;
  const channel = pick(rng, [
    'phone_call',
    'sms',
    'wechat',
    'qq',
    'dating_app',
    'shopping_platform',
    'website',
  ]);
  const opening = pick(rng, [
    `${pick(rng, WHEN)}我接到自称某电商平台客服的电话，说我买的商品有质量问题可以双倍退款，`,
    `${pick(rng, WHEN)}我在交友软件上认识一个自称做黄金投资的“导师”，对方天天嘘寒问暖，`,
    `${pick(rng, WHEN)}收到一条短信说可以在家兼职刷单，每单返佣金百分之十五，`,
    `${pick(rng, WHEN)}有人打电话自称是公安局民警，说我的身份证涉嫌洗钱案件，要求配合调查，`,
    `${pick(rng, WHEN)}我在网上申请无抵押贷款，客服说我的银行卡号填错了导致资金被冻结，`,
  ]);
  const body = [
    '对方发来一个链接让我下载APP并注册账号，页面做得很像正规平台。',
    `前几次小额操作都按时返还了，后来让我做“联单任务”，我陆续转账${lost}元。`,
    '当我要求提现时，对方说我操作失误需要再交一笔“解冻金”才能出款。',
    '对方一直要求我开启屏幕共享，说是为了指导操作，我现在才意识到有问题。',
    '转账后对方把我拉黑了，群也解散了，客服再也联系不上。',
    '对方还冒充银行工作人员发来一份盖了红章的“资金监管通知书”。',
    `我身边至少还有${int(rng, 2, 9)}个朋友也加入了同一个群，都被要求充值。`,
  ];
  const answers: Record<string, unknown> = { contactChannel: channel };
  if (chance(rng, 0.7)) answers.amountLost = lost;
  if (chance(rng, 0.6))
    answers.paymentMethod = pick(rng, ['bank_transfer', 'alipay', 'wechat_pay', 'crypto']);
  if (chance(rng, 0.5)) answers.fraudsterAccount = `${pick(rng, ['收款人', '对方账号'])}${mobile(rng)}`;
  return {
    category: 'fraud',
    description: compose(rng, opening, body, pick(rng, CLOSING)),
    answers,
    targets: targets(rng, ['invest', 'shop', 'mobile', 'wechat', 'qq', 'bankCard', 'alipay', 'app']),
  };
};

const pyramid: Template = (rng) => {
  const fee = pick(rng, [980, 1980, 3980, 6800, 19_800]);
  const name = pick(rng, ['“共富联盟”', '“链上生态”', '“微商创业营”', '“国潮消费返利”', '“数字藏品会员”']);
  const body = [
    `入会要交${fee}元购买一套产品，拉满三个人就能升级为“合伙人”。`,
    '上线承诺发展下线后可以拿到每一层的提成，层级最多有十几层。',
    '他们每周在微信群里直播“分红”截图，诱导大家继续拉亲戚朋友加入。',
    '平台宣称有政府背景，实际上公司注册地址根本找不到人。',
    '最近平台以“系统升级”为由冻结了所有人的提现，还要求再交升级费。',
    '线下还会组织“感恩大会”，在会上让大家当场交钱抢名额。',
  ];
  const answers: Record<string, unknown> = {};
  if (chance(rng, 0.8)) answers.schemeName = name.replaceAll(/[“”]/g, '');
  if (chance(rng, 0.7)) answers.requiresEntryFee = true;
  if (chance(rng, 0.5)) answers.amountPaid = fee * int(rng, 1, 5);
  if (chance(rng, 0.6)) {
    answers.recruitmentChannel = pick(rng, ['chat_group', 'livestream', 'app', 'website', 'offline_event']);
  }
  return {
    category: 'pyramid',
    description: compose(
      rng,
      `我${pick(rng, WHEN)}被朋友拉进一个叫${name}的项目，`,
      body,
      pick(rng, CLOSING),
    ),
    answers,
    targets: targets(rng, ['pyramid', 'wechat', 'qqGroup', 'app', 'mobile']),
  };
};

const gambling: Template = (rng) => {
  const body = [
    '平台以“棋牌游戏”为名，实际可以用人民币充值兑换筹码，赢了还能提现。',
    `我${pick(rng, WHEN)}被拉进一个“抢红包”群，群主规定发包和抢包的金额都和输赢挂钩。`,
    '有专门的“代理”在短视频评论区发邀请码，宣称稳赚不赔的“必胜打法”。',
    '网站服务器在境外，需要下载专门的APP，充值要转到个人银行卡。',
    `身边有同事已经输了${int(rng, 1, 30)}万元，还在借网贷继续充值。`,
    '世界杯期间他们还推出“足球竞猜”，赔率比正规彩票高很多。',
  ];
  const answers: Record<string, unknown> = {};
  if (chance(rng, 0.7)) {
    answers.gamblingType = pick(rng, [
      'sports_betting',
      'online_casino',
      'private_lottery',
      'red_packet_group',
    ]);
  }
  if (chance(rng, 0.4)) answers.amountLost = int(rng, 5, 500) * 100;
  if (chance(rng, 0.6))
    answers.promotionChannel = pick(rng, ['sms', 'chat_group', 'short_video', 'website_ad']);
  return {
    category: 'gambling',
    description: compose(rng, '举报一个网络赌博平台。', body, pick(rng, CLOSING)),
    answers,
    targets: targets(rng, ['casino', 'qqGroup', 'wechat', 'bankCard', 'douyin', 'app']),
  };
};

const rumor: Template = (rng) => {
  const place = pick(rng, ['广州天河', '深圳南山', '杭州西湖', '宁波鄞州', '某高速服务区', '市第一人民医院']);
  const body = [
    `有账号发布视频称${place}发生重大事故、死亡多人，配的画面其实是几年前外地的旧视频。`,
    '该内容被大量转发，评论区有人说要去超市抢购物资，造成恐慌。',
    '官方已经发布了情况通报说明不实，但原帖至今没有删除。',
    `另一个帖子伪造了一份“紧急通知”，称${place}明天起全面停水停电。`,
    `发布者粉丝有${int(rng, 2, 90)}万，单条视频播放量已经超过百万。`,
    '发布者在多个平台同步发布同样内容，还在置顶评论引流到私域群。',
  ];
  const answers: Record<string, unknown> = {};
  if (chance(rng, 0.7)) {
    answers.topic = pick(rng, ['disaster_or_accident', 'epidemic_or_health', 'public_security', 'policy']);
  }
  if (chance(rng, 0.5)) answers.estimatedReach = int(rng, 1, 500) * 1000;
  if (chance(rng, 0.3))
    answers.debunkUrl = `https://www.piyao.org.cn/${20_240_000 + int(rng, 100, 9999)}.html`;
  return {
    category: 'rumor',
    description: compose(rng, `${pick(rng, WHEN)}在网上看到一条谣言：`, body, pick(rng, CLOSING)),
    answers,
    targets: targets(rng, ['weibo', 'video', 'douyin']),
  };
};

const bullying: Template = (rng) => {
  const who = pick(rng, ['我的女儿', '我的同学', '一名外卖骑手', '我本人', '一位退休教师']);
  const body = [
    `${who}因为一段被恶意剪辑的视频被大量网友辱骂，评论区全是人身攻击。`,
    '有人把其家庭住址、工作单位和手机号整理成长图在多个群里传播。',
    '还有人恶意P图，把照片合成到不雅图片上四处散布。',
    '私信里每天收到几十条威胁信息，说要“上门讨说法”。',
    '我们已向平台投诉多次，只删除了少量评论，大量内容仍在传播。',
    `${who}现在不敢出门，情绪很不稳定，需要看心理医生。`,
  ];
  const answers: Record<string, unknown> = {};
  if (chance(rng, 0.5)) answers.victimIsMinor = who === '我的女儿' || who === '我的同学';
  if (chance(rng, 0.6)) answers.ongoing = true;
  if (chance(rng, 0.7)) {
    answers.abuseTypes = ['insults', 'doxxing', 'threats', 'image_abuse'].filter(() => chance(rng, 0.5));
  }
  return {
    category: 'bullying',
    description: compose(rng, '举报网络暴力。', body, pick(rng, CLOSING)),
    answers,
    targets: targets(rng, ['weibo', 'video', 'douyin', 'wechat']),
  };
};

const privacy: Template = (rng) => {
  const body = [
    '有人在群里公开售卖包含姓名、身份证号和手机号的“业主数据”，按条收费。',
    `我刚在某APP注册完，${pick(rng, WHEN)}就接到大量推销电话，对方能准确说出我的住址。`,
    '卖家声称数据每天更新，还提供“定制查询”服务，可以查开房记录和行踪。',
    '对方用截图展示了部分数据，里面确实有我认识的人的真实信息。',
  ];
  const answers: Record<string, unknown> = {};
  if (chance(rng, 0.7))
    answers.infoTypes = ['name', 'phone', 'id_number', 'address'].filter(() => chance(rng, 0.6));
  if (chance(rng, 0.6)) answers.leakSource = pick(rng, ['public_post', 'data_sale', 'app_overcollection']);
  if (chance(rng, 0.5)) answers.victimIsSelf = chance(rng, 0.5);
  return {
    category: 'privacy',
    description: compose(rng, '发现有人非法买卖公民个人信息。', body, pick(rng, CLOSING)),
    answers,
    targets: targets(rng, ['qqGroup', 'wechat', 'mobile', 'app']),
  };
};

const TEMPLATES: readonly (readonly [Template, number])[] = [
  [fraud, 5],
  [pyramid, 2],
  [gambling, 2],
  [rumor, 2],
  [bullying, 2],
  [privacy, 1],
];

/** Seeded regions (and districts under seeded cities); a quarter of the reports give none. */
const REGIONS = ['440100', '440300', '330100', '330200', '440000', '330000', '440106', '440305', '330106'];

function pickTemplate(rng: Rng): Template {
  const total = TEMPLATES.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng() * total;
  for (const [template, weight] of TEMPLATES) {
    roll -= weight;
    if (roll < 0) return template;
  }
  return fraud;
}

function reporter(rng: Rng): NonNullable<ReportBody['reporter']> {
  const name = pick(rng, SURNAMES) + pick(rng, GIVEN) + (chance(rng, 0.6) ? pick(rng, GIVEN) : '');
  const local = `${pick(rng, PINYIN)}${pick(rng, ['', '.', '_'])}${letters(rng, 3)}${digits(rng, 2)}`;
  const email = `${local}@${pick(rng, MAIL)}`;
  return { name, phone: mobile(rng), email };
}

/** An ISO date-time with +08:00 offset, 1 hour to 60 days in the past. */
function occurredAt(rng: Rng): string {
  const at = Date.now() - int(rng, 3_600, 60 * 86_400) * 1000 + 8 * 3_600_000;
  return `${new Date(at).toISOString().slice(0, 19)}+08:00`;
}

/** `count` report bodies; even indexes anonymous, odd ones with a reporter. */
export function generateReportBodies(count: number, seed = 20_260_101): ReportBody[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const draft = pickTemplate(rng)(rng);
    const body: ReportBody = { ...draft, truthfulnessPledge: true };
    if (chance(rng, 0.75)) body.regionCode = pick(rng, REGIONS);
    if (chance(rng, 0.6)) body.occurredAt = occurredAt(rng);
    if (i % 2 === 1) body.reporter = reporter(rng);
    return body;
  });
}
