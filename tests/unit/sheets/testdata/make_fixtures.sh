#!/usr/bin/env bash
# Makes the spreadsheet fixtures with LibreOffice (see README.md). Needs soffice on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# LibreOffice's CSV filter options: separator 59 (;), text delimiter 34 ("), character set
# (76 UTF-8, 1 Windows-1252), first line 1, column formats (column 2, the SIRET, as text so that
# Calc keeps its 14 digits), language 1036 (French: decimal commas).
export HOME="$work"  # a throw-away LibreOffice profile
cp entreprises-source.csv "$work/entreprises.csv"
soffice --headless --infilter="Text - txt - csv (StarCalc):59,34,76,1,2/2,1036" \
  --convert-to "xlsx:Calc MS Excel 2007 XML" --outdir "$work" "$work/entreprises.csv" >/dev/null
cp "$work/entreprises.xlsx" entreprises-libreoffice.xlsx
mkdir "$work/ansi" "$work/utf8"
soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):59,34,1,1" \
  --outdir "$work/ansi" entreprises-libreoffice.xlsx >/dev/null
cp "$work/ansi/entreprises-libreoffice.csv" entreprises-windows-1252.csv
soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):59,34,76,1" \
  --outdir "$work/utf8" entreprises-libreoffice.xlsx >/dev/null
{ printf '\xEF\xBB\xBF'; cat "$work/utf8/entreprises-libreoffice.csv"; } > entreprises-utf8-bom.csv
ls -l entreprises-libreoffice.xlsx entreprises-windows-1252.csv entreprises-utf8-bom.csv
