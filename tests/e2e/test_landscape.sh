#!/usr/bin/env bash
# Landscape appendices (docs/data-model.md, phu_luc's huong; the template
# language's {% trang %}): the BÁO CÁO sample of Đông Thạch with its third
# appendix (a 7-column indicator table) asked landscape, in both formats.
# Asserted from the packages (the DOCX section's w:pgSz and margins, the
# widened table grid; the ODT master page, page layout and widened table
# style), from LibreOffice's PDF (pdfinfo: that appendix's page is 842×595,
# the pages around it portrait), from `check` (no finding about the paper)
# and through the defaults (more than 7 columns turns, the data can keep it
# upright) and a refusal.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$WORK"
SAMPLE="$VB_SOURCE_DIR/samples/bc-huyen-dong-thach-2024.json"
cp -r "$VB_SOURCE_DIR/samples/chung" chung
/usr/bin/python3 - "$SAMPLE" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["phu_luc"][2]["huong"] = "ngang"
json.dump(d, open("ngang.json", "w"), ensure_ascii=False)
wide = json.load(open(sys.argv[1]))
wide["phu_luc"][2]["cac_cot"].append("ghi_chu")  # 8 columns, nothing said
json.dump(wide, open("rong.json", "w"), ensure_ascii=False)
wide["phu_luc"][2]["huong"] = "doc"
json.dump(wide, open("rong-doc.json", "w"), ensure_ascii=False)
bad = json.load(open(sys.argv[1]))
bad["phu_luc"][2]["huong"] = "nghieng"
json.dump(bad, open("sai.json", "w"), ensure_ascii=False)
PY

for ext in docx odt; do
  vb render ngang.json -o "ngang.$ext"
  assert_rc "render with a landscape appendix ($ext)" 0
  check "$ext passes check-$ext --strict" "$TOOLS/check-$ext" --strict "ngang.$ext"
  check "$ext converts with LibreOffice" "$TOOLS/render-pdf" "ngang.$ext" "pdf-$ext" >/dev/null
  sizes=$(pdfinfo -f 1 -l 99 "pdf-$ext/ngang.pdf" | awk '/^Page +[0-9]+ size:/ {printf "%d:%.0fx%.0f\n", $2, $4, $6}')
  # Appendix III starts on the page whose text holds its number.
  page=$(/usr/bin/python3 - "pdf-$ext/ngang.pdf" <<'PY'
import subprocess, sys
n = int([l.split()[-1] for l in subprocess.run(["pdfinfo", sys.argv[1]], capture_output=True, text=True).stdout.splitlines() if l.startswith("Pages:")][0])
for p in range(1, n + 1):
    t = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", sys.argv[1], "-"], capture_output=True, text=True).stdout
    if "Phụ lục III" in t and "TÌNH HÌNH THỰC HIỆN" in t:
        print(p); break
PY
)
  assert_contains "$sizes" "$page:842x595" "$ext: appendix III's page (page $page) is A4 landscape"
  assert_contains "$sizes" "1:595x842" "$ext: page 1 stays portrait"
  assert_contains "$sizes" "$((page + 1)):595x842" "$ext: the appendix after it is portrait again"
  assert_eq "$ext: exactly one landscape page" "$(printf '%s\n' "$sizes" | grep -c ':842x595')" 1
  vb check "ngang.$ext"
  assert_not_contains "$VOUT$ERR" "kho-giay" "$ext: check finds nothing wrong with the paper"
  assert_not_contains "$VOUT$ERR" "khổ giấy" "$ext: no paper-size finding"
done

# --- DOCX: the section --------------------------------------------------------
doc=$(part ngang.docx word/document.xml)
assert_eq "DOCX: one landscape section" "$(count "$doc" 'w:orient="landscape"')" 1
assert_contains "$doc" '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' \
  "DOCX: the landscape section is 297 × 210 mm"
/usr/bin/python3 - ngang.docx <<'PY' >sections.txt
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
for s in re.findall(r"<w:sectPr>.*?</w:sectPr>", x):
    sz = re.search(r"<w:pgSz [^>]*>", s).group(0)
    mar = re.search(r"<w:pgMar [^>]*>", s).group(0)
    print("L" if "landscape" in sz else "P", mar)
# the grid of the table in the landscape section: the table before the sectPr that is landscape
secs = re.split(r"(<w:sectPr>.*?</w:sectPr>)", x)
for i, part in enumerate(secs):
    if "landscape" in part and i > 0:
        body = secs[i - 1]
        grid = [int(g) for g in re.findall(r'<w:gridCol w:w="(\d+)"/>', body)]
        tblw = re.findall(r'<w:tblW w:w="(\d+)"', body)
        print("GRID", sum(grid), len(grid), tblw[-1] if tblw else "")
PY
secs=$(cat sections.txt)
assert_eq "DOCX: sections body, I, II, III (landscape), IV" "$(grep -o '^[LP]' sections.txt | tr -d '\n')" "PPPLP"
assert_eq "DOCX: every section keeps the decree's margins (20/15/20/30 mm)" \
  "$(grep -c 'w:top="1134" w:right="850" w:bottom="1134" w:left="1701"' sections.txt)" 5
read -r _ grid_sum grid_n tblw < <(grep '^GRID' sections.txt)
assert_eq "DOCX: the landscape table keeps its 55 grid columns" "$grid_n" 55
check "DOCX: the landscape table is as wide as the landscape text (252 mm = 14287 twips)" \
  test "$grid_sum" -le 14287 -a "$grid_sum" -ge 14200
check "DOCX: its declared width too" test "$tblw" -le 14287 -a "$tblw" -ge 14200
assert_not_contains "$doc" "urn:x-vanban:trang" "DOCX: no page mark is left in the document"

# --- ODT: the master page -------------------------------------------------------
content=$(part ngang.odt content.xml)
styles=$(part ngang.odt styles.xml)
assert_contains "$content" 'style:parent-style-name="VB_PhuLucSo"' "ODT: the appendix's number paragraph gets a style of its own"
assert_contains "$content" 'style:master-page-name="VB_Ngang_First_20_Page"' "ODT: which starts the landscape master page"
assert_eq "ODT: one paragraph uses it" "$(count "$content" 'text:style-name="VB_Ngang_VB_PhuLucSo"')" 1
assert_contains "$styles" '<style:master-page style:name="VB_Ngang_First_20_Page" style:page-layout-name="VB_Ngang_VB_TrangDau" style:next-style-name="VB_Ngang_Standard">' \
  "ODT: the landscape first page, followed by landscape pages"
assert_contains "$styles" '<style:master-page style:name="VB_Ngang_Standard" style:page-layout-name="VB_Ngang_VB_Trang">' \
  "ODT: the landscape following pages"
assert_contains "$styles" 'fo:page-width="297mm" fo:page-height="210mm" style:print-orientation="landscape"' \
  "ODT: the landscape page layout is 297 × 210 mm"
assert_contains "$content" 'table:style-name="VB_Ngang_VB_BangPhuLuc"' "ODT: the appendix's table gets a widened style"
assert_contains "$content" '<style:table-properties style:width="252.00mm"' "ODT: as wide as the landscape text (252 mm)"
assert_eq "ODT: only one table is widened" "$(count "$content" 'table:style-name="VB_Ngang_VB_BangPhuLuc"')" 1
assert_not_contains "$content" "urn:x-vanban:trang" "ODT: no page mark is left in the document"

# --- defaults and refusals --------------------------------------------------------
vb render rong.json -o rong.docx
assert_rc "render an appendix of 8 columns that says nothing" 0
assert_eq "more than 7 columns: the appendix turns by itself" \
  "$(count "$(part rong.docx word/document.xml)" 'w:orient="landscape"')" 1
vb render rong-doc.json -o rong-doc.docx
assert_eq "huong \"doc\" keeps it upright" \
  "$(count "$(part rong-doc.docx word/document.xml)" 'w:orient="landscape"')" 0
vb render "$SAMPLE" -o thuong.docx
assert_eq "the sample as it is has no landscape page" \
  "$(count "$(part thuong.docx word/document.xml)" 'w:orient="landscape"')" 0
vb render sai.json -o sai.docx
assert_rc "huong other than ngang/doc is refused" 1
assert_contains "$ERR" '$.phu_luc[2].huong' "the message names the field"
assert_contains "$ERR" "hướng trang của phụ lục không hợp lệ" "and says what is wrong"
check "nothing is written" test ! -e sai.docx

finish
