#!/usr/bin/env bash
# The same input gives the same bytes: rendering twice, after touching the
# template's mtime, under another TZ and locale, from another directory and to
# another output path, must give byte-identical DOCX and ODT (cmp).
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/tpl"
for fmt in docx odt; do
  lo_convert "$FIX/lo-template.fodt" "$fmt" "$WORK/tpl" ||
    fail "soffice could not convert the FODT to $fmt: $(cat "$WORK/.lo.log")"
done
/usr/bin/python3 "$FIX/make-pydocx.py" "$WORK/tpl/py.docx" || fail "make-pydocx.py failed"

same() { # DESC A B
  if cmp -s "$2" "$3"; then pass "$1"; else fail "$1: $(cmp "$2" "$3" 2>&1 || true)"; fi
}

# name template data
for c in "lo-docx lo-template.docx lo-data.json" "lo-odt lo-template.odt lo-data.json" \
         "py-docx py.docx pydocx-data.json"; do
  set -- $c
  name=$1 tpl="$WORK/tpl/$2" data="$FIX/$3" ext=${2##*.}
  [ -s "$tpl" ] || { fail "$name: no template"; continue; }
  d="$WORK/$name"
  mkdir -p "$d/other"
  vb render "$data" --raw -q -t "$tpl" -o "$d/a.$ext"; assert_rc "$name: first render" 0
  vb render "$data" --raw -q -t "$tpl" -o "$d/b.$ext"; assert_rc "$name: second render" 0
  same "$name: two renders are byte-identical" "$d/a.$ext" "$d/b.$ext"

  sleep 1.1
  touch "$tpl"
  vb render "$data" --raw -q -t "$tpl" -o "$d/c.$ext"; assert_rc "$name: render after touch" 0
  same "$name: identical after touching the template's mtime" "$d/a.$ext" "$d/c.$ext"
  touch -d '2001-02-03 04:05:06' "$tpl"
  vb render "$data" --raw -q -t "$tpl" -o "$d/c2.$ext"; assert_rc "$name: render after backdating" 0
  same "$name: identical after backdating the template" "$d/a.$ext" "$d/c2.$ext"

  # Another time zone, locale, working directory and output path.
  (cd "$d/other" && TZ=Pacific/Kiritimati LC_ALL=C SOURCE_DATE_EPOCH=0 \
     "$VANBAN" render "$data" --raw -q -t "$tpl" -o "x.$ext") 2>"$WORK/.stderr" &&
    pass "$name: render from another directory, TZ and locale" ||
    fail "$name: render from another directory failed: $(cat "$WORK/.stderr")"
  same "$name: identical with another TZ, locale, cwd and output name" "$d/a.$ext" "$d/other/x.$ext"

  # Overwriting an existing output gives the same bytes too.
  cp "$d/a.$ext" "$d/over.$ext"
  vb render "$data" --raw -q -t "$tpl" -o "$d/over.$ext"; assert_rc "$name: render over an existing file" 0
  same "$name: identical when overwriting" "$d/a.$ext" "$d/over.$ext"
done

finish
