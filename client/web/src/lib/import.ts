// The company import as the server reads it (server/sheets): the console uploads the file as
// it is and shows the preview the server sends back; nothing is imported until the
// facilitator confirms, with a choice for the companies already in the workshop. The rules
// (encodings, separators, header names, checks) live on the server only, shared with the CLI.

export interface PreviewColumn {
  header: string;
  letter: string;
  field: string; // '' unknown, 'ignore' known but not imported
  label: string;
}

export interface PreviewCompany {
  line: number;
  name: string;
  siret: string;
  naf: string;
  zone: string;
  address: string;
  lat: number | null;
  lon: number | null;
  headcount: number;
  ess: boolean;
  contact: string;
  table: number;
  duplicate?: { id: string; name: string; by: string };
}

export interface PreviewError {
  line: number;
  column: string;
  field: string;
  cell: string;
  value: string;
  message: string;
  text: string;
}

export interface ImportPreview {
  format: 'csv' | 'xlsx' | 'json';
  description: string;
  encoding: string;
  separator: string;
  line_ending: string;
  sheet: string;
  sheets: string[];
  columns: PreviewColumn[];
  unknown_columns: string[];
  ignored_columns: string[];
  companies: PreviewCompany[];
  duplicates: number;
  errors: PreviewError[];
  // After a confirmation:
  error?: string;
  details?: { line: number; field: string; message: string }[];
  added?: number;
  updated?: number;
  skipped?: number;
}

export type DuplicateChoice = 'maj' | 'ignorer' | 'ajouter';

// Sends the file's bytes; `confirm` imports (when the file has no error).
export async function postImport(
  token: string, bytes: ArrayBuffer,
  opts: { sheet?: string; confirm?: boolean; duplicates?: DuplicateChoice } = {},
): Promise<{ status: number; preview: ImportPreview }> {
  const q = new URLSearchParams();
  if (opts.sheet) q.set('feuille', opts.sheet);
  if (opts.confirm) q.set('confirmer', '1');
  if (opts.duplicates) q.set('doublons', opts.duplicates);
  const res = await fetch(`/api/import/companies?${q}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body: bytes,
  });
  const data = (await res.json()) as ImportPreview & { error?: string };
  if (!Array.isArray(data.companies)) {
    // An error before any preview (token, body too large).
    return {
      status: res.status,
      preview: {
        format: 'csv', description: '', encoding: '', separator: '', line_ending: '', sheet: '', sheets: [],
        columns: [], unknown_columns: [], ignored_columns: [], companies: [], duplicates: 0,
        errors: [{ line: 0, column: '', field: '', cell: '', value: '', message: data.error ?? `Erreur ${res.status}`, text: data.error ?? '' }],
      },
    };
  }
  return { status: res.status, preview: data };
}
