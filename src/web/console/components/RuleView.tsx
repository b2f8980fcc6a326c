import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../format.js';
import type { TTriageRuleView } from '../types.js';
import { ruleMeaning } from './rules.js';

/** An element id from a rule id (rule ids may hold dots and other characters). */
export const ruleSlug = (id: string) => id.replace(/[^a-z0-9_-]/gi, '-');

/**
 * One rule in plain words, with who changed it last; for supervisors, "edit" and "delete" (asked once more
 * before it happens).
 */
export function RuleView({
  rule,
  categories,
  onEdit,
  onDelete,
}: {
  rule: TTriageRuleView;
  categories: Record<string, string>;
  onEdit: (() => void) | undefined;
  onDelete: (() => Promise<void>) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const slug = ruleSlug(rule.id);
  const target =
    rule.kind === 'category'
      ? (categories[rule.target] ?? rule.target)
      : t(`priority.${rule.target}`, rule.target);
  const reason = i18n.language === 'en' ? rule.reasonEn : rule.reasonZh;
  const at = dateTime(rule.updatedAt, i18n.language);
  const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  return (
    <>
      <h2 className="rule-title">
        <code>{rule.id}</code> <span className="state-tag">{t(`rules.kind.${rule.kind}`)}</span>{' '}
        <span className={`state-tag ${rule.enabled ? 'rule-on' : 'rule-off'}`} data-testid="rule-enabled">
          {rule.enabled ? t('rules.enabled') : t('rules.disabled')}
        </span>
      </h2>
      <p data-testid="rule-meaning">
        {ruleMeaning(rule)
          .map((p) => t(`rules.meaning.${p.key}`, { ...p.params, target }))
          .join(' ')}
      </p>
      <dl className="rule-facts">
        {rule.allOf.map((group, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: groups have no identity but their place
          <div key={i}>
            <dt>{t('rules.group', { n: i + 1 })}</dt>
            <dd>
              <CueList cues={group} />
            </dd>
          </div>
        ))}
        {rule.noneOf.length > 0 && (
          <div>
            <dt>{t('rules.field.noneOf')}</dt>
            <dd>
              <CueList cues={rule.noneOf} />
            </dd>
          </div>
        )}
        {rule.kind === 'category' && (
          <div>
            <dt>{t('rules.field.weight')}</dt>
            <dd>{rule.weight}</dd>
          </div>
        )}
        {(rule.kind === 'priority' || reason) && (
          <div>
            <dt>{t('rules.field.reason')}</dt>
            <dd>{reason || <span className="muted">{t('rules.noReason')}</span>}</dd>
          </div>
        )}
      </dl>
      <p className="muted" data-testid="rule-updated">
        {rule.updatedBy
          ? t('rules.updated', { by: rule.updatedBy.displayName, at })
          : t('rules.updatedSeed', { at })}
      </p>
      {confirming && onDelete ? (
        <div className="button-row">
          <p id={`rule-delete-q-${slug}`}>{t('rules.deleteConfirm', { id: rule.id })}</p>
          <Button
            id={`rule-delete-yes-${slug}`}
            danger
            type="primary"
            loading={busy}
            aria-describedby={`rule-delete-q-${slug}`}
            onClick={async () => {
              setBusy(true);
              try {
                await onDelete();
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('rules.deleteYes')}
            <span className="visually-hidden"> {rule.id}</span>
          </Button>
          <Button
            onClick={() => {
              setConfirming(false);
              focusSoon(`rule-delete-${slug}`);
            }}
          >
            {t('form.cancel')}
          </Button>
        </div>
      ) : (
        <div className="button-row">
          {onEdit && (
            <Button id={`rule-edit-${slug}`} onClick={onEdit}>
              {t('rules.edit')}
              <span className="visually-hidden"> {rule.id}</span>
            </Button>
          )}
          {onDelete && (
            <Button
              id={`rule-delete-${slug}`}
              danger
              onClick={() => {
                setConfirming(true);
                focusSoon(`rule-delete-yes-${slug}`);
              }}
            >
              {t('rules.delete')}
              <span className="visually-hidden"> {rule.id}</span>
            </Button>
          )}
        </div>
      )}
    </>
  );
}

function CueList({ cues }: { cues: string[] }) {
  return (
    <ul className="cue-chips">
      {cues.map((c) => (
        <li key={c} className="cue-chip">
          {c}
        </li>
      ))}
    </ul>
  );
}
