// A description field with the one limit every description has (QuickBooks' 4,000 characters,
// shared/entries) and a counter beside it. Nothing is cut: pasted text over the limit stays as
// typed, the counter says by how much it is over, and saving refuses with the same words.
import type { InputHTMLAttributes } from 'react';
import { MAX_DESCRIPTION_LENGTH } from '../../../shared/entries/entry';

const number = (n: number) => n.toLocaleString();

/** True once the counter is worth showing in a compact field (the timer bar): 90% of the limit. */
const nearLimit = (length: number) => length >= MAX_DESCRIPTION_LENGTH * 0.9;

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'maxLength'> & {
  value: string;
  onChange: (value: string) => void;
  /** Show the counter only near the limit, for one-line bars where space is short. */
  compact?: boolean;
};

export function DescriptionInput({ value, onChange, compact = false, className, id, ...rest }: Props) {
  const over = value.length - MAX_DESCRIPTION_LENGTH;
  const counterId = id ? `${id}-count` : undefined;
  const showCounter = !compact || nearLimit(value.length);
  return (
    <span className={`description-input${compact ? ' compact' : ''}`}>
      <input {...rest} id={id} className={className ?? 'input'} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={over > 0 ? true : rest['aria-invalid']} aria-describedby={showCounter ? counterId : rest['aria-describedby']} />
      {showCounter ? (
        <span id={counterId} className={`char-count${over > 0 ? ' over' : ''}`} aria-live="polite">
          {number(value.length)} / {number(MAX_DESCRIPTION_LENGTH)}{over > 0 ? ` · ${number(over)} too many` : ''}
        </span>
      ) : null}
    </span>
  );
}
