// An entry's description as lists show it: its line breaks kept, long words wrapped, and a long one
// clamped to three lines with a toggle to read it whole, so one entry cannot stretch a list.
import { useState } from 'react';
import './entries.css';

/** Long descriptions are clamped to three lines, with a toggle to read them whole. */
export function EntryDescription({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > 240;
  return (
    <>
      <div className={`entry-description${long && !open ? ' clamped' : ''}`}>{text}</div>
      {long ? <button type="button" className="link-button small-link" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Show less' : 'Show all'}</button> : null}
    </>
  );
}
