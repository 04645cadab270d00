// Unit tests of the console's CSV import (client/web/src/lib/csv.ts), run by
// node on the TypeScript bundled with the project's esbuild: no browser needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'client/web/package.json'));
const esbuild = require('esbuild');

let csv;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-csv-'));
  const out = join(dir, 'csv.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'client/web/src/lib/csv.ts')],
    bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning',
  });
  csv = await import(pathToFileURL(out).href);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const BOM = '\ufeff';
const HEADER = 'Nom;SIRET;Code NAF;Zone;Adresse;Latitude;Longitude;Effectif;ESS;Contact;N° de table';

test('parses French Excel output: BOM, semicolons, CRLF, quotes, decimal commas', () => {
  const text = BOM + [
    HEADER,
    'Menuiserie Ferrand;123 456 789 00012;16.23Z;ZA des Landes;"12 rue du Bois; bât. B";48,1173;-1,6778;12;non;"Jean ""Jeannot"" Ferrand";2',
    'Ressourcerie du Parc;;;ZA des Landes;;;;8;oui;;1',
    ';;;;;;;;;;', // Excel's trailing empty line
    '',
  ].join('\r\n');
  const p = csv.previewImport(text, { tables: 4 });
  assert.deepEqual(p.errors, []);
  assert.equal(p.delimiter, ';');
  assert.equal(p.companies.length, 2);
  assert.deepEqual(p.lines, [2, 3]);
  const [a, b] = p.companies;
  assert.equal(a.name, 'Menuiserie Ferrand');
  assert.equal(a.siret, '12345678900012');
  assert.equal(a.naf, '16.23Z');
  assert.equal(a.address, '12 rue du Bois; bât. B');
  assert.equal(a.hasLocation, true);
  assert.equal(a.lat, 48.1173);
  assert.equal(a.lon, -1.6778);
  assert.equal(a.headcount, 12);
  assert.equal(a.ess, false);
  assert.equal(a.contact, 'Jean "Jeannot" Ferrand');
  assert.equal(a.table, 2);
  assert.equal(b.ess, true);
  assert.equal(b.hasLocation, false);
});

test('a quoted line break counts in the line numbers', () => {
  const text = 'nom;adresse\n"A";"1 rue\nsuite"\n"";x\n';
  const p = csv.previewImport(text, { tables: 1 });
  assert.deepEqual(p.lines, [2, 4]);
  assert.deepEqual(p.errors.map((e) => [e.line, e.field]), [[4, 'name']]);
});

test('reports every bad line with its file line number', () => {
  const text = BOM + [
    'nom;siret;lat;lon;table;ess',
    'A;12345678900012;48,1;-1,6;1;non',
    ';;;;;',
    ';12345678900099;;;2;',
    'B;12345678900012;;;2;oui',
    'C;1234;;;9;peut-être',
    'D;;48,1;;;',
  ].join('\r\n');
  const p = csv.previewImport(text, { tables: 4 });
  const got = p.errors.map((e) => [e.line, e.field]);
  assert.deepEqual(got, [
    [4, 'name'],
    [5, 'siret'],
    [6, 'table'],
    [6, 'ess'],
    [6, 'siret'],
    [7, 'lon'],
  ]);
  assert.match(p.errors.find((e) => e.line === 5).message, /double \(déjà ligne 2\)/);
});

test('SIRET already in the workshop is refused', () => {
  const p = csv.previewImport('nom;siret\nA;12345678900012\n', {
    tables: 1, existingSirets: new Map([['12345678900012', 'Acme']]),
  });
  assert.equal(p.errors.length, 1);
  assert.match(p.errors[0].message, /Acme/);
});

test('a comma file is accepted only when unambiguous', () => {
  const ok = csv.previewImport('name,siret,table\nAcme,,1\n"Bravo, SA",,2\n', { tables: 2 });
  assert.deepEqual(ok.errors, []);
  assert.equal(ok.delimiter, ',');
  assert.deepEqual(ok.companies.map((c) => c.name), ['Acme', 'Bravo, SA']);
  // A decimal comma shifts the columns: wrong separator, nothing taken.
  const bad = csv.previewImport('nom,lat,lon\nAcme,48,1,-1,6\n', { tables: 1 });
  assert.equal(bad.companies.length, 0);
  assert.match(bad.errors[0].message, /Mauvais séparateur/);
  assert.equal(bad.errors[0].line, 1);
  const tabs = csv.previewImport('nom\tsiret\nAcme\t\n', { tables: 1 });
  assert.match(tabs.errors[0].message, /Mauvais séparateur/);
});

test('headers with accents and case variants are recognised', () => {
  assert.equal(csv.columnFor('Raison sociale'), 'name');
  assert.equal(csv.columnFor('  EFFECTIF '), 'headcount');
  assert.equal(csv.columnFor('Zone d’activités'), 'zone');
  assert.equal(csv.columnFor('Économie sociale et solidaire'), 'ess');
  assert.equal(csv.columnFor('N° Table'), 'table');
  assert.equal(csv.columnFor('Longitude'), 'lon');
  assert.equal(csv.columnFor('couleur préférée'), null);
  const p = csv.previewImport('couleur;NOM\nbleu;Acme\n', { tables: 1 });
  assert.deepEqual(p.unknownColumns, ['couleur']);
  assert.equal(p.companies[0].name, 'Acme');
});

test('a file without a name column says so', () => {
  const p = csv.previewImport('siret;zone\n1;2\n', { tables: 1 });
  assert.equal(p.companies.length, 0);
  assert.match(p.errors[0].message, /Colonne « nom »/);
});

test('server entry numbers map back to file lines', () => {
  const mapped = csv.mapServerErrors([{ line: 2, field: 'siret', message: 'x' }, { line: 0, field: '', message: 'y' }], [2, 5, 9]);
  assert.deepEqual(mapped.map((e) => e.line), [5, 0]);
});

test('decimals and yes/no', () => {
  assert.equal(csv.parseDecimal('1 234,5'), 1234.5);
  assert.equal(csv.parseDecimal(''), null);
  assert.ok(Number.isNaN(csv.parseDecimal('12 km')));
  assert.equal(csv.parseYesNo('Oui'), true);
  assert.equal(csv.parseYesNo('X'), true);
  assert.equal(csv.parseYesNo(''), false);
  assert.equal(csv.parseYesNo('bof'), null);
});
