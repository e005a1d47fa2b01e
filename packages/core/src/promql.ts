import { parser } from '@prometheus-io/lezer-promql';

/**
 * A PromQL double-quoted string literal holding exactly `value`. PromQL unquotes strings the
 * way Go does, and JSON's escapes are a subset of Go's, so the JSON
 * encoding of a well-formed string is a PromQL literal of the same string.
 */
export function promqlString(value: string): string {
  if (!value.isWellFormed()) throw new RangeError('label values must be well-formed Unicode');
  return JSON.stringify(value);
}

/** Label names PromQL accepts unquoted, and that Promwall accepts as filter names at all. */
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export type LabelFilters = Readonly<Record<string, string>>;

/** Why a query does not parse, at a 1-based line and column as Prometheus reports them. */
export interface PromQLSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

/** The first place lezer-promql cannot parse `query`, with what it found there; undefined when it parses. */
export function findPromQLSyntaxError(query: string): PromQLSyntaxProblem | undefined {
  if (query.trim() === '') return { line: 1, column: 1, reason: 'empty query' };
  let problem: { at: number; reason: string } | undefined;
  parser.parse(query).iterate({
    enter(node) {
      if (problem) return false;
      if (node.type.isError) problem = { at: node.from, reason: unexpectedAt(query, node.from) };
      // lezer-promql ends a string literal at the end of the query when its closing quote is missing.
      else if (node.name === 'StringLiteral' && !isClosedString(query.slice(node.from, node.to))) {
        problem = { at: node.from, reason: 'unterminated string' };
      }
      return problem === undefined;
    },
  });
  if (!problem) return undefined;
  const before = query.slice(0, problem.at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1, reason: problem.reason };
}

/** One PromQL token: a name, a number or duration, a string, a two-character operator, or any one character. */
const token = /[A-Za-z_:][\w:]*|\d[\w.]*|"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?|[=!<>]=|[=!]~|./y;

function unexpectedAt(query: string, from: number): string {
  const blank = query.slice(from).search(/\S/);
  if (blank === -1) return 'unexpected end of query';
  token.lastIndex = from + blank;
  const text = token.exec(query)![0];
  return `unexpected ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`;
}

function isClosedString(literal: string): boolean {
  const quote = literal.charAt(0);
  if (literal.length < 2 || !literal.endsWith(quote)) return false;
  if (quote === '`') return true;
  let escaped = false;
  for (const char of literal.slice(1, -1)) escaped = !escaped && char === '\\';
  return !escaped;
}

export class PromQLSyntaxError extends Error {
  override name = 'PromQLSyntaxError';
}

/**
 * Adds an equality matcher per filter to every vector selector of `query`. The query is parsed,
 * never pattern-matched; filter values enter it only as escaped string literals.
 */
export function withLabelFilters(query: string, filters: LabelFilters): string {
  const matchers = Object.entries(filters).map(([name, value]) => {
    if (!labelName.test(name)) throw new RangeError(`not a label name: ${name}`);
    return `${name}=${promqlString(value)}`;
  });
  if (matchers.length === 0) return query;
  const inserts: { at: number; text: string }[] = [];
  parser.parse(query).iterate({
    enter(node) {
      if (node.type.isError) throw new PromQLSyntaxError(`invalid PromQL at position ${node.from}: ${query}`);
      if (node.name !== 'VectorSelector') return;
      const braces = node.node.getChild('LabelMatchers');
      if (!braces) {
        inserts.push({ at: node.to, text: `{${matchers.join(',')}}` });
        return;
      }
      // `{a="b",}` is valid PromQL: no second comma after a trailing one, none after `{`.
      const before = query.slice(braces.from, braces.to - 1).trimEnd();
      const separator = before.endsWith(',') || before.endsWith('{') ? '' : ',';
      inserts.push({ at: braces.to - 1, text: `${separator}${matchers.join(',')}` });
      return false;
    },
  });
  let result = query;
  for (const { at, text } of inserts.sort((a, b) => b.at - a.at)) {
    result = result.slice(0, at) + text + result.slice(at);
  }
  return result;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher of a series selector, its value unquoted. */
export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

const GO_ESCAPES: Record<string, string> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** The text of a PromQL string literal: Go's quoting rules, as PromQL's lexer applies them
 * (backquotes raw; in quotes \xHH, \ooo, \uHHHH, \UHHHHHHHH and the single-letter escapes). */
export function unquotePromQLString(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gsu, (_, escape: string) => {
    if (escape.length === 1) {
      const simple = GO_ESCAPES[escape];
      if (simple === undefined) throw new PromQLSyntaxError(`unknown escape \\${escape} in ${literal}`);
      return simple;
    }
    const code = /^[0-7]/.test(escape) ? Number.parseInt(escape, 8) : Number.parseInt(escape.slice(1), 16);
    return String.fromCodePoint(code);
  });
}

const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

/**
 * The matchers of a lone series selector such as `{job="node"}` or `up{job=~"a|b"}` (a metric
 * name becomes a `__name__` matcher); undefined when `text` is anything else, e.g. a function
 * call or an aggregation.
 */
export function parseSelector(text: string): LabelMatcher[] | undefined {
  if (findPromQLSyntaxError(text)) return undefined;
  const top = parser.parse(text).topNode.firstChild;
  if (top?.name !== 'VectorSelector' || top.nextSibling) return undefined;
  const matchers: LabelMatcher[] = [];
  const source = (node: { from: number; to: number }) => text.slice(node.from, node.to);
  const metric = top.getChild('Identifier');
  if (metric) matchers.push({ name: '__name__', op: '=', value: source(metric) });
  for (let node = top.getChild('LabelMatchers')?.firstChild; node; node = node.nextSibling) {
    if (node.name === 'QuotedLabelName') {
      matchers.push({ name: '__name__', op: '=', value: unquotePromQLString(source(node.firstChild!)) });
      continue;
    }
    if (node.name !== 'UnquotedLabelMatcher' && node.name !== 'QuotedLabelMatcher') continue;
    const nameNode = node.getChild('LabelName') ?? node.getChild('QuotedLabelName')?.firstChild;
    const op = MATCH_OPS[node.getChild('MatchOp')?.firstChild?.name ?? ''];
    const valueNode = node.getChild('StringLiteral');
    if (!nameNode || !op || !valueNode) return undefined;
    const name = nameNode.name === 'LabelName' ? source(nameNode) : unquotePromQLString(source(nameNode));
    matchers.push({ name, op, value: unquotePromQLString(source(valueNode)) });
  }
  return matchers;
}

/**
 * A predicate over label sets that behaves as Prometheus's matchers do: a missing label is the
 * empty string, and regular expressions are anchored at both ends and let `.` match newlines.
 *
 * @throws SyntaxError when a regular expression does not compile.
 */
export function labelPredicate(
  matchers: readonly LabelMatcher[],
): (labels: Readonly<Record<string, string>>) => boolean {
  const tests = matchers.map(({ name, op, value }) => {
    const regex = op === '=~' || op === '!~' ? new RegExp(`^(?:${value})$`, 'su') : undefined;
    const matches = (actual: string) => (regex ? regex.test(actual) : actual === value);
    const negated = op === '!=' || op === '!~';
    return (labels: Readonly<Record<string, string>>) => matches(labels[name] ?? '') !== negated;
  });
  return (labels) => tests.every((test) => test(labels));
}
