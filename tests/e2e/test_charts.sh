#!/usr/bin/env bash
# Native charts (docs/charts.md). The sample bc-huyen-dong-thach-2024 asks
# the shipped BÁO CÁO templates for a chart of each group's share of met
# indicators ({"bieu_do": "*"}); a template of one's own draws a group's
# indicators against their targets with the bieu_do filter. Asserted from
# the packages (the chart part against the DrawingML chart schema, its
# relationship and content type; the ODF chart object against the ODF
# schema and its manifest entries; categories, cached values equal to the
# model's rates, the Vietnamese number formats), from LibreOffice (the PDF
# shows the labels and "80,0%"; a DOCX saved as ODT by LibreOffice holds a
# chart object), same data → same bytes, and through the refusals.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
DT="$S/bc-huyen-dong-thach-2024.json"
OOXML="$VB_SHARED/schemas/ooxml/ISO-IEC29500-4_2016"
ODF_RNG="$VB_SHARED/schemas/odf/OpenDocument-v1.3-schema.rng"
cd "$WORK"

# --- the model's rates, printed by a template of one's own -----------------------
mkdocx "$WORK/rates.docx" "$(wp '{% for g in nhom_chi_tieu %}[{{ g.ten }}={{ g.ty_le_dat }}]{% endfor %}')"
vb render "$DT" -t rates.docx -o rates-out.docx --no-marks
assert_rc "render the groups' rates" 0
rates=$(part rates-out.docx word/document.xml | grep -o '\[[^]]*=[^]]*\]' | tr -d '[]')
assert_eq "three groups" "$(printf '%s\n' "$rates" | wc -l)" 3
# name<TAB>fraction as the chart stores it<TAB>the label as LibreOffice prints it (58,6%)
expect=$(printf '%s\n' "$rates" | python3 -c '
import sys
for line in sys.stdin:
    name, rate = line.rstrip("\n").rsplit("=", 1)
    r = float(rate.replace(",", "."))
    print("%s\t%s\t%s%%" % (name, "%.15g" % (r / 100), ("%.1f" % r).replace(".", ",")))')
names=$(printf '%s\n' "$expect" | cut -f1)
fracs=$(printf '%s\n' "$expect" | cut -f2)
labels=$(printf '%s\n' "$expect" | cut -f3)

# --- the shipped templates -----------------------------------------------------------
for ext in docx odt; do
  vb render "$DT" -o "dt.$ext"
  assert_rc "render the sample with its chart ($ext)" 0
  check "$ext passes check-$ext --strict" "$TOOLS/check-$ext" --strict "dt.$ext"
  check "$ext converts with LibreOffice" "$TOOLS/render-pdf" "dt.$ext" "pdf-$ext" >/dev/null
  vb render "$DT" -o "again.$ext"
  check "$ext: the same data gives the same bytes" cmp -s "dt.$ext" "again.$ext"
done

# DOCX: the chart part, its relationship and content type, its data.
entries=$(unzip -Z1 dt.docx)
assert_contains "$entries" "word/charts/vb-chart1.xml" "DOCX: a chart part"
chart=$(part dt.docx word/charts/vb-chart1.xml)
printf '%s' "$chart" >chart1.xml
check "DOCX: the chart part is valid against the DrawingML chart schema" \
  xmllint --noout --schema "$OOXML/dml-chart.xsd" chart1.xml
assert_contains "$(part dt.docx word/_rels/document.xml.rels)" \
  'relationships/chart" Target="charts/vb-chart1.xml"' "DOCX: the document relates the chart"
assert_contains "$(part dt.docx '\[Content_Types\].xml')" \
  '<Override PartName="/word/charts/vb-chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' \
  "DOCX: the chart's content type"
doc=$(part dt.docx word/document.xml)
assert_count "DOCX: one chart drawing in the body" "$doc" "<c:chart " 1
assert_contains "$doc" '<wp:extent cx="5760000" cy="2880000"/>' "DOCX: 160 mm × 80 mm"
xp() { xmllint --xpath "$1" chart1.xml 2>/dev/null | sed 's/<[^>]*>/\n/g' | sed '/^$/d'; }
cats=$(xp '//*[local-name()="barChart"]/*[local-name()="ser"]/*[local-name()="cat"]//*[local-name()="v"]')
vals=$(xp '//*[local-name()="barChart"]/*[local-name()="ser"]/*[local-name()="val"]//*[local-name()="v"]')
assert_eq "DOCX: the categories are the groups' names, in order" "$cats" "$names"
assert_eq "DOCX: the cached values are the model's rates (as fractions)" "$vals" "$fracs"
assert_contains "$chart" '<c:formatCode>[$-42A]0.0%</c:formatCode>' "DOCX: values in Vietnamese, one decimal"
assert_contains "$chart" '<c:numFmt formatCode="[$-42A]0%" sourceLinked="0"/>' "DOCX: the axis in Vietnamese percent"
assert_contains "$chart" '<a:t>Tỷ lệ chỉ tiêu đạt theo nhóm năm 2024</a:t>' "DOCX: the title from the data"
assert_contains "$chart" '<c:lang val="vi-VN"/>' "DOCX: the chart's language"

# ODT: the chart object, its manifest entries, its data.
entries=$(unzip -Z1 dt.odt)
assert_contains "$entries" "Object 1/content.xml" "ODT: a chart object"
mf=$(part dt.odt META-INF/manifest.xml)
assert_contains "$mf" 'manifest:full-path="Object 1/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.chart"' \
  "ODT: the manifest names the object as a chart"
assert_contains "$mf" 'manifest:full-path="Object 1/content.xml" manifest:media-type="text/xml"' "ODT: and its content"
assert_contains "$mf" 'manifest:full-path="Object 1/styles.xml" manifest:media-type="text/xml"' "ODT: and its styles"
unzip -q -o dt.odt 'Object 1/*' -d odt-obj
check "ODT: the chart's content is valid against the ODF 1.3 schema" \
  xmllint --noout --relaxng "$ODF_RNG" "odt-obj/Object 1/content.xml" "odt-obj/Object 1/styles.xml"
assert_contains "$(part dt.odt content.xml)" '<draw:object xlink:href="./Object 1"' "ODT: the frame embeds the object"
obj=$(cat "odt-obj/Object 1/content.xml")
ovals=$(printf '%s' "$obj" | grep -o 'office:value="[^"]*"' | cut -d'"' -f2)
assert_eq "ODT: the chart's table holds the model's rates" "$ovals" "$fracs"
ocats=$(printf '%s' "$obj" | grep -o '<table:table-rows>.*' | grep -o '<table:table-row><table:table-cell office:value-type="string"><text:p>[^<]*' | sed 's/.*<text:p>//')
assert_eq "ODT: its categories are the groups' names" "$ocats" "$names"
assert_contains "$obj" '<number:percentage-style style:name="NVAL" number:language="vi" number:country="VN">' \
  "ODT: a Vietnamese percentage style"

# LibreOffice draws it: the labels and the values as Vietnamese text.
for ext in docx odt; do
  txt=$(cat "pdf-$ext/dt.txt")
  assert_contains "$txt" "Tỷ lệ chỉ tiêu đạt theo nhóm năm 2024" "$ext PDF: the chart's title"
  while IFS= read -r n; do assert_contains "$txt" "$n" "$ext PDF: the category '$n'"; done <<<"$names"
  while IFS= read -r l; do assert_contains "$txt" "$l" "$ext PDF: the value $l"; done <<<"$labels"
  assert_contains "$txt" "100%" "$ext PDF: the axis up to 100%"
done
# LibreOffice reads the DOCX chart as a chart: saved as ODT, it is a chart object.
lo_convert "$WORK/dt.docx" odt lo-out || true
if [ -f lo-out/dt.odt ]; then
  assert_contains "$(part lo-out/dt.odt META-INF/manifest.xml)" \
    'manifest:media-type="application/vnd.oasis.opendocument.chart"' \
    "LibreOffice keeps the DOCX chart as a chart object when saving as ODT"
else
  fail "LibreOffice could not convert the DOCX to ODT: $(cat "$WORK/.lo.log")"
fi

# Without {"bieu_do": …} the shipped templates draw nothing.
python3 - "$DT" nochart.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
def strip(items):
    out = []
    for x in items:
        if isinstance(x, dict) and "bieu_do" in x:
            continue
        if isinstance(x, dict) and isinstance(x.get("noi_dung"), list):
            x["noi_dung"] = strip(x["noi_dung"])
        out.append(x)
    return out
d["noi_dung"] = strip(d["noi_dung"])
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
vb render nochart.json -o nochart.docx
assert_rc "render without the chart" 0
assert_eq "no chart part without {\"bieu_do\": …}" "$(unzip -Z1 nochart.docx | grep -c chart || true)" 0

# --- a group's indicators against their targets, in a template of one's own ------------
tag='{{ nhom_chi_tieu[2].chi_tieu | bieu_do(muc_tieu="muc_tieu_ty_le", tieu_de="Xã hội số", kieu="cot") }}'
mkdocx "$WORK/own.docx" "$(wp "$tag")"
mkodt "$WORK/own.odt" "<text:p>$tag</text:p>"
for ext in docx odt; do
  vb render "$DT" -t "own.$ext" -o "own-out.$ext" --no-marks
  assert_rc "a template of one's own with a target line ($ext)" 0
  check "own $ext passes check-$ext" "$TOOLS/check-$ext" "own-out.$ext"
  check "own $ext converts with LibreOffice" "$TOOLS/render-pdf" "own-out.$ext" "own-pdf-$ext" >/dev/null
done
own=$(part own-out.docx word/charts/vb-chart1.xml)
assert_contains "$own" "<c:lineChart>" "DOCX: the targets are a line over the columns"
assert_contains "$own" "<c:tx><c:v>Chỉ tiêu</c:v></c:tx>" "DOCX: the target series' name"
assert_contains "$own" '<a:prstDash val="dash"/>' "DOCX: drawn dashed"
printf '%s' "$own" >own.xml
check "DOCX: that chart part is valid too" xmllint --noout --schema "$OOXML/dml-chart.xsd" own.xml
assert_contains "$(unzip -p own-out.odt 'Object 1/content.xml')" 'chart:class="chart:line"' "ODT: the target line"

# --- refusals: the rule, what is wrong, nothing written ------------------------------------
python3 - "$DT" bad-group.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["noi_dung"][0]["noi_dung"].append({"bieu_do": "9"})
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
vb render bad-group.json -o bad-group.docx
assert_rc "a chart of a group that does not exist is refused" 1
assert_contains "$ERR" 'không có nhóm chỉ tiêu mã "9" [du-lieu.cau-truc]' "the message names the group"
check "nothing written" test ! -e bad-group.docx

mkdocx "$WORK/kind.docx" "$(wp '{{ nhom_chi_tieu | bieu_do(kieu="tron") }}')"
vb render "$DT" -t kind.docx -o kind-out.docx
check "an unknown kind is refused" test "$RC" -ne 0
assert_contains "$ERR" 'bieu_do: không có kiểu biểu đồ "tron" [chart.bad-kind]' "the message names the kind"
assert_contains "$ERR" 'gợi ý: viết kieu="cot" (cột đứng), "thanh" (thanh ngang) hoặc "duong" (đường)' "and what to write"
check "nothing written" test ! -e kind-out.docx

printf '{"x": {"nhan": ["A", "B", "C"], "chuoi": [{"ten": "Tỷ lệ", "gia_tri": [1, 2]}]}}' >mismatch.json
mkdocx "$WORK/mm.docx" "$(wp '{{ x | bieu_do }}')"
vb render --raw mismatch.json -t mm.docx -o mm-out.docx
check "mismatched lengths are refused" test "$RC" -ne 0
assert_contains "$ERR" 'chuỗi "Tỷ lệ" (mismatch.json, dòng 1, cột 71) có 2 giá trị nhưng có 3 nhãn [chart.length-mismatch]' \
  "the message names the series and where it is"
check "nothing written" test ! -e mm-out.docx

printf '{"x": [{"ten": "A", "ty_le": null}, {"ten": "B"}]}' >nonum.json
vb render --raw nonum.json -t mm.docx -o nonum-out.docx
check "a chart with no numbers is refused" test "$RC" -ne 0
assert_contains "$ERR" '"ty_le" không có số liệu nào để vẽ [chart.no-numbers]' "the message says so"
check "nothing written" test ! -e nonum-out.docx

finish
