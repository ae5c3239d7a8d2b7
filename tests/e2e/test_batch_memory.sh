# vanban batch keeps memory flat: the peak RSS of a 1,000-unit batch is about
# that of a 100-unit one (per-unit data is freed after its render).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BFIX="$VB_SOURCE_DIR/tests/fixtures/batch"
python3 "$BFIX/make_shared.py" "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" "$WORK/shared.json"
cd "$WORK"
for n in 100 1000; do
  python3 - "$n" >"units-$n.csv" <<'EOF'
import sys
n = int(sys.argv[1])
print("_ma,van_ban.dia_danh,nhom_chi_tieu.2.chi_tieu.1.ket_qua.tu")
for i in range(1, n + 1):
    print(f"U{i:04d},Xã số {i},{2000 + i % 1900}")
EOF
done
# Outputs on tmpfs when there is one: the atomic writes fsync every file,
# which would make this test measure the disk.
OUT="$WORK/out"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then OUT=$(mktemp -d /dev/shm/vb-batch-mem.XXXXXX); fi
trap 'rm -rf "$WORK" "$OUT"' EXIT
# Under AddressSanitizer, freed memory is held in a quarantine (256 MB by
# default) that would look like growth: keep it small.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"

rss() { grep 'Maximum resident set size' "$1" | awk '{print $NF}'; }
for n in 100 1000; do
  rc=0
  /usr/bin/time -v "$VANBAN" batch "units-$n.csv" --shared shared.json -o "$OUT/$n/{ma}.docx" -j 2 -q \
    >"run-$n.out" 2>"time-$n.txt" || rc=$?
  assert_eq "batch of $n units succeeds" "$rc" 0
  assert_eq "$n documents written" "$(ls "$OUT/$n"/*.docx | wc -l)" "$n"
  if grep -q 'Sanitizer\|runtime error:' "time-$n.txt"; then fail "sanitizer report in the $n-unit batch"; fi
  echo "units=$n peak RSS $(rss "time-$n.txt") kB; $(tail -1 "run-$n.out")"
done
r100=$(rss time-100.txt)
r1000=$(rss time-1000.txt)
# Proportional growth would be ~10x the per-unit cost; allow 25% + 16 MB.
limit=$((r100 + r100 / 4 + 16384))
if [ "$r1000" -le "$limit" ]; then pass "flat memory: 1000 units $r1000 kB vs 100 units $r100 kB (limit $limit kB)"
else fail "memory grows with the batch: 1000 units $r1000 kB vs 100 units $r100 kB (limit $limit kB)"; fi
assert_eq "1000 different documents" "$(md5sum "$OUT"/1000/*.docx | awk '{print $1}' | sort -u | wc -l)" 1000
finish
