#!/usr/bin/env bash
# Templates made by LibreOffice: tests/fixtures/e2e/lo-template.fodt is
# converted at test time to DOCX and ODT by soffice, filled by vanban, and
# every output is validated (check-docx / check-odt) and opened again by
# LibreOffice (render-pdf); the PDF text must hold every inserted value in
# order, loops repeated the right number of times, the right branches, the
# header, footer and footnote values, and no leftover tag.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

DATA="$FIX/lo-data.json"

# --- 1. LibreOffice writes the templates --------------------------------------
for fmt in docx odt; do
  if lo_convert "$FIX/lo-template.fodt" "$fmt" "$WORK/tpl" && [ -s "$WORK/tpl/lo-template.$fmt" ]; then
    pass "soffice converts the FODT to $fmt"
  else
    fail "soffice could not convert the FODT to $fmt: $(cat "$WORK/.lo.log")"
  fi
done
TDOCX="$WORK/tpl/lo-template.docx"
TODT="$WORK/tpl/lo-template.odt"
[ -s "$TDOCX" ] && [ -s "$TODT" ] || { finish; exit 1; }

# --- 2. The split-run case is really in the templates -------------------------
# The title's "{{" is bold and the rest plain: LibreOffice must keep two runs.
tdoc=$(part "$TDOCX" word/document.xml)
assert_contains "$tdoc" '<w:t>{{</w:t></w:r><w:r>' "LO DOCX template: '{{' is a run of its own"
assert_contains "$tdoc" '<w:t xml:space="preserve"> don_vi.ten | hoa }}</w:t>' \
  "LO DOCX template: the rest of the tag is in the next run"
tcontent=$(part "$TODT" content.xml)
if printf '%s' "$tcontent" | grep -Eq '<text:span text:style-name="[^"]*">\{\{</text:span> don_vi\.ten \| hoa \}\}'; then
  pass "LO ODT template: '{{' is in a span, the rest is loose text"
else
  fail "LO ODT template: the title tag is not split across a span"
fi
assert_contains "$(part "$TDOCX" word/footnotes.xml)" '{{ chu_thich }}' "LO DOCX template: footnote holds a tag"
assert_contains "$(part "$TDOCX" word/document.xml | tr -d '\n' | grep -o '<w:txbxContent>.*</w:txbxContent>' | head -c 4000)" '{{ hop_chu }}' "LO DOCX template: a text box holds a tag"
assert_contains "$(part "$TDOCX" word/header1.xml)" '{{ don_vi.viet_tat }}' "LO DOCX template: header holds a tag"
assert_contains "$(part "$TODT" styles.xml)" '{{ chan_trang }}' "LO ODT template: footer (styles.xml) holds a tag"

# --- 3. Render, validate, reopen with LibreOffice -----------------------------
check_text() { # FMT TXT
  local fmt=$1 txt=$2
  assert_order "$fmt: body values in order" "$txt" \
    "ỦY BAN NHÂN DÂN XÃ HÀ TÂN" \
    "BÁO CÁO KẾT QUẢ QUÝ III NĂM 2024" \
    "Kính gửi: Phòng Nội vụ & Đào tạo <huyện Hà Trung>" \
    "Ghi chú: Dòng một của ghi chú" "Dòng hai" "sau tab" \
    "Số liệu dán từ Excel: Ô A1 dánô A2 dán" \
    "Tổng số chỉ tiêu: 3" \
    "Chỉ tiêu 1: Cải cách hành chính – Đạt" \
    "+ Minh chứng MC-01 Quyết định 12" \
    "+ Minh chứng MC-02 Kế hoạch 45" \
    "Chỉ tiêu 2: Chuyển đổi số – Chưa đạt" \
    "Chỉ tiêu 3: An ninh trật tự – Đạt" \
    "+ Minh chứng MC-03 Biên bản kiểm tra" \
    "KẾT LUẬN: CHƯA HOÀN THÀNH NHIỆM VỤ" \
    "Bảng tổng hợp:" "STT" "Đơn vị" "Tỷ lệ (%)" \
    "1" "Thôn Đông" "95.5" \
    "2" "Thôn Đoài" "87" \
    "3" "Thôn Nam & Bắc" "100" \
    "Nơi nhận: Như trên, Lưu VT." \
    "HẾT BÁO CÁO"
  # "\n" in a value is a line break: "Dòng hai" starts a line of its own.
  if printf '%s\n' "$txt" | grep -q '^Dòng hai'; then pass "$fmt: \\n in a value became a line break"
  else fail "$fmt: \\n in a value did not become a line break"; fi
  assert_contains "$txt" "Đầu trang: UBND-HT – số 127/BC-UBND" "$fmt: header value"
  assert_contains "$txt" "Chân trang: Lưu VT, VP" "$fmt: footer value"
  assert_contains "$txt" "Chú thích: Số liệu tính đến ngày 30/9/2024" "$fmt: footnote value"
  assert_contains "$txt" "Hộp chữ: Bản dự thảo lần 2" "$fmt: text box value"
  assert_count "$fmt: outer loop ran 3 times" "$txt" "Chỉ tiêu " 3
  assert_count "$fmt: nested loop ran 2+0+1 times" "$txt" "+ Minh chứng" 3
  assert_count "$fmt: inline if chose Đạt twice" "$txt" "– Đạt" 2
  assert_count "$fmt: inline else chose Chưa đạt once" "$txt" "– Chưa đạt" 1
  assert_count "$fmt: block if/else kept one branch" "$txt" "KẾT LUẬN" 1
  assert_count "$fmt: row loop made 3 rows" "$txt" "Thôn " 3
  local t
  for t in '{{' '}}' '{%' '%}'; do assert_not_contains "$txt" "$t" "$fmt: no leftover '$t'"; done
}

for fmt in docx odt; do
  out="$WORK/out/lo.$fmt"
  mkdir -p "$WORK/out"
  vb render "$DATA" --raw -t "$WORK/tpl/lo-template.$fmt" -o "$out"
  assert_rc "$fmt: render" 0
  [ -s "$out" ] || { fail "$fmt: no output"; continue; }
  # The vertical tab is reported as removed, not passed through.
  assert_contains "$ERR" "ký tự điều khiển" "$fmt: the U+000B in the data is reported"
  if [ "$fmt" = docx ]; then
    check "$fmt: check-docx" "$TOOLS/check-docx" "$out"
    main=$(part "$out" word/document.xml)
    assert_contains "$main" "Phòng Nội vụ &amp; Đào tạo &lt;huyện Hà Trung&gt;" "$fmt: & and < are escaped"
    assert_contains "$main" "<w:br/>" "$fmt: \\n wrote w:br"
    assert_contains "$main" "<w:tab/>" "$fmt: tab wrote w:tab"
    parts="word/document.xml word/header1.xml word/footer1.xml word/footnotes.xml"
  else
    # Not --strict: the template was written by LibreOffice, whose styles.xml
    # and content.xml carry loext:/officeooo: extensions that the OASIS schema
    # does not define; vanban copies them through, so only extended
    # conformance (valid once foreign markup is removed) can be asked for.
    check "$fmt: check-odt (extended conformance)" "$TOOLS/check-odt" "$out"
    main=$(part "$out" content.xml)
    assert_contains "$main" "Phòng Nội vụ &amp; Đào tạo &lt;huyện Hà Trung&gt;" "$fmt: & and < are escaped"
    assert_contains "$main" "<text:line-break/>" "$fmt: \\n wrote text:line-break"
    assert_contains "$main" "<text:tab/>" "$fmt: tab wrote text:tab"
    parts="content.xml styles.xml"
  fi
  vt=0
  for p in $parts; do
    if part "$out" "$p" | LC_ALL=C grep -q $'\x0b'; then vt=1; fi
  done
  assert_eq "$fmt: no U+000B in any part" "$vt" 0
  if "$TOOLS/render-pdf" "$out" "$WORK/pdf-$fmt" >"$WORK/.rp.log" 2>&1; then
    pass "$fmt: render-pdf ($(grep pages: "$WORK/.rp.log"))"
    check_text "$fmt" "$(cat "$WORK/pdf-$fmt/lo.txt")"
  else
    fail "$fmt: render-pdf: $(cat "$WORK/.rp.log")"
  fi
done

# --- 4. The other branch of the block condition -------------------------------
sed 's/"ket_luan": {"dat": false}/"ket_luan": {"dat": true}/' "$DATA" >"$WORK/dat.json"
assert_contains "$(cat "$WORK/dat.json")" '"ket_luan": {"dat": true}' "data variant with ket_luan.dat = true"
for fmt in docx odt; do
  vb render "$WORK/dat.json" --raw -q -t "$WORK/tpl/lo-template.$fmt" -o "$WORK/out/dat.$fmt"
  assert_rc "$fmt: render (dat = true)" 0
  [ "$fmt" = docx ] && p=word/document.xml || p=content.xml
  x=$(part "$WORK/out/dat.$fmt" "$p" 2>/dev/null || true)
  assert_contains "$x" "KẾT LUẬN: HOÀN THÀNH NHIỆM VỤ" "$fmt: if-branch chosen when dat = true"
  assert_not_contains "$x" "CHƯA HOÀN THÀNH" "$fmt: else-branch dropped when dat = true"
done

finish
