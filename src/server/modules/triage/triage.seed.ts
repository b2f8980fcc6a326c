/**
 * The seeded triage rules (table `triage_rules`, editable through `/api/v1/triage/rules`). Category rules add
 * their weight to a category when their cues occur; the highest total wins (below 2: `other`). Priority rules
 * name the priority they suggest and the reason shown to staff. Cues are words and phrases of general use, in
 * categories of meaning (loss, victim age, self-harm, threat, transfer in progress …), never report sentences.
 */
export interface TRuleSeed {
  id: string;
  kind: 'category' | 'priority';
  target: string;
  allOf: string[][];
  noneOf?: string[];
  weight?: number;
  reason?: { zh: string; en: string };
}

const cat = (id: string, target: string, weight: number, cues: string[]): TRuleSeed => ({
  id,
  kind: 'category',
  target,
  allOf: [cues],
  weight,
});

export const MINOR_CUES = [
  '未成年', '儿童', '小学生', '初中生', '中学生', '小女孩', '小男孩', '初一', '初二', '初三', '高一', '高二',
  '女儿', '儿子', '孩子', '学生', '少女', '幼儿', 'minor', 'child', 'children', '<18岁>',
];
const SEXUAL_CUES = ['裸照', '私密照', '不雅', '色情', '性侵', '猥亵', '睡衣', '裸聊', '黄图', '约她', '约他', '见面', '开房'];

export const RULE_SEED: TRuleSeed[] = [
  // --- categories -----------------------------------------------------------------------------------------
  cat('fraud.strong', 'fraud', 3, [
    '诈骗', '骗子', '被骗', '骗了', '骗走', '骗钱', '钓鱼', '刷单', '杀猪盘', '冒充', '安全账户', '解冻', '套路贷',
    'scam', 'phishing', 'fraud', '骗局', '假冒', '上当', '亏了', '亏损',
  ]),
  cat('fraud.pattern', 'fraud', 2, [
    '客服', '退款', '理赔', '验证码', '网贷', '放款', '保证金', '垫付', '征信', '转账', '工本费', '手续费', '冻结',
    '补税', '出金', '提现', '带单', '荐股', '内幕', '兼职', '返佣金', '定金', '押金', '中奖', '领取', '积分', '兑换',
    '投资', '理财', '合约', '虚拟币', 'usdt', 'gift card', '公检法', '民警', '刑侦', '贷款', '交易所', '拉黑',
  ]),
  cat('pyramid.strong', 'pyramid', 4, [
    '传销', '拉人头', '人头', '下线', '下级', '资金盘', '直推', '级差', '多级', '层级', '连锁销售', '全返', '链动',
    '发展会员', '互助盘', '出局', 'pyramid', 'levels deep', 'downline',
  ]),
  cat('pyramid.pattern', 'pyramid', 2, [
    '拉人', '发展', '会员费', '入会', '入门', '返佣', '提成', '分红', '代理', '推荐奖励', '推荐好友', '一级', '二级',
    '三代', '团队', '业绩', '创客', '合伙人', '拉一个', '每拉', 'recruit', 'entry fee',
  ]),
  cat('gambling.strong', 'gambling', 4, [
    '赌博', '赌球', '博彩', '百家乐', '赌场', '棋牌', '上分', '下分', '银商', '跑分', '娱乐城', '赌', '开箱',
    'casino', 'betting', 'gamble',
  ]),
  cat('gambling.pattern', 'gambling', 2, ['下注', '赔率', '庄家', '首充', '彩票', '竞彩', '夺宝', '抽奖', 'bet', '押注']),
  cat('porn.strong', 'porn', 4, [
    '色情', '黄色', '裸聊', '约炮', '淫秽', '黄网', '看片', '同城约', '福利视频', 'porn', 'nude', '成人视频',
  ]),
  cat('porn.pattern', 'porn', 2, ['低俗', '擦边', '暴露', '露点', '裸照', '尺度', '黄图', '不雅', '性感', '福利']),
  cat('bullying.strong', 'bullying', 4, [
    '网暴', '网络暴力', '人肉', '开盒', '霸凌', '欺凌', '辱骂', '骚扰', 'harass', 'bully', '挂人',
  ]),
  cat('bullying.pattern', 'bullying', 2, [
    '骂', '侮辱', '恐吓', '威胁', '遗照', '外号', '表情包', '殴打', '下跪', '带节奏', '私信', '起哄', '差评', 'P图', 'P成', '住址', '家住', '挂出来', '造谣说', '精神病', '组团', '打耳光', '扇', 'threat',
  ]),
  cat('rumor.strong', 'rumor', 4, ['谣言', '造谣', '辟谣', '谣传', '不实信息', '假消息', '虚假信息', 'rumor', 'fake news', 'misinformation']),
  cat('rumor.pattern', 'rumor', 2, [
    '疯传', '传言', '恐慌', '地震', '投毒', '封城', '破产', '治癌', '得癌', '致癌', '疫苗', '抢购', '囤', '转发',
    '内部消息', '通知', '是真的吗', '在传',
  ]),
  cat('privacy.strong', 'privacy', 4, [
    '个人信息', '泄露', '隐私', '偷拍', '倒卖', '面单', '人脸', '盗用', '信息泄露', 'leak', 'leaked', 'personal data',
  ]),
  cat('privacy.pattern', 'privacy', 2, [
    '身份证', '通讯录', '权限', '数据', '出售', '实名', '冒用', '住址', '手机号', '推销电话', '定位', '肖像', '兜售', '收集',
  ]),
  cat('minors.strong', 'minors', 3, ['未成年人', '儿童', '小学生', '电子烟', '邪典', '蓝鲸', '年龄验证', '诱导未成年', '防沉迷']),
  cat('minors.pattern', 'minors', 2, ['初中生', '小女孩', '打赏', '孩子', '岁', '学生', '小孩', '泳衣', '童']),
  cat('terror.strong', 'terror', 5, ['恐怖', '极端', '爆炸物', '炸弹', '处决', '圣战', '暴恐', '陪葬', '扬言', 'extremist', 'terror']),
  cat('terror.pattern', 'terror', 2, ['袭击', '武器', '旗帜', '血腥', '招人', '汽油', '制造爆炸']),
  cat('other.pattern', 'other', 3, [
    '投诉', '商家', '物业', '售后', '质量', '解封', '封号', '查询', '进度', '停车费', '广告短信', '态度',
    '盗版', '侵权', '退订', 'ignore all previous', '忽略', 'maintenance mode',
  ]),
  // --- priorities -------------------------------------------------------------------------------------------
  {
    id: 'urgent.self_harm',
    kind: 'priority',
    target: 'urgent',
    allOf: [['不想活', '轻生', '自杀', '自残', '寻短见', '活不下去', '撑不下去', '就去死', '跳楼', '割腕', '我走了', 'suicide', 'kill myself']],
    reason: { zh: '自伤或轻生风险', en: 'risk of self-harm or suicide' },
  },
  {
    id: 'urgent.self_harm_challenge',
    kind: 'priority',
    target: 'urgent',
    allOf: [['蓝鲸', '自残挑战', '死亡挑战', '划手', '划字', '割手']],
    reason: { zh: '诱导自伤的挑战', en: 'challenge inciting self-harm' },
  },
  {
    id: 'urgent.threat_to_life',
    kind: 'priority',
    target: 'urgent',
    allOf: [['陪葬', '同归于尽', '爆炸物', '炸弹', '制造爆炸', '扬言', '砍死', '杀了你', '人身安全', '血洗']],
    reason: { zh: '威胁生命安全', en: 'threat to life' },
  },
  {
    id: 'urgent.transfer_now',
    kind: 'priority',
    target: 'urgent',
    allOf: [['正在', '此刻', '现在就在', '正要', '马上要', '银行柜台', '柜台'], ['转账', '汇款', '转钱', '安全账户', '转']],
    reason: { zh: '转账正在进行', en: 'a transfer is in progress' },
  },
  {
    id: 'urgent.child_sexual',
    kind: 'priority',
    target: 'urgent',
    allOf: [MINOR_CUES, SEXUAL_CUES],
    reason: { zh: '涉及儿童性剥削', en: 'sexual exploitation of a child' },
  },
  {
    id: 'high.minor_victim',
    kind: 'priority',
    target: 'high',
    allOf: [['未成年', '<18岁>', '小学生', '初中生', '中学生', '初一', '初二', '初三', '小女孩', '学生']],
    reason: { zh: '受害人是未成年人', en: 'the victim is a minor' },
  },
  {
    id: 'high.large_loss',
    kind: 'priority',
    target: 'high',
    allOf: [['<金额≥30000>']],
    reason: { zh: '损失金额较大', en: 'a large sum is lost' },
  },
  {
    id: 'high.address_exposed',
    kind: 'priority',
    target: 'high',
    allOf: [['家庭住址', '家住', '住址', '宿舍号', '哪个小区', '住在哪', '开盒', '几栋', '单元']],
    reason: { zh: '住址被公开或被跟踪', en: 'home address exposed or stalking' },
  },
  {
    id: 'high.bulk_data',
    kind: 'priority',
    target: 'high',
    allOf: [['全体', '批量', '偷拍'], ['数据', '信息', '视频', '身份证']],
    reason: { zh: '大量个人信息被出售或公开', en: 'personal data of many people sold or exposed' },
  },
  {
    id: 'high.extremism',
    kind: 'priority',
    target: 'high',
    allOf: [['极端组织', '处决', '暴恐', '招募', '拿起武器']],
    reason: { zh: '暴恐内容', en: 'violent extremist content' },
  },
  {
    id: 'low.no_harm',
    kind: 'priority',
    target: 'low',
    allOf: [['投诉', '商家', '物业', '售后', '进度', '查询', '解封', '封号', '广告短信', '是真的吗', '推销电话', '擦边']],
    reason: { zh: '未描述具体的网上危害', en: 'no specific online harm described' },
  },
];

/** Telephone area codes → GB/T 2260 region (cities; extend as needed). */
export const PHONE_AREA_SEED: Record<string, string> = {
  '10': '110000', '21': '310000', '22': '120000', '23': '500000', '20': '440100', '755': '440300',
  '757': '440600', '769': '441900', '760': '442000', '756': '440400', '754': '440500', '571': '330100',
  '574': '330200', '577': '330300', '573': '330400', '575': '330600', '579': '330700', '25': '320100',
  '512': '320500', '510': '320200', '27': '420100', '28': '510100', '29': '610100', '24': '210100',
  '411': '210200', '731': '430100', '591': '350100', '592': '350200', '531': '370100', '532': '370200',
  '371': '410100', '551': '340100', '791': '360100', '871': '530100', '851': '520100', '771': '450100',
  '898': '460100', '311': '130100', '351': '140100', '471': '150100', '431': '220100', '451': '230100',
  '931': '620100', '971': '630100', '951': '640100', '991': '650100', '891': '540100',
};
