import { tokenCommand } from './auth/auth.command.ts';

const { code, stdout, stderr } = tokenCommand(process.argv.slice(2));
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = code;
