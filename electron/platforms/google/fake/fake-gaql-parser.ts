/**
 * The subset of the Google Ads Query Language the fake understands: SELECT fields FROM resource,
 * WHERE conditions joined by AND (=, !=, <, <=, >, >=, IN, NOT IN, BETWEEN, DURING, LIKE), ORDER BY,
 * LIMIT and PARAMETERS. Syntax errors carry Google's QueryError names, so the fake can answer
 * them in its envelope.
 */

/** A literal as written: 'text' or "text", a number, or a bare constant (an enum name, TRUE, FALSE, a DURING range). */
export type GaqlLiteral = { kind: 'string'; text: string } | { kind: 'number'; value: number } | { kind: 'constant'; name: string };

export type GaqlCondition =
  | { field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'NOT LIKE'; value: GaqlLiteral }
  | { field: string; op: 'IN' | 'NOT IN'; values: GaqlLiteral[] }
  | { field: string; op: 'BETWEEN'; from: GaqlLiteral; to: GaqlLiteral }
  | { field: string; op: 'DURING'; range: string };

export interface GaqlQuery {
  select: string[];
  from: string;
  where: GaqlCondition[];
  orderBy: { field: string; descending: boolean }[];
  limit?: number;
  parameters: Record<string, string>;
}

/** A query Google would refuse before reading anything; `reason` is a QueryError name. */
export class GaqlError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; at: number };

const SYMBOLS = ['!=', '<=', '>=', '=', '<', '>', '(', ')', ','];
const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let text = '';
      let j = i + 1;
      for (; j < query.length && query[j] !== ch; j++) {
        if (query[j] === '\n') throw new GaqlError('PROHIBITED_NEWLINE_IN_STRING', `Newline in string at position ${j}.`);
        if (query[j] === '\\') {
          j++;
          if (j >= query.length) break;
        }
        text += query[j];
      }
      if (j >= query.length) throw new GaqlError('STRING_NOT_TERMINATED', `String starting at position ${i} is not terminated.`);
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
    if (!symbol) throw new GaqlError('BAD_SYMBOL', `Unexpected symbol '${ch}' at position ${i}.`);
    tokens.push({ kind: 'symbol', text: symbol, at: i });
    i += symbol.length;
  }
  return tokens;
}

class Reader {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  next(what: string): Token {
    const token = this.tokens[this.i++];
    if (!token) throw new GaqlError('UNEXPECTED_END_OF_QUERY', `Unexpected end of query: expected ${what}.`);
    return token;
  }

  /** True (and consumed) when the next token is this keyword, in any case. */
  keyword(word: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'word' || token.text.toUpperCase() !== word) return false;
    this.i++;
    return true;
  }

  symbol(text: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'symbol' || token.text !== text) return false;
    this.i++;
    return true;
  }

  field(): string {
    const token = this.next('a field name');
    if (token.kind !== 'word' || !/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+$/.test(token.text)) {
      throw new GaqlError('BAD_FIELD_NAME', `Expected a field name at position ${token.at}, got '${token.text}'.`);
    }
    return token.text;
  }

  literal(): GaqlLiteral {
    const token = this.next('a value');
    if (token.kind === 'string') return { kind: 'string', text: token.text };
    if (token.kind === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.kind === 'word' && /^[A-Z_][A-Z0-9_]*$/i.test(token.text)) return { kind: 'constant', name: token.text.toUpperCase() };
    throw new GaqlError('BAD_VALUE', `Expected a value at position ${token.at}, got '${token.text}'.`);
  }
}

export function parseGaql(query: string): GaqlQuery {
  const r = new Reader(tokenize(query));
  if (!r.keyword('SELECT')) throw new GaqlError('EXPECTED_SELECT', 'The query must begin with SELECT.');
  const select = [r.field()];
  while (r.symbol(',')) select.push(r.field());
  if (!r.keyword('FROM')) throw new GaqlError('EXPECTED_FROM', 'Expected FROM after the selected fields.');
  const fromToken = r.next('a resource');
  if (fromToken.kind !== 'word' || !/^[a-z_]+$/.test(fromToken.text)) {
    throw new GaqlError('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', `Expected a resource after FROM, got '${fromToken.text}'.`);
  }
  const parsed: GaqlQuery = { select, from: fromToken.text, where: [], orderBy: [], parameters: {} };
  if (r.keyword('WHERE')) {
    parsed.where.push(condition(r));
    while (r.keyword('AND')) parsed.where.push(condition(r));
  }
  if (r.keyword('ORDER')) {
    if (!r.keyword('BY')) throw new GaqlError('EXPECTED_BY', 'Expected BY after ORDER.');
    do {
      const field = r.field();
      const descending = r.keyword('DESC');
      if (!descending) r.keyword('ASC');
      parsed.orderBy.push({ field, descending });
    } while (r.symbol(','));
  }
  if (r.keyword('LIMIT')) {
    const token = r.next('a limit');
    const limit = Number(token.text);
    if (token.kind !== 'number' || !Number.isInteger(limit)) throw new GaqlError('BAD_LIMIT_VALUE', `LIMIT must be an integer, got '${token.text}'.`);
    if (limit <= 0) throw new GaqlError('LIMIT_VALUE_TOO_LOW', `LIMIT must be above 0, got ${limit}.`);
    parsed.limit = limit;
  }
  if (r.keyword('PARAMETERS')) {
    do {
      const name = r.next('a parameter name');
      if (!r.symbol('=')) throw new GaqlError('BAD_OPERATOR', `Expected = after the parameter ${name.text}.`);
      const value = r.literal();
      parsed.parameters[name.text] = value.kind === 'constant' ? value.name : value.kind === 'string' ? value.text : String(value.value);
    } while (r.symbol(','));
  }
  if (!r.done) {
    const token = r.peek() as Token;
    throw new GaqlError(
      r.peek()?.text.toUpperCase() === 'OR' ? 'EXPECTED_AND' : 'UNEXPECTED_INPUT',
      `Unexpected input '${token.text}' at position ${token.at}.`,
    );
  }
  return parsed;
}

function condition(r: Reader): GaqlCondition {
  const field = r.field();
  const op = r.next('an operator');
  const word = op.kind === 'word' ? op.text.toUpperCase() : undefined;
  if (op.kind === 'symbol' && COMPARISONS.has(op.text)) return { field, op: op.text as '=', value: r.literal() };
  if (word === 'IN') return { field, op: 'IN', values: list(r) };
  if (word === 'LIKE') return { field, op: 'LIKE', value: r.literal() };
  if (word === 'NOT') {
    if (r.keyword('IN')) return { field, op: 'NOT IN', values: list(r) };
    if (r.keyword('LIKE')) return { field, op: 'NOT LIKE', value: r.literal() };
  }
  if (word === 'BETWEEN') {
    const from = r.literal();
    if (!r.keyword('AND')) throw new GaqlError('EXPECTED_VALUE_WITH_BETWEEN_OPERATOR', 'BETWEEN takes two values joined by AND.');
    return { field, op: 'BETWEEN', from, to: r.literal() };
  }
  if (word === 'DURING') {
    const range = r.literal();
    if (range.kind !== 'constant') throw new GaqlError('INVALID_VALUE_WITH_DURING_OPERATOR', 'DURING takes a named range such as LAST_30_DAYS.');
    return { field, op: 'DURING', range: range.name };
  }
  throw new GaqlError('BAD_OPERATOR', `Unknown operator '${op.text}' at position ${op.at}.`);
}

function list(r: Reader): GaqlLiteral[] {
  if (!r.symbol('(')) throw new GaqlError('EXPECTED_LIST', 'IN takes a list of values in parentheses.');
  if (r.symbol(')')) throw new GaqlError('PROHIBITED_EMPTY_LIST_IN_CONDITION', 'IN takes at least one value.');
  const values = [r.literal()];
  while (r.symbol(',')) values.push(r.literal());
  if (!r.symbol(')')) throw new GaqlError('EXPECTED_LIST', 'The list of values must end with a closing parenthesis.');
  return values;
}
