// A handful of stroke icons drawn inline, so the app needs no icon font or network.
import type { ReactElement } from 'react';

const paths: Record<string, ReactElement> = {
  today: <><circle cx="12" cy="12" r="8" /><path d="M12 8v4l3 2" /></>,
  review: <><path d="M4 6h16M4 12h10M4 18h7" /><path d="m15 17 2 2 4-4" /></>,
  timesheet: <><rect x="4" y="5" width="16" height="15" rx="2" /><path d="M4 10h16M9 5v15M15 5v15" /></>,
  invoices: <><path d="M6 3h9l3 3v15l-2-1.5-2 1.5-2-1.5-2 1.5-2-1.5L6 21z" /><path d="M9 9h6M9 13h6M9 17h3" /></>,
  expenses: <><rect x="4" y="4" width="16" height="16" rx="2" /><path d="M12 7v10M14.5 9.5c0-1-1.1-1.7-2.5-1.7s-2.5.7-2.5 1.7 1.1 1.6 2.5 1.8 2.5.8 2.5 1.8-1.1 1.7-2.5 1.7-2.5-.7-2.5-1.7" /></>,
  reports: <><path d="M4 20h16" /><rect x="6" y="11" width="3" height="6" rx="0.5" /><rect x="10.5" y="6" width="3" height="11" rx="0.5" /><rect x="15" y="9" width="3" height="8" rx="0.5" /></>,
  quickbooks: <><circle cx="12" cy="12" r="8" /><path d="M10 8v8M10 8h2.5a2.5 2.5 0 0 1 0 5H10M14 16v-2" /></>,
  settings: <><circle cx="12" cy="12" r="3" /><path d="M12 3v3M12 18v3M3 12h3M18 12h3M5.6 5.6l2.1 2.1M16.3 16.3l2.1 2.1M5.6 18.4l2.1-2.1M16.3 7.7l2.1-2.1" /></>,
  play: <path d="M8 5v14l11-7z" />,
  stop: <rect x="6" y="6" width="12" height="12" rx="1.5" />,
  trash: <><path d="M4 7h16M9 7V4.5h6V7M6.5 7l1 13h9l1-13" /><path d="M10 11v5.5M14 11v5.5" /></>,
};

export function Icon({ name, size = 18 }: { name: keyof typeof paths | string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8"
      strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {paths[name] ?? null}
    </svg>
  );
}
