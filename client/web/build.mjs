// Builds the web client into static files that atelier-server serves:
// 1. generates the protocol's TypeScript from proto/ (protoc + protoc-gen-es),
// 2. type-checks, 3. bundles each page with esbuild, 4. copies static files.
// Usage: node build.mjs [--out DIR] [--gen-only]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : join(here, 'dist'));

const gen = join(here, 'src/gen');
rmSync(gen, { recursive: true, force: true });
mkdirSync(gen, { recursive: true });
execFileSync('protoc', [
  `--plugin=protoc-gen-es=${join(here, 'node_modules/.bin/protoc-gen-es')}`,
  `--es_out=${gen}`,
  '--es_opt=target=ts,import_extension=none',
  `-I${join(root, 'proto')}`,
  join(root, 'proto/atelier/v1/atelier.proto'),
], { stdio: 'inherit' });
if (args.includes('--gen-only')) process.exit(0);

execFileSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', here],
  { stdio: 'inherit' });

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const pages = ['index', 'tablet', 'board', 'console', 'replay', 'followup', 'report', 'admin'].filter((p) => existsSync(join(here, `src/${p}.ts`)));
await esbuild.build({
  entryPoints: pages.map((p) => join(here, `src/${p}.ts`)),
  bundle: true,
  format: 'esm',
  target: ['es2020', 'safari14'],
  minify: true,
  sourcemap: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outdir: out,
  logLevel: 'warning',
});
cpSync(join(here, 'static'), out, { recursive: true });

// The service worker: the app shell (pages, scripts, styles) under a version
// that changes with any of their bytes.
const shell = [];
const hash = createHash('sha256');
const walk = (dir, prefix) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
    else if (!e.name.endsWith('.map') && e.name !== 'sw.js' && !e.name.startsWith('.')) {
      shell.push(`/${prefix}${e.name}`);
      hash.update(e.name).update(readFileSync(join(dir, e.name)));
    }
  }
};
walk(out, '');
writeFileSync(join(out, 'sw.js'), `const SHELL = ${JSON.stringify(shell)};\nconst VERSION = '${hash.digest('hex').slice(0, 16)}';\n${readFileSync(join(here, 'sw.js'), 'utf8')}`);
console.log(`web client built into ${out} (${pages.join(', ')})`);
