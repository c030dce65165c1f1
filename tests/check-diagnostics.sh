#!/bin/sh
# Every malformed model under tests/data gives exactly its expected
# diagnostics (FILE:LINE:COL: severity: message) and the exit status that
# goes with them: 1 when there is an error, 0 for warnings only.
. "${srcdir:-.}/tests/lib.sh"

cd "$srcdir/tests/data" || exit 99
n=0
for f in *.yaml; do
	base=${f%.yaml}
	[ -f "$base.expected" ] || { fail "$f has no $base.expected"; continue; }
	"$SKEMA" check "$f" >"$TMP/out" 2>"$TMP/err"
	st=$?
	if grep -q ': error: ' "$base.expected"; then want=1; else want=0; fi
	expect_status $want $st "check $f"
	expect_same "$base.expected" "$TMP/err" "check $f"
	[ -s "$TMP/out" ] && fail "check $f wrote to stdout"
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n files under tests/data"

# Unreadable input: exit 2 and one clear line naming the file.
"$SKEMA" check "$TMP/missing.yaml" 2>"$TMP/err"
expect_status 2 $? "check of a missing file"
[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "missing file: expected one line"
grep -q "^skema: cannot read $TMP/missing.yaml: No such file or directory\$" "$TMP/err" ||
	fail "missing file message: $(cat "$TMP/err")"
mkdir "$TMP/dir.yaml"
"$SKEMA" check "$TMP/dir.yaml" 2>"$TMP/err"
expect_status 2 $? "check of a directory"
grep -q "^skema: cannot read $TMP/dir.yaml: " "$TMP/err" || fail "directory message: $(cat "$TMP/err")"
if [ "$(id -u)" != 0 ]; then
	cp "$srcdir/samples/heroes.yaml" "$TMP/locked.yaml"
	chmod 000 "$TMP/locked.yaml"
	"$SKEMA" check "$TMP/locked.yaml" 2>"$TMP/err"
	expect_status 2 $? "check of an unreadable file"
	grep -q "Permission denied" "$TMP/err" || fail "unreadable file message: $(cat "$TMP/err")"
fi
# Several files: the worst status wins, every file is reported.
"$SKEMA" check "$srcdir/samples/heroes.yaml" "$TMP/missing.yaml" 2>/dev/null
expect_status 2 $? "check of a good and a missing file"
finish
