// The tree's one naming style (docs/ARCHITECTURE.md): folders kebab-case; modules camelCase,
// React components PascalCase (.tsx); a role or kind after a dot (`summary.service.ts`,
// `tv.spec.ts`, `api.integration.test.ts`). Run by `npm run lint`.
import { execFileSync } from 'node:child_process';

const CODE = /\.(ts|tsx|mjs|js)$/;
const FOLDER = /^(\.?[a-z0-9][a-z0-9-]*)$/;
const MODULE = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*\.(ts|mjs|js)$/;
const COMPONENT = /^[A-Za-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*\.tsx$/;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const problems = [];
for (const file of files) {
  const parts = file.split('/');
  const name = parts.pop();
  for (const folder of parts) {
    if (!FOLDER.test(folder)) problems.push(`${file}: folder ${folder} is not kebab-case`);
  }
  if (!CODE.test(name)) continue;
  const ok = name.endsWith('.tsx') ? COMPONENT.test(name) : MODULE.test(name);
  if (!ok) problems.push(`${file}: ${name} is not camelCase (modules) or PascalCase (components)`);
}
for (const problem of [...new Set(problems)]) console.error(problem);
process.exit(problems.length > 0 ? 1 : 0);
