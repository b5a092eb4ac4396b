// QBO's query language: SELECT * [, Field …] | COUNT(*) FROM Entity [WHERE a op v AND …]
// [ORDERBY p [ASC|DESC], …] [STARTPOSITION n] [MAXRESULTS n]. No OR, no projections, no joins;
// entity and property names in any case; only an entity's filterable properties may be
// filtered. Without ORDERBY, rows come in QBO's default order (see defaultOrder). Parse errors
// answer 4000, valid syntax that QBO would not run answers 4001.
import { faults } from './errors';
import { compareIds, ENTITY_TYPES, NAME_LISTS, present, type Company, type Entity, type EntityType } from './store';

type Token =
  | { kind: 'word'; text: string; pos: number }
  | { kind: 'string'; text: string; pos: number }
  | { kind: 'number'; text: string; pos: number }
  | { kind: 'punct'; text: string; pos: number }
  | { kind: 'end'; text: string; pos: number };

type Value = string | number | boolean;
type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

interface Condition {
  property: string;
  op: Operator;
  values: Value[];
}

interface Query {
  entity: EntityType;
  count: boolean;
  where: Condition[];
  orderBy: Array<{ property: string; desc: boolean }>;
  startPosition: number;
  maxResults: number;
}

const MAX_RESULTS = 1000;
const DEFAULT_MAX_RESULTS = 100;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      // Quotes inside values are escaped with a backslash: 'Adam\'s Candy Shop'.
      const start = i++;
      let out = '';
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        out += text[i++];
      }
      if (i >= text.length) throw faults.queryParse(`Lexical error at line 1, column ${start + 1}. Unterminated string literal.`);
      i++;
      tokens.push({ kind: 'string', text: out, pos: start });
    } else if (/\d/.test(c) || (c === '-' && /\d/.test(text[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      const t = m?.[0] ?? c;
      tokens.push({ kind: 'number', text: t, pos: i });
      i += t.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const t = (/^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i)) as RegExpExecArray)[0];
      tokens.push({ kind: 'word', text: t, pos: i });
      i += t.length;
    } else if (c === '<' || c === '>') {
      const t = text[i + 1] === '=' ? `${c}=` : c;
      tokens.push({ kind: 'punct', text: t, pos: i });
      i += t.length;
    } else if ('=*(),'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, pos: i++ });
    } else {
      throw faults.queryParse(`Lexical error at line 1, column ${i + 1}. Encountered: "${c}"`);
    }
  }
  tokens.push({ kind: 'end', text: '<EOF>', pos: text.length });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] as Token;
  }
  private next(): Token {
    return this.tokens[this.i++] as Token;
  }
  fail(expected: string): never {
    const t = this.peek();
    throw faults.queryParse(`Encountered " ${t.kind === 'string' ? `'${t.text}'` : t.text} " at line 1, column ${t.pos + 1}. Was expecting: ${expected}`);
  }
  isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.text.toUpperCase() === word;
  }
  keyword(word: string): void {
    if (!this.isKeyword(word)) this.fail(`"${word}"`);
    this.i++;
  }
  punct(p: string): void {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) this.fail(`"${p}"`);
    this.i++;
  }
  word(expected: string): string {
    const t = this.peek();
    if (t.kind !== 'word') this.fail(expected);
    this.i++;
    return t.text;
  }
  integer(expected: string): number {
    const t = this.peek();
    if (t.kind !== 'number' || !/^-?\d+$/.test(t.text)) this.fail(expected);
    this.i++;
    return Number(t.text);
  }
  value(): Value {
    const t = this.next();
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word' && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === 'true';
    this.i--;
    return this.fail('a quoted string, a number, true or false');
  }
  atEnd(): boolean {
    return this.peek().kind === 'end';
  }
  punctIs(p: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === p;
  }
}

const CLAUSE_WORDS = ['WHERE', 'ORDERBY', 'STARTPOSITION', 'MAXRESULTS'];

function parseQuery(text: string): Query {
  const p = new Parser(tokenize(text));
  p.keyword('SELECT');
  let count = false;
  if (p.isKeyword('COUNT')) {
    p.keyword('COUNT');
    p.punct('(');
    p.punct('*');
    p.punct(')');
    count = true;
  } else if (p.punctIs('*')) {
    p.punct('*');
    // `SELECT *, Sku FROM Item` works in QBO: every field is already in *, so the extras add nothing.
    while (p.punctIs(',')) {
      p.punct(',');
      p.word('a property name');
    }
  } else {
    // Projections (select Id, Name …) are not part of QBO's grammar.
    throw faults.queryParse('Only * or COUNT(*) may be selected.');
  }
  p.keyword('FROM');
  const entityName = p.word('an entity name');
  // "Entity names and attribute names are not case sensitive" (Intuit's query reference).
  const entity = ENTITY_TYPES.find((t) => t.toLowerCase() === entityName.toLowerCase());
  if (!entity) throw faults.queryValidation(`${entityName} is not a valid entity`);

  const where: Condition[] = [];
  if (p.isKeyword('WHERE')) {
    p.keyword('WHERE');
    where.push(parseCondition(p));
    for (;;) {
      if (p.isKeyword('OR')) throw faults.queryParse('OR is not supported; combine conditions with AND.');
      if (!p.isKeyword('AND')) break;
      p.keyword('AND');
      where.push(parseCondition(p));
    }
  }
  const orderBy: Query['orderBy'] = [];
  if (p.isKeyword('ORDERBY')) {
    p.keyword('ORDERBY');
    orderBy.push(parseOrder(p));
    while (p.punctIs(',')) {
      p.punct(',');
      orderBy.push(parseOrder(p));
    }
  }
  let startPosition = 1;
  let maxResults = DEFAULT_MAX_RESULTS;
  const seen = new Set<string>();
  while (p.isKeyword('STARTPOSITION') || p.isKeyword('MAXRESULTS')) {
    const clause = p.isKeyword('STARTPOSITION') ? 'STARTPOSITION' : 'MAXRESULTS';
    if (seen.has(clause)) throw faults.queryParse(`${clause} appears twice.`);
    seen.add(clause);
    p.keyword(clause);
    const n = p.integer('an integer');
    if (clause === 'STARTPOSITION') startPosition = n;
    else maxResults = n;
  }
  if (!p.atEnd()) p.fail(CLAUSE_WORDS.map((w) => `"${w}"`).join(', ') + ' or the end of the query');
  if (startPosition < 1) throw faults.queryValidation('STARTPOSITION must be 1 or more (it is 1-based).');
  if (maxResults < 1 || maxResults > MAX_RESULTS) throw faults.queryValidation(`MAXRESULTS must be between 1 and ${MAX_RESULTS}.`);

  const query: Query = { entity, count, where, orderBy, startPosition, maxResults };
  checkProperties(query);
  return query;
}

function parseOrder(p: Parser): { property: string; desc: boolean } {
  const property = p.word('a property name');
  if (p.isKeyword('DESC')) {
    p.keyword('DESC');
    return { property, desc: true };
  }
  if (p.isKeyword('ASC')) p.keyword('ASC');
  return { property, desc: false };
}

function parseCondition(p: Parser): Condition {
  const property = p.word('a property name');
  if (p.isKeyword('IN')) {
    p.keyword('IN');
    p.punct('(');
    const values = [p.value()];
    while (p.punctIs(',')) {
      p.punct(',');
      values.push(p.value());
    }
    p.punct(')');
    return { property, op: 'IN', values };
  }
  if (p.isKeyword('LIKE')) {
    p.keyword('LIKE');
    const v = p.value();
    if (typeof v !== 'string') throw faults.queryParse('LIKE needs a quoted string.');
    return { property, op: 'LIKE', values: [v] };
  }
  for (const op of ['<=', '>=', '=', '<', '>'] as const) {
    if (p.punctIs(op)) {
      p.punct(op);
      return { property, op, values: [p.value()] };
    }
  }
  return p.fail('"=", "<", ">", "<=", ">=", "IN" or "LIKE"');
}

/** Documented as filters for every entity, e.g. `WHERE MetaData.LastUpdatedTime > '2011-08-10T10:20:30-07:00'`. */
const META = ['MetaData.CreateTime', 'MetaData.LastUpdatedTime'];
/** Filterable (and sortable) properties per entity, with the case QBO spells them in. */
const FILTERABLE: Record<EntityType, string[]> = {
  Customer: ['Id', 'DisplayName', 'GivenName', 'FamilyName', 'CompanyName', 'PrimaryEmailAddr', 'Active', 'Balance', 'FullyQualifiedName', 'Job', 'ParentRef', 'Level', ...META],
  Employee: ['Id', 'DisplayName', 'GivenName', 'FamilyName', 'Active', 'EmployeeNumber', ...META],
  Vendor: ['Id', 'DisplayName', 'GivenName', 'FamilyName', 'CompanyName', 'Active', 'Vendor1099', 'Balance', ...META],
  Item: ['Id', 'Name', 'Active', 'Type', 'Sku', 'FullyQualifiedName', ...META],
  Class: ['Id', 'Name', 'Active', 'FullyQualifiedName', ...META],
  Account: ['Id', 'Name', 'Active', 'AccountType', 'Classification', 'FullyQualifiedName', ...META],
  TaxCode: ['Id', 'Name', 'Active', ...META],
  TaxRate: ['Id', 'Name', 'Active', ...META],
  Term: ['Id', 'Name', 'Active', ...META],
  Invoice: ['Id', 'DocNumber', 'TxnDate', 'DueDate', 'CustomerRef', 'TotalAmt', 'Balance', 'EmailStatus', ...META],
  // Only these four are marked filterable for TimeActivity in Intuit's reference, besides MetaData.
  TimeActivity: ['Id', 'TxnDate', 'BillableStatus', 'ProjectRef', ...META],
  Payment: ['Id', 'TxnDate', 'CustomerRef', 'TotalAmt', ...META],
  Estimate: ['Id', 'DocNumber', 'TxnDate', 'CustomerRef', 'TotalAmt', 'TxnStatus', ...META],
  Purchase: ['Id', 'DocNumber', 'TxnDate', 'PaymentType', 'TotalAmt', ...META],
  // A third-party connector's list of server-side filters (CData ReimburseCharges); UNCONFIRMED in Intuit's reference.
  ReimburseCharge: ['Id', 'CustomerRef', 'HasBeenInvoiced', ...META],
  RecurringTransaction: ['Id', ...META],
  CompanyInfo: ['Id', ...META],
  Preferences: ['Id', ...META],
};

/** Checks each property and rewrites it in QBO's spelling, since names match whatever their case. */
function checkProperties(q: Query): void {
  const spelled = (name: string) => FILTERABLE[q.entity].find((p) => p.toLowerCase() === name.toLowerCase());
  for (const c of q.where) {
    const property = spelled(c.property);
    if (!property) throw faults.queryValidation(`property '${c.property}' is not queryable`);
    if (property === 'Id' && c.op !== '=' && c.op !== 'IN') throw faults.queryValidation(`Id supports only = and IN, not ${c.op}`);
    c.property = property;
  }
  for (const o of q.orderBy) {
    const property = spelled(o.property);
    if (!property) throw faults.queryValidation(`property '${o.property}' is not sortable`);
    o.property = property;
  }
}

// ---- evaluation -----------------------------------------------------------------------

function read(entity: Entity, path: string): unknown {
  let v: unknown = entity;
  for (const part of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  if (v && typeof v === 'object') {
    const o = v as { value?: unknown; Address?: unknown };
    return o.value ?? o.Address;
  }
  return v;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T.*)?$/;

/** Compares a stored value with a query literal the way QBO does: booleans, numbers, dates, case-insensitive text. */
function compare(actual: unknown, literal: Value): number | undefined {
  if (actual === undefined || actual === null) return undefined;
  if (typeof actual === 'boolean') {
    const b = typeof literal === 'boolean' ? literal : String(literal).toLowerCase() === 'true';
    return Number(actual) - Number(b);
  }
  if (typeof actual === 'number') return actual - Number(literal);
  const a = String(actual);
  const l = String(literal);
  if (DATE_TIME.test(a) && DATE_TIME.test(l)) {
    if (a.length === 10 && l.length === 10) return a < l ? -1 : a > l ? 1 : 0;
    return Date.parse(a) - Date.parse(l);
  }
  if (/^-?\d+(\.\d+)?$/.test(a) && typeof literal === 'number') return Number(a) - literal;
  return a.toLowerCase() < l.toLowerCase() ? -1 : a.toLowerCase() > l.toLowerCase() ? 1 : 0;
}

function matches(entity: Entity, c: Condition): boolean {
  const actual = read(entity, c.property);
  switch (c.op) {
    case 'IN':
      return c.values.some((v) => compare(actual, v) === 0);
    case 'LIKE': {
      const pattern = String(c.values[0]).split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      return actual !== undefined && new RegExp(`^${pattern}$`, 'is').test(String(actual));
    }
    default: {
      const d = compare(actual, c.values[0] as Value);
      if (d === undefined) return false;
      return c.op === '=' ? d === 0 : c.op === '<' ? d < 0 : c.op === '>' ? d > 0 : c.op === '<=' ? d <= 0 : d >= 0;
    }
  }
}

/** Rows a query selects, before paging: name lists hide inactive records unless Active is filtered. */
function selectRows(co: Company, q: Query): Entity[] {
  const conditions = [...q.where];
  if (NAME_LISTS.includes(q.entity) && !conditions.some((c) => c.property === 'Active')) {
    conditions.push({ property: 'Active', op: '=', values: [true] });
  }
  const rows = co.all(q.entity).filter((e) => conditions.every((c) => matches(e, c)));
  if (!q.orderBy.length) return rows.sort(defaultOrder(q.entity));
  return rows.sort((x, y) => {
    for (const o of q.orderBy) {
      const d = compareValues(read(x, o.property), read(y, o.property));
      if (d !== 0) return o.desc ? -d : d;
    }
    return compareIds(x.Id, y.Id);
  });
}

/** Dated entities, answered newest first without ORDERBY. */
const TRANSACTIONS: readonly EntityType[] = ['TimeActivity', 'Invoice', 'Payment', 'Estimate', 'Purchase', 'ReimburseCharge'];

/**
 * QBO's order when a query has no ORDERBY: name lists by name with each job right after its
 * parent (recorded Customer Ids 1, 67, 2, 3, 4, 62 …), transactions newest first. A row renamed
 * between two pages therefore moves, which is why clients page with an explicit ORDERBY.
 */
function defaultOrder(type: EntityType): (x: Entity, y: Entity) => number {
  if (NAME_LISTS.includes(type) || type === 'TaxCode') return (x, y) => compareNamePaths(nameOf(x), nameOf(y)) || compareIds(x.Id, y.Id);
  if (TRANSACTIONS.includes(type)) return (x, y) => compareValues(read(y, 'TxnDate'), read(x, 'TxnDate')) || compareIds(y.Id, x.Id);
  return (x, y) => compareIds(x.Id, y.Id);
}

const nameOf = (e: Entity): string => String(e.FullyQualifiedName ?? e.DisplayName ?? e.Name ?? '');

/** "Parent:Job" sorts right after "Parent" and before "Parent Two": compare name by name down the path. */
function compareNamePaths(a: string, b: string): number {
  const pa = a.toLowerCase().split(':');
  const pb = b.toLowerCase().split(':');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return compare(a, b as Value) ?? 0;
}

/** The `QueryResponse` body QBO answers; an empty page is an empty object. */
export function runQuery(co: Company, text: string): Record<string, unknown> {
  const q = parseQuery(text);
  const rows = selectRows(co, q);
  if (q.count) return { totalCount: rows.length };
  const page = rows.slice(q.startPosition - 1, q.startPosition - 1 + q.maxResults);
  if (page.length === 0) return {};
  return { [q.entity]: page.map((e) => present(q.entity, e)), startPosition: q.startPosition, maxResults: page.length };
}
