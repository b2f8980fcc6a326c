/** A bilingual text. */
export interface TText {
  zh: string;
  en: string;
}

/** A legal provision a category rests on, e.g. 反电信网络诈骗法 第二条. */
export interface TLegalBasis {
  law: TText;
  article: TText;
}

export type TQuestionType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'boolean'
  | 'select'
  | 'multiselect'
  | 'url';

/** One extra field of a category's questionnaire. */
export interface TQuestion {
  key: string;
  type: TQuestionType;
  required: boolean;
  label: TText;
  help?: TText;
  options?: { value: string; label: TText }[];
  /** For text/textarea: maximum length (default 500 / 5000). */
  maxLength?: number;
  /** For number: inclusive bounds. */
  min?: number;
  max?: number;
}
