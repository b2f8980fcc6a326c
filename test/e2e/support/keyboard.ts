import type { Page } from 'playwright-core';

export interface TFocus {
  id: string;
  tag: string;
  type: string;
  text: string;
  group: string;
  outline: string;
}

/** What has the keyboard focus (browser-side code as text: this file is checked without the DOM library). */
export function focused(page: Page): Promise<TFocus> {
  return page.evaluate<TFocus>(`(() => {
    const a = document.activeElement;
    if (!a) return { id: '', tag: '', type: '', text: '', group: '', outline: '' };
    const ring = (el) => {
      if (!el) return 'none';
      const s = getComputedStyle(el);
      if (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') return s.outlineStyle;
      return s.boxShadow !== 'none' ? 'box-shadow' : 'none';
    };
    const own = ring(a);
    // Controls that hide or wrap their input show the ring on the wrapper.
    const outline = own !== 'none' ? own : ring(a.closest('.ant-input-affix-wrapper, .ant-radio-wrapper, .ant-checkbox-wrapper'));
    return {
      id: a.id || '',
      tag: a.tagName,
      type: a.getAttribute('type') || '',
      text: (a.getAttribute('aria-label') || a.textContent || '').trim(),
      group: (a.closest('fieldset') && a.closest('fieldset').id) || '',
      outline,
    };
  })()`);
}

/** Presses Tab until the focused element matches (at most `max` presses); throws with the path taken. */
export async function tabTo(
  page: Page,
  match: (f: TFocus) => boolean,
  what: string,
  max = 80,
): Promise<TFocus> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (match(f)) return f;
    seen.push(`${f.tag}#${f.id}[${f.text.slice(0, 20)}]`);
  }
  throw new Error(`Tab never reached ${what}; went through: ${seen.join(' → ')}`);
}

export const byId = (id: string) => (f: TFocus) => f.id === id;
export const button = (text: string) => (f: TFocus) => f.tag === 'BUTTON' && f.text === text;
export const radioIn = (group: string) => (f: TFocus) =>
  f.tag === 'INPUT' && f.type === 'radio' && f.group === group;
