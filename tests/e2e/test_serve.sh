#!/usr/bin/env bash
# vanban serve through its HTTP API, with curl: the refusals (Host, Origin,
# CSRF, token, sizes, overload), each address's answer (status, JSON, the
# documents, which must pass check-docx/check-odt and convert to PDF), hostile
# uploads, and that nothing is left in the server's temporary directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
cd "$WORK"
SAMPLE="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json"
TB="$VB_SOURCE_DIR/samples/tb-ket-luan-xa-dak-to-re-2024.json"
SHEET="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024-chi-tieu.xlsx"

# json FILE EXPR — a Python expression over the JSON answer `r`.
json() { /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print($2)" "$1"; }
# status ARGS… — the HTTP status of a request.
status() { http -o "$WORK/.body" -w '%{http_code}' "$@"; }

# ---- the command ------------------------------------------------------------------
vb serve --help
assert_rc "serve --help" 0
assert_contains "$VOUT" "--token" "--help names --token"
assert_contains "$VOUT" "127.0.0.1" "--help says loopback is the default"
vb serve --bind 0.0.0.0 --port 0
assert_rc "--bind 0.0.0.0 without a token refuses to start" 4
assert_contains "$ERR" "cần --token" "the refusal says a token is needed"
vb serve --bind 0.0.0.0 --port 0 --token short
assert_rc "a short token is refused" 4
vb serve --port 99999
assert_rc "a port out of range is refused" 4
vb serve --bnd 1.2.3.4
assert_rc "an unknown option is refused" 4
assert_contains "$ERR" "có phải là --bind" "the unknown option gets a suggestion"

# ---- a server on loopback ----------------------------------------------------------
serve_start srv --jobs 1 --wait 1 --max-upload 2
U=$SRV_URL
HOSTPORT=${U#http://}
PORT=${HOSTPORT##*:}

code=$(http -D headers.txt -o page.html -w '%{http_code}' "$U/")
assert_eq "GET / answers" "$code" 200
headers=$(cat headers.txt)
assert_contains "$headers" "Content-Security-Policy: default-src 'none'; script-src 'self'" "CSP: no inline script"
assert_contains "$headers" "X-Content-Type-Options: nosniff" "nosniff"
assert_contains "$headers" "frame-ancestors 'none'" "the page cannot be framed"
CSRF=$(sed -n 's/.*name="vanban-csrf" content="\([0-9a-f]*\)".*/\1/p' page.html)
assert_eq "the page carries a 64-digit CSRF token" "${#CSRF}" 64
assert_contains "$(cat page.html)" 'lang="vi"' "the page is Vietnamese"
assert_not_contains "$(cat page.html)" "<script>" "no inline script in the page"
assert_eq "the page's script" "$(status "$U/app.js")" 200
assert_eq "an unknown address is 404" "$(status "$U/khong-co")" 404
assert_contains "$(cat .body)" '"error":"Không có trang /khong-co."' "404 says so in Vietnamese, as JSON"
assert_eq "no path outside the page" "$(status --path-as-is "$U/../../etc/passwd")" 404

# Host and Origin.
assert_eq "a foreign Host (DNS rebinding) is refused" "$(status -H 'Host: evil.example' "$U/")" 421
assert_contains "$(cat .body)" "Host không phải địa chỉ của máy chủ này" "the Host refusal explains itself"
assert_eq "a foreign Host with our port is refused" "$(status -H "Host: evil.example:$PORT" "$U/")" 421
assert_eq "our address with another port is refused" "$(status -H 'Host: 127.0.0.1:1' "$U/")" 421
assert_eq "localhost with our port is accepted" "$(status -H "Host: localhost:$PORT" "$U/")" 200
assert_eq "a foreign Origin is refused (GET)" "$(status -H 'Origin: http://evil.example' "$U/api/samples")" 403
assert_eq "a foreign Origin is refused (POST with the token)" \
  "$(status -H 'Origin: http://evil.example' -H "X-Vanban-CSRF: $CSRF" -F "data=@$SAMPLE" "$U/api/check")" 403
assert_contains "$(cat .body)" "Origin không khớp" "the Origin refusal explains itself"
assert_eq "the page's own Origin is accepted" \
  "$(status -H "Origin: $U" -H "X-Vanban-CSRF: $CSRF" -F "data=@$SAMPLE" "$U/api/check")" 200

# CSRF.
assert_eq "a POST without the CSRF token is refused" "$(status -F "data=@$SAMPLE" "$U/api/check")" 403
assert_contains "$(cat .body)" "CSRF" "the CSRF refusal names it"
assert_eq "a POST with a wrong CSRF token is refused" \
  "$(status -H "X-Vanban-CSRF: $(printf '%s' "$CSRF" | tr '0-9a-f' '1-9a-f0')" -F "data=@$SAMPLE" "$U/api/check")" 403
assert_eq "another method is refused" "$(status -X DELETE "$U/")" 405
P=(-H "X-Vanban-CSRF: $CSRF")

# Samples.
assert_eq "the list of samples" "$(status "$U/api/samples")" 200
assert_contains "$(cat .body)" '{"ten":"bc-xa-ha-tan-6thang-2024","loai":"bao-cao"}' "samples: Hà Tân"
assert_contains "$(cat .body)" '"loai":"thong-bao"' "samples: a THÔNG BÁO"
assert_eq "a sample" "$(status "$U/api/sample?ten=bc-xa-ha-tan-6thang-2024")" 200
if cmp -s .body "$SAMPLE"; then pass "the sample is the file of samples/"; else fail "the sample differs from samples/"; fi
assert_eq "a THÔNG BÁO sample" "$(status "$U/api/sample?ten=tb-ket-luan-xa-dak-to-re-2024")" 200
assert_eq "its shared unit list is inside it" "$(json .body "r['don_vi'][0]['ma']")" "VHTT"
cp .body tb.json
assert_eq "no sample outside the list" "$(status "$U/api/sample?ten=../CMakeLists")" 404

# Check: an impossible figure is found at its JSON path (in an officer's own
# data: without the sample's "_vanban_ignore", which keeps the seed's 1.8).
/usr/bin/python3 - "$SAMPLE" bad.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d.pop('_vanban_ignore', None)
d['nhom_chi_tieu'][2]['chi_tieu'][4]['ket_qua'] = {'tu': 44956, 'mau': 5022}
json.dump(d, open(sys.argv[2], 'w'), ensure_ascii=False)
PY
assert_eq "check" "$(http -o check.json -w '%{http_code}' "${P[@]}" -F "data=@bad.json" "$U/api/check")" 200
found=$(json check.json "[f['message'] for f in r['check']['findings'] if f['location']['json_path'] == '\$.nhom_chi_tieu[2].chi_tieu[4].ket_qua']")
assert_contains "$found" "44956/5022 = 895,2% vượt quá 100%" "check: the impossible rate, at its indicator"
assert_eq "check: the file is named as the page knows it" "$(json check.json "r['check']['file']")" "du-lieu.json"
assert_not_contains "$(cat check.json)" "$SRV_TMP" "check: no server path in the answer"
printf '{"loai": "bao-cao", "van_ban": {' >broken.json
assert_eq "render of broken JSON is 422" "$(status "${P[@]}" -F "data=@broken.json" "$U/api/render")" 422
assert_eq "broken JSON: Vietnamese error" "$(json .body "r['error']")" "Dữ liệu có lỗi."
assert_contains "$(json .body "r['diagnostics'][0]['where']")" "dòng 1, cột" "broken JSON: the place is line and column"

# Render: DOCX, ODT, PDF of the edited data. The impossible figure stops a
# document to sign, as `vanban render` does; a draft ("nhap") prints it,
# marked DỰ THẢO.
assert_eq "render of an impossible figure is 422" "$(status "${P[@]}" -F "data=@bad.json" -F format=docx "$U/api/render")" 422
assert_contains "$(cat .body)" "du-lieu.vuot-100" "422 names the rule"
assert_contains "$(cat .body)" "44956/5022 = 895,2%" "422 names the figure"
code=$(http -D rh.txt -o out.docx -w '%{http_code}' "${P[@]}" -F "data=@bad.json" -F format=docx -F nhap=1 "$U/api/render")
assert_eq "render DOCX" "$code" 200
assert_contains "$(cat rh.txt)" 'Content-Disposition: attachment; filename="bao-cao.docx"' "a safe file name"
check "the DOCX passes check-docx" "$TOOLS/check-docx" out.docx
assert_contains "$(part out.docx word/document.xml | sed 's/<[^>]*>//g')" "44.956/5.022" "the DOCX has the edited figure"
assert_contains "$(part out.docx word/document.xml | sed 's/<[^>]*>//g')" "895,2%" "the DOCX has the recomputed rate"
assert_contains "$(part out.docx word/header2.xml | sed 's/<[^>]*>//g')" "DỰ THẢO" "the draft says DỰ THẢO on its first page"
assert_eq "render ODT" "$(http -o out.odt -w '%{http_code}' "${P[@]}" -F "data=@tb.json" -F format=odt "$U/api/render")" 200
check "the THÔNG BÁO ODT passes check-odt --strict" "$TOOLS/check-odt" --strict out.odt
assert_eq "render issued DOCX" "$(http -o issued.docx -w '%{http_code}' "${P[@]}" -F "data=@$SAMPLE" -F issued=1 "$U/api/render")" 200
check "the issued DOCX passes check-docx" "$TOOLS/check-docx" issued.docx
assert_eq "data naming a file beside it (samples/ as is) is 422" "$(status "${P[@]}" -F "data=@$TB" "$U/api/render")" 422
assert_contains "$(cat .body)" "don_vi" "422 names the field"
assert_eq "a wrong format is 400" "$(status "${P[@]}" -F "data=@$SAMPLE" -F format=exe "$U/api/render")" 400

# PDF (LibreOffice) — while it runs, the one job is taken: another request gets 503.
http -o out.pdf -w '%{http_code}' "${P[@]}" -F "data=@bad.json" -F format=pdf -F nhap=1 "$U/api/render" >pdf.code &
pdf_pid=$!
for i in $(seq 1 50); do
  [ -n "$(ls -A "$SRV_TMP")" ] && break
  sleep 0.1
done
code=$(http -D busy.txt -o .body -w '%{http_code}' "${P[@]}" -F "data=@$SAMPLE" "$U/api/check")
assert_eq "over --jobs: 503" "$code" 503
assert_contains "$(cat busy.txt)" "Retry-After: 5" "503 says when to retry"
assert_contains "$(json .body "r['error']")" "Máy chủ đang bận" "503 explains itself"
t0=$(date +%s.%N)
status "${P[@]}" -F "data=@$SAMPLE" "$U/api/check" >/dev/null
waited=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print (b - a >= 0.9) ? "yes" : "no" }')
assert_eq "a request waits --wait seconds for a worker before 503" "$waited" yes
wait $pdf_pid
assert_eq "render PDF" "$(cat pdf.code)" 200
assert_contains "$(pdfinfo out.pdf 2>&1)" "Page size:       595.304 x 841.89 pts (A4)" "the PDF is one, on A4"
assert_contains "$(pdftotext out.pdf - | tr '\n' ' ')" "895,2%" "the PDF has the recomputed rate"
assert_eq "after the PDF, requests are served again" "$(status "${P[@]}" -F "data=@$SAMPLE" "$U/api/check")" 200

# Preview: the same document's pages as PNG images, one per PDF page.
assert_eq "preview of an impossible figure is 422, as render" "$(status "${P[@]}" -F "data=@bad.json" "$U/api/preview")" 422
assert_contains "$(cat .body)" "--nhap" "the refusal points to the draft"
assert_eq "preview of the draft" "$(status "${P[@]}" -F "data=@bad.json" -F nhap=1 "$U/api/preview")" 200
cp .body preview.json
assert_eq "preview: one image per page of the PDF" "$(json preview.json "r['pages'], len(r['images']), r['more']")" \
  "$(pdfinfo out.pdf | awk '/^Pages:/ {print $2, $2}') False"
/usr/bin/python3 - preview.json <<'PY' >preview.txt
import base64, json, struct, sys
r = json.load(open(sys.argv[1]))
for b in r['images']:
    png = base64.b64decode(b)
    assert png[:8] == b'\x89PNG\r\n\x1a\n', png[:8]
    w, h = struct.unpack('>II', png[16:24])
    print(w, h)
PY
assert_eq "preview: A4 pages at 60 dpi (497 x 702 px)" "$(sort -u preview.txt)" "497 702"
assert_eq "preview of data that cannot make a document is 422" \
  "$(status "${P[@]}" -F "data=@$TB" "$U/api/preview")" 422

# Limits.
head -c 3000000 /dev/zero >big.bin
assert_eq "a body over --max-upload is 413" "$(status "${P[@]}" -F "data=@big.bin" "$U/api/check")" 413
assert_contains "$(json .body "r['error']")" "quá lớn: tối đa 2 MB" "413 names the limit"
assert_eq "a chunked body over --max-upload is 413" \
  "$(status "${P[@]}" -H 'Transfer-Encoding: chunked' -F "data=@big.bin" "$U/api/check")" 413
assert_eq "a body that is not multipart is 415" \
  "$(status "${P[@]}" -H 'Content-Type: application/json' --data-binary "@$SAMPLE" "$U/api/check")" 415
args=()
for i in $(seq 1 10); do args+=(-F "f$i=x"); done
assert_eq "too many fields is 400" "$(status "${P[@]}" "${args[@]}" "$U/api/check")" 400

# Init from a spreadsheet: the rows come inline.
assert_eq "init from the xlsx" "$(http -o init.json -w '%{http_code}' "${P[@]}" -F "file=@$SHEET" "$U/api/init")" 200
assert_eq "init: 4 groups, 36 indicators" \
  "$(json init.json "len(r['data']['nhom_chi_tieu']), sum(len(g['chi_tieu']) for g in r['data']['nhom_chi_tieu'])")" "4 36"
assert_contains "$(json init.json "r['summary']")" 'bang-tinh.xlsx, trang "Chỉ tiêu": bảng chỉ tiêu, dòng tiêu đề 3' "init: the summary"
assert_not_contains "$(cat init.json)" "$SRV_TMP" "init: no server path in the answer"
assert_eq "init: each value's cell is kept (_vanban_cells)" \
  "$(json init.json "sorted(set(v for k, v in r['data']['_vanban_cells'].items() if k.startswith('\$.nhom_chi_tieu[0].chi_tieu[7].ket_qua')))")" \
  "['Chỉ tiêu!F13']"
json init.json "json.dumps(r['data'], ensure_ascii=False)" >from-sheet.json
assert_eq "the sheet's data: its blanks \"…\" are to fill first (422)" "$(status "${P[@]}" -F "data=@from-sheet.json" "$U/api/render")" 422
assert_contains "$(cat .body)" "du-lieu.cho-trong" "422 names the blanks"
assert_eq "the sheet's data renders as a draft" "$(status "${P[@]}" -F "data=@from-sheet.json" -F nhap=1 "$U/api/render")" 200
printf 'TT,khong\n' >x.txt
assert_eq "init of a .txt is 400" "$(status "${P[@]}" -F "file=@x.txt" "$U/api/init")" 400
printf 'a,b\n1,2\n' >nothing.csv
assert_eq "init of a sheet without an indicator table is 422" "$(status "${P[@]}" -F "file=@nothing.csv" "$U/api/init")" 422
assert_contains "$(json .body "r['error']")" "Không tìm thấy bảng chỉ tiêu" "422 explains itself"

# Update: the rendered document gets corrected data; the diff says what changed.
assert_eq "update" "$(http -o upd.json -w '%{http_code}' "${P[@]}" -F "document=@out.docx" -F "data=@$SAMPLE" -F "old=@bad.json" "$U/api/update")" 200
[ "$(json upd.json "r.get('error')")" = None ] || cat upd.json
json upd.json "r['file']" | base64 -d >updated.docx
check "the updated DOCX passes check-docx" "$TOOLS/check-docx" updated.docx
assert_contains "$(part updated.docx word/document.xml | sed 's/<[^>]*>//g')" "4.956/5.022" "the updated DOCX has the corrected figure"
assert_contains "$(json upd.json "r['diff']")" "Tiêu chí 3.5: 44.956/5.022 (895,2%) → 4.956/5.022 (98,7%)" "the diff"
assert_eq "update: the file name" "$(json upd.json "r['filename']")" "bao-cao-cap-nhat.docx"
assert_eq "update without a document is 400" "$(status "${P[@]}" -F "data=@$SAMPLE" "$U/api/update")" 400

# Proofread: findings and an annotated copy.
assert_eq "proofread" "$(http -o proof.json -w '%{http_code}' "${P[@]}" -F "document=@out.docx" "$U/api/proofread")" 200
assert_eq "proofread: a document" "$(json proof.json "r['check']['kind']")" "docx"
json proof.json "r['file']" | base64 -d >annotated.docx
check "the annotated copy passes check-docx" "$TOOLS/check-docx" annotated.docx
assert_contains "$(unzip -l annotated.docx)" "word/comments.xml" "the annotated copy has comments"

# Batch: started (202), progress polled to the end, the ZIP of 16 documents;
# a long one cancelled; a finished one's directory is gone at once.
BFIX="$VB_SOURCE_DIR/tests/fixtures/batch"
/usr/bin/python3 "$BFIX/make_shared.py" "$SAMPLE" shared.json
assert_eq "batch starts" "$(http -o b.json -w '%{http_code}' "${P[@]}" -F "units=@$BFIX/units-16.csv" -F "shared=@shared.json" "$U/api/batch")" 202
BID=$(json b.json "r['id']")
assert_eq "batch: 16 units" "$(json b.json "r['total']")" 16
seen=
for i in $(seq 1 600); do
  http -o b.json "$U/api/batch?id=$BID"
  st=$(json b.json "r['state'], r['done']")
  seen="$seen|$st"
  case $st in running*) sleep 0.1 ;; *) break ;; esac
done
assert_eq "batch: done, 16 of 16" "$(json b.json "r['state'], r['done'], r['total'], r['failed']")" "done 16 16 0"
assert_contains "$seen" "running" "batch: progress was seen while it ran"
code=$(http -D bz.txt -o b.zip -w '%{http_code}' "$U/api/batch/zip?id=$BID")
assert_eq "batch: the ZIP" "$code" 200
assert_contains "$(cat bz.txt)" 'filename="van-ban.zip"' "batch: the ZIP's name"
assert_eq "batch: 16 DOCX named by unit code" "$(unzip -Z1 b.zip | grep -c '^XA[0-9][0-9]\.docx$')" 16
unzip -q -o b.zip XA03.docx
check "batch: a unit's DOCX passes check-docx" "$TOOLS/check-docx" XA03.docx
assert_contains "$(part XA03.docx word/document.xml | sed 's/<[^>]*>//g')" "Hà Tân" "batch: a unit's document"
assert_eq "batch: its directory is gone" "$(ls -A "$SRV_TMP")" ""
assert_eq "batch: an unknown id is 404" "$(status "$U/api/batch?id=nope")" 404
assert_eq "batch: a units file of another kind is 400" "$(status "${P[@]}" -F "units=@x.txt" "$U/api/batch")" 400
assert_eq "batch: cancel needs the CSRF token" "$(status -F "id=$BID" "$U/api/batch/cancel")" 403
{ head -1 "$BFIX/units-16.csv"; for i in $(seq 1 25); do tail -n +2 "$BFIX/units-16.csv" | sed "s/^XA/R${i}X/"; done; } >units-400.csv
assert_eq "a batch of 400 starts" "$(http -o b.json -w '%{http_code}' "${P[@]}" -F "units=@units-400.csv" -F "shared=@shared.json" "$U/api/batch")" 202
BID=$(json b.json "r['id']")
assert_eq "cancel" "$(status "${P[@]}" -F "id=$BID" "$U/api/batch/cancel")" 200
for i in $(seq 1 600); do
  http -o b.json "$U/api/batch?id=$BID"
  case $(json b.json "r['state']") in running) sleep 0.1 ;; *) break ;; esac
done
assert_eq "the batch is cancelled" "$(json b.json "r['state']")" cancelled
if [ "$(json b.json "r['done']")" -lt 400 ]; then pass "cancelled before the end ($(json b.json "r['done']")/400)"; else fail "the cancelled batch made every unit"; fi
assert_eq "a cancelled batch has no ZIP" "$(status "$U/api/batch/zip?id=$BID")" 404
assert_eq "a cancelled batch leaves nothing" "$(ls -A "$SRV_TMP")" ""
# A unit that fails is named as the command line names it, with the rule id
# of its error (the page prints both).
/usr/bin/python3 - "$BFIX/units-16.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))[:3]
rows[2][4] = "abc"  # unit 2's figure is not a number
csv.writer(open("units-bad.csv", "w", newline="")).writerows(rows)
PY
assert_eq "a batch with a bad unit starts" "$(http -o b.json -w '%{http_code}' "${P[@]}" -F "units=@units-bad.csv" -F "shared=@shared.json" "$U/api/batch")" 202
BID=$(json b.json "r['id']")
for i in $(seq 1 600); do
  http -o b.json "$U/api/batch?id=$BID"
  case $(json b.json "r['state']") in running) sleep 0.1 ;; *) break ;; esac
done
assert_eq "batch: one unit of 2 failed" "$(json b.json "r['state'], r['done'], r['failed']")" "done 2 1"
assert_eq "batch: the failed unit, its error's rule id" \
  "$(json b.json "r['failures'][0]['unit'], [d['rule'] for d in r['failures'][0]['diagnostics'] if d['level'] == 'error']")" \
  "đơn vị 2 (XA02) ['du-lieu.kieu']"

# A batch with PDFs (two finished batches are held: the oldest gives way):
# the documents, then the PDF phase with its own progress, the ZIP holding
# each document and its PDF; one cancelled while LibreOffice converts stops it.
/usr/bin/python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); csv.writer(open("units-3.csv", "w", newline="")).writerows(r[:4])' "$BFIX/units-16.csv"
assert_eq "a batch with PDFs starts" "$(http -o b.json -w '%{http_code}' "${P[@]}" -F "units=@units-3.csv" -F "shared=@shared.json" -F pdf=1 "$U/api/batch")" 202
BID=$(json b.json "r['id']")
seen=
for i in $(seq 1 1800); do
  http -o b.json "$U/api/batch?id=$BID"
  st=$(json b.json "r['state'], r['pdf']['phase']")
  seen="$seen|$st"
  case $st in running*) sleep 0.2 ;; *) break ;; esac
done
assert_eq "batch with PDFs: done, 3 documents, 3 PDFs" \
  "$(json b.json "r['state'], r['done'], r['pdf']['done'], r['pdf']['total'], r['pdf']['failed']")" "done 3 3 3 0"
assert_contains "$seen" "running True" "batch with PDFs: the PDF phase was seen"
assert_eq "batch with PDFs: the ZIP" "$(status "$U/api/batch/zip?id=$BID")" 200
cp .body bp.zip
assert_eq "batch with PDFs: 3 DOCX and 3 PDF" "$(unzip -Z1 bp.zip | sort | tr '\n' ' ')" \
  "XA01.docx XA01.pdf XA02.docx XA02.pdf XA03.docx XA03.pdf "
unzip -q -o bp.zip XA02.pdf
assert_contains "$(pdftotext XA02.pdf - | tr -s ' \n' ' ')" "BÁO CÁO" "batch with PDFs: a unit's PDF has the report"
assert_eq "batch with PDFs: nothing left" "$(ls -A "$SRV_TMP")" ""
assert_eq "a long batch with PDFs starts" "$(http -o b.json -w '%{http_code}' "${P[@]}" -F "units=@$BFIX/units-16.csv" -F "shared=@shared.json" -F pdf=1 "$U/api/batch")" 202
BID=$(json b.json "r['id']")
for i in $(seq 1 1800); do
  http -o b.json "$U/api/batch?id=$BID"
  case $(json b.json "r['state'], r['pdf']['phase']") in "running False") sleep 0.1 ;; *) break ;; esac
done
assert_eq "cancel while converting" "$(status "${P[@]}" -F "id=$BID" "$U/api/batch/cancel")" 200
for i in $(seq 1 600); do
  http -o b.json "$U/api/batch?id=$BID"
  case $(json b.json "r['state']") in running) sleep 0.1 ;; *) break ;; esac
done
assert_eq "the batch is cancelled while converting" "$(json b.json "r['state']")" cancelled
assert_eq "no LibreOffice of the server is left" "$(pgrep -f "UserInstallation=file://$SRV_TMP" | wc -l)" 0
assert_eq "a batch cancelled while converting leaves nothing" "$(ls -A "$SRV_TMP")" ""

# Hostile uploads: a clear error, the server alive, nothing left behind.
# The CLI's hostile packages (tests/fixtures/hostile), each uploaded as a
# document to proofread and to update: refused with a message, never a 5xx,
# nothing of the server's disk in the answer.
export PYTHONWARNINGS=ignore # zipfile warns about the duplicate name on purpose
for f in bomb ratio dotdot absolute backslash duplicate laughs laughs-notag xxe xxe-odt; do
  /usr/bin/python3 "$VB_SOURCE_DIR/tests/fixtures/hostile/make_package.py" "$f"
  doc=$f.docx
  [ "$f" = xxe-odt ] && doc=xxe.odt
  code=$(status "${P[@]}" -F "document=@$doc" "$U/api/proofread")
  case $code in 4??) pass "hostile $f: refused ($code)" ;; *) fail "hostile $f: $code" ;; esac
  check "hostile $f: the refusal says why" test -n "$(json .body "r.get('error', '')")"
  assert_not_contains "$(cat .body)" "root:x:0" "hostile $f: no file of the server in the answer"
  code=$(status "${P[@]}" -F "document=@$doc" -F "data=@$SAMPLE" "$U/api/update")
  case $code in 4??) pass "hostile $f as an edited document: refused ($code)" ;; *) fail "hostile $f to update: $code" ;; esac
done
# Hostile data: nesting far past any report's, a number past every range.
/usr/bin/python3 -c "print('[' * 100000 + ']' * 100000)" >deep.json
printf '{"van_ban": {"so": 1e999999}}\n' >huge.json
for f in deep huge; do
  assert_eq "hostile $f.json to check: answered" "$(status "${P[@]}" -F "data=@$f.json" "$U/api/check")" 200
  assert_eq "hostile $f.json to check: an error with its place" \
    "$(json .body "any(x['level'] == 'error' and x.get('where') for x in r['diagnostics'])")" True
  code=$(status "${P[@]}" -F "data=@$f.json" "$U/api/render")
  case $code in 4??) pass "hostile $f.json to render: refused ($code)" ;; *) fail "hostile $f.json to render: $code" ;; esac
done
cp dotdot.docx dotdot.xlsx
code=$(status "${P[@]}" -F "file=@dotdot.xlsx" "$U/api/init")
case $code in 4??) pass "a hostile spreadsheet: refused ($code)" ;; *) fail "a hostile spreadsheet: $code" ;; esac
assert_eq "the server still answers" "$(status "$U/api/samples")" 200
assert_eq "no evil.xml written anywhere near" "$(find "$WORK" / -maxdepth 2 -name evil.xml 2>/dev/null | head -1)" ""

assert_eq "without --data-dir no draft is saved" "$(status "${P[@]}" -F "data=@$SAMPLE" "$U/api/drafts")" 404
assert_contains "$(json .body "r['hint']")" "--data-dir" "the refusal says how"
assert_eq "nothing left in the server's temporary directory" "$(ls -A "$SRV_TMP")" ""
serve_stop

# ---- a server without pdftoppm: the preview says so (501), the page then shows the PDF
VANBAN_PDFTOPPM=/nonexistent/pdftoppm serve_start nopng
U=$SRV_URL
CSRF=$(http "$U/api/session" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
P=(-H "X-Vanban-CSRF: $CSRF" -H "Origin: $U")
assert_eq "preview without pdftoppm: 501" "$(status "${P[@]}" -F "data=@$SAMPLE" "$U/api/preview")" 501
assert_contains "$(json .body "r['hint']")" "poppler-utils" "501 says what to install"
assert_eq "nothing left" "$(ls -A "$SRV_TMP")" ""
serve_stop

# ---- drafts kept with --data-dir -------------------------------------------------------
serve_start drafts --data-dir "$WORK/dd"
U=$SRV_URL
CSRF=$(http "$U/api/session" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
P=(-H "X-Vanban-CSRF: $CSRF")
assert_eq "the session says drafts are kept" "$(http "$U/api/session" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["drafts"])')" True
assert_eq "save a draft" "$(http -o d.json -w '%{http_code}' "${P[@]}" -F "data=@bad.json" "$U/api/drafts")" 200
T=$(json d.json "r['ten']")
case $T in [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) pass "the draft's name is the server's ($T)" ;; *) fail "the draft's name: $T" ;; esac
assert_eq "the layout: DIR/ban-nhap/NAME.json and nothing else" "$(cd "$WORK/dd" && find . -type f)" "./ban-nhap/$T.json"
if cmp -s bad.json "$WORK/dd/ban-nhap/$T.json"; then pass "the draft is the data sent"; else fail "the draft differs from the data sent"; fi
assert_eq "the list" "$(http "$U/api/drafts")" "[\"$T\"]"
assert_eq "open the draft" "$(status "$U/api/draft?ten=$T")" 200
if cmp -s .body bad.json; then pass "the draft comes back as saved"; else fail "the draft came back changed"; fi
assert_eq "a name the server did not make is 404" "$(status "$U/api/draft?ten=../../etc/passwd")" 404
assert_eq "broken JSON is not kept" "$(status "${P[@]}" -F "data=@broken.json" "$U/api/drafts")" 422
assert_eq "still one draft" "$(ls "$WORK/dd/ban-nhap" | wc -l)" 1
serve_stop

# ---- a token ---------------------------------------------------------------------------
TOKEN=abcdefghijklmnop0123
serve_start tok --token "$TOKEN"
U=$SRV_URL
assert_eq "without the token: 401" "$(status "$U/")" 401
assert_contains "$(json .body "r['error']")" "Cần mã truy cập" "401 explains itself"
assert_eq "a wrong token: 401" "$(status -H "Authorization: Bearer ${TOKEN}x" "$U/")" 401
assert_eq "the token as a bearer header" "$(status -H "Authorization: Bearer $TOKEN" "$U/")" 200
code=$(http -D tok.txt -o /dev/null -w '%{http_code}' "$U/?token=$TOKEN")
assert_eq "?token= redirects" "$code" 303
assert_contains "$(cat tok.txt)" "Set-Cookie: vanban_token=$TOKEN; Path=/; HttpOnly; SameSite=Strict" "?token= sets a strict HttpOnly cookie"
assert_eq "the cookie is enough" "$(status -b "vanban_token=$TOKEN" "$U/api/samples")" 200
serve_stop
printf '%s\n' "$TOKEN" >token.txt
serve_start wide --bind 0.0.0.0 --token-file token.txt
assert_contains "$(cat "$SRV_LOG")" "?token=" "beyond loopback, the start says how others open it"
assert_eq "beyond loopback, without the token: 401" "$(status "$SRV_URL/")" 401
assert_eq "beyond loopback, with the token" "$(status -H "Authorization: Bearer $TOKEN" "$SRV_URL/")" 200
serve_stop

finish
