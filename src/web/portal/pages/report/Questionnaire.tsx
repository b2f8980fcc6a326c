import { Checkbox, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { Field, FieldGroup } from '../../../shared/Field.js';
import type { TQuestion } from '../../data.js';

interface Props {
  questions: TQuestion[];
  answers: Record<string, unknown>;
  errors: Record<string, string>;
  onChange: (key: string, value: unknown) => void;
  /** Prefix of element ids and error paths, e.g. `answers`. */
  prefix?: string;
}

/** The category's own questions, each rendered by its type. */
export function Questionnaire({ questions, answers, errors, onChange, prefix = 'answers' }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {questions.map((q) => {
        const id = `${prefix}-${q.key}`;
        const error = errors[`${prefix}.${q.key}`];
        const value = answers[q.key];
        const common = { id, legend: q.label, hint: q.help, error, required: q.required };
        switch (q.type) {
          case 'boolean':
            return (
              <FieldGroup key={q.key} {...common}>
                <Radio.Group value={value} onChange={(e) => onChange(q.key, e.target.value)}>
                  <Radio value={true}>{t('common:yes')}</Radio>
                  <Radio value={false}>{t('common:no')}</Radio>
                </Radio.Group>
              </FieldGroup>
            );
          case 'select':
            return (
              <FieldGroup key={q.key} {...common}>
                <Radio.Group
                  value={value}
                  onChange={(e) => onChange(q.key, e.target.value)}
                  className="choice-list"
                >
                  {q.options?.map((o) => (
                    <Radio key={o.value} value={o.value} className="choice">
                      {o.label}
                    </Radio>
                  ))}
                </Radio.Group>
              </FieldGroup>
            );
          case 'multiselect':
            return (
              <FieldGroup key={q.key} {...common}>
                <Checkbox.Group
                  value={Array.isArray(value) ? (value as string[]) : []}
                  onChange={(v) => onChange(q.key, v)}
                  className="choice-list"
                >
                  {q.options?.map((o) => (
                    <Checkbox key={o.value} value={o.value} className="choice">
                      {o.label}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </FieldGroup>
            );
          case 'textarea':
            return (
              <Field key={q.key} id={id} label={q.label} hint={q.help} error={error} required={q.required}>
                {(control) => (
                  <Input.TextArea
                    {...control}
                    value={typeof value === 'string' ? value : ''}
                    maxLength={q.maxLength ?? 5000}
                    autoSize={{ minRows: 3, maxRows: 10 }}
                    status={error ? 'error' : undefined}
                    onChange={(e) => onChange(q.key, e.target.value)}
                  />
                )}
              </Field>
            );
          default: {
            const type =
              q.type === 'number' ? 'number' : q.type === 'date' ? 'date' : q.type === 'url' ? 'url' : 'text';
            return (
              <Field key={q.key} id={id} label={q.label} hint={q.help} error={error} required={q.required}>
                {(control) => (
                  <Input
                    {...control}
                    type={type}
                    inputMode={q.type === 'number' ? 'decimal' : undefined}
                    min={q.min}
                    max={q.max}
                    maxLength={q.type === 'text' ? (q.maxLength ?? 500) : undefined}
                    value={value === undefined || value === null ? '' : String(value)}
                    status={error ? 'error' : undefined}
                    onChange={(e) => {
                      const raw = e.target.value;
                      onChange(q.key, q.type === 'number' ? (raw === '' ? undefined : Number(raw)) : raw);
                    }}
                  />
                )}
              </Field>
            );
          }
        }
      })}
    </>
  );
}

/** Client-side check of required questions (the server checks everything again). */
export function missingAnswers(questions: TQuestion[], answers: Record<string, unknown>): string[] {
  return questions
    .filter((q) => q.required)
    .filter((q) => {
      const v = answers[q.key];
      return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    })
    .map((q) => q.key);
}
