#!/bin/sh
# The migration fuzzer's findings, replayed with the real binary (no clang
# needed): for every two-model regression seed
# tests/fuzz/corpus-migrate/pair-*.yaml (A, a line "#---B---", B) and every
# model tests/data/fuzz-migrate-*.yaml (NAME-a/NAME-b are one pair, any
# other is A = B), `skema apply` builds A in a new SQLite database, brings
# it to B and verifies it, and `skema diff` of the database and the model
# then has no statement to run (exit status 0) and no change of a default.  A model that `skema check`
# refuses (a finding fixed by refusing it) must make apply refuse too.
. "${srcdir:-.}/tests/lib.sh"

n=0

# apply_ok MODEL DB WHAT: apply succeeds and a diff afterwards is empty.
apply_ok() {
	"$SKEMA" apply "$1" --db "$2" -y --allow-destructive >"$TMP/apply.out" 2>&1
	st=$?
	expect_status 0 $st "$3: apply $(basename "$1")"
	[ $st -eq 0 ] || { sed 's/^/  /' "$TMP/apply.out" >&2; return 1; }
	"$SKEMA" diff "$2" "$1" >"$TMP/diff.out" 2>&1
	st=$?
	expect_status 0 $st "$3: diff after apply $(basename "$1")"
	if [ $st -ne 0 ]; then
		sed 's/^/  /' "$TMP/diff.out" >&2
		return 1
	fi
	# Exit 0 may still list changes SQLite has no statement for (an enum
	# is named after its column on import); never one of a default.
	if grep -q -e '^-- no differences$' -e '^-- no statement to run' "$TMP/diff.out" &&
	   ! grep -q '^--   alter column .*: .*default' "$TMP/diff.out"; then
		pass
	else
		fail "$3: diff after apply is not empty:"
		sed 's/^/  /' "$TMP/diff.out" >&2
	fi
}

# pair A B WHAT
pair() {
	rm -f "$TMP/db"
	if ! "$SKEMA" check "$1" "$2" >/dev/null 2>&1; then
		"$SKEMA" apply "$1" --db "$TMP/db" -y >/dev/null 2>&1 &&
			"$SKEMA" apply "$2" --db "$TMP/db" -y >/dev/null 2>&1
		st=$?
		[ $st -ne 0 ] || fail "$3: a model with errors was applied"
		[ $st -eq 0 ] || pass
		n=$((n + 1))
		return
	fi
	apply_ok "$1" "$TMP/db" "$3" && apply_ok "$2" "$TMP/db" "$3"
	n=$((n + 1))
}

for f in "$srcdir"/tests/fuzz/corpus-migrate/pair-*.yaml; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .yaml)
	grep -q '^#---B---$' "$f" || { fail "$name: no line #---B---"; continue; }
	sed -n '/^#---B---$/q;p' "$f" >"$TMP/a.yaml"
	sed '1,/^#---B---$/d' "$f" >"$TMP/b.yaml"
	pair "$TMP/a.yaml" "$TMP/b.yaml" "$name"
done

for f in "$srcdir"/tests/data/fuzz-migrate-*.yaml; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .yaml)
	case $name in
	*-b) continue ;;
	*-a) pair "$f" "${f%-a.yaml}-b.yaml" "${name%-a}" ;;
	*) pair "$f" "$f" "$name" ;;
	esac
done

[ "$n" -ge 20 ] || fail "only $n regression models"
finish
