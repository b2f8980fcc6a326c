import { Button, Checkbox, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCategory } from '../../portal/data.js';
import { Questionnaire } from '../../portal/pages/report/Questionnaire.js';
import { Field, FieldGroup, FormError } from '../../shared/Field.js';
import { RegionSelect } from '../../shared/RegionSelect.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import { useLoad } from '../hooks.js';
import type { TCallSubmitted } from '../types.js';

const REPORTER_FIELDS = ['name', 'phone', 'email', 'idNumber', 'address'] as const;
type TReporterField = (typeof REPORTER_FIELDS)[number];

interface Props {
  callId: string;
  /** The caller chose anonymity (set on the call): no real-name fields are sent. */
  anonymous: boolean;
  onSubmitted: (result: TCallSubmitted) => void;
}

/** The portal's report form, filled by the operator on the caller's behalf. */
export function CallReportForm({ callId, anonymous, onSubmitted }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data } = useLoad<{ categories: TCategory[] }>('/categories');
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [targets, setTargets] = useState('');
  const [province, setProvince] = useState('');
  const [city, setCity] = useState('');
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [reporter, setReporter] = useState<Record<TReporterField, string>>({
    name: '',
    phone: '',
    email: '',
    idNumber: '',
    address: '',
  });
  const [contactConsent, setContactConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const chosen = data?.categories.find((c) => c.code === category);

  const submit = async () => {
    setFailure(undefined);
    setErrors({});
    setBusy(true);
    try {
      const identity = Object.fromEntries(
        REPORTER_FIELDS.map((k) => [k, reporter[k].trim()]).filter(([, v]) => v),
      );
      const realName = !anonymous && Object.keys(identity).length > 0;
      const regionCode = city || province || undefined;
      const result = await staffApi<TCallSubmitted>(`/hotline/calls/${callId}/report`, {
        body: {
          category,
          description: description.trim(),
          answers,
          targets: targets
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          ...(regionCode ? { regionCode } : {}),
          ...(realName ? { reporter: { ...identity, contactConsent } } : {}),
        },
      });
      onSubmitted(result);
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="call-report">
      <h2 id="call-report">{t('hotline.report.title')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="report-category" label={t('hotline.report.category')} error={errors.category} required>
          {(c) => (
            <select
              {...c}
              className="native-select"
              value={category}
              onChange={(e) => {
                setCategory(e.target.value);
                setAnswers({});
              }}
            >
              <option value="">{t('hotline.report.chooseCategory')}</option>
              {data?.categories.map((cat) => (
                <option key={cat.code} value={cat.code}>
                  {cat.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="report-description"
          label={t('hotline.report.description')}
          error={errors.description}
          required
        >
          {(c) => (
            <Input.TextArea
              {...c}
              maxLength={10_000}
              autoSize={{ minRows: 4, maxRows: 14 }}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="report-targets"
          label={t('hotline.report.targets')}
          hint={t('hotline.report.targetsHint')}
          error={errors.targets ?? Object.entries(errors).find(([k]) => k.startsWith('targets.'))?.[1]}
        >
          {(c) => (
            <Input.TextArea
              {...c}
              autoSize={{ minRows: 2, maxRows: 8 }}
              value={targets}
              onChange={(e) => setTargets(e.target.value)}
            />
          )}
        </Field>
        <FieldGroup id="report-region" legend={t('hotline.report.region')} error={errors.regionCode}>
          <RegionSelect
            lang={lang}
            province={province}
            city={city}
            labels={{
              province: t('hotline.report.province'),
              city: t('hotline.report.city'),
              chooseProvince: t('hotline.report.chooseProvince'),
              chooseCity: t('hotline.report.chooseCity'),
            }}
            onChange={(p, c) => {
              setProvince(p);
              setCity(c);
            }}
          />
        </FieldGroup>
        {chosen && chosen.questionnaire.length > 0 && (
          <Questionnaire
            questions={chosen.questionnaire}
            answers={answers}
            errors={errors}
            onChange={(key, value) => setAnswers((a) => ({ ...a, [key]: value }))}
          />
        )}
        {anonymous ? (
          <p data-testid="report-anonymous">{t('hotline.report.anonymousNote')}</p>
        ) : (
          <FieldGroup id="report-reporter" legend={t('hotline.report.reporter')}>
            <p className="field-hint">{t('hotline.report.reporterHint')}</p>
            {REPORTER_FIELDS.map((k) => (
              <Field key={k} id={`reporter-${k}`} label={t(`reporter.${k}`)} error={errors[`reporter.${k}`]}>
                {(c) => (
                  <Input
                    {...c}
                    autoComplete="off"
                    maxLength={k === 'address' ? 200 : k === 'email' ? 254 : 50}
                    value={reporter[k]}
                    onChange={(e) => setReporter((r) => ({ ...r, [k]: e.target.value }))}
                  />
                )}
              </Field>
            ))}
            <Checkbox checked={contactConsent} onChange={(e) => setContactConsent(e.target.checked)}>
              {t('hotline.report.contactConsent')}
            </Checkbox>
          </FieldGroup>
        )}
        <FormError message={failure} />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('hotline.report.submit')}
        </Button>
      </form>
    </section>
  );
}
