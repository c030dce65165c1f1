#!/bin/sh
# The MySQL DDL of every sample and of the stress model runs on a real MariaDB
# server and builds the tables, columns, keys and indexes that the SQLite DDL
# of the same model builds.  SKIP (77) without MariaDB, unless
# SKEMA_REQUIRE_SERVERS=1.
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/mariadb-server.sh"
. "$srcdir/tests/ddl-shape.sh"

command -v sqlite3 >/dev/null 2>&1 || _srv_missing "sqlite3 (the expected schema)" sqlite3
mariadb_start

for m in samples/heroes.yaml samples/blog.yaml samples/shop.yaml tests/models/stress.yaml; do
	name=$(basename "$m" .yaml)
	model=$srcdir/$m
	if [ ! -f "$model" ]; then
		fail "$m: missing"
		continue
	fi
	shape_expected "$model" "$TMP/$name.want" || continue
	"$SKEMA" ddl "$model" -d mysql >"$TMP/$name.sql" 2>"$TMP/$name.warn"
	st=$?
	expect_status 0 $st "$m: skema ddl -d mysql"
	[ $st -eq 0 ] || continue
	if ! mariadb_createdb "$name" >"$TMP/$name.out" 2>&1; then
		fail "$m: cannot create database '$name': $(cat "$TMP/$name.out")"
		continue
	fi
	# The client stops at the first error and exits non-zero.
	if ! mariadb_sql "$name" <"$TMP/$name.sql" >"$TMP/$name.out" 2>&1; then
		fail "$m: the MySQL DDL fails on MariaDB:"
		sed 's/^/  /' "$TMP/$name.out" >&2
		continue
	fi
	pass
	if ! shape_mariadb "$name" >"$TMP/$name.got" 2>"$TMP/$name.out"; then
		fail "$m: cannot read the schema back: $(cat "$TMP/$name.out")"
		continue
	fi
	shape_compare "$TMP/$name.want" "$TMP/$name.got" "$m (mysql)"
done
finish
