import type { TPriority } from './category.tables.js';
import type { TLegalBasis, TQuestion, TText } from './category.types.js';

/** One reportable category as seeded into `categories`. */
export interface TCategorySeed {
  code: string;
  parentCode?: string;
  name: TText;
  definition: TText;
  examples: TText;
  legalBasis: TLegalBasis[];
  questionnaire: TQuestion[];
  defaultPriority: TPriority;
  sortOrder: number;
}

// Laws cited by more than one category.
const CRIMINAL_LAW: TText = { zh: '《中华人民共和国刑法》', en: 'Criminal Law of the PRC' };
const CIVIL_CODE: TText = { zh: '《中华人民共和国民法典》', en: 'Civil Code of the PRC' };
/**
 * The 2025 amendment (in force 1 Jan 2026) inserted a new Art. 3, so the former Art. 12
 * (prohibited online activities) is now Art. 13.
 */
const CYBERSECURITY_LAW: TText = {
  zh: '《中华人民共和国网络安全法》（2025年修正）',
  en: 'Cybersecurity Law of the PRC (2025 Amendment)',
};
const CONTENT_ECOSYSTEM_PROVISIONS: TText = {
  zh: '《网络信息内容生态治理规定》',
  en: 'Provisions on the Governance of the Online Information Content Ecosystem',
};
const MINORS_PROTECTION_LAW: TText = {
  zh: '《中华人民共和国未成年人保护法》',
  en: 'Law of the PRC on the Protection of Minors',
};

const CYBERSECURITY_ART_13: TLegalBasis = {
  law: CYBERSECURITY_LAW,
  article: { zh: '第十三条', en: 'Art. 13' },
};

export const CATEGORY_SEED: TCategorySeed[] = [
  {
    code: 'fraud',
    name: { zh: '网络诈骗', en: 'Online Fraud' },
    definition: {
      zh: '通过电话、短信、网络等远程方式，编造虚假信息或隐瞒真相，骗取他人钱财的行为。',
      en:
        'Tricking people out of money or property remotely, by phone, text message or the internet, ' +
        'using made-up stories or hidden facts.',
    },
    examples: {
      zh: '如冒充客服退款、刷单返利、虚假投资理财、冒充公检法等。',
      en:
        'E.g. fake customer-service refunds, paid "click farming" tasks, bogus investment schemes, ' +
        'or callers posing as police.',
    },
    legalBasis: [
      {
        law: { zh: '《中华人民共和国反电信网络诈骗法》', en: 'Anti-Telecom and Online Fraud Law of the PRC' },
        article: { zh: '第二条', en: 'Art. 2' },
      },
      { law: CRIMINAL_LAW, article: { zh: '第二百六十六条', en: 'Art. 266' } },
    ],
    questionnaire: [
      {
        key: 'contactChannel',
        type: 'select',
        required: true,
        label: { zh: '对方通过什么方式联系您？', en: 'How did the other party contact you?' },
        options: [
          { value: 'phone_call', label: { zh: '电话', en: 'Phone call' } },
          { value: 'sms', label: { zh: '短信', en: 'Text message (SMS)' } },
          { value: 'wechat', label: { zh: '微信', en: 'WeChat' } },
          { value: 'qq', label: { zh: 'QQ', en: 'QQ' } },
          { value: 'dating_app', label: { zh: '婚恋/交友软件', en: 'Dating or social app' } },
          { value: 'shopping_platform', label: { zh: '购物平台', en: 'Shopping platform' } },
          { value: 'website', label: { zh: '网站', en: 'Website' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
      {
        key: 'fraudsterAccount',
        type: 'text',
        required: false,
        label: {
          zh: '对方的电话号码、账号或收款账户',
          en: "The other party's phone number, account name or receiving account",
        },
        maxLength: 200,
      },
      {
        key: 'amountLost',
        type: 'number',
        required: false,
        label: { zh: '损失金额（元）', en: 'Amount lost (yuan)' },
        min: 0,
      },
      {
        key: 'paymentMethod',
        type: 'select',
        required: false,
        label: { zh: '付款方式', en: 'Payment method' },
        options: [
          { value: 'bank_transfer', label: { zh: '银行转账', en: 'Bank transfer' } },
          { value: 'alipay', label: { zh: '支付宝', en: 'Alipay' } },
          { value: 'wechat_pay', label: { zh: '微信支付', en: 'WeChat Pay' } },
          { value: 'crypto', label: { zh: '虚拟货币', en: 'Cryptocurrency' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
    ],
    defaultPriority: 'high',
    sortOrder: 10,
  },
  {
    code: 'pyramid',
    name: { zh: '网络传销', en: 'Online Pyramid Selling' },
    definition: {
      zh: '以拉人头、收取入门费或按发展人数计酬等方式获利的非法经营活动，网上常以投资、创业、消费返利等名义出现。',
      en:
        'Illegal schemes that make money by recruiting people, charging joining fees or paying by the ' +
        'number of recruits, often disguised online as investment, start-up or cashback projects.',
    },
    examples: {
      zh: '如交钱入会再拉人返利的“资金盘”、层级分销的虚拟币项目、以“微商创业”为名的拉人头活动。',
      en:
        'E.g. "money circle" platforms paying for new members, multi-level crypto-token schemes, ' +
        'or recruitment drives disguised as social-commerce start-ups.',
    },
    legalBasis: [
      {
        law: { zh: '《禁止传销条例》', en: 'Regulations on Prohibition of Pyramid Selling' },
        article: { zh: '第二条、第七条', en: 'Arts. 2 and 7' },
      },
      { law: CRIMINAL_LAW, article: { zh: '第二百二十四条之一', en: 'Art. 224-1' } },
    ],
    questionnaire: [
      {
        key: 'schemeName',
        type: 'text',
        required: false,
        label: { zh: '项目、平台或组织名称', en: 'Name of the scheme, platform or organisation' },
        maxLength: 200,
      },
      {
        key: 'requiresEntryFee',
        type: 'boolean',
        required: false,
        label: {
          zh: '是否要求缴纳入门费或购买产品才能加入？',
          en: 'Do you have to pay a fee or buy products to join?',
        },
      },
      {
        key: 'amountPaid',
        type: 'number',
        required: false,
        label: { zh: '已投入金额（元）', en: 'Amount paid in (yuan)' },
        min: 0,
      },
      {
        key: 'recruitmentChannel',
        type: 'select',
        required: false,
        label: { zh: '主要通过什么渠道拉人？', en: 'Main recruitment channel' },
        options: [
          { value: 'chat_group', label: { zh: '微信群/QQ群', en: 'WeChat or QQ group' } },
          { value: 'livestream', label: { zh: '直播或短视频', en: 'Livestream or short video' } },
          { value: 'app', label: { zh: '手机应用', en: 'Mobile app' } },
          { value: 'website', label: { zh: '网站', en: 'Website' } },
          { value: 'offline_event', label: { zh: '线下聚会/课程', en: 'Offline meeting or course' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
    ],
    defaultPriority: 'normal',
    sortOrder: 20,
  },
  {
    code: 'bullying',
    name: { zh: '网络暴力', en: 'Cyberbullying and Online Abuse' },
    definition: {
      zh: '在网上集中针对某个人进行辱骂、造谣、威胁、“人肉搜索”曝光隐私等，给其造成伤害的行为。',
      en:
        'Targeting a person online with concentrated insults, rumours, threats or exposure of private ' +
        'details ("doxxing") that cause them harm.',
    },
    examples: {
      zh: '如在评论区集中辱骂某人、“人肉”并公开他人住址电话、恶意P图侮辱他人。',
      en:
        "E.g. mass abusive comments against someone, publishing a person's home address and phone " +
        'number, or doctored images meant to humiliate them.',
    },
    legalBasis: [
      {
        law: {
          zh: '《网络暴力信息治理规定》（2024）',
          en: 'Provisions on the Governance of Online Violence Information (2024)',
        },
        article: { zh: '第二条', en: 'Art. 2' },
      },
      { law: CRIMINAL_LAW, article: { zh: '第二百四十六条', en: 'Art. 246' } },
      { law: CIVIL_CODE, article: { zh: '第一千零二十四条', en: 'Art. 1024' } },
    ],
    questionnaire: [
      {
        key: 'victimIsMinor',
        type: 'boolean',
        required: false,
        label: { zh: '受害人是否未满18周岁？', en: 'Is the victim under 18?' },
      },
      {
        key: 'ongoing',
        type: 'boolean',
        required: false,
        label: { zh: '网暴是否仍在持续？', en: 'Is the abuse still going on?' },
      },
      {
        key: 'abuseTypes',
        type: 'multiselect',
        required: false,
        label: { zh: '涉及哪些行为？', en: 'What kinds of abuse are involved?' },
        options: [
          { value: 'insults', label: { zh: '侮辱谩骂', en: 'Insults' } },
          { value: 'rumors', label: { zh: '造谣诽谤', en: 'Rumours or defamation' } },
          { value: 'threats', label: { zh: '威胁恐吓', en: 'Threats' } },
          {
            value: 'doxxing',
            label: { zh: '“人肉搜索”/曝光隐私', en: 'Doxxing or exposing private details' },
          },
          { value: 'image_abuse', label: { zh: '恶意P图/合成图像', en: 'Doctored or fake images' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
    ],
    defaultPriority: 'normal',
    sortOrder: 30,
  },
  {
    code: 'rumor',
    name: { zh: '网络谣言', en: 'Online Rumours' },
    definition: {
      zh: '在网上编造或故意传播虚假信息，误导公众、扰乱社会秩序的行为。',
      en:
        'Making up or knowingly spreading false information online that misleads the public ' +
        'or disrupts public order.',
    },
    examples: {
      zh: '如编造灾情、疫情、警情，捏造“某地发生重大事故”，或伪造政策通知。',
      en:
        'E.g. made-up reports of disasters, epidemics or police incidents, fake "major accident" ' +
        'stories, or forged government notices.',
    },
    legalBasis: [
      CYBERSECURITY_ART_13,
      { law: CRIMINAL_LAW, article: { zh: '第二百九十一条之一第二款', en: 'Art. 291-1, para. 2' } },
      { law: CONTENT_ECOSYSTEM_PROVISIONS, article: { zh: '第六条', en: 'Art. 6' } },
    ],
    questionnaire: [
      {
        key: 'topic',
        type: 'select',
        required: false,
        label: { zh: '谣言涉及什么话题？', en: 'What is the rumour about?' },
        options: [
          { value: 'disaster_or_accident', label: { zh: '灾害或事故', en: 'Disaster or accident' } },
          { value: 'epidemic_or_health', label: { zh: '疫情或健康', en: 'Epidemic or health' } },
          { value: 'public_security', label: { zh: '治安或警情', en: 'Crime or police matters' } },
          { value: 'food_or_drug', label: { zh: '食品药品安全', en: 'Food or drug safety' } },
          { value: 'policy', label: { zh: '政策或政府通知', en: 'Policy or government notice' } },
          { value: 'person_or_company', label: { zh: '个人或企业', en: 'A person or company' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
      {
        key: 'estimatedReach',
        type: 'number',
        required: false,
        label: { zh: '大约浏览或转发次数', en: 'Approximate number of views or shares' },
        min: 0,
      },
      {
        key: 'debunkUrl',
        type: 'url',
        required: false,
        label: {
          zh: '官方辟谣或事实核查链接（如有）',
          en: 'Link to an official rebuttal or fact-check (if any)',
        },
      },
    ],
    defaultPriority: 'normal',
    sortOrder: 40,
  },
  {
    code: 'porn',
    name: { zh: '网络淫秽色情', en: 'Online Obscene and Pornographic Content' },
    definition: {
      zh: '在网上制作、传播、售卖淫秽色情图片、视频、直播或链接等内容。',
      en:
        'Producing, spreading or selling obscene or pornographic images, videos, livestreams ' +
        'or links online.',
    },
    examples: {
      zh: '如色情直播、售卖淫秽视频的群组、弹窗推送色情网站链接。',
      en:
        'E.g. pornographic livestreams, chat groups selling obscene videos, or pop-ups pushing links ' +
        'to porn sites.',
    },
    legalBasis: [
      { law: CRIMINAL_LAW, article: { zh: '第三百六十三条、第三百六十四条', en: 'Arts. 363 and 364' } },
      CYBERSECURITY_ART_13,
    ],
    questionnaire: [
      {
        key: 'contentForm',
        type: 'select',
        required: false,
        label: { zh: '内容形式', en: 'Form of the content' },
        options: [
          { value: 'images', label: { zh: '图片', en: 'Images' } },
          { value: 'videos', label: { zh: '视频', en: 'Videos' } },
          { value: 'livestream', label: { zh: '直播', en: 'Livestream' } },
          { value: 'text', label: { zh: '文字/小说', en: 'Text or fiction' } },
          { value: 'links_or_ads', label: { zh: '链接或广告', en: 'Links or adverts' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
      {
        key: 'involvesMinors',
        type: 'boolean',
        required: false,
        label: { zh: '内容是否涉及未成年人？', en: 'Does the content involve minors?' },
        help: {
          zh: '如涉及未成年人，也可选择“侵害未成年人权益”类别举报。',
          en: 'If minors are involved, you may also report under "Harm to Minors".',
        },
      },
      {
        key: 'isPaid',
        type: 'boolean',
        required: false,
        label: { zh: '是否涉及付费或售卖？', en: 'Is money charged or is the content sold?' },
      },
    ],
    defaultPriority: 'normal',
    sortOrder: 50,
  },
  {
    code: 'gambling',
    name: { zh: '网络赌博', en: 'Online Gambling' },
    definition: {
      zh: '通过网站、应用或聊天群组织、参与或招揽他人进行赌博的行为。',
      en: 'Running, taking part in or drawing people into gambling through websites, apps or chat groups.',
    },
    examples: {
      zh: '如境外博彩网站、网络“私彩”、以游戏为名的押注或“抢红包”赌博群。',
      en:
        'E.g. offshore betting sites, unlicensed online lotteries, or betting disguised as games ' +
        'and "red-packet" gambling groups.',
    },
    legalBasis: [
      { law: CRIMINAL_LAW, article: { zh: '第三百零三条', en: 'Art. 303' } },
      { law: CONTENT_ECOSYSTEM_PROVISIONS, article: { zh: '第六条', en: 'Art. 6' } },
    ],
    questionnaire: [
      {
        key: 'gamblingType',
        type: 'select',
        required: false,
        label: { zh: '赌博形式', en: 'Type of gambling' },
        options: [
          { value: 'sports_betting', label: { zh: '体育竞猜', en: 'Sports betting' } },
          { value: 'online_casino', label: { zh: '网络赌场/棋牌', en: 'Online casino or card games' } },
          { value: 'private_lottery', label: { zh: '私彩', en: 'Unlicensed lottery' } },
          { value: 'red_packet_group', label: { zh: '红包群', en: 'Red-packet gambling group' } },
          { value: 'disguised_game', label: { zh: '伪装成游戏', en: 'Disguised as a game' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
      {
        key: 'amountLost',
        type: 'number',
        required: false,
        label: { zh: '损失金额（元）', en: 'Amount lost (yuan)' },
        min: 0,
      },
      {
        key: 'promotionChannel',
        type: 'select',
        required: false,
        label: { zh: '您在哪里看到推广？', en: 'Where did you see it promoted?' },
        options: [
          { value: 'sms', label: { zh: '短信', en: 'Text message (SMS)' } },
          { value: 'chat_group', label: { zh: '聊天群', en: 'Chat group' } },
          { value: 'short_video', label: { zh: '短视频/直播', en: 'Short video or livestream' } },
          { value: 'website_ad', label: { zh: '网站广告', en: 'Website advert' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
    ],
    defaultPriority: 'normal',
    sortOrder: 60,
  },
  {
    code: 'privacy',
    name: { zh: '侵害个人信息', en: 'Personal Information Leaks and Misuse' },
    definition: {
      zh: '非法收集、买卖、提供或公开他人的身份证号、手机号、住址等个人信息的行为。',
      en:
        "Illegally collecting, selling, handing over or publishing other people's personal information " +
        'such as ID numbers, phone numbers or home addresses.',
    },
    examples: {
      zh: '如网上售卖公民个人信息、应用违规收集通讯录、在网上公开他人身份证照片。',
      en:
        "E.g. selling personal data online, apps illegally harvesting contact lists, or posting someone's " +
        'ID card photo.',
    },
    legalBasis: [
      {
        law: { zh: '《中华人民共和国个人信息保护法》', en: 'Personal Information Protection Law of the PRC' },
        article: { zh: '第十条', en: 'Art. 10' },
      },
      { law: CRIMINAL_LAW, article: { zh: '第二百五十三条之一', en: 'Art. 253-1' } },
      { law: CIVIL_CODE, article: { zh: '第一千零三十四条', en: 'Art. 1034' } },
    ],
    questionnaire: [
      {
        key: 'infoTypes',
        type: 'multiselect',
        required: false,
        label: { zh: '涉及哪些信息？', en: 'What information is involved?' },
        options: [
          { value: 'name', label: { zh: '姓名', en: 'Name' } },
          { value: 'id_number', label: { zh: '身份证号', en: 'ID number' } },
          { value: 'phone', label: { zh: '手机号', en: 'Phone number' } },
          { value: 'address', label: { zh: '住址', en: 'Address' } },
          { value: 'photos', label: { zh: '照片/影像', en: 'Photos or videos' } },
          { value: 'financial', label: { zh: '银行卡/财产信息', en: 'Bank or financial details' } },
          { value: 'location', label: { zh: '行踪轨迹', en: 'Location history' } },
          { value: 'health', label: { zh: '医疗健康信息', en: 'Health information' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
      {
        key: 'leakSource',
        type: 'select',
        required: false,
        label: { zh: '信息是如何被泄露或滥用的？', en: 'How was the information leaked or misused?' },
        options: [
          { value: 'public_post', label: { zh: '被公开发布到网上', en: 'Posted publicly online' } },
          { value: 'data_sale', label: { zh: '被打包售卖', en: 'Sold as data' } },
          { value: 'app_overcollection', label: { zh: '应用违规收集', en: 'Over-collected by an app' } },
          { value: 'hacking', label: { zh: '黑客攻击/盗号', en: 'Hacking or account theft' } },
          { value: 'unknown', label: { zh: '不清楚', en: 'Unknown' } },
        ],
      },
      {
        key: 'victimIsSelf',
        type: 'boolean',
        required: false,
        label: { zh: '被泄露的是您本人的信息吗？', en: 'Is it your own information?' },
      },
    ],
    defaultPriority: 'normal',
    sortOrder: 70,
  },
  {
    code: 'minors',
    name: { zh: '侵害未成年人权益', en: 'Harm to Minors' },
    definition: {
      zh: '在网上对未满18周岁的未成年人实施欺凌、性引诱、传播有害内容或侵害其个人信息等行为。',
      en:
        'Online bullying, sexual grooming, harmful content or misuse of personal information aimed at ' +
        'children and young people under 18.',
    },
    examples: {
      zh: '如诱骗未成年人发送裸照、网上欺凌学生、引诱未成年人自残或大额充值打赏。',
      en:
        'E.g. tricking a child into sending nude photos, bullying students online, or luring minors ' +
        'into self-harm or large in-app spending.',
    },
    legalBasis: [
      { law: MINORS_PROTECTION_LAW, article: { zh: '第五十二条', en: 'Art. 52' } },
      { law: MINORS_PROTECTION_LAW, article: { zh: '第七十七条', en: 'Art. 77' } },
      {
        law: { zh: '《未成年人网络保护条例》', en: 'Regulations on the Protection of Minors Online' },
        article: { zh: '第二十六条', en: 'Art. 26' },
      },
    ],
    questionnaire: [
      {
        key: 'victimAge',
        type: 'number',
        required: false,
        label: { zh: '受害未成年人年龄', en: 'Age of the minor' },
        min: 0,
        max: 17,
      },
      {
        key: 'victimIsSelf',
        type: 'boolean',
        required: false,
        label: { zh: '受害人是您本人吗？', en: 'Are you the person harmed?' },
      },
      {
        key: 'harmTypes',
        type: 'multiselect',
        required: false,
        label: { zh: '涉及哪些情形？', en: 'What is happening?' },
        options: [
          {
            value: 'sexual_content',
            label: { zh: '涉未成年人色情内容', en: 'Sexual content involving minors' },
          },
          {
            value: 'grooming',
            label: { zh: '性引诱/索要私密照片', en: 'Grooming or requests for intimate images' },
          },
          { value: 'bullying', label: { zh: '网络欺凌', en: 'Cyberbullying' } },
          {
            value: 'self_harm_inducement',
            label: { zh: '引诱自残自杀', en: 'Encouraging self-harm or suicide' },
          },
          { value: 'personal_info', label: { zh: '泄露个人信息', en: 'Exposing personal information' } },
          { value: 'spending', label: { zh: '诱导充值打赏', en: 'Pressure to spend money in apps' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
    ],
    defaultPriority: 'high',
    sortOrder: 80,
  },
  {
    code: 'terror',
    name: { zh: '暴力恐怖与极端主义', en: 'Violent Terrorism and Extremism' },
    definition: {
      zh: '在网上宣扬恐怖主义、极端主义，煽动暴力，或传授实施恐怖活动方法的内容。',
      en:
        'Online content that promotes terrorism or extremism, incites violence, or teaches how ' +
        'to carry out attacks.',
    },
    examples: {
      zh: '如暴恐音视频、招募人员参加恐怖组织、传授制作爆炸物的方法。',
      en:
        'E.g. violent terrorist audio or video, recruitment for terrorist groups, or instructions ' +
        'for making explosives.',
    },
    legalBasis: [
      {
        law: { zh: '《中华人民共和国反恐怖主义法》', en: 'Counter-Terrorism Law of the PRC' },
        article: { zh: '第三条', en: 'Art. 3' },
      },
      { law: CRIMINAL_LAW, article: { zh: '第一百二十条之三', en: 'Art. 120-3' } },
      CYBERSECURITY_ART_13,
    ],
    questionnaire: [
      {
        key: 'imminentThreat',
        type: 'boolean',
        required: false,
        label: {
          zh: '是否涉及具体时间、地点的现实袭击威胁？',
          en: 'Does it threaten a real attack at a specific time or place?',
        },
        help: {
          zh: '如遇紧急危险，请立即拨打110报警。',
          en: 'If anyone is in immediate danger, call the police on 110 now.',
        },
      },
      {
        key: 'contentType',
        type: 'select',
        required: false,
        label: { zh: '内容类型', en: 'Type of content' },
        options: [
          {
            value: 'propaganda',
            label: { zh: '宣扬恐怖主义/极端主义', en: 'Terrorist or extremist propaganda' },
          },
          { value: 'incitement', label: { zh: '煽动实施暴力', en: 'Incitement to violence' } },
          {
            value: 'instructions',
            label: { zh: '传授袭击或制爆方法', en: 'Attack or bomb-making instructions' },
          },
          { value: 'recruitment', label: { zh: '招募人员', en: 'Recruitment' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
    ],
    defaultPriority: 'urgent',
    sortOrder: 90,
  },
  {
    code: 'infringement',
    name: { zh: '侵权', en: 'Infringement of Rights' },
    definition: {
      zh: '在网上侵害他人名誉权、肖像权、著作权等合法权益的行为，例如诋毁他人或盗用他人作品。',
      en:
        "Violating someone's lawful rights online, such as their reputation, likeness or copyright — for " +
        'example smearing them or using their work without permission.',
    },
    examples: {
      zh: '如捏造事实诋毁企业或个人、盗用他人照片、未经授权转载影视或文章。',
      en:
        "E.g. false claims smearing a person or business, using someone's photos without consent, or " +
        'reposting films or articles without permission.',
    },
    legalBasis: [
      { law: CIVIL_CODE, article: { zh: '第一千零二十四条', en: 'Art. 1024' } },
      { law: CIVIL_CODE, article: { zh: '第一千一百九十四条', en: 'Art. 1194' } },
      { law: CIVIL_CODE, article: { zh: '第一千一百九十五条', en: 'Art. 1195' } },
    ],
    questionnaire: [
      {
        key: 'rightType',
        type: 'select',
        required: false,
        label: { zh: '受侵害的权利', en: 'Which right is infringed?' },
        options: [
          { value: 'reputation', label: { zh: '名誉权', en: 'Reputation' } },
          { value: 'portrait', label: { zh: '肖像权', en: 'Likeness (portrait)' } },
          { value: 'privacy', label: { zh: '隐私权', en: 'Privacy' } },
          { value: 'copyright', label: { zh: '著作权', en: 'Copyright' } },
          { value: 'trademark', label: { zh: '商标权', en: 'Trademark' } },
          { value: 'other', label: { zh: '其他', en: 'Other' } },
        ],
      },
      {
        key: 'isRightHolder',
        type: 'boolean',
        required: false,
        label: {
          zh: '您是权利人本人或其代理人吗？',
          en: 'Are you the rights holder or acting on their behalf?',
        },
      },
      {
        key: 'originalUrl',
        type: 'url',
        required: false,
        label: {
          zh: '原作品或权属证明链接（如有）',
          en: 'Link to the original work or proof of ownership (if any)',
        },
      },
    ],
    defaultPriority: 'normal',
    sortOrder: 100,
  },
  {
    code: 'other',
    name: { zh: '其他', en: 'Other' },
    definition: {
      zh: '不属于以上类别，但您认为违法或有害的其他网络信息。',
      en: 'Other online content you believe is illegal or harmful that does not fit any category above.',
    },
    examples: {
      zh: '如售卖违禁物品、宣扬邪教或迷信、其他扰乱网络秩序的信息。',
      en:
        'E.g. sale of prohibited goods, promotion of cults or superstition, or other content ' +
        'disrupting online order.',
    },
    legalBasis: [
      CYBERSECURITY_ART_13,
      { law: CONTENT_ECOSYSTEM_PROVISIONS, article: { zh: '第六条、第七条', en: 'Arts. 6 and 7' } },
    ],
    questionnaire: [
      {
        key: 'platformName',
        type: 'text',
        required: false,
        label: { zh: '所在平台或网站名称', en: 'Platform or website name' },
        maxLength: 200,
      },
      {
        key: 'whyHarmful',
        type: 'textarea',
        required: false,
        label: { zh: '您认为该信息违法或有害的原因', en: 'Why you think this content is illegal or harmful' },
        maxLength: 2000,
      },
    ],
    defaultPriority: 'low',
    sortOrder: 110,
  },
];
