// A request the contract refused, said in the words of the form the user filled in: which field
// ("Idle threshold", "Excluded window title 2") and what is wrong with it ("must be at least 30"),
// never a channel name or a schema path. The path itself travels beside the message (`field`), so
// a form can mark the field that was refused.
import type { z } from 'zod';

/** Field names as the forms label them; anything else is the key spelled out in words. */
const LABELS: Record<string, string> = {
  excludedTitlePatterns: 'Excluded window title',
  excludedApps: 'Excluded app',
  redactions: 'Redaction',
  pattern: 'pattern',
  replacement: 'replacement',
  idleThresholdSeconds: 'Idle threshold (seconds)',
  intervalSeconds: 'Check interval (seconds)',
  pulseSeconds: 'Merge window (seconds)',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  relayUrl: 'Redirect page address',
  loopbackPort: 'Local port',
};

function words(key: string): string {
  return LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

/** "Excluded window title 2 pattern" for ['excludedTitlePatterns', 1, 'pattern']. */
function fieldWords(path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') parts.push(String(p + 1));
    else if (typeof p === 'string') parts.push(parts.length === 0 ? words(p) : words(p).toLowerCase());
  }
  return parts.join(' ');
}

function reason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of issues; its own message says what it received.
      return /received undefined$/.test(issue.message) ? 'is missing' : 'has the wrong kind of value';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${issue.minimum}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `can have at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return 'is not in the right format';
    case 'invalid_value':
      return 'is not one of the allowed choices';
    default:
      return issue.message;
  }
}

/** One sentence for the first problem of a refused request. */
export function issueWords(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'The app sent something it could not read. Try again; if it keeps happening, restart Track Nexus.';
  const field = fieldWords(issue.path);
  const text = reason(issue);
  if (!field) return `The app sent something it could not read (${text}). Try again; if it keeps happening, restart Track Nexus.`;
  // Refinements (a pattern that could hang the app, an https address) carry their own sentence.
  return issue.code === 'custom' ? `${field}: ${text.replace(/^./, (c) => c.toUpperCase())}${/[.!?]$/.test(text) ? '' : '.'}` : `${field} ${text}.`;
}
