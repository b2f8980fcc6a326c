import { Alert, Button, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldGroup } from '../../../shared/Field.js';
import type { TCategory } from '../../data.js';

type TTopic = 'money' | 'person' | 'content' | 'other';

const FOLLOW_UPS: Record<TTopic, { value: string; category: string }[]> = {
  money: [
    { value: 'tricked', category: 'fraud' },
    { value: 'recruit', category: 'pyramid' },
    { value: 'betting', category: 'gambling' },
  ],
  person: [
    { value: 'minor', category: 'minors' },
    { value: 'privacy', category: 'privacy' },
    { value: 'abuse', category: 'bullying' },
  ],
  content: [
    { value: 'sexual', category: 'porn' },
    { value: 'violence', category: 'terror' },
    { value: 'false', category: 'rumor' },
    { value: 'copied', category: 'infringement' },
  ],
  other: [],
};

interface Props {
  categories: TCategory[];
  value: string;
  error?: string;
  onChange: (code: string) => void;
}

/** Step 1: the category, or two plain questions that suggest one. */
export function StepCategory({ categories, value, error, onChange }: Props) {
  const { t } = useTranslation();
  const [helping, setHelping] = useState(false);
  const [topic, setTopic] = useState<TTopic | ''>('');
  const [detail, setDetail] = useState('');
  const known = (code: string) => categories.find((c) => c.code === code);
  const suggestion =
    topic === 'other'
      ? known('other')
      : known(FOLLOW_UPS[topic || 'other'].find((f) => f.value === detail)?.category ?? '');

  return (
    <>
      <FieldGroup id="category" legend={t('report.category.legend')} error={error} required>
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} className="choice-list">
          {categories.map((c) => (
            <Radio key={c.code} value={c.code} className="choice">
              <span className="choice-title">{c.name}</span>
              <span className="choice-text">{c.definition}</span>
            </Radio>
          ))}
        </Radio.Group>
      </FieldGroup>

      {!helping ? (
        <Button onClick={() => setHelping(true)}>{t('report.category.notSure')}</Button>
      ) : (
        <section className="helper" aria-labelledby="helper-title">
          <h3 id="helper-title">{t('report.category.helper.title')}</h3>
          <FieldGroup id="helper-topic" legend={t('report.category.helper.q1')}>
            <Radio.Group
              value={topic}
              onChange={(e) => {
                setTopic(e.target.value);
                setDetail('');
              }}
              className="choice-list"
            >
              {(['money', 'person', 'content', 'other'] as const).map((k) => (
                <Radio key={k} value={k} className="choice">
                  {t(`report.category.helper.topic.${k}`)}
                </Radio>
              ))}
            </Radio.Group>
          </FieldGroup>
          {topic && topic !== 'other' && (
            <FieldGroup id="helper-detail" legend={t(`report.category.helper.q2.${topic}`)}>
              <Radio.Group value={detail} onChange={(e) => setDetail(e.target.value)} className="choice-list">
                {FOLLOW_UPS[topic].map((f) => (
                  <Radio key={f.value} value={f.value} className="choice">
                    {t(`report.category.helper.detail.${f.value}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </FieldGroup>
          )}
          {suggestion && (
            <Alert
              type="info"
              showIcon
              title={t('report.category.helper.suggest', { name: suggestion.name })}
              description={suggestion.definition}
              action={
                <Button
                  type="primary"
                  size="small"
                  onClick={() => {
                    onChange(suggestion.code);
                    setHelping(false);
                  }}
                >
                  {t('report.category.helper.use')}
                </Button>
              }
            />
          )}
        </section>
      )}
    </>
  );
}
