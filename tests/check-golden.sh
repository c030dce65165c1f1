#!/bin/sh
# skema ddl: every sample and the stress model, in every dialect, is
# exactly its golden file under tests/golden/, and two runs give the same
# bytes.  To refresh after an intended change:
#   skema ddl samples/X.yaml -d D > tests/golden/X.D.sql   (then review it)
. "${srcdir:-.}/tests/lib.sh"

n=0
for model in "$srcdir"/samples/*.yaml "$srcdir"/tests/models/stress.yaml; do
	base=$(basename "$model" .yaml)
	for dialect in sqlite postgres mysql; do
		golden="$srcdir/tests/golden/$base.$dialect.sql"
		if [ ! -f "$golden" ]; then
			fail "no golden file $golden"
			continue
		fi
		"$SKEMA" ddl "$model" -d "$dialect" >"$TMP/out" 2>"$TMP/err"
		expect_status 0 $? "ddl $base -d $dialect"
		expect_same "$golden" "$TMP/out" "ddl $base -d $dialect"
		"$SKEMA" ddl "$model" -d "$dialect" >"$TMP/again" 2>/dev/null
		expect_same "$TMP/out" "$TMP/again" "ddl $base -d $dialect twice"
		# -o writes the same bytes.
		"$SKEMA" ddl "$model" -d "$dialect" -o "$TMP/file.sql" 2>/dev/null
		expect_same "$golden" "$TMP/file.sql" "ddl $base -d $dialect -o"
		n=$((n + 1))
	done
done
[ "$n" -ge 12 ] || fail "only $n golden comparisons"

# Warnings go to stderr, never into the SQL.
"$SKEMA" ddl "$srcdir/samples/shop.yaml" -d mysql >"$TMP/out" 2>"$TMP/err"
grep -q "warning: index 'orders.ix_orders_placed' is created without its WHERE clause: MySQL has no partial indexes" "$TMP/err" ||
	fail "ddl -d mysql: partial index warning missing: $(cat "$TMP/err")"
grep -q "warning" "$TMP/out" && fail "ddl -d mysql: a warning reached stdout"
finish
