// A labelled control with its hint and inline error, tied together with aria-describedby so a
// screen reader reads the problem with the field.
import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

export function Field({ label, hint, error, children }: { label: ReactNode; hint?: ReactNode; error?: string | null; children: ReactElement<Record<string, unknown>> }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = cloneElement(children, {
    id: (children.props['id'] as string | undefined) ?? id,
    'aria-describedby': described,
    'aria-invalid': error ? true : undefined,
  });
  return (
    <div className="set-field">
      <label className="set-label" htmlFor={(children.props['id'] as string | undefined) ?? id}>{label}</label>
      {control}
      {hint ? <span className="set-hint" id={hintId}>{hint}</span> : null}
      {error ? <p className="set-field-error" id={errorId}>{error}</p> : null}
    </div>
  );
}
