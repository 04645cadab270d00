// Unit tests of the web client's number parser (client/web/src/lib/number.ts), run by node on
// the TypeScript bundled with esbuild; the cases are shared with the C++ parser's test
// (tests/unit/common/number_cases.json), so both read « 4 800,50 » the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'client/web/package.json'));
const esbuild = require('esbuild');

let num;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-num-'));
  const out = join(dir, 'number.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'client/web/src/lib/number.ts')],
    bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning',
  });
  num = await import(pathToFileURL(out).href);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the shared cases', () => {
  const { cases } = JSON.parse(readFileSync(join(root, 'tests/unit/common/number_cases.json'), 'utf8'));
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const opts = { min: c.min, integer: c.integer, dotIsDecimal: c.dotIsDecimal };
    const p = num.parseNumber(c.in, opts);
    if ('value' in c) {
      assert.equal(p.ok, true, `${JSON.stringify(c.in)}: ${p.fr}`);
      assert.equal(p.value, c.value, JSON.stringify(c.in));
    } else {
      assert.equal(p.ok, false, `${JSON.stringify(c.in)} read as ${p.value}`);
      assert.equal(p.error, c.error, JSON.stringify(c.in));
      assert.ok(p.fr.length > 5 && p.en.length > 5);
    }
  }
});

test('echo is formatted fr-FR, with a narrow no-break space between groups', () => {
  const p = num.parseNumber('4800,50');
  assert.equal(p.ok, true);
  assert.equal(p.text, '4\u202f800,5');
  assert.equal(num.parseNumber('2,5').text, '2,5');
  assert.equal(num.formatNumber(1234.5, 'en'), '1,234.5');
});

test('refusals are French first and quote what was typed', () => {
  const p = num.parseNumber('1.234,5');
  assert.equal(p.ok, false);
  assert.match(p.fr, /« 1\.234,5 » est ambigu/);
  assert.match(num.parseNumber('12 t').fr, /n’est pas un nombre/);
  assert.match(num.parseNumber('-4').fr, /positif/);
  assert.match(num.parseNumber('0', { min: 1 }).fr, /au moins 1/);
});
