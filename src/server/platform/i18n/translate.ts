import type { TLanguage } from '../http/language.js';
import { MESSAGES, type TMessageKey } from './messages.js';

export function isMessageKey(key: string): key is TMessageKey {
  return Object.hasOwn(MESSAGES['zh-CN'], key);
}

/** Resolves a message key in the given language, filling `{name}` placeholders from params. */
export function translate(lang: TLanguage, key: TMessageKey, params: Record<string, unknown> = {}): string {
  const template: string = MESSAGES[lang][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
