// Company import from a spreadsheet export, parsed in the browser so that the
// facilitator sees a preview and every error with its line in the file before
// anything is sent. Pure functions (no DOM): tests run them under node.
//
// What French Excel writes with "CSV UTF-8 (délimité par des points-virgules)":
// a UTF-8 BOM, `;` between fields, CRLF, fields quoted with " when they hold a
// `;`, a quote or a line break, and decimal commas ("48,1173"). A `,` file
// (LibreOffice, Google Sheets) is accepted only when every line splits into as
// many fields as the header: otherwise a decimal comma would shift columns.

import { parseNumber } from './number';

export interface CompanyDraft {
  name: string;
  siret: string;
  naf: string;
  zone: string;
  address: string;
  hasLocation: boolean;
  lat: number;
  lon: number;
  headcount: number;
  ess: boolean;
  contact: string;
  table: number;
}

export interface LineError {
  line: number; // line of the file (the header is line 1); 0: the whole file
  field: string; // a CompanyDraft key, or '' for the whole line
  message: string; // French
}

export interface ParsedCsv {
  delimiter: string;
  records: string[][];
  lines: number[]; // the file line on which each record starts
}

export interface ImportPreview {
  delimiter: string;
  columns: (keyof CompanyDraft | null)[]; // what each header column was taken for
  headers: string[];
  unknownColumns: string[];
  companies: CompanyDraft[];
  lines: number[]; // companies[i] comes from file line lines[i]
  errors: LineError[];
}

export interface ImportContext {
  tables: number; // the workshop's number of tables
  existingSirets?: Map<string, string>; // SIRET -> company name already in the workshop
}

export const MAX_IMPORT_ROWS = 2000;

// Splits `text` into records. Quotes may hold delimiters and line breaks; ""
// inside quotes is one quote. CRLF, LF and lone CR all end a line.
export function parseCsv(text: string, delimiter: string): ParsedCsv {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records: string[][] = [];
  const lines: number[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      lines.push(start);
      record = [];
      field = '';
      atFieldStart = true;
      line++;
      start = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
    lines.push(start);
  }
  return { delimiter, records, lines };
}

// Lower case, no accents, letters and digits only: "N° de Table" -> "ndetable".
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const ALIASES: Record<keyof CompanyDraft, string[]> = {
  name: ['nom', 'name', 'entreprise', 'societe', 'raisonsociale', 'company', 'denomination', 'nomentreprise', 'structure'],
  siret: ['siret', 'nsiret', 'numerosiret'],
  naf: ['naf', 'codenaf', 'ape', 'codeape', 'nafape', 'activite'],
  zone: ['zone', 'parc', 'zoneactivite', 'zonedactivite', 'zonedactivites', 'parcdactivites', 'parcdactivite', 'za', 'zi', 'businesspark'],
  address: ['adresse', 'address', 'adressepostale'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'lng', 'long', 'longitude'],
  headcount: ['effectif', 'effectifs', 'salaries', 'nbsalaries', 'headcount', 'employees'],
  ess: ['ess', 'economiesocialeetsolidaire', 'structureess'],
  contact: ['contact', 'email', 'mail', 'courriel', 'referent', 'telephone'],
  table: ['table', 'ntable', 'numerotable', 'numerodetable', 'ndetable'],
  hasLocation: [],
};

export function columnFor(header: string): keyof CompanyDraft | null {
  const n = normalizeHeader(header);
  if (!n) return null;
  for (const [key, names] of Object.entries(ALIASES) as [keyof CompanyDraft, string[]][]) {
    if (names.includes(n)) return key;
  }
  return null;
}

function firstLine(text: string): string {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // The header has no quoted line breaks in practice; quotes are kept out of counts below.
  const end = text.search(/\r\n|\n|\r/);
  return end < 0 ? text : text.slice(0, end);
}

function countOutsideQuotes(s: string, ch: string): number {
  let n = 0;
  let q = false;
  for (const c of s) {
    if (c === '"') q = !q;
    else if (c === ch && !q) n++;
  }
  return n;
}

// Picks the delimiter: `;` when the header has one; `,` only when no line has
// more or fewer fields than the header. Returns an error message otherwise.
export function detectDelimiter(text: string): { delimiter: string } | { error: string } {
  const header = firstLine(text);
  const semi = countOutsideQuotes(header, ';');
  const comma = countOutsideQuotes(header, ',');
  const tab = countOutsideQuotes(header, '\t');
  if (semi > 0) return { delimiter: ';' };
  if (comma > 0) {
    const parsed = parseCsv(text, ',');
    const width = parsed.records[0]?.length ?? 0;
    const bad = parsed.records.findIndex((r, i) => i > 0 && !isBlank(r) && r.length !== width);
    if (bad < 0) return { delimiter: ',' };
    return {
      error: `Mauvais séparateur : la ligne ${parsed.lines[bad]} n'a pas autant de colonnes que l'en-tête. ` +
        'Enregistrez le fichier en « CSV UTF-8 (délimité par des points-virgules) ».',
    };
  }
  if (tab > 0 || /[|]/.test(header)) {
    return {
      error: 'Mauvais séparateur : points-virgules attendus. ' +
        'Enregistrez le fichier en « CSV UTF-8 (délimité par des points-virgules) ».',
    };
  }
  // One column: only acceptable when it is the name.
  if (columnFor(header.replace(/"/g, '')) === 'name') return { delimiter: ';' };
  return {
    error: 'Mauvais séparateur : points-virgules attendus, et une colonne « nom » au moins.',
  };
}

function isBlank(r: string[]): boolean {
  return r.every((f) => f.trim() === '');
}

// "48,1173" or "48.1173" -> 48.1173; "" -> null; garbage -> NaN. The one parser of numbers
// (lib/number.ts), signed; callers check their ranges.
export function parseDecimal(s: string, coordinate = false): number | null {
  const p = parseNumber(s, { min: -1e12, dotIsDecimal: coordinate });
  if (p.ok) return p.value;
  return p.error === 'empty' ? null : NaN;
}

export function parseYesNo(s: string): boolean | null {
  const n = normalizeHeader(s);
  if (['', 'non', 'no', 'n', '0', 'faux', 'false'].includes(n)) return false;
  if (['oui', 'yes', 'o', 'y', '1', 'x', 'vrai', 'true', 'ess'].includes(n)) return true;
  return null;
}

function emptyCompany(): CompanyDraft {
  return {
    name: '', siret: '', naf: '', zone: '', address: '', hasLocation: false, lat: 0, lon: 0,
    headcount: 0, ess: false, contact: '', table: 0,
  };
}

// The whole import: delimiter, header mapping, one company per non-blank line,
// and every error with its file line. Nothing is sent while errors remain.
export function previewImport(text: string, ctx: ImportContext): ImportPreview {
  const out: ImportPreview = {
    delimiter: ';', columns: [], headers: [], unknownColumns: [], companies: [], lines: [], errors: [],
  };
  if (!text.replace(/^\ufeff/, '').trim()) {
    out.errors.push({ line: 0, field: '', message: 'Fichier vide.' });
    return out;
  }
  const d = detectDelimiter(text);
  if ('error' in d) {
    out.errors.push({ line: 1, field: '', message: d.error });
    return out;
  }
  out.delimiter = d.delimiter;
  const parsed = parseCsv(text, d.delimiter);
  out.headers = parsed.records[0].map((x) => x.trim());
  const used = new Set<string>();
  out.columns = out.headers.map((hd) => {
    const c = columnFor(hd);
    if (c && used.has(c)) return null; // the first column of a kind wins
    if (c) used.add(c);
    else if (hd) out.unknownColumns.push(hd);
    return c;
  });
  if (!used.has('name')) {
    out.errors.push({
      line: 1, field: 'name',
      message: 'Colonne « nom » introuvable dans l’en-tête (nom;siret;naf;zone;adresse;lat;lon;effectif;ess;contact;table).',
    });
    return out;
  }
  const sirets = new Map<string, number>();
  const tables = Math.max(1, ctx.tables);
  const rows = parsed.records.length - 1;
  if (rows > MAX_IMPORT_ROWS) {
    out.errors.push({ line: 0, field: '', message: `${MAX_IMPORT_ROWS} entreprises au plus par import.` });
    return out;
  }
  for (let r = 1; r < parsed.records.length; r++) {
    const rec = parsed.records[r];
    const line = parsed.lines[r];
    if (isBlank(rec)) continue;
    const fail = (field: string, message: string) => out.errors.push({ line, field, message });
    if (rec.length > out.headers.length && rec.slice(out.headers.length).some((f) => f.trim())) {
      fail('', `${rec.length} colonnes au lieu de ${out.headers.length} : un « ${d.delimiter} » de trop ?`);
    }
    const c = emptyCompany();
    let lat: number | null = null;
    let lon: number | null = null;
    out.columns.forEach((col, i) => {
      if (!col) return;
      const v = (rec[i] ?? '').trim();
      switch (col) {
        case 'name':
        case 'naf':
        case 'zone':
        case 'address':
        case 'contact':
          c[col] = v;
          break;
        case 'siret':
          c.siret = v;
          break;
        case 'lat':
          lat = parseDecimal(v, true);
          break;
        case 'lon':
          lon = parseDecimal(v, true);
          break;
        case 'headcount': {
          const n = parseDecimal(v);
          if (n === null) break;
          if (Number.isNaN(n) || n < 0 || !Number.isInteger(n)) fail('headcount', `Effectif invalide : « ${v} » (un nombre entier).`);
          else c.headcount = n;
          break;
        }
        case 'ess': {
          const b = parseYesNo(v);
          if (b === null) fail('ess', `ESS : « ${v} » ? (oui ou non)`);
          else c.ess = b;
          break;
        }
        case 'table': {
          const n = parseDecimal(v);
          if (n === null) break;
          if (Number.isNaN(n) || !Number.isInteger(n) || n < 0 || n > tables) {
            fail('table', `Table « ${v} » hors de l'atelier (1 à ${tables}).`);
          } else c.table = n;
          break;
        }
        default:
          break;
      }
    });
    if (!c.name) fail('name', 'Nom d’entreprise manquant.');
    else if (new TextEncoder().encode(c.name).length > 200) fail('name', 'Nom trop long (200 octets au plus).');
    if (c.siret) {
      const digits = c.siret.replace(/[\s.\u00a0\u202f]/g, '');
      if (!/^\d{14}$/.test(digits)) {
        fail('siret', `SIRET invalide : « ${c.siret} » (14 chiffres attendus).`);
      } else {
        c.siret = digits;
        const seen = sirets.get(digits);
        const existing = ctx.existingSirets?.get(digits);
        if (seen !== undefined) fail('siret', `SIRET en double (déjà ligne ${seen}).`);
        else if (existing !== undefined) fail('siret', `SIRET déjà utilisé par « ${existing} ».`);
        else sirets.set(digits, line);
      }
    }
    const la = lat as number | null;
    const lo = lon as number | null;
    if (la !== null || lo !== null) {
      if (la === null || lo === null) fail(la === null ? 'lat' : 'lon', 'Latitude et longitude vont ensemble.');
      else if (Number.isNaN(la) || Math.abs(la) > 90) fail('lat', 'Latitude invalide (nombre entre -90 et 90, virgule décimale acceptée).');
      else if (Number.isNaN(lo) || Math.abs(lo) > 180) fail('lon', 'Longitude invalide (nombre entre -180 et 180).');
      else {
        c.hasLocation = true;
        c.lat = la;
        c.lon = lo;
      }
    }
    out.companies.push(c);
    out.lines.push(line);
  }
  if (out.companies.length === 0 && out.errors.length === 0) {
    out.errors.push({ line: 0, field: '', message: 'Aucune entreprise dans le fichier.' });
  }
  return out;
}

// The server numbers import entries from 1 in the order sent; the file's
// lines are what the facilitator can find in the spreadsheet.
export function mapServerErrors(
  details: { line: number; field: string; message: string }[],
  lines: number[],
): LineError[] {
  return details.map((d) => ({
    line: d.line >= 1 && d.line <= lines.length ? lines[d.line - 1] : 0,
    field: d.field,
    message: d.message,
  }));
}
