# vanban batch at province scale: shards (two run at once with GNU parallel
# give the bytes of one run; --shard auto under Slurm and Kubernetes; adding
# a unit moves no other), the manifest (a failed unit recorded, the others
# rendered; --merge-manifests names missing and failed units), resume after
# kill -9 at random moments (nothing recorded is rendered again, every
# output has the bytes of an uninterrupted run), and --progress=json.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BFIX="$VB_SOURCE_DIR/tests/fixtures/batch"
python3 "$BFIX/make_shared.py" "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" "$WORK/shared.json"
cd "$WORK"
N=40
python3 "$BFIX/make_units.py" $N units.json 17 # unit 17 has an impossible date
stats() { python3 "$BFIX/manifest_stats.py" "$@"; }
# The count after "đã ghi" (written) or "giữ lại" (kept) in the summary.
field() { printf '%s\n' "$1" | sed -nE "s/.*$2 ([0-9]+).*/\\1/p" | head -1; }

# ---- one run: the reference ------------------------------------------------------
vb batch units.json --shared shared.json -o 'ref/{ma}.docx' -q
assert_rc "a batch with one bad unit fails" 1
assert_contains "$VOUT" "đã ghi 39," "the 39 others are written"
assert_contains "$ERR" "đơn vị 17 (U017)" "the bad unit is named"
check "the manifest is written next to the outputs" test -f ref/MANIFEST.jsonl
assert_eq "the manifest: 39 rendered, 1 failed" "$(stats ref/MANIFEST.jsonl)" "39 1 0 0"
assert_contains "$(grep '"key":"U017.docx"' ref/MANIFEST.jsonl)" '"error":"' "the failed unit's line has its error"
assert_contains "$(grep '"key":"U017.docx"' ref/MANIFEST.jsonl)" '2024-13-45' "which names the bad value"
assert_contains "$(grep '"key":"U001.docx"' ref/MANIFEST.jsonl)" "\"sha256\":\"$(sha256sum ref/U001.docx | cut -c1-64)\"" \
  "a unit's line has its output's SHA-256"
# The units differ in a name and a figure only (test_batch checks every one
# of its 16 documents), and every other output of this test is compared
# byte for byte with these: every fourth is checked here (check-docx takes
# seconds a file on a loaded machine).
bad=0
for f in ref/U0[0-4][048].docx ref/U0[1-3][26].docx; do
  [ -f "$f" ] || continue
  "$TOOLS/check-docx" "$f" >/dev/null 2>&1 || { bad=$((bad + 1)); echo "invalid: $f"; }
done
assert_eq "the reference outputs pass check-docx" "$bad" 0

same_as_ref() { # DIR: the same .docx names and bytes as ref/
  local dir=$1 diff=0
  [ "$(cd "$dir" && ls *.docx)" = "$(cd ref && ls *.docx)" ] || diff=1
  for f in ref/*.docx; do cmp -s "$f" "$dir/$(basename "$f")" || diff=$((diff + 1)); done
  [ "$diff" -eq 0 ]
}

# ---- two shards at once (GNU parallel) -------------------------------------------
parallel -j 2 "$VANBAN" batch units.json --shared shared.json -o "'sh/{ma}.docx'" -q -j 1 \
  --shard {}/2 ::: 0 1 >par.out 2>par.err || true
check "the union of the two shards is the one run, byte for byte" same_as_ref sh
check "each shard wrote its own manifest" test -f sh/MANIFEST-shard-0-of-2.jsonl -a -f sh/MANIFEST-shard-1-of-2.jsonl
s0=$(stats --keys sh/MANIFEST-shard-0-of-2.jsonl) s1=$(stats --keys sh/MANIFEST-shard-1-of-2.jsonl)
check "both shards have units" test -n "$s0" -a -n "$s1"
assert_eq "no unit in both shards" "$(printf '%s\n%s\n' "$s0" "$s1" | sort | uniq -d)" ""
# The shard is the SHA-256 of the key: anyone can compute it.
want0=$(for k in $(printf '%s\n%s\n' "$s0" "$s1"); do
  python3 -c "import hashlib,sys; k=sys.argv[1]; print(k) if int.from_bytes(hashlib.sha256(k.encode()).digest()[:8],'big')%2==0 else None" "$k"
done | grep -v None | sort)
assert_eq "shard 0 holds the keys whose SHA-256 says 0" "$s0" "$want0"

vb batch units.json --shared shared.json -o 'sh/{ma}.docx' --merge-manifests sh
assert_rc "merging: one unit failed" 1
assert_contains "$VOUT" "đã gộp 2 sổ kết quả: 39 xong, 0 thiếu, 1 lỗi, 0 đã đổi" "merge counts the units"
assert_contains "$ERR" "đơn vị 17 (U017)" "merge names the failed unit"
assert_eq "the merged manifest equals the one run's" "$(stats sh/MANIFEST.jsonl) $(stats --keys sh/MANIFEST.jsonl | sha256sum)" \
  "$(stats ref/MANIFEST.jsonl) $(stats --keys ref/MANIFEST.jsonl | sha256sum)"
mkdir half && cp sh/MANIFEST-shard-0-of-2.jsonl half/
vb batch units.json --shared shared.json -o 'sh/{ma}.docx' --manifest half/merged.jsonl --merge-manifests half
assert_rc "merging one shard of two" 1
n1=$(grep -c '"key"' sh/MANIFEST-shard-1-of-2.jsonl) # with the failed unit if it is there
assert_contains "$VOUT" "$n1 thiếu" "the other shard's units are missing"
first1=$(printf '%s\n' "$s1" | head -1)
assert_contains "$ERR" "sh/$first1" "a missing unit is named by its output"
assert_contains "$ERR" "thiếu: không sổ lô nào ghi đơn vị này" "and said to be missing"
rm sh/U005.docx
vb batch units.json --shared shared.json -o 'sh/{ma}.docx' --merge-manifests sh
assert_contains "$VOUT" "1 đã đổi" "a deleted output is found by merge"
vb batch units.json --shared shared.json -o 'sh/{ma}.docx' -q --shard 0/2 --resume
vb batch units.json --shared shared.json -o 'sh/{ma}.docx' -q --shard 1/2 --resume
check "resuming both shards puts it back" same_as_ref sh

# Adding a unit moves no other unit: resuming both shards with U000 added
# renders U000 and the failed unit, and keeps every other.
python3 "$BFIX/make_units.py" --first $N units41.json 17
total_written=0 total_kept=0
for i in 0 1; do
  vb batch units41.json --shared shared.json -o 'sh/{ma}.docx' -q --shard $i/2 --resume
  total_written=$((total_written + $(field "$VOUT" "đã ghi"))) total_kept=$((total_kept + $(field "$VOUT" "giữ lại")))
done
assert_eq "with a unit added, only that unit is written" "$total_written" 1
assert_eq "and the 39 others are kept where they were" "$total_kept" 39

# ---- --shard auto ------------------------------------------------------------
SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=2 vb batch units.json --shared shared.json -o 'slurm/{ma}.docx' -q --shard auto
assert_contains "$VOUT" "phần 1/2 trong 40 đơn vị" "Slurm: shard 1 of 2"
assert_eq "Slurm: the units of --shard 1/2" "$(stats --keys slurm/MANIFEST-shard-1-of-2.jsonl)" "$s1"
SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=5 SLURM_ARRAY_TASK_COUNT=2 vb batch units.json --shared shared.json -o 'slurm5/{ma}.docx' -q --shard auto
assert_eq "Slurm array 5-6: task 5 is shard 0" "$(stats --keys slurm5/MANIFEST-shard-0-of-2.jsonl)" "$s0"
JOB_COMPLETION_INDEX=0 vb batch units.json --shared shared.json -o 'k8s/{ma}.docx' -q --shard auto --shards 2
assert_contains "$VOUT" "phần 0/2 trong 40 đơn vị" "Kubernetes: shard 0 of 2"
assert_eq "Kubernetes: the units of --shard 0/2" "$(stats --keys k8s/MANIFEST-shard-0-of-2.jsonl)" "$s0"
env -u SLURM_ARRAY_TASK_ID -u JOB_COMPLETION_INDEX "$VANBAN" batch units.json --shared shared.json -o 'none/{ma}.docx' --shard auto >o.txt 2>e.txt && RC=0 || RC=$?
ERR=$(cat e.txt)
assert_rc "--shard auto with no scheduler is refused" 4
assert_contains "$ERR" "SLURM_ARRAY_TASK_ID" "the error names what it looked for"
assert_contains "$ERR" "[batch.shard]" "with its rule id"
check "nothing written" test ! -e none
JOB_COMPLETION_INDEX=0 vb batch units.json --shared shared.json -o 'none/{ma}.docx' --shard auto
assert_rc "Kubernetes without --shards is refused" 4
assert_contains "$ERR" "--shards N" "the error asks for --shards"
vb batch units.json --shared shared.json -o 'none/{ma}.docx' --shard 2/2
assert_rc "--shard 2/2 is refused" 4

# ---- kill -9 at random moments, then --resume -------------------------------------
for round in 1 2 3; do
  rm -rf k
  "$VANBAN" batch units.json --shared shared.json -o 'k/{ma}.docx' -q -j 2 --checkpoint 3 >/dev/null 2>&1 &
  pid=$!
  sleep "$(python3 -c "import random; print(round(random.uniform(0.3, 4.0), 2))")"
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  cp k/MANIFEST.jsonl killed.jsonl 2>/dev/null || : >killed.jsonl
  read -r rec_ok rec_failed _ <<<"$(stats killed.jsonl)"
  vb batch units.json --shared shared.json -o 'k/{ma}.docx' -q -j 2 --resume
  assert_rc "round $round: the resumed run ends (one unit is bad)" 1
  kept=$(field "$VOUT" "giữ lại") kept=${kept:-0}
  written=$(field "$VOUT" "đã ghi")
  assert_eq "round $round: every unit recorded before the kill ($rec_ok) is kept, none rendered again" "$kept" "$rec_ok"
  assert_eq "round $round: the others are rendered: written + kept = 39" "$((written + kept))" 39
  check "round $round: every output has the bytes of the uninterrupted run" same_as_ref k
  assert_eq "round $round: no temporary file is left" "$(ls k | grep -c '\.tmp$' || true)" 0
  assert_eq "round $round: the manifest records 39 done and 1 failed" "$(stats k/MANIFEST.jsonl)" "39 1 0 0"
done
# A resumed run killed too, then resumed again.
rm -rf k
"$VANBAN" batch units.json --shared shared.json -o 'k/{ma}.docx' -q -j 2 --checkpoint 2 >/dev/null 2>&1 &
pid=$!; sleep 2.5; kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
"$VANBAN" batch units.json --shared shared.json -o 'k/{ma}.docx' -q -j 2 --checkpoint 2 --resume >/dev/null 2>&1 &
pid=$!; sleep 2.5; kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
read -r rec_ok _ <<<"$(stats k/MANIFEST.jsonl)"
vb batch units.json --shared shared.json -o 'k/{ma}.docx' -q --resume
kept=$(field "$VOUT" "giữ lại")
assert_eq "killed twice: what was recorded is kept" "${kept:-0}" "$rec_ok"
check "killed twice: every output has the bytes of the uninterrupted run" same_as_ref k
# An output changed on disk is rendered again; a changed unit too.
printf 'x' >>k/U003.docx
vb batch units.json --shared shared.json -o 'k/{ma}.docx' -q --resume
assert_contains "$VOUT" "đã ghi 1," "a changed output is rendered again"
check "and has its bytes back" cmp -s k/U003.docx ref/U003.docx
sed 's/"Xã số 4"/"Xã số bốn"/' units.json >units-changed.json
vb batch units-changed.json --shared shared.json -o 'k/{ma}.docx' -q --resume
assert_contains "$VOUT" "đã ghi 1," "a unit whose data changed is rendered again"
assert_contains "$VOUT" "giữ lại 38 (--resume)" "and only it (and the bad unit)"

# ---- --progress=json ---------------------------------------------------------------
vb batch units.json --shared shared.json -o 'pj/{ma}.docx' --shard 1/2 --progress=json
python3 - "$ERR" "$n1" >pj.txt <<'PY' || true
import json, sys
lines = [json.loads(l) for l in sys.argv[1].splitlines() if l.startswith("{")]
last = lines[-1]
print(len(lines), last["phase"], last["done"], last["total"], "rate" in last and "eta_s" in last,
      all(a["done"] <= b["done"] for a, b in zip(lines, lines[1:])))
PY
read -r njson phase shard_of done total has_fields monotonic <pj.txt || true
check "--progress=json prints JSON lines" test "${njson:-0}" -ge 1
assert_eq "the last line: the shard's phase, all done" "$phase $shard_of $done $total" "render 1/2 $n1 $n1"
assert_eq "with the rate and the ETA, counting up" "$has_fields $monotonic" "True True"
finish
