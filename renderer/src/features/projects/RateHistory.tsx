// One scope's rate cards, oldest first, with the one in force today marked, and "Change rate from
// <date>", which adds a card instead of overwriting: work before that date keeps its rate.
import { useState } from 'react';
import { currentZone, today } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import type { RateCardRow, RateScope } from '../../db/schema';
import { Field } from '../settings/Field';
import { changeRate, type FieldErrors } from './actions';
import { effectiveFromText, FROM_THE_START, rateText } from './rules';

/** The card in force on `day`: the latest effective date not after it (the later-created wins a tie). */
export function cardInForce(cards: readonly RateCardRow[], day: string): RateCardRow | undefined {
  let best: RateCardRow | undefined;
  for (const c of cards) if (c.effectiveFrom <= day && (!best || c.effectiveFrom >= best.effectiveFrom)) best = c;
  return best;
}

export function RateHistory({ scope, scopeId, currency, cards, label }: {
  scope: RateScope;
  scopeId: string | null;
  currency: string;
  /** This scope's cards in list order (effective date, then creation). */
  cards: readonly RateCardRow[];
  /** What the rate is for, for labels: "Website Redesign". */
  label: string;
}) {
  const repos = useRepos();
  const zone = currentZone();
  const [adding, setAdding] = useState(false);
  const [rate, setRate] = useState('');
  const [from, setFrom] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const todayDate = today(zone);
  const current = cardInForce(cards, todayDate);

  // The first rate covers all the work; later ones start on a chosen date.
  const first = cards.length === 0;

  function open() {
    setAdding(true);
    setFrom(first ? FROM_THE_START : today(zone));
    setRate('');
    setErrors({});
  }

  async function save() {
    setBusy(true);
    try {
      const result = await changeRate(repos, { scope, scopeId, rateText: rate, currency, effectiveFrom: from });
      if (!result.ok) setErrors(result.errors);
      else setAdding(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="rate-block">
      {cards.length === 0 ? (
        <p className="muted">No {scope === 'default' ? 'default' : scope} rate yet{scope === 'default' ? '' : '; a broader rate applies'}.</p>
      ) : (
        <table className="rate-history" aria-label={`Rate history for ${label}`}>
          <thead><tr><th scope="col">Applies</th><th scope="col">Hourly rate</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {cards.map((c) => (
              <tr key={c.id} className={c === current ? 'current' : undefined}>
                <td>{effectiveFromText(c.effectiveFrom)}{c === current ? <> <span className="badge ok">current</span></> : c.effectiveFrom > todayDate ? <> <span className="badge">upcoming</span></> : null}</td>
                <td>{rateText(c.rateMinor, c.currency)}</td>
                <td>
                  <button type="button" className="button link small" aria-label={`Remove the rate ${effectiveFromText(c.effectiveFrom).toLowerCase()} for ${label}`}
                    title="Remove a rate entered by mistake" onClick={() => void repos.rates.remove(c.id)}>Remove</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {adding ? (
        <form className="inline-form" aria-label={`Change rate for ${label}`} onChange={() => setErrors({})} onSubmit={(e) => { e.preventDefault(); void save(); }}>
          {first ? null : (
            <Field label="Change rate from" error={errors.date}>
              <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
            </Field>
          )}
          <Field label={first ? `Hourly rate (${currency})` : `New hourly rate (${currency})`} error={errors.rate} hint={first ? 'Applies to all work until you change it' : undefined}>
            <input inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} placeholder="125.00" autoComplete="off" />
          </Field>
          <div className="set-field"><span className="set-label">&nbsp;</span>
            <div className="inline-form">
              <button type="submit" className="button primary small" disabled={busy}>Save rate</button>
              <button type="button" className="button small" onClick={() => setAdding(false)}>Cancel</button>
            </div>
          </div>
        </form>
      ) : (
        <button type="button" className="button small" onClick={open}>{cards.length === 0 ? 'Set a rate' : 'Change rate from a date…'}</button>
      )}
    </div>
  );
}
