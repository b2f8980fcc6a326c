import type { ReactNode } from 'react';

export interface TControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: (control: TControlProps) => ReactNode;
}

/** A labelled control with its hint and error tied to it (aria-describedby / aria-invalid). */
export function Field({ id, label, hint, error, required, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? ' field-has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
      {children({
        id,
        'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
        'aria-invalid': error ? true : undefined,
        'aria-required': required || undefined,
      })}
      {error && (
        <div id={errorId} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

interface GroupProps {
  id: string;
  legend: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactNode;
}

/** Radios or checkboxes: fieldset + legend, the error described. */
export function FieldGroup({ id, legend, error, required, children }: GroupProps) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset id={id} className={`field${error ? ' field-has-error' : ''}`} aria-describedby={errorId}>
      <legend className="field-label">
        {legend}
        {required && (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        )}
      </legend>
      {children}
      {error && (
        <div id={errorId} className="field-error">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/** A form-level error (role=alert, so it is announced). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className="form-error">
      {message}
    </div>
  );
}
