#!/bin/sh
# The MySQL migrations of `skema diff` run on a real MariaDB server:
# for every sample, the stress model and seeded mutations of them
# (tests/mutate-model.c), a database built from A's DDL takes the plan of
# diff(A, B) without error, and then its reverse (--down) too.  SKIP (77)
# without MariaDB, unless SKEMA_REQUIRE_SERVERS=1.
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/mariadb-server.sh"

MUTATE=${MUTATE_TOOL:-$(pwd)/tests/mutate-tool}
SEEDS=${SKEMA_PLAN_SEEDS:-40}
mariadb_start

n=0
for m in samples/heroes.yaml samples/blog.yaml samples/shop.yaml tests/models/stress.yaml; do
	name=$(basename "$m" .yaml)
	model=$srcdir/$m
	seed=0
	while [ $seed -lt "$SEEDS" ]; do
		n=$((n + 1))
		db="m${n}"
		what="$m seed $seed (mysql)"
		seed=$((seed + 1))
		if ! "$MUTATE" "$model" $((seed - 1)) >"$TMP/b.yaml" 2>"$TMP/err"; then
			fail "$what: mutate-tool: $(cat "$TMP/err")"
			continue
		fi
		"$SKEMA" diff "$model" "$TMP/b.yaml" -d mysql --down >"$TMP/plan.sql" 2>"$TMP/err"
		st=$?
		# The reverse of dropping a NOT NULL column without a default is
		# refused (rows would have no value): then only the way up runs.
		nodown=0
		if [ $st -eq 2 ] && grep -q "has no default" "$TMP/err"; then
			nodown=1
			st=1
		fi
		if [ $st -ne 1 ] && [ $st -ne 0 ]; then
			fail "$what: skema diff exit $st: $(cat "$TMP/err")"
			continue
		fi
		# Up and down are two scripts in one output; split at the marker.
		sed '/^-- down: the reverse migration$/,$d' "$TMP/plan.sql" >"$TMP/up.sql"
		sed -n '/^-- down: the reverse migration$/,$p' "$TMP/plan.sql" >"$TMP/down.sql"
		mariadb_createdb "$db" >"$TMP/out" 2>&1 || { fail "$what: createdb: $(cat "$TMP/out")"; continue; }
		"$SKEMA" ddl "$model" -d mysql 2>/dev/null | mariadb_sql "$db" >"$TMP/out" 2>&1 ||
			{ fail "$what: A's DDL fails: $(cat "$TMP/out")"; continue; }
		if ! mariadb_sql "$db" <"$TMP/up.sql" >"$TMP/out" 2>&1; then
			fail "$what: the migration fails:"
			sed 's/^/  /' "$TMP/out" >&2
			continue
		fi
		pass
		[ $nodown -eq 1 ] && continue
		if ! mariadb_sql "$db" <"$TMP/down.sql" >"$TMP/out" 2>&1; then
			fail "$what: the reverse migration fails:"
			sed 's/^/  /' "$TMP/out" >&2
			continue
		fi
		pass
		mariadb_query mysql "DROP DATABASE \`$db\`" >/dev/null 2>&1
	done
done
finish
