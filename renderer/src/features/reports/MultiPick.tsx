// A compact multi-choice for the report filters: a button that says what is chosen ("All clients",
// "Acme", "3 clients") and opens a small panel of checkboxes with Clear. Escape or a click elsewhere
// closes it and gives the focus back to the button.
import { useEffect, useId, useRef, useState } from 'react';

interface Option {
  id: string;
  name: string;
}

interface MultiPickProps {
  /** "Clients", "Projects": the field's label. */
  label: string;
  /** "client": for "3 clients" and "All clients". */
  noun: string;
  options: readonly Option[];
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
}

function summary(options: readonly Option[], chosen: readonly string[], noun: string): string {
  if (chosen.length === 0) return `All ${noun}s`;
  if (chosen.length === 1) return options.find((o) => o.id === chosen[0])?.name ?? `1 ${noun}`;
  return `${chosen.length} ${noun}s`;
}

export function MultiPick({ label, noun, options, chosen, onChange }: MultiPickProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const close = (focus: boolean) => {
      setOpen(false);
      if (focus) button.current?.focus();
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close(true);
    const onClick = (e: MouseEvent) => !root.current?.contains(e.target as Node) && close(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const toggle = (id: string) => onChange(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return (
    <div className="field rep-pick" ref={root}>
      <span>{label}</span>
      <button type="button" ref={button} className="rep-pick-button" aria-expanded={open} aria-controls={panelId}
        aria-label={`${label}: ${summary(options, chosen, noun)}`} disabled={options.length === 0}
        onClick={() => setOpen(!open)}>
        {options.length === 0 ? `No ${noun}s yet` : summary(options, chosen, noun)} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <fieldset id={panelId} className="rep-pick-panel">
          <legend className="rep-hidden">{label} to include</legend>
          <ul>
            {options.map((o) => (
              <li key={o.id}>
                <label><input type="checkbox" checked={chosen.includes(o.id)} onChange={() => toggle(o.id)} /> {o.name}</label>
              </li>
            ))}
          </ul>
          <div className="rep-pick-actions">
            <button type="button" className="button" disabled={chosen.length === 0} onClick={() => onChange([])}>Clear</button>
            <button type="button" className="button" onClick={() => { setOpen(false); button.current?.focus(); }}>Done</button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
