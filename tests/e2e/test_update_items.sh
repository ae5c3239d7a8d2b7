#!/usr/bin/env bash
# `vanban update` when a correction adds, removes or reorders items: a
# report is rendered, a person adds a paragraph of their own, and the update
# with the corrected data must give, in DOCX and in ODT, the text of a fresh
# render of that data plus the person's paragraph — line by line — with
# every output valid (check-docx/check-odt --strict) and converted by
# LibreOffice. Cases: an indicator added at the start, in the middle and at
# the end of its group, a whole group added, an unedited indicator removed,
# an edited one refused then removed with --force, indicators reordered, a
# row added to an appendix table, and an addition and a removal in one round.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BASE="$VB_SOURCE_DIR/tests/fixtures/model/bao-cao.json"
TEXT="$VB_SOURCE_DIR/tests/fixtures/update/doc-text.py"
OWN="Đoạn văn do cán bộ thêm bằng tay."
cd "$WORK"

# The corrections, each a data file made from the base.
/usr/bin/python3 - "$BASE" <<'EOF'
import copy, json, sys
base = json.load(open(sys.argv[1]))
def ind(ma, yeu_cau, tu, mau, target=50):
    return {"ma": ma, "yeu_cau": yeu_cau, "don_vi": "%",
            "muc_tieu": {"kieu": "ty_le", "gia_tri": target},
            "ket_qua": {"tu": tu, "mau": mau}}
def group(d, ma):
    return next(g for g in d["nhom_chi_tieu"] if g["ma"] == ma)
def variant(name, change):
    d = copy.deepcopy(base)
    change(d)
    json.dump(d, open(name + ".json", "w"), ensure_ascii=False, indent=1)
json.dump(base, open("base.json", "w"), ensure_ascii=False, indent=1)
variant("add-start", lambda d: group(d, "1")["chi_tieu"].insert(
    0, ind("1.5", "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng: 90%", 450, 500, 90)))
variant("add-middle", lambda d: group(d, "3")["chi_tieu"].insert(
    2, ind("3.5", "Tỷ lệ hộ gia đình có đường Internet cáp quang: 60%", 950, 1396, 60)))
variant("add-end", lambda d: group(d, "3")["chi_tieu"].append(
    ind("3.12", "Tỷ lệ hộ thanh toán tiền điện không dùng tiền mặt: 70%", 836, 1396, 70)))
variant("add-group", lambda d: d["nhom_chi_tieu"].append(
    {"ma": "4", "ten": "Hạ tầng số", "chi_tieu": [
        ind("4.1", "Tỷ lệ thôn được phủ mạng cáp quang: 100%", 6, 6, 100),
        ind("4.2", "Tỷ lệ hộ có kết nối Internet băng rộng: 60%", 950, 1396, 60)]}))
def remove(d, ma):
    for g in d["nhom_chi_tieu"]:
        g["chi_tieu"] = [c for c in g["chi_tieu"] if c["ma"] != ma]
variant("remove", lambda d: remove(d, "3.4"))
def reorder(d):
    c = group(d, "3")["chi_tieu"]
    c[1], c[2] = c[2], c[1]
variant("reorder", reorder)
variant("appendix-row", lambda d: d["phu_luc"][0]["nhom"][1]["dong"].append(
    {"trich_yeu": "Ban hành Kế hoạch chuyển đổi số năm 2024", "so_ky_hieu": "62/KH-UBND",
     "ngay": "2024-04-10"}))
def add_remove(d):
    remove(d, "1.3")
    group(d, "3")["chi_tieu"].append(
        ind("3.12", "Tỷ lệ hộ thanh toán tiền điện không dùng tiền mặt: 70%", 836, 1396, 70))
variant("add-remove", add_remove)
EOF

# edit IN OUT MARKER NEW — the person's edits, made in the XML as an office
# program would keep them: a paragraph of their own after the opening one;
# with MARKER, that text replaced by NEW too.
edit() {
  /usr/bin/python3 - "$@" <<'EOF'
import re, sys, zipfile
src, dst = sys.argv[1:3]
marker, new = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else (None, None)
own = "Đoạn văn do cán bộ thêm bằng tay."
docx = src.endswith(".docx")
part = "word/document.xml" if docx else "content.xml"
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as o:
    for i in z.infolist():
        b = z.read(i.filename)
        if i.filename == part:
            x = b.decode()
            at = x.index("Thực hiện công văn số")
            close = "</w:p>" if docx else "</text:p>"
            end = x.index(close, at) + len(close)
            p = ("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" if docx
                 else '<text:p text:style-name="VB_Body">%s</text:p>') % own
            x = x[:end] + p + x[end:]
            if marker:
                assert marker in x, marker
                x = x.replace(marker, new, 1)
            b = x.encode()
        o.writestr(i, b, compress_type=i.compress_type)
EOF
}

# same_plus_own DESC UPDATED FRESH: UPDATED's text is FRESH's plus the
# person's paragraph, line by line.
same_plus_own() {
  local got
  got=$(/usr/bin/python3 - "$TEXT" "$2" "$3" <<'EOF'
import difflib, subprocess, sys
text, updated, fresh = sys.argv[1:4]
def lines(f):
    return subprocess.run(["/usr/bin/python3", text, f], capture_output=True, text=True,
                          check=True).stdout.split("\n")
for l in difflib.unified_diff(lines(fresh), lines(updated), lineterm="", n=0):
    if l.startswith(("+", "-")) and not l.startswith(("+++", "---")):
        print(l)
EOF
)
  assert_eq "$1" "$got" "+$OWN"
}

doc_text() { /usr/bin/python3 "$TEXT" "$1"; }

mkdir -p out
for ext in docx odt; do
  vb render base.json -o "gen.$ext" -q
  assert_rc "$ext: render the report" 0
  edit "gen.$ext" "edited.$ext"
  for c in add-start add-middle add-end add-group remove reorder appendix-row add-remove; do
    vb render "$c.json" -o "fresh-$c.$ext" -q
    vb update "edited.$ext" "$c.json" -o "out/$c-$ext.$ext"
    assert_rc "$ext $c: update" 0
    same_plus_own "$ext $c: the text of a fresh render, and the person's paragraph" \
      "out/$c-$ext.$ext" "fresh-$c.$ext"
    if [ "$ext" = docx ]; then
      check "$ext $c: passes check-docx --strict" "$TOOLS/check-docx" --strict "out/$c-$ext.$ext"
    else
      check "$ext $c: passes check-odt --strict" "$TOOLS/check-odt" --strict "out/$c-$ext.$ext"
    fi
    case $c in
      remove) assert_contains "$ERR" "đã bỏ vì dữ liệu mới không còn mục này: \"2.2. Tiêu chí số 3.4\"" \
        "$ext $c: the removal is reported" ;;
      reorder) assert_contains "$ERR" "đã chuyển đến chỗ dữ liệu mới đặt nó" "$ext $c: the move is reported" ;;
    esac
    # A second update with the same data finds everything in place.
    vb update "out/$c-$ext.$ext" "$c.json" -o "again-$c.$ext" -q
    assert_rc "$ext $c: a second round" 0
    assert_eq "$ext $c: a second round changes nothing" "$(doc_text "again-$c.$ext")" \
      "$(doc_text "out/$c-$ext.$ext")"
  done

  t=$(doc_text "out/add-start-$ext.$ext")
  assert_order "$ext add-start: first in its group, the others renumbered" "$t" \
    "1. Chính quyền số" "Chỉ tiêu đạt: 03/03 chỉ tiêu" "1.1. Tiêu chí số 1.5" \
    "1.2. Tiêu chí số 1.1" "1.3. Văn bản ký số" "2. Xã hội số"
  t=$(doc_text "out/add-group-$ext.$ext")
  assert_order "$ext add-group: the new group after the others, with its summary" "$t" \
    "2. Xã hội số" "3. Hạ tầng số" "Chỉ tiêu đạt: 02/02 chỉ tiêu, đạt 100%" \
    "3.1. Tiêu chí số 4.1" "3.2. Tiêu chí số 4.2" "III. Đề xuất, kiến nghị"
  assert_order "$ext add-group: its rows in the appendix table" "$t" "KẾT QUẢ CÁC CHỈ TIÊU" \
    "Xã hội số" "III" "Hạ tầng số" "4.1" "4.2"
  t=$(doc_text "out/appendix-row-$ext.$ext")
  assert_order "$ext appendix-row: the new document row, numbered" "$t" "Quyết định" \
    "Về việc kiện toàn Ban chỉ đạo chuyển đổi số" "2" "Ban hành Kế hoạch chuyển đổi số năm 2024" \
    "62/KH-UBND" "10/04/2024"

  # An indicator the data no longer has, edited by hand: refused, named; --force removes it.
  edit "gen.$ext" "edited-34.$ext" "Tiêu chí số 3.4" "Tiêu chí số 3.4 (điện thoại thông minh)"
  vb update "edited-34.$ext" remove.json -o "out/refused-$ext.$ext"
  assert_rc "$ext remove-edited: refused" 1
  assert_contains "$ERR" "dữ liệu mới không còn mục này của danh sách {% for k in khoi %}" \
    "$ext remove-edited: the loop is named"
  assert_contains "$ERR" "Tiêu chí số 3.4 (điện thoại thông minh)" "$ext remove-edited: the item is shown"
  assert_contains "$ERR" "đoạn" "$ext remove-edited: where it is"
  [ ! -e "out/refused-$ext.$ext" ] && pass "$ext remove-edited: nothing written" \
    || fail "$ext remove-edited: output written after a refusal"
  vb update "edited-34.$ext" remove.json -o "out/forced-$ext.$ext" --force
  assert_rc "$ext remove-edited: --force" 0
  same_plus_own "$ext remove-edited --force: the text of a fresh render, and the person's paragraph" \
    "out/forced-$ext.$ext" "fresh-remove.$ext"
  if [ "$ext" = docx ]; then
    check "$ext remove-edited --force: passes check-docx --strict" "$TOOLS/check-docx" --strict "out/forced-$ext.$ext"
  else
    check "$ext remove-edited --force: passes check-odt --strict" "$TOOLS/check-odt" --strict "out/forced-$ext.$ext"
  fi
done

# Every output converts with LibreOffice (one run for all of them), and the
# PDF reads as the document.
mkdir -p pdf
timeout 600 soffice --headless -env:UserInstallation="file://$WORK/lo-profile" \
  --convert-to pdf --outdir pdf out/*.docx out/*.odt >lo.log 2>&1 || true
for f in out/*.docx out/*.odt; do
  b=$(basename "$f")
  pdf="pdf/${b%.*}.pdf"
  if [ -s "$pdf" ]; then
    txt=$(pdftotext -layout "$pdf" - 2>/dev/null | tr -s ' \n' ' ')
    assert_contains "$txt" "$OWN" "$b: converts to PDF, with the person's paragraph"
  else
    fail "$b: LibreOffice did not convert it"
  fi
done

finish
