import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown from 'react-markdown';

/** The Markdown pages under content/<language>/, bundled as text and loaded with the page. */
const PAGES = import.meta.glob<string>('../../../../content/*/*.md', { query: '?raw', import: 'default' });

/** Guide, FAQ or privacy notice, rendered from Markdown without raw HTML (skipped, never injected). */
export default function ContentPage({ name }: { name: 'guide' | 'faq' | 'privacy' }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState<string>();
  useEffect(() => {
    let live = true;
    setText(undefined);
    const load =
      PAGES[`../../../../content/${i18n.language}/${name}.md`] ??
      PAGES[`../../../../content/zh-CN/${name}.md`];
    void load?.().then((md) => live && setText(md));
    return () => {
      live = false;
    };
  }, [name, i18n.language]);
  if (text === undefined) {
    return (
      <div className="loading">
        <Spin aria-label={t('common:loading')} />
      </div>
    );
  }
  return (
    <article className="prose">
      <Markdown skipHtml>{text}</Markdown>
    </article>
  );
}
