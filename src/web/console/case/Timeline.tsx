import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth.js';
import { dateTime } from '../format.js';
import type { TCaseDetail, TMessage, TTimelineItem } from '../types.js';

/** Payload fields shown as labelled text (all of them written by people: rendered as text). */
const TEXT_FIELDS = ['note', 'reason', 'question', 'findings', 'actions', 'feedback', 'body'] as const;

type TEntry = { at: string; key: string } & (
  | { kind: 'event' | 'note'; item: TTimelineItem }
  | { kind: 'message'; message: TMessage }
);

function useActorName(detail: TCaseDetail) {
  const { t } = useTranslation();
  const { me } = useAuth();
  return (actorType: string, actorId: string | null): string => {
    if (actorType === 'system') return t('timeline.system');
    if (actorType === 'reporter') return t('timeline.reporter');
    if (actorId && actorId === me?.id) return t('timeline.you', { name: me.displayName });
    if (actorId && actorId === detail.assignee?.id) return detail.assignee.displayName;
    if (actorId && detail.staffNames?.[actorId]) return detail.staffNames[actorId];
    return actorId ? t('timeline.staff', { id: actorId.slice(0, 8) }) : t('timeline.staffUnknown');
  };
}

/**
 * Events, internal notes and messages in time order. Notes (never shown to the reporter) and messages
 * (to or from the reporter) look clearly different and say what they are in words, not only in colour.
 */
export function Timeline({ detail }: { detail: TCaseDetail }) {
  const { t, i18n } = useTranslation();
  const actorName = useActorName(detail);
  const entries: TEntry[] = [
    ...detail.timeline.map((item) => ({
      at: item.at,
      key: `${item.kind}-${item.id}`,
      kind: item.kind,
      item,
    })),
    ...detail.messages.map((message) => ({
      at: message.at,
      key: `message-${message.id}`,
      kind: 'message' as const,
      message,
    })),
  ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <ol className="timeline" data-testid="timeline">
        {entries.map((e) => {
          const when = <time dateTime={new Date(e.at).toISOString()}>{dateTime(e.at, i18n.language)}</time>;
          if (e.kind === 'message') {
            const toReporter = e.message.direction === 'to_reporter';
            return (
              <li
                key={e.key}
                className={`entry message ${toReporter ? 'message-out' : 'message-in'}`}
                data-testid="timeline-message"
              >
                <p className="entry-head">
                  <span className="entry-badge">
                    {toReporter ? t('timeline.messageOut') : t('timeline.messageIn')}
                  </span>{' '}
                  {actorName(e.message.authorType, e.message.authorId)} · {when}
                </p>
                <p className="user-text">{e.message.body}</p>
              </li>
            );
          }
          if (e.kind === 'note') {
            return (
              <li key={e.key} className="entry note" data-testid="timeline-note">
                <p className="entry-head">
                  <span className="entry-badge">{t('timeline.note')}</span>{' '}
                  {actorName(e.item.actorType, e.item.actorId)} · {when}
                </p>
                <p className="user-text">{String(e.item.payload.body ?? '')}</p>
              </li>
            );
          }
          return <EventEntry key={e.key} item={e.item} when={when} actor={actorName} />;
        })}
      </ol>
    </section>
  );
}

function EventEntry({
  item,
  when,
  actor,
}: {
  item: TTimelineItem;
  when: ReactNode;
  actor: (type: string, id: string | null) => string;
}) {
  const { t } = useTranslation();
  const p = item.payload;
  const extra: string[] = [];
  if (typeof p.outcome === 'string') extra.push(t(`outcome.${p.outcome}`));
  if (typeof p.kind === 'string') extra.push(t(`reopenKind.${p.kind}`, p.kind));
  if (typeof p.toDepartmentCode === 'string')
    extra.push(t('timeline.toDepartment', { code: p.toDepartmentCode }));
  if (item.type === 'case_assigned') {
    const id = typeof p.assigneeId === 'string' ? p.assigneeId : null;
    extra.push(id ? t('timeline.assignedTo', { name: actor('staff', id) }) : t('timeline.unassigned'));
  }
  return (
    <li className="entry event" data-testid="timeline-event" data-type={item.type}>
      <p className="entry-head">
        <strong>{t(`event.${item.type}`, { defaultValue: item.type })}</strong>
        {extra.length > 0 && <span> · {extra.join(' · ')}</span>}
        {' · '}
        {actor(item.actorType, item.actorId)} · {when}
        {!item.public && <span className="muted"> · {t('timeline.internal')}</span>}
      </p>
      {TEXT_FIELDS.filter((f) => typeof p[f] === 'string' && p[f]).map((f) => (
        <p key={f} className="user-text">
          <span className="field-name">{t(`field.${f}`)}: </span>
          {String(p[f])}
        </p>
      ))}
    </li>
  );
}
