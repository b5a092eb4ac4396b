// A first guess at which column of an unknown CSV holds what, by its header's name. The person
// importing confirms or changes each.
import type { ColumnMapping } from './formats';

const GUESSES: Record<keyof ColumnMapping, RegExp> = {
  date: /^(date|day|start ?date|work ?date)$/i,
  startTime: /^(start ?time|from|time ?in|begin)$/i,
  start: /^(start|started|start ?at|start ?datetime)$/i,
  endDate: /^(end ?date)$/i,
  endTime: /^(end ?time|to|time ?out|until)$/i,
  end: /^(end|ended|end ?at|stop|end ?datetime)$/i,
  duration: /^(duration|hours|time|hrs|duration \(h\)|duration \(decimal\)|time spent)$/i,
  project: /^(project|project ?name|job)$/i,
  client: /^(client|customer|client ?name|customer ?name)$/i,
  task: /^(task|activity|service|item)$/i,
  description: /^(description|notes?|comment|details|memo|summary)$/i,
  billable: /^(billable\??|is ?billable)$/i,
  tags: /^(tags?|labels?)$/i,
  person: /^(user|member|person|employee|name|first ?name|staff)$/i,
  lastName: /^(last ?name|surname)$/i,
  rate: /^(billable ?)?rate( \(\w{3}\))?$/i,
  amount: /^(billable ?)?amount( \(\w{3}\))?$/i,
  costRate: /^cost ?rate( \(\w{3}\))?$/i,
  currency: /^currency$/i,
  invoiced: /^invoiced\??$/i,
  approved: /^approved\??$/i,
  status: /^status$/i,
  zone: /^(time ?zone|tz)$/i,
};

/** Headers that look like our fields; the person importing confirms or changes each. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const key of Object.keys(GUESSES) as (keyof ColumnMapping)[]) {
    const found = headers.find((h) => !used.has(h) && GUESSES[key].test(h.trim()));
    if (found) {
      mapping[key] = found;
      used.add(found);
    }
  }
  // A full start column wins over a date + time pair only when there is no date column.
  if (mapping.start && mapping.date) delete mapping.start;
  if (mapping.end && (mapping.endTime || mapping.duration)) delete mapping.end;
  return mapping;
}

