import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from './packages.ts';

/** Where Debian's packages put the stack's programs. */
export interface Binaries {
  prometheus: string;
  promtool: string;
  alertmanager: string;
  nodeExporter: string;
  postgresExporter: string;
  initdb: string;
  postgres: string;
  pgControldata: string;
  postgresMajor: string;
}

export function findBinaries(): Binaries {
  const postgresMajor = newestPostgres();
  const bin = join('/usr/lib/postgresql', postgresMajor, 'bin');
  const found: Binaries = {
    prometheus: '/usr/bin/prometheus',
    promtool: '/usr/bin/promtool',
    alertmanager: '/usr/bin/prometheus-alertmanager',
    nodeExporter: '/usr/bin/prometheus-node-exporter',
    postgresExporter: '/usr/bin/prometheus-postgres-exporter',
    initdb: join(bin, 'initdb'),
    postgres: join(bin, 'postgres'),
    pgControldata: join(bin, 'pg_controldata'),
    postgresMajor,
  };
  for (const [name, path] of Object.entries(found)) {
    if (name !== 'postgresMajor' && !existsSync(path))
      throw new SetupError(`${path} is missing; reinstall its Debian package.`);
  }
  return found;
}

function newestPostgres(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'postgres')))
    : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new SetupError(`No PostgreSQL server under ${root}; install the Debian package postgresql.`);
  return newest;
}
