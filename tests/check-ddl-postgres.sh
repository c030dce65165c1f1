#!/bin/sh
# The PostgreSQL DDL of every sample and of the stress model runs on a real
# PostgreSQL server and builds the tables, columns, keys and indexes that the
# SQLite DDL of the same model builds.  SKIP (77) without PostgreSQL, unless
# SKEMA_REQUIRE_SERVERS=1.
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/pg-server.sh"
. "$srcdir/tests/ddl-shape.sh"

command -v sqlite3 >/dev/null 2>&1 || _srv_missing "sqlite3 (the expected schema)" sqlite3
pg_start

for m in samples/heroes.yaml samples/blog.yaml samples/shop.yaml tests/models/stress.yaml; do
	name=$(basename "$m" .yaml)
	model=$srcdir/$m
	if [ ! -f "$model" ]; then
		fail "$m: missing"
		continue
	fi
	shape_expected "$model" "$TMP/$name.want" || continue
	"$SKEMA" ddl "$model" -d postgres >"$TMP/$name.sql" 2>"$TMP/$name.warn"
	st=$?
	expect_status 0 $st "$m: skema ddl -d postgres"
	[ $st -eq 0 ] || continue
	if ! pg_createdb "$name" >"$TMP/$name.out" 2>&1; then
		fail "$m: cannot create database '$name': $(cat "$TMP/$name.out")"
		continue
	fi
	if ! pg_psql "$name" -f "$TMP/$name.sql" >"$TMP/$name.out" 2>&1; then
		fail "$m: the PostgreSQL DDL fails:"
		sed 's/^/  /' "$TMP/$name.out" >&2
		continue
	fi
	pass
	if ! shape_postgres "$name" >"$TMP/$name.got" 2>"$TMP/$name.out"; then
		fail "$m: cannot read the schema back: $(cat "$TMP/$name.out")"
		continue
	fi
	shape_compare "$TMP/$name.want" "$TMP/$name.got" "$m (postgres)"
done
finish
