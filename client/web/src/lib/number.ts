// Numbers as people type them in France: « 2,5 », « 4 800,50 » (ordinary, no-break or narrow
// no-break spaces between groups of three), « 1.5 », « 1 234,5 ». One parser for every numeric
// field of the web client; the CLI's C++ twin (server/common/number.cpp) follows the same rules
// and both are checked against tests/unit/common/number_cases.json. Pure, no DOM.
//
// Rules: one decimal separator, « , » or « . »; groups of three digits after the first group,
// separated by spaces, never by « . » or « , »; refused as ambiguous: both « , » and « . »
// (« 1.234,5 », « 1,234.5 »), and « . » followed by exactly three digits (« 1.234 » is 1234 in
// some habits and 1,234 in others; coordinates may ask for the dot to be decimal). Anything else (letters, units, « 1e3 ») is refused.

export type NumberError = 'empty' | 'garbage' | 'ambiguous' | 'grouping' | 'negative' | 'too_small' | 'not_integer' | 'too_big';

export interface NumberOptions {
  min?: number;      // default 0: figures, quantities and counts are never negative
  max?: number;      // default 1e12
  integer?: boolean; // a count (tables, minutes, headcount)
  // Coordinates: « -1.677 » is a longitude, never a thousands-dotted -1677.
  dotIsDecimal?: boolean;
}

export type Parsed =
  | { ok: true; value: number; text: string }
  | { ok: false; error: NumberError; fr: string; en: string };

const SPACES = /[ \u00a0\u202f\u2009\t]/;
const MAX = 1e12;

export function formatNumber(value: number, lang: 'fr' | 'en' = 'fr'): string {
  return value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 6 });
}

function fail(error: NumberError, raw: string, extra = ''): Parsed {
  const q = `« ${raw} »`;
  const messages: Record<NumberError, [string, string]> = {
    empty: ['Nombre attendu.', 'A number is expected.'],
    garbage: [`${q} n’est pas un nombre : chiffres et une virgule seulement (ex. 4 800,50).`,
      `${q} is not a number: digits and one decimal comma only (e.g. 4 800,50).`],
    ambiguous: [`${q} est ambigu : écrivez les décimales après une virgule, sans point de milliers (ex. 1 234,5 ou 1,234).`,
      `${q} is ambiguous: write decimals after a comma, with no thousands dot (e.g. 1 234,5 or 1,234).`],
    grouping: [`${q} : les chiffres se groupent par trois (ex. 4 800 ou 1 234 567).`,
      `${q}: digits are grouped by three (e.g. 4 800 or 1 234 567).`],
    negative: [`${q} : un nombre positif est attendu.`, `${q}: a positive number is expected.`],
    too_small: [`${q} : au moins ${extra}.`, `${q}: at least ${extra}.`],
    not_integer: [`${q} : un nombre entier est attendu.`, `${q}: a whole number is expected.`],
    too_big: [`${q} : au plus ${extra}.`, `${q}: at most ${extra}.`],
  };
  const [fr, en] = messages[error];
  return { ok: false, error, fr, en };
}

// Parses what was typed; "" gives { ok: false, error: 'empty' } (callers decide whether empty
// means "not set").
export function parseNumber(raw: string, opts: NumberOptions = {}): Parsed {
  const s = raw.trim();
  if (!s) return fail('empty', raw);
  let body = s;
  let sign = 1;
  if (body[0] === '-' || body[0] === '+' || body[0] === '\u2212') {
    if (body[0] !== '+') sign = -1;
    body = body.slice(1).trimStart();
  }
  if (!/^[0-9 \u00a0\u202f\u2009\t.,]+$/.test(body) || !/[0-9]/.test(body)) return fail('garbage', s);
  const commas = body.split(',').length - 1;
  const dots = body.split('.').length - 1;
  if (commas && dots) return fail('ambiguous', s);
  if (commas > 1 || dots > 1) return fail(commas > 1 ? 'garbage' : 'ambiguous', s);
  const sep = commas ? ',' : dots ? '.' : '';
  const [intPart, frac = ''] = sep ? body.split(sep) : [body];
  if (sep && !/^[0-9]+$/.test(frac)) return fail(SPACES.test(frac) ? 'grouping' : 'garbage', s);
  const groups = intPart.split(SPACES);
  if (groups.some((g) => g === '')) {
    // « ,5 » is 0,5; spaces doubled or at the edges of the integer part are not.
    if (!(groups.length === 1 && sep)) return fail('grouping', s);
  } else if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) {
    return fail('grouping', s);
  }
  const digits = groups.join('');
  // « 1.234 » could be 1234; « 0.125 » or « 1.25 » cannot.
  if (sep === '.' && !opts.dotIsDecimal && frac.length === 3 && groups.length === 1 && /[1-9]/.test(digits)) return fail('ambiguous', s);
  const value = sign * Number(`${digits || '0'}.${frac || '0'}`);
  if (!Number.isFinite(value)) return fail('garbage', s);
  const min = opts.min ?? 0;
  const max = opts.max ?? MAX;
  if (value < min) return min === 0 ? fail('negative', s) : fail('too_small', s, formatNumber(min));
  if (value > max) return fail('too_big', s, formatNumber(max));
  if (opts.integer && !Number.isInteger(value)) return fail('not_integer', s);
  return { ok: true, value: value === 0 ? 0 : value, text: formatNumber(value) };
}
