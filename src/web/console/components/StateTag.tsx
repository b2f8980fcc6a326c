import { useTranslation } from 'react-i18next';

/** A case state as a coloured label (colour is never the only signal: the text says it). */
export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return <span className={`state-tag state-${state}`}>{t(`state.${state}`)}</span>;
}

export function PriorityTag({ priority }: { priority: string }) {
  const { t } = useTranslation();
  return <span className={`priority-tag priority-${priority}`}>{t(`priority.${priority}`)}</span>;
}
