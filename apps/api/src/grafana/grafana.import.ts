import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Document, isScalar, visit } from 'yaml';
import { ConfigError, loadConfig } from '../config.ts';
import { ConversionError, convertGrafana, slug, type Conversion } from './grafana.converter.ts';

const USAGE = `Converts a Grafana dashboard (its JSON model) into a Promwall dashboard file.

  npm run import-grafana -- board.json [--out dashboards/name.yml] [--force]

Without --out, the file goes to the dashboards folder (PROMWALL_DASHBOARDS_DIR, or the
repository's dashboards/) as <title>.yml; --out - writes it to standard output. An existing
file is kept unless --force is given.`;

/** Lists what was left out, as YAML comments at the head of the file and on the terminal. */
function report(conversion: Pick<Conversion, 'unsupported' | 'notes'>): string[] {
  return [
    ...conversion.unsupported.map(({ title, type, reason }) => `not converted: ${type} panel "${title}": ${reason}`),
    ...conversion.notes.map((note) => `note: ${note}`),
  ];
}

/** YAML as a person writes it: short lists and maps of plain values on one line. */
function toYaml(value: unknown): string {
  const document = new Document(value);
  visit(document, {
    Seq: (_, node) => {
      if (node.items.every(isScalar)) node.flow = true;
    },
    Map: (_, node) => {
      if (node.items.length <= 3 && node.items.every((pair) => isScalar(pair.value))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0 });
}

export interface ImportIo {
  /** The caller's directory: relative paths are read from there. */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `npm run import-grafana -- board.json [--out file] [--force]`; returns the exit code. */
export function importGrafana(argv: string[], { cwd, env, stdout, stderr }: ImportIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    stderr(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const input = path.resolve(cwd, positionals[0]!);
  let grafana: unknown;
  try {
    grafana = JSON.parse(readFileSync(input, 'utf8'));
  } catch (error) {
    stderr(`cannot read ${input} as JSON: ${(error as Error).message}\n`);
    return 1;
  }
  // A dashboard exported "for sharing externally" or from the API wraps the model in `dashboard`.
  const model = (grafana as { dashboard?: unknown }).dashboard ?? grafana;

  let conversion: Conversion;
  try {
    conversion = convertGrafana(model as Parameters<typeof convertGrafana>[0]);
  } catch (error) {
    if (!(error instanceof ConversionError)) throw error;
    for (const line of report(error)) stderr(`${line}\n`);
    stderr(`${input}: ${error.message}\n`);
    return 1;
  }

  const title = conversion.dashboard.title;
  const lines = report(conversion);
  const header = [
    `# Converted from the Grafana dashboard "${title}" (${path.basename(input)}) by npm run import-grafana:`,
    `# ${conversion.converted} panels converted, ${conversion.unsupported.length} not.`,
    ...lines.map((line) => `# ${line}`),
  ].join('\n');
  const text = `${header}\n${toYaml(conversion.file)}`;

  if (values.out === '-') {
    stdout(text);
  } else {
    let dir: string;
    try {
      dir = loadConfig({ PROMETHEUS_URL: 'http://unused', ...env }, cwd).dashboards.dir;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      stderr(`cannot find the dashboards folder: ${error.message}\n`);
      return 2;
    }
    const out = values.out ? path.resolve(cwd, values.out) : path.join(dir, `${slug(title)}.yml`);
    if (existsSync(out) && !values.force) {
      stderr(`${out} exists; choose another --out or add --force\n`);
      return 1;
    }
    writeFileSync(out, text);
    stderr(`wrote ${out}\n`);
  }
  for (const line of lines) stderr(`${line}\n`);
  stderr(`${conversion.converted} panels converted, ${conversion.unsupported.length} not converted\n`);
  return 0;
}
