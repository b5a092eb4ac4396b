// The Description template for TimeActivity. A deliberately small syntax, so a user-edited
// template can never execute anything or produce something QBO refuses:
//
//   {name}          the value of a placeholder: client, project, task, description, date
//   {name? text}    `text` only when `name` has a non-empty value; inside `text`, the word `name`
//                   (as a whole word) stands for the value: "{task? — task}" renders " — Design"
//   {{  }}          a literal "{" / "}"
//
// Anything else in braces (an unknown name, a typo) is left as written, so a mistake shows up in
// QuickBooks instead of silently eating text. Values are inserted in one pass and never
// re-parsed, so a description containing "{client}" stays literal. The result has control
// characters removed (tabs and line breaks become spaces), is trimmed, and is capped at QBO's
// 4000-character Description limit without splitting a surrogate pair.

import { MAX_DESCRIPTION_LENGTH } from '../entries/entry';

export const TEMPLATE_PLACEHOLDERS = ['client', 'project', 'task', 'description', 'date'] as const;
type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<TemplatePlaceholder, string | null | undefined>>;

export const DEFAULT_DESCRIPTION_TEMPLATE = '{project}{task? — task}: {description}';

const KNOWN = new Set<string>(TEMPLATE_PLACEHOLDERS);
const TOKEN = /\{\{|\}\}|\{([a-z]+)(\?[^{}]*)?\}/g;

/** Tabs and line breaks become spaces (they separate words); other C0/C1 controls are dropped. */
function stripControl(text: string): string {
  return text.replace(/[\t\n\v\f\r\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

function capCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  // Cut by UTF-16 length (QBO counts characters) but never leave half a surrogate pair.
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

export function renderDescription(template: string, values: TemplateValues): string {
  return renderDescriptionMeasured(template, values).text;
}

/** The Description as sent, and how many characters QuickBooks' limit cut from it (0 when none). */
export function renderDescriptionMeasured(template: string, values: TemplateValues): { text: string; cut: number } {
  const value = (name: string): string => stripControl(values[name as TemplatePlaceholder] ?? '').trim();
  const rendered = template.replace(TOKEN, (token, name: string | undefined, conditional: string | undefined) => {
    if (token === '{{') return '{';
    if (token === '}}') return '}';
    if (!name || !KNOWN.has(name)) return token;
    const v = value(name);
    if (conditional === undefined) return v;
    if (v === '') return '';
    // Replace whole-word occurrences of the name inside the conditional text with the value.
    return conditional.slice(1).replace(new RegExp(`\\b${name}\\b`, 'g'), () => v);
  });
  const full = stripControl(rendered).trim();
  const text = capCodePoints(full, MAX_DESCRIPTION_LENGTH).trim();
  return { text, cut: full.length > MAX_DESCRIPTION_LENGTH ? full.length - MAX_DESCRIPTION_LENGTH : 0 };
}
