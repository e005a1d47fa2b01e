/** The parts of Grafana's dashboard JSON model the converter reads
 * (https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/). */
export interface GrafanaTarget {
  expr?: string;
  legendFormat?: string;
  hide?: boolean;
  datasource?: { type?: string } | string | null;
}

export interface GrafanaPanel {
  id?: number;
  type?: string;
  title?: string;
  description?: string;
  gridPos?: { x?: number; y?: number; w?: number; h?: number };
  datasource?: { type?: string } | string | null;
  targets?: GrafanaTarget[];
  panels?: GrafanaPanel[];
  repeat?: string;
  transformations?: unknown[];
  links?: unknown[];
  fieldConfig?: {
    defaults?: {
      unit?: string;
      min?: number | null;
      max?: number | null;
      thresholds?: { mode?: string; steps?: { color?: string; value?: number | null }[] };
      custom?: { stacking?: { mode?: string } };
    };
    overrides?: unknown[];
  };
}

export interface GrafanaVariable {
  type?: string;
  name?: string;
  label?: string;
  query?: string | { query?: string };
  includeAll?: boolean;
  multi?: boolean;
}

export interface GrafanaDashboard {
  title?: string;
  description?: string;
  uid?: string;
  schemaVersion?: number;
  time?: { from?: string };
  refresh?: string | false;
  panels?: GrafanaPanel[];
  rows?: unknown[];
  templating?: { list?: GrafanaVariable[] };
  annotations?: { list?: { builtIn?: number }[] };
  links?: unknown[];
}
