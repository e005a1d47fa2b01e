import { parser } from '@prometheus-io/lezer-promql';
import { findPromQLSyntaxError, unquotePromQLString } from '@promwall/core/promql';

export type QueryRewrite = { ok: true; query: string; variables: string[] } | { ok: false; reason: string };

/** Grafana's interval macros, replaced by the durations a Promwall board reads well with. */
const MACROS: [RegExp, string][] = [
  [/\$\{?__rate_interval\}?/g, '5m'],
  [/\$\{?__interval\}?/g, '1m'],
];

/** `$var`, `${var}`, `${var:format}` or `[[var]]` as the whole of a matcher's value. */
const WHOLE_REFERENCE = /^(?:\$([A-Za-z_]\w*)|\$\{([A-Za-z_]\w*)(?::\w+)?\}|\[\[([A-Za-z_]\w*)\]\])$/;
/** Any variable reference left in a query: `$1` in label_replace is not one. */
const ANY_REFERENCE = /\$\{?[A-Za-z_]\w*|\[\[[A-Za-z_]\w*\]\]/;

/**
 * A Grafana query as Promwall PromQL: its interval macros replaced, and each matcher on a
 * template variable (`instance="$node"`, `job=~"$job"`) taken out — on a Promwall board the
 * variable adds that matcher itself, escaped, to every selector of the panels that use it.
 * Variables anywhere else (inside a longer value, in a function argument, in `by ($label)`)
 * have no Promwall equivalent: the query is refused with the reason.
 */
export function rewriteQuery(expr: string, variables: ReadonlyMap<string, { label: string }>): QueryRewrite {
  let query = expr.trim();
  for (const [macro, value] of MACROS) query = query.replace(macro, value);
  if (query === '') return { ok: false, reason: 'the query is empty' };
  if (findPromQLSyntaxError(query)) {
    const reference = ANY_REFERENCE.exec(query);
    return {
      ok: false,
      reason: reference
        ? `uses ${reference[0]} outside a label matcher`
        : 'not valid PromQL once Grafana’s macros are replaced',
    };
  }

  const used = new Set<string>();
  const edits: { from: number; to: number; text: string }[] = [];
  let refused: string | undefined;
  parser.parse(query).iterate({
    enter(node) {
      if (refused || node.name !== 'LabelMatchers') return !refused;
      const kept: string[] = [];
      let removed = false;
      for (let matcher = node.node.firstChild; matcher; matcher = matcher.nextSibling) {
        if (matcher.name !== 'UnquotedLabelMatcher' && matcher.name !== 'QuotedLabelMatcher') {
          if (matcher.name === 'QuotedLabelName') kept.push(query.slice(matcher.from, matcher.to));
          continue;
        }
        const source = query.slice(matcher.from, matcher.to);
        const literal = matcher.getChild('StringLiteral');
        const op = matcher.getChild('MatchOp')?.firstChild?.name;
        const labelNode = matcher.getChild('LabelName') ?? matcher.getChild('QuotedLabelName');
        const label = labelNode ? query.slice(labelNode.from, labelNode.to).replace(/^["'`]|["'`]$/g, '') : '';
        const reference = literal
          ? WHOLE_REFERENCE.exec(unquotePromQLString(query.slice(literal.from, literal.to)))
          : null;
        const name = reference?.slice(1).find((part) => part !== undefined);
        const variable = name === undefined ? undefined : variables.get(name);
        if (!reference) {
          kept.push(source);
          continue;
        }
        if (!variable) {
          refused = `${source} uses $${name}, which is not a query variable of the board`;
          return false;
        }
        if (op !== 'EqlSingle' && op !== 'EqlRegex') {
          refused = `${source}: a negated matcher on a variable has no Promwall equivalent`;
          return false;
        }
        if (label !== variable.label) {
          refused = `${source} matches $${name} on ${label}, but the variable offers values of ${variable.label}`;
          return false;
        }
        used.add(name!);
        removed = true;
      }
      if (!removed) return false;
      const selector = node.node.parent;
      const hasName = selector?.getChild('Identifier') !== null;
      if (kept.length === 0 && !hasName) {
        refused = 'a selector made only of variable matchers would match every series';
        return false;
      }
      edits.push({ from: node.from, to: node.to, text: kept.length > 0 ? `{${kept.join(', ')}}` : '' });
      return false;
    },
  });
  if (refused) return { ok: false, reason: refused };
  for (const edit of edits.sort((a, b) => b.from - a.from)) {
    query = query.slice(0, edit.from) + edit.text + query.slice(edit.to);
  }
  const leftover = ANY_REFERENCE.exec(query);
  if (leftover) return { ok: false, reason: `uses ${leftover[0]} outside a label matcher` };
  return { ok: true, query, variables: [...used].sort() };
}
