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

/** True when lezer-promql parses `query` without an error node. */
export function isValidPromQL(query: string): boolean {
  let valid = true;
  parser.parse(query).iterate({
    enter(node) {
      if (node.type.isError) valid = false;
      return valid;
    },
  });
  return valid && query.trim().length > 0;
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
