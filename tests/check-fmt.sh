#!/bin/sh
# skema fmt: the samples are canonical and clean; equivalent variants
# format to the canonical form; -w rewrites in place, atomically, and only
# when something changes; --prune drops `was`; invalid files are refused.
. "${srcdir:-.}/tests/lib.sh"

for f in "$srcdir"/samples/*.yaml; do
	"$SKEMA" fmt "$f" >"$TMP/out" 2>"$TMP/err"
	expect_status 0 $? "fmt $f"
	expect_same "$f" "$TMP/out" "fmt $f is the file itself"
	"$SKEMA" check "$f" 2>"$TMP/err"
	expect_status 0 $? "check $f"
	[ -s "$TMP/err" ] && fail "check $f is not clean: $(cat "$TMP/err")"
done

n=0
for f in "$srcdir"/tests/fmt/*.in.yaml; do
	out=${f%.in.yaml}.out.yaml
	"$SKEMA" fmt "$f" >"$TMP/out" 2>"$TMP/err"
	expect_status 0 $? "fmt $f"
	expect_same "$out" "$TMP/out" "fmt $f"
	"$SKEMA" check "$f" 2>"$TMP/err"
	expect_status 0 $? "check $f"
	# Idempotent: the canonical form formats to itself.
	"$SKEMA" fmt "$TMP/out" >"$TMP/out2"
	expect_same "$TMP/out" "$TMP/out2" "fmt of fmt $f"
	n=$((n + 1))
done
[ "$n" -ge 3 ] || fail "only $n variants under tests/fmt"

# -w: in place, and the file keeps its mode.
first=$(ls "$srcdir"/tests/fmt/*.in.yaml | head -1)
cp "$first" "$TMP/w.yaml"
chmod 640 "$TMP/w.yaml"
"$SKEMA" fmt -w "$TMP/w.yaml"
expect_status 0 $? "fmt -w"
expect_same "${first%.in.yaml}.out.yaml" "$TMP/w.yaml" "fmt -w result"
[ "$(stat -c %a "$TMP/w.yaml")" = 640 ] || fail "fmt -w changed the mode"
touch -d '2001-01-01' "$TMP/w.yaml"
"$SKEMA" fmt -w "$TMP/w.yaml"
[ "$(stat -c %Y "$TMP/w.yaml")" = "$(date -d 2001-01-01 +%s)" ] ||
	fail "fmt -w rewrote an already canonical file"
stray=$(ls -A "$TMP" | grep -v -e '^w.yaml$' -e '^out' -e '^err')
[ -z "$stray" ] || fail "fmt -w left files: $stray"

# --prune drops every `was`.
printf 'skema: 1\ntables:\n  b:\n    was: a\n    columns:\n      id: {type: integer, primary_key: true, was: key}\n' >"$TMP/p.yaml"
"$SKEMA" fmt --prune "$TMP/p.yaml" >"$TMP/out"
printf 'skema: 1\ntables:\n  b:\n    columns:\n      id: {type: integer, primary_key: true}\n' >"$TMP/want"
expect_same "$TMP/want" "$TMP/out" "fmt --prune"

# A file with errors is not formatted and not touched.
printf 'skema: 1\ntables:\n  t:\n    colums: {}\n' >"$TMP/bad.yaml"
cp "$TMP/bad.yaml" "$TMP/bad.orig"
"$SKEMA" fmt -w "$TMP/bad.yaml" 2>"$TMP/err"
expect_status 2 $? "fmt -w of an invalid file"
expect_same "$TMP/bad.orig" "$TMP/bad.yaml" "invalid file untouched"
grep -q "bad.yaml:4:5: error: unknown key 'colums'" "$TMP/err" || fail "fmt error message: $(cat "$TMP/err")"
finish
