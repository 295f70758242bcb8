#!/usr/bin/env bash
# Saves a unit's workbook as .xls with LibreOffice three ways: with Excel's built-in password
# ("VelvetSweatshop", which Excel uses for a workbook only protected against changes and opens without
# asking), with a password of its own, and plain; the tests read the first as the third and refuse the
# second. LibreOffice encrypts with RC4 (Office 97/2000 compatible). And as an .ods with a password
# (AES), which the tests call password-protected. The results are small and committed under
# test/fixtures/files/encrypted/.
#
# Needs LibreOffice (apt-get install -y libreoffice-calc-nogui). Run from anywhere.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/test/fixtures/files/encrypted"
source="$root/test/fixtures/files/libreoffice/08001-xa-tam-duong.xlsx"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice not found: apt-get install -y libreoffice-calc-nogui" >&2
  exit 1
fi

# a password cannot be given to --convert-to: a Basic macro in a profile of our own saves with one
# (the profile made by a first run, which does not run macros, then given the macro)
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to csv --outdir "$work" "$source" >/dev/null 2>&1
basic="$work/profile/user/basic"
mkdir -p "$basic/Standard"
for kind in script dialog; do
  cat >"$basic/$kind.xlc" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
XML
done
cat >"$basic/Standard/script.xlb" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
XML
cat >"$basic/Standard/dialog.xlb" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false"/>
XML
cat >"$basic/Standard/Module1.xba" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub SaveAs(src As String, dst As String, filter As String, pwd As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
  If pwd = &quot;&quot; Then
    Dim plain(0) As New com.sun.star.beans.PropertyValue
    plain(0).Name = &quot;FilterName&quot;
    plain(0).Value = filter
    doc.storeToURL(ConvertToURL(dst), plain())
  Else
    Dim out(1) As New com.sun.star.beans.PropertyValue
    out(0).Name = &quot;FilterName&quot;
    out(0).Value = filter
    out(1).Name = &quot;Password&quot;
    out(1).Value = pwd
    doc.storeToURL(ConvertToURL(dst), out())
  End If
  doc.close(True)
End Sub
</script:module>
XML

mkdir -p "$out"
save() {
  soffice -env:UserInstallation="file://$work/profile" --headless \
    "macro:///Standard.Module1.SaveAs(\"$source\",\"$out/$1\",\"$2\",\"$3\")" >/dev/null 2>&1
  test -s "$out/$1" || { echo "LibreOffice did not write $1" >&2; exit 1; }
}
rm -f "$out"/*.xls "$out"/*.ods
save 08001-xa-tam-duong.plain.xls 'MS Excel 97' ''
save 08001-xa-tam-duong.velvet-sweatshop.xls 'MS Excel 97' VelvetSweatshop
save 08001-xa-tam-duong.own-password.xls 'MS Excel 97' 'mat-khau-rieng'
save 08001-xa-tam-duong.own-password.ods calc8 'mat-khau-rieng'
ls -l "$out"
