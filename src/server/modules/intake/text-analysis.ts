import { createOffload, type TOffloadMode } from '../../platform/offload.js';
import { searchTokens } from '../../platform/text/segment.js';
import { simhash } from '../targets/simhash.js';
import { analyseTargets, type TAnalysis, type TTargetConfig } from '../targets/target.config.js';
import { suggest, type TRule, type TSuggestion } from '../triage/triage.engine.js';

/** What a report's text is read with: the target lists and the triage rules (both editable, cached). */
export interface TTextContext {
  targets: TTargetConfig;
  rules: TRule[];
}

export interface TTextInput {
  description: string;
  /** The explicit target fields. */
  explicit: string[];
}

/** Everything intake reads from a report's text before it touches the database. */
export interface TTextAnalysis {
  /** The description's search tokens joined by spaces (tokens hold none): the lexemes of `search_tokens`. */
  tokens: string;
  /** SimHash of those tokens: the fingerprint for "possibly the same incident". */
  simhash: bigint;
  analysis: TAnalysis;
  suggestion: TSuggestion;
}

/**
 * Reads reports' texts: jieba search tokens and their SimHash, targets (extraction, normalisation, keys) and
 * the triage suggestion (which counts a payment target among its cues). Pure, so it runs in the worker thread.
 */
export function analyseTexts(inputs: TTextInput[], context: TTextContext): TTextAnalysis[] {
  return inputs.map(({ description, explicit }) => {
    const tokens = searchTokens(description);
    const analysis = analyseTargets(description, explicit, context.targets);
    const kinds = analysis.targets.filter((t) => !t.derived).map((t) => t.kind);
    return {
      tokens: tokens.join(' '),
      simhash: simhash(tokens),
      analysis,
      suggestion: suggest(context.rules, description, kinds),
    };
  });
}

export interface TextAnalyser {
  analyse(input: TTextInput): Promise<TTextAnalysis>;
  close(): Promise<void>;
}

/**
 * Text analysis off the event loop (`TEXT_ANALYSIS=thread`, the default; `inline` keeps it there). It is most of
 * a report's CPU time in this process, and the event loop also carries every request's I/O. The context comes
 * from the target and triage services (cached there); a reloaded context is sent to the worker once.
 */
export function createTextAnalyser(options: {
  mode: TOffloadMode;
  targetConfig(): Promise<TTargetConfig>;
  rules(): Promise<TRule[]>;
  /** The worker failed: its texts and later ones are analysed on the event loop (count it, warn). */
  onFailure(err: unknown): void;
}): TextAnalyser {
  const offload = createOffload({
    mode: options.mode,
    worker: new URL('./text-analysis.worker.ts', import.meta.url),
    compute: analyseTexts,
    onFailure: options.onFailure,
  });
  let context: TTextContext | undefined;
  async function currentContext(): Promise<TTextContext> {
    const [targets, rules] = await Promise.all([options.targetConfig(), options.rules()]);
    if (context?.targets !== targets || context.rules !== rules) context = { targets, rules };
    return context;
  }
  return {
    async analyse(input) {
      return offload.run(input, await currentContext());
    },
    close: () => offload.close(),
  };
}
