import { Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Field, FieldGroup } from '../../../shared/Field.js';
import { RegionSelect } from '../../../shared/RegionSelect.js';
import type { TCategory } from '../../data.js';
import { TARGET_TYPES, type TDraft, type TTargetType } from './draft.js';
import { Questionnaire } from './Questionnaire.js';

interface Props {
  draft: TDraft;
  category: TCategory | undefined;
  errors: Record<string, string>;
  update: (patch: Partial<TDraft>) => void;
}

const INPUT_TYPE: Record<TTargetType, { type: string; inputMode?: 'url' | 'tel' | 'text' }> = {
  url: { type: 'url', inputMode: 'url' },
  phone: { type: 'tel', inputMode: 'tel' },
  account: { type: 'text' },
  app: { type: 'text' },
  payment: { type: 'text' },
};

/** Step 2: what happened, when, where, who or what is reported, and the category's own questions. */
export function StepDetails({ draft, category, errors, update }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const setTarget = (index: number, patch: Partial<TDraft['targets'][number]>) =>
    update({ targets: draft.targets.map((x, i) => (i === index ? { ...x, ...patch } : x)) });
  const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

  return (
    <>
      <Field
        id="description"
        label={t('report.details.description')}
        hint={t('report.details.descriptionHint')}
        error={errors.description}
        required
      >
        {(control) => (
          <Input.TextArea
            {...control}
            value={draft.description}
            maxLength={10_000}
            showCount
            autoSize={{ minRows: 5, maxRows: 14 }}
            status={errors.description ? 'error' : undefined}
            onChange={(e) => update({ description: e.target.value })}
          />
        )}
      </Field>

      <Field
        id="occurredAt"
        label={t('report.details.when')}
        hint={t('report.details.whenHint')}
        error={errors.occurredAt}
      >
        {(control) => (
          <Input
            {...control}
            type="datetime-local"
            max={now}
            value={draft.occurredAt}
            status={errors.occurredAt ? 'error' : undefined}
            onChange={(e) => update({ occurredAt: e.target.value })}
          />
        )}
      </Field>

      <FieldGroup
        id="region"
        legend={t('report.details.where')}
        hint={t('report.details.whereHint')}
        error={errors.regionCode}
      >
        <RegionSelect
          lang={lang}
          province={draft.province}
          city={draft.city}
          labels={{
            province: t('report.details.province'),
            city: t('report.details.city'),
            chooseProvince: t('report.details.chooseProvince'),
            chooseCity: t('report.details.chooseCity'),
          }}
          onChange={(province, city) => update({ province, city })}
        />
      </FieldGroup>

      <FieldGroup
        id="targets"
        legend={t('report.details.targets')}
        hint={t('report.details.targetsHint')}
        error={errors.targets}
      >
        <ol className="target-list">
          {draft.targets.map((target, index) => {
            const n = index + 1;
            const error = errors[`targets.${index}`];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: targets have no identity beyond their position
              <li key={index} className="target-row">
                <label className="sub-label" htmlFor={`target-type-${n}`}>
                  {t('report.details.targetType', { n })}
                </label>
                <select
                  id={`target-type-${n}`}
                  className="native-select"
                  value={target.type}
                  onChange={(e) => setTarget(index, { type: e.target.value as TTargetType })}
                >
                  {TARGET_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`report.details.targetTypes.${type}`)}
                    </option>
                  ))}
                </select>
                <label className="sub-label" htmlFor={`target-value-${n}`}>
                  {t('report.details.targetValue', { n })}
                </label>
                <Input
                  id={`target-value-${n}`}
                  {...INPUT_TYPE[target.type]}
                  value={target.value}
                  maxLength={2000}
                  placeholder={t(`report.details.targetPlaceholders.${target.type}`)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `target-value-${n}-error` : undefined}
                  status={error ? 'error' : undefined}
                  onChange={(e) => setTarget(index, { value: e.target.value })}
                />
                {error && (
                  <div id={`target-value-${n}-error`} className="field-error">
                    {error}
                  </div>
                )}
                {draft.targets.length > 1 && (
                  <Button
                    type="link"
                    className="remove-target"
                    onClick={() => update({ targets: draft.targets.filter((_, i) => i !== index) })}
                  >
                    {t('report.details.removeTarget', { n })}
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
        {draft.targets.length < 50 && (
          <Button onClick={() => update({ targets: [...draft.targets, { type: 'url', value: '' }] })}>
            {t('report.details.addTarget')}
          </Button>
        )}
      </FieldGroup>

      {category && category.questionnaire.length > 0 && (
        <section aria-labelledby="questionnaire-title" className="questionnaire">
          <h3 id="questionnaire-title">{t('report.details.questionnaire', { name: category.name })}</h3>
          <Questionnaire
            questions={category.questionnaire}
            answers={draft.answers}
            errors={errors}
            onChange={(key, value) => update({ answers: { ...draft.answers, [key]: value } })}
          />
        </section>
      )}
    </>
  );
}
