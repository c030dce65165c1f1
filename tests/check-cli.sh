#!/bin/sh
# The command line contract of DESIGN.md: help, version, usage errors.
. "${srcdir:-.}/tests/lib.sh"

"$SKEMA" --help >"$TMP/out"
expect_status 0 $? "--help"
for c in check fmt; do
	grep -q "skema $c " "$TMP/out" || fail "--help does not list $c"
done
"$SKEMA" --version >"$TMP/out"
expect_status 0 $? "--version"
grep -Eq '^skema [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/out" || fail "--version: $(cat "$TMP/out")"

"$SKEMA" frobnicate 2>"$TMP/err"
expect_status 2 $? "unknown command"
grep -q "^skema: unknown command 'frobnicate'" "$TMP/err" || fail "unknown command message"
"$SKEMA" check 2>/dev/null
expect_status 2 $? "check without files"
"$SKEMA" fmt 2>/dev/null
expect_status 2 $? "fmt without files"
"$SKEMA" check --bogus x.yaml 2>"$TMP/err"
expect_status 2 $? "check with an unknown option"
"$SKEMA" fmt "$TMP/none.yaml" 2>"$TMP/err"
expect_status 2 $? "fmt of a missing file"
grep -q "^skema: cannot read $TMP/none.yaml: No such file or directory\$" "$TMP/err" || fail "fmt missing file: $(cat "$TMP/err")"

# Output to a device or a pipe is written through, never replaced by a
# rename (as root that would turn /dev/null into a regular file).
"$SKEMA" ddl "$srcdir/samples/heroes.yaml" -o /dev/null
expect_status 0 $? "ddl -o /dev/null"
[ -c /dev/null ] || fail "ddl -o /dev/null replaced /dev/null"
mkfifo "$TMP/pipe"
cat "$TMP/pipe" >"$TMP/from-pipe" &
"$SKEMA" ddl "$srcdir/samples/heroes.yaml" -o "$TMP/pipe"
expect_status 0 $? "ddl -o FIFO"
wait
[ -p "$TMP/pipe" ] || fail "ddl -o FIFO replaced the pipe"
"$SKEMA" ddl "$srcdir/samples/heroes.yaml" >"$TMP/direct"
expect_same "$TMP/direct" "$TMP/from-pipe" "ddl through a pipe"
mkdir "$TMP/adir"
"$SKEMA" ddl "$srcdir/samples/heroes.yaml" -o "$TMP/adir" 2>"$TMP/err"
expect_status 2 $? "ddl -o DIRECTORY"
grep -q "^skema: cannot write $TMP/adir: Is a directory\$" "$TMP/err" || fail "ddl -o DIRECTORY: $(cat "$TMP/err")"
finish
