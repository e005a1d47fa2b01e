// Production build of a Node service: one ESM bundle with the workspace's own packages
// (@promwall/*, shipped as TypeScript source) inlined and every registry dependency left
// external, so node_modules stays the single copy of third-party code.
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: buildNode.mjs <entry.ts> <outfile.js>');
  process.exit(2);
}

const externalRegistryPackages = {
  name: 'external-registry-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@promwall/') ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [externalRegistryPackages],
});
