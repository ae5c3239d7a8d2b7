#!/usr/bin/env bash
# The rules the docs list are the rules the code has, row by row: every rule
# table of docs/check.md (id, level) and the data model's table of
# docs/data-model.md §3 (id, level, nháp) against `vanban check --rules
# --json`, in both directions.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

vb check --rules --json
assert_rc "check --rules --json" 0
# "id level draft" per rule, from the library's table
code=$(printf '%s\n' "$VOUT" | python3 -c '
import json, sys
for r in json.load(sys.stdin):
    print(r["id"], r["level"], "draft" if r["draft"] else "-")
' | sort)

# The docs' tables: rows "| `id` | level | …". Levels are written in Vietnamese.
docs=$(python3 - "$VB_SOURCE_DIR/docs/check.md" "$VB_SOURCE_DIR/docs/data-model.md" <<'EOF'
import re, sys
levels = {"lỗi": "error", "cảnh báo": "warning", "gợi ý": "hint"}
rows = []
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    if path.endswith("data-model.md"):
        # only §3, the checks
        text = text[text.index("## 3. Checks"):text.index("## 4. Lists read from spreadsheets")]
    for line in text.splitlines():
        m = re.match(r"^\| `([a-z0-9.-]+)` \| ([^|]+?) \|(?: ([^|]*?) \|)?", line)
        if not m or "." not in m.group(1):
            continue
        rid, level = m.group(1), levels.get(m.group(2).strip(), "?" + m.group(2))
        if path.endswith("data-model.md"):
            draft = "draft" if (m.group(3) or "").strip() == "nháp" else "-"
        else:
            # check.md's tables have no draft column; the draft rules say so in the text
            draft = "draft" if re.search(r"\*\*nháp\*\*", line) else "-"
        rows.append(f"{rid} {level} {draft}")
print("\n".join(sorted(rows)))
EOF
)

only_code=$(comm -23 <(printf '%s\n' "$code") <(printf '%s\n' "$docs"))
only_docs=$(comm -13 <(printf '%s\n' "$code") <(printf '%s\n' "$docs"))
assert_eq "rules in the code but not (so) in the docs" "$only_code" ""
assert_eq "rules in the docs but not (so) in the code" "$only_docs" ""
n=$(printf '%s\n' "$docs" | grep -c '^du-lieu\.')
check "data-model.md §3 lists the model's rules ($n)" test "$n" -ge 25
n=$(printf '%s\n' "$docs" | grep -c ' draft$')
check "rules a draft renders past are marked (${n})" test "$n" -ge 5

# Every diagnostic the model gives carries one of these ids: the ids used in
# src/model are the table's.
used=$(grep -rhoE --exclude=model_rules.c "\"du-lieu\\.[a-z0-9-]+\"" "$VB_SOURCE_DIR/src/model" | tr -d '"' | sort -u)
table=$(printf '%s\n' "$code" | awk '/^du-lieu\./ {print $1}' | sort -u)
assert_eq "ids used in src/model are in the rule table" "$(comm -23 <(printf '%s\n' "$used") <(printf '%s\n' "$table"))" ""
assert_eq "every rule of the table is used" "$(comm -13 <(printf '%s\n' "$used") <(printf '%s\n' "$table"))" ""

finish
