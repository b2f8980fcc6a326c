import { Button } from 'antd';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, type TPublicConfig } from '../data.js';

export interface TPickedFile {
  key: string;
  file: File;
  /** 0..100 while uploading; undefined before. */
  progress?: number;
}

interface Props {
  id: string;
  files: TPickedFile[];
  onChange: (files: TPickedFile[]) => void;
  limits: TPublicConfig['evidence'];
  disabled?: boolean;
}

const ACCEPT_EXTRA = '.heic,.txt,.eml';

/** Picks evidence files: drag and drop, a file chooser, or the camera on a phone. Limits are stated first. */
export function FilePicker({ id, files, onChange, limits, disabled }: Props) {
  const { t } = useTranslation();
  const chooser = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  const [over, setOver] = useState(false);

  function add(list: FileList | null) {
    if (!list) return;
    const next = [...files];
    const problems: string[] = [];
    let total = next.reduce((n, f) => n + f.file.size, 0);
    for (const file of Array.from(list)) {
      const typeOk =
        limits.accept.some(
          (a) => file.type === a || (a === 'text/plain' && file.type.startsWith('text/plain')),
        ) || /\.(heic|txt|eml)$/i.test(file.name);
      if (!typeOk) problems.push(t('evidence.badType', { name: file.name }));
      else if (file.size > limits.maxFileBytes)
        problems.push(t('evidence.tooBig', { name: file.name, max: formatBytes(limits.maxFileBytes) }));
      else if (next.length >= limits.maxFiles) problems.push(t('evidence.tooMany', { max: limits.maxFiles }));
      else if (total + file.size > limits.maxTotalBytes)
        problems.push(t('evidence.totalTooBig', { max: formatBytes(limits.maxTotalBytes) }));
      else {
        total += file.size;
        next.push({ key: `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`, file });
      }
    }
    setProblem(problems.join(' ') || undefined);
    onChange(next);
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) add(e.dataTransfer.files);
  };

  return (
    <div className="file-picker">
      <p id={`${id}-limits`} className="field-hint">
        {t('evidence.limits', {
          max: formatBytes(limits.maxFileBytes),
          files: limits.maxFiles,
          total: formatBytes(limits.maxTotalBytes),
        })}
        <br />
        {t('evidence.types')}
      </p>
      <section
        className={`dropzone${over ? ' dropzone-over' : ''}`}
        aria-label={t('evidence.dropzone')}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{t('evidence.drop')}</p>
        <div className="dropzone-actions">
          <Button
            onClick={() => chooser.current?.click()}
            disabled={disabled}
            aria-describedby={`${id}-limits`}
          >
            {t('evidence.choose')}
          </Button>
          <Button onClick={() => camera.current?.click()} disabled={disabled} className="camera-button">
            {t('evidence.camera')}
          </Button>
        </div>
        <input
          ref={chooser}
          id={id}
          type="file"
          multiple
          hidden
          accept={`${limits.accept.join(',')},${ACCEPT_EXTRA}`}
          aria-label={t('evidence.choose')}
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
        <input
          ref={camera}
          type="file"
          hidden
          accept="image/*"
          capture="environment"
          aria-label={t('evidence.camera')}
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
      </section>
      {problem && (
        <div className="field-error" role="alert">
          {problem}
        </div>
      )}
      {files.length > 0 && (
        <ul className="file-list" aria-label={t('evidence.listLabel')}>
          {files.map((f) => (
            <li key={f.key}>
              <span className="file-name">{f.file.name}</span>
              <span className="muted">{formatBytes(f.file.size)}</span>
              {f.progress !== undefined && (
                <progress
                  max={100}
                  value={f.progress}
                  aria-label={t('evidence.progress', { name: f.file.name })}
                />
              )}
              {f.progress === undefined && (
                <Button
                  type="link"
                  disabled={disabled}
                  onClick={() => onChange(files.filter((x) => x.key !== f.key))}
                  aria-label={t('evidence.remove', { name: f.file.name })}
                >
                  {t('evidence.removeShort')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Spreads an upload's overall progress over its files in order (bytes sent cover earlier files first). */
export function spreadProgress(files: TPickedFile[], sent: number, total: number): TPickedFile[] {
  const overhead = Math.max(0, total - files.reduce((n, f) => n + f.file.size, 0));
  let left = Math.max(0, sent - overhead / 2);
  return files.map((f) => {
    const done = Math.min(f.file.size, left);
    left -= done;
    return { ...f, progress: f.file.size === 0 ? 100 : Math.round((done / f.file.size) * 100) };
  });
}
