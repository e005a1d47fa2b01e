/** What Promwall reads of an alert in Alertmanager's API v2. */
export interface AlertmanagerAlert {
  labels?: Record<string, string>;
  status?: { state?: string; silencedBy?: string[]; inhibitedBy?: string[] };
}

/**
 * Projections built at most this many label sets' worth of candidates in one index: a hostile or
 * broken upstream (thousands of alerts, each with its own label names) would otherwise make the
 * matching quadratic again. Past it, alerts are matched on their exact label set only.
 */
const PROJECTION_BUDGET = 2_000_000;

/** An unambiguous key of label values: each one prefixed with its length. */
function keyOf(names: readonly string[], labels: Record<string, string>): string {
  let key = '';
  for (const name of names) {
    const value = labels[name] ?? '';
    key += `${value.length}:${value}`;
  }
  return key;
}

/**
 * Alertmanager's alerts, indexed to find each Prometheus alert's copy in constant time.
 *
 * Alertmanager's copy carries Prometheus's external labels too, so a copy matches when its labels
 * are a superset of the Prometheus alert's (the first such copy wins, as a linear search would).
 * A Prometheus alert's label names are the same for every alert of one rule, so for each distinct
 * (alertname, label names) pair the copies with that alertname are projected once onto those
 * names; each alert is then one lookup.
 */
export class AlertmanagerIndex {
  private readonly byName = new Map<string, AlertmanagerAlert[]>();
  private readonly projections = new Map<string, Map<string, AlertmanagerAlert>>();
  private exact: Map<string, AlertmanagerAlert> | undefined;
  private projected = 0;
  /** The previous lookup's shape: consecutive alerts of one rule reuse it without building a signature. */
  private last:
    { alertname: string | undefined; names: string[]; projection: Map<string, AlertmanagerAlert> } | undefined;

  constructor(
    private readonly alerts: readonly AlertmanagerAlert[],
    private readonly budget = PROJECTION_BUDGET,
  ) {
    for (const alert of alerts) {
      const name = alert.labels?.alertname ?? '';
      const bucket = this.byName.get(name);
      if (bucket) bucket.push(alert);
      else this.byName.set(name, [alert]);
    }
  }

  /** The first Alertmanager alert whose labels include all of `labels`. */
  find(labels: Record<string, string>): AlertmanagerAlert | undefined {
    // In the order given: Prometheus sorts label names, so one rule gives one order.
    const names = Object.keys(labels);
    const alertname = labels.alertname;
    const last = this.last;
    if (last && last.alertname === alertname && sameNames(last.names, names)) {
      return last.projection.get(keyOf(names, labels));
    }
    const signature = `${alertname ?? ''}\u0000${names.join('\u0000')}`;
    let projection = this.projections.get(signature);
    if (!projection) {
      const candidates = alertname === undefined ? this.alerts : (this.byName.get(alertname) ?? []);
      if (this.projected + candidates.length > this.budget) return this.exactMatch(labels);
      this.projected += candidates.length;
      projection = new Map();
      for (const candidate of candidates) {
        const own = candidate.labels ?? {};
        if (!names.every((name) => Object.hasOwn(own, name))) continue;
        const key = keyOf(names, own);
        if (!projection.has(key)) projection.set(key, candidate);
      }
      this.projections.set(signature, projection);
    }
    this.last = { alertname, names, projection };
    return projection.get(keyOf(names, labels));
  }

  private exactMatch(labels: Record<string, string>): AlertmanagerAlert | undefined {
    if (!this.exact) {
      this.exact = new Map();
      for (const alert of this.alerts) {
        const key = exactKey(alert.labels ?? {});
        if (!this.exact.has(key)) this.exact.set(key, alert);
      }
    }
    return this.exact.get(exactKey(labels));
  }
}

/** The whole label set as a key, names and values, whatever their order. */
function exactKey(labels: Record<string, string>): string {
  let key = '';
  for (const name of Object.keys(labels).sort()) key += `${name.length}:${name}${keyOf([name], labels)}`;
  return key;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
