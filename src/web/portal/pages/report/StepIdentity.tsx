import { Checkbox, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { Field, FieldGroup } from '../../../shared/Field.js';
import type { TDraft, TReporterDraft } from './draft.js';

interface Props {
  draft: TDraft;
  errors: Record<string, string>;
  update: (patch: Partial<TDraft>) => void;
}

const FIELDS: {
  key: keyof TReporterDraft;
  type: string;
  autoComplete: string;
  inputMode?: 'tel' | 'email';
}[] = [
  { key: 'name', type: 'text', autoComplete: 'name' },
  { key: 'phone', type: 'tel', autoComplete: 'tel', inputMode: 'tel' },
  { key: 'email', type: 'email', autoComplete: 'email', inputMode: 'email' },
  { key: 'idNumber', type: 'text', autoComplete: 'off' },
  { key: 'address', type: 'text', autoComplete: 'street-address' },
];

/** Step 4: anonymous (the default) or real-name contact details with consent to be contacted. */
export function StepIdentity({ draft, errors, update }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <FieldGroup id="identity" legend={t('report.identity.legend')} error={errors.reporter}>
        <Radio.Group
          value={draft.anonymous ? 'anonymous' : 'named'}
          onChange={(e) => update({ anonymous: e.target.value === 'anonymous' })}
          className="choice-list"
        >
          <Radio value="anonymous" className="choice">
            <span className="choice-title">{t('report.identity.anonymous')}</span>
            <span className="choice-text">{t('report.identity.anonymousText')}</span>
          </Radio>
          <Radio value="named" className="choice">
            <span className="choice-title">{t('report.identity.named')}</span>
            <span className="choice-text">{t('report.identity.namedText')}</span>
          </Radio>
        </Radio.Group>
      </FieldGroup>
      {!draft.anonymous && (
        <>
          <p className="field-hint">{t('report.identity.sealed')}</p>
          {FIELDS.map((f) => {
            const error = errors[`reporter.${f.key}`];
            return (
              <Field
                key={f.key}
                id={`reporter-${f.key}`}
                label={t(`report.identity.fields.${f.key}`)}
                hint={f.key === 'idNumber' || f.key === 'address' ? t('report.identity.optional') : undefined}
                error={error}
              >
                {(control) => (
                  <Input
                    {...control}
                    type={f.type}
                    inputMode={f.inputMode}
                    autoComplete={f.autoComplete}
                    value={draft.reporter[f.key]}
                    status={error ? 'error' : undefined}
                    onChange={(e) => update({ reporter: { ...draft.reporter, [f.key]: e.target.value } })}
                  />
                )}
              </Field>
            );
          })}
          <div className={`field${errors.consent ? ' field-has-error' : ''}`}>
            <Checkbox
              id="consent"
              checked={draft.consent}
              aria-describedby={errors.consent ? 'consent-error' : undefined}
              aria-invalid={errors.consent ? true : undefined}
              onChange={(e) => update({ consent: e.target.checked })}
            >
              {t('report.identity.consent')}
            </Checkbox>
            {errors.consent && (
              <div id="consent-error" className="field-error">
                {errors.consent}
              </div>
            )}
          </div>
        </>
      )}
    </>
  );
}
