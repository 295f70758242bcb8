#!/usr/bin/env bash
# Re-saves a few generated unit workbooks with LibreOffice (as .xls, .ods and .xlsx), so the tests
# read files another program wrote. The results are small and committed under
# test/fixtures/files/libreoffice/, with expected.json (keyed by base name: `08001-xa-tam-duong`
# covers .xls, .ods and .xlsx).
#
# Needs LibreOffice, which this script does not install:
#   apt-get update && apt-get install -y libreoffice-calc-nogui
# Run from anywhere: scripts/make-libreoffice-fixtures.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/test/fixtures/files/libreoffice"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice not found: apt-get install -y libreoffice-calc-nogui" >&2
  exit 1
fi

cd "$root"
npx tsx test/fixtures/generator/write-libreoffice-sources.ts "$work/src" "$work/expected.json"

mkdir -p "$out"
rm -f "$out"/*.xls "$out"/*.ods "$out"/*.xlsx
profile="file://$work/profile"
for fmt in xls ods xlsx; do
  case "$fmt" in
    xls) filter='xls:MS Excel 97' ;;
    ods) filter='ods' ;;
    xlsx) filter='xlsx:Calc MS Excel 2007 XML' ;;
  esac
  mkdir -p "$work/$fmt"
  soffice -env:UserInstallation="$profile" --headless --calc --convert-to "$filter" --outdir "$work/$fmt" "$work"/src/*.xlsx >/dev/null
  cp "$work/$fmt"/*."$fmt" "$out/"
done
cp "$work/expected.json" "$out/expected.json"

for f in "$out"/*; do
  size=$(stat -c %s "$f")
  if [ "$size" -gt 102400 ]; then
    echo "too big for the repository: $f ($size bytes)" >&2
    exit 1
  fi
done
ls -l "$out"
