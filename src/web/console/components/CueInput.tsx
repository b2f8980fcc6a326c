import { Button } from 'antd';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TControlProps } from '../../shared/Field.js';

/** Splits typed or pasted text into entries: one per line, or separated by commas or 、. */
export function splitEntries(text: string): string[] {
  return text
    .split(/[\n,，、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface CueInputProps {
  control: TControlProps;
  /** What the entries are, for the list's and the remove buttons' names (e.g. "Group 1"). */
  name: string;
  values: string[];
  onChange(values: string[]): void;
}

/**
 * A tag input: the entries as removable chips, and a text box that adds what is typed on Enter (or when it
 * loses focus, so nothing typed is lost when the form is saved). Every part is a native control: Tab reaches
 * each remove button and the text box; Backspace in the empty box removes the last entry.
 */
export function CueInput({ control, name, values, onChange }: CueInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');

  const commit = () => {
    const added = splitEntries(text).filter((v, i, all) => !values.includes(v) && all.indexOf(v) === i);
    if (added.length > 0) onChange([...values, ...added]);
    setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="cue-input">
      {values.length > 0 && (
        <ul className="cue-chips" aria-label={name}>
          {values.map((v, i) => (
            <li key={v} className="cue-chip">
              <span>{v}</span>
              <button
                type="button"
                className="cue-remove"
                aria-label={t('cues.remove', { cue: v, name })}
                onClick={() => onChange(values.filter((_, j) => j !== i))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="cue-add">
        <input
          {...control}
          type="text"
          className="native-input"
          value={text}
          maxLength={2000}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={commit}
        />
        <Button onClick={commit}>{t('cues.add')}</Button>
      </div>
    </div>
  );
}
