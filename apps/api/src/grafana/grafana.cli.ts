import { importGrafana } from './grafana.import.ts';

process.exitCode = importGrafana(process.argv.slice(2), {
  // npm runs scripts from the repository root; a relative path means the caller's directory.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
