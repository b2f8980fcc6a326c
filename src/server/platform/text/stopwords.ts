/**
 * Function words that occur in almost every report and say nothing about what it is about: they are left out
 * of the search index and out of search queries (a query for "我的账户被冻结了" looks for 账户 and 冻结). A general
 * list of Chinese particles, pronouns, conjunctions and prepositions, and the commonest English ones — not
 * words of any category.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  [
    // Chinese: particles and auxiliaries
    '的 地 得 了 着 过 吗 呢 吧 啊 呀 哦 嗯 么 嘛 啦',
    // pronouns and determiners
    '我 你 您 他 她 它 我们 你们 他们 她们 它们 咱们 自己 这 那 这个 那个 这些 那些 这样 那样 这里 那里 一个 一些',
    // conjunctions, prepositions, adverbs of degree and time
    '和 与 及 或 而 且 并 但 但是 而且 因为 所以 如果 虽然 然后 就 都 也 又 还 再 才 很 太 更 最 已经 正在',
    '在 是 有 被 把 让 给 向 从 对 于 为 以 之 其 将 会 能 要 说 就是 还是 只是 不 没 没有',
    // English
    'a an the and or but of to in on at by for from with is are was were be been it this that i you he she we they my your',
  ]
    .join(' ')
    .split(' '),
);
