#!/bin/sh
# skema apply to PostgreSQL (src/apply-postgres.c), on a throw-away server
# (tests/pg-server.sh).  SKIP (77) without PostgreSQL, unless
# SKEMA_REQUIRE_SERVERS=1.
#
# - Every sample applied to an empty database imports back as the sample
#   (the PostgreSQL DDL of both compared, as tests/check-postgres.sh does);
#   a second apply is already up to date; skema_migrations holds one row
#   with the model's checksum and the SQL, and no password.
# - ?schema= applies into a schema of its own, created when missing.
# - A migration with renames and an added column keeps the rows;
#   destructive changes need --allow-destructive; --dry-run and a
#   missing confirmation change nothing; --rehearse rolls back.
# - Faults: a connection refused, a wrong password, a missing database, a
#   table locked by another session, a CHECK the rows violate: one clear
#   message each, exit 2, and the database exactly as it was (pg_dump of
#   schema and data before and after).
# - No password in any output.
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/pg-server.sh"

if "$SKEMA" import postgresql://localhost/x 2>&1 | grep -q 'not compiled in'; then
	echo "SKIP: skema was built without PostgreSQL support"
	exit 77
fi
pg_start
PG_DUMP=$PG_BINDIR/pg_dump
[ -x "$PG_DUMP" ] || PG_DUMP=$(command -v pg_dump) || PG_DUMP=

# The DDL without what PostgreSQL cannot hold: the header comments (the
# model's name), `DEFAULT NULL` and SQLite trigger bodies (commented out).
ddl_shape() {
	grep -v -e '^--' -e '^$' "$1" | sed 's/ DEFAULT NULL\([,]\{0,1\}\)$/\1/'
}

# no_password FILE...
no_password() {
	for f in "$@"; do
		if grep -F -q -e "$PG_PASSWORD" "$f"; then
			fail "the password appears in $(basename "$f")"
		else
			pass
		fi
	done
}

# snapshot DB OUT: schema and data, as pg_dump writes them.
snapshot() {
	if [ -n "$PG_DUMP" ]; then
		PGCONNECT_TIMEOUT=10 _srv_timeout 60 "$PG_DUMP" -h "$PG_SOCKDIR" -p "$PG_PORT" \
			-U "$PG_USER" --no-owner "$1" 2>&1 | grep -v -e '^\\restrict ' -e '^\\unrestrict ' >"$2"
	else
		pg_query "$1" "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
			FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
			AND a.attnum > 0 ORDER BY 1, 2" >"$2" 2>&1
	fi
}

# apply_to URI MODEL OUT [ARGS...]: skema apply, stdout to OUT, stderr to
# OUT.err; returns its status.
apply_to() {
	_uri=$1 _model=$2 _out=$3
	shift 3
	"$SKEMA" apply "$_model" --db "$_uri" "$@" >"$_out" 2>"$_out.err" </dev/null
}

# ---- every sample, to an empty database ----

for model in "$srcdir"/samples/*.yaml; do
	name=$(basename "$model" .yaml)
	dir=$TMP/$name
	mkdir -p "$dir"
	pg_createdb "$name" >/dev/null 2>&1 || { fail "$name: createdb"; continue; }
	apply_to "$(pg_uri "$name")" "$model" "$dir/plan.sql" -y
	st=$?
	expect_status 0 $st "$name: apply to an empty database"
	if [ $st -ne 0 ]; then
		sed 's/^/  /' "$dir/plan.sql.err" >&2
		continue
	fi
	grep -q "^skema: applied .* to 'postgresql://$PG_USER@127.0.0.1:$PG_PORT/$name'\$" \
		"$dir/plan.sql.err" && pass || fail "$name: no 'applied' message: $(cat "$dir/plan.sql.err")"
	"$SKEMA" import "$(pg_uri "$name")" >"$dir/back.yaml" 2>"$dir/back.err"
	expect_status 0 $? "$name: import after apply"
	"$SKEMA" ddl "$model" -d postgres >"$dir/0.sql" 2>/dev/null
	"$SKEMA" ddl "$dir/back.yaml" -d postgres >"$dir/1.sql" 2>/dev/null
	ddl_shape "$dir/0.sql" >"$dir/0.shape"
	ddl_shape "$dir/1.sql" >"$dir/1.shape"
	expect_same "$dir/0.shape" "$dir/1.shape" "$name: apply then import gives the model back"

	snapshot "$name" "$dir/before.dump"
	apply_to "$(pg_uri "$name")" "$model" "$dir/again.sql" -y
	expect_status 0 $? "$name: second apply"
	grep -q "^skema: 'postgresql://$PG_USER@127.0.0.1:$PG_PORT/$name' is already up to date\$" \
		"$dir/again.sql.err" && pass || fail "$name: second apply: $(cat "$dir/again.sql.err")"
	[ -s "$dir/again.sql" ] && fail "$name: second apply printed a plan" || pass
	snapshot "$name" "$dir/after.dump"
	expect_same "$dir/before.dump" "$dir/after.dump" "$name: a second apply changes nothing"

	# The history: one row, the model's checksum, the plan's SQL.
	pg_query "$name" "SELECT count(*), min(checksum), bool_and(applied_at <= now()),
		bool_and(sql LIKE '%CREATE TABLE%') FROM skema_migrations" >"$dir/history" 2>&1
	grep -q '^1|[0-9a-f]\{16\}|t|t$' "$dir/history" && pass ||
		fail "$name: skema_migrations: $(cat "$dir/history")"
	pg_query "$name" "SELECT sql FROM skema_migrations" >"$dir/history.sql" 2>&1
	no_password "$dir/plan.sql" "$dir/plan.sql.err" "$dir/again.sql.err" "$dir/history.sql" \
		"$dir/back.yaml"
done

# The same model gives the same checksum; a changed one another.
c1=$(pg_query shop "SELECT checksum FROM skema_migrations")
pg_createdb shop2 >/dev/null 2>&1
apply_to "$(pg_uri shop2)" "$srcdir/samples/shop.yaml" "$TMP/shop2.sql" -y
c2=$(pg_query shop2 "SELECT checksum FROM skema_migrations")
[ -n "$c1" ] && [ "$c1" = "$c2" ] && pass || fail "checksums of one model differ: '$c1' '$c2'"
c3=$(pg_query heroes "SELECT checksum FROM skema_migrations")
[ "$c1" != "$c3" ] && pass || fail "two models have one checksum"
# skema_migrations is not part of the model.
"$SKEMA" import "$(pg_uri shop)" 2>/dev/null | grep -q skema_migrations &&
	fail "import shows skema_migrations" || pass

# ---- ?schema=: a schema of its own, created when missing ----

pg_createdb schemas >/dev/null 2>&1
apply_to "$(pg_uri schemas)?schema=Sales%20Dept" "$srcdir/samples/heroes.yaml" "$TMP/schema.sql" -y
expect_status 0 $? "apply ?schema=Sales%20Dept"
"$SKEMA" import "$(pg_uri schemas)?schema=Sales%20Dept" >"$TMP/schema.yaml" 2>/dev/null
expect_same "$TMP/heroes/back.yaml" "$TMP/schema.yaml" "apply ?schema= then import ?schema="
[ "$(pg_query schemas "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] &&
	pass || fail "apply ?schema= created tables in public"
[ "$(pg_query schemas "SELECT count(*) FROM \"Sales Dept\".skema_migrations")" = 1 ] &&
	pass || fail "apply ?schema= has no history in its schema"
apply_to "$(pg_uri schemas)?schema=Sales%20Dept" "$srcdir/samples/heroes.yaml" "$TMP/schema2.sql" -y
grep -q "is already up to date" "$TMP/schema2.sql.err" && pass ||
	fail "second apply ?schema=: $(cat "$TMP/schema2.sql.err")"

# ---- a migration that keeps the rows ----

cat >"$TMP/a.yaml" <<'EOF'
skema: 1
tables:
  team:
    columns:
      id: {type: integer, primary_key: true}
      name: {type: varchar(100), nullable: false, index: true}
  hero:
    columns:
      id: {type: integer, primary_key: true}
      name: {type: text, nullable: false}
      age: integer
      team_id: {type: integer, references: team.id}
EOF
cat >"$TMP/b.yaml" <<'EOF'
skema: 1
tables:
  teams:
    was: team
    columns:
      id: {type: integer, primary_key: true}
      title: {type: varchar(100), nullable: false, index: true, was: name}
      motto: {type: text, default: none}
  hero:
    columns:
      id: {type: integer, primary_key: true}
      name: {type: text, nullable: false}
      age: integer
      team_id: {type: integer, references: teams.id}
EOF
sed 's/      age: integer/      age: {type: integer, ge: 0}/' "$TMP/a.yaml" >"$TMP/checked.yaml"
grep -v '      age: integer' "$TMP/a.yaml" >"$TMP/dropped.yaml"

rows="INSERT INTO team VALUES (1, 'Avengers'), (2, 'X-Men');
INSERT INTO hero VALUES (1, 'Thor', 1500, 1), (2, 'Logan', -3, 2), (3, 'Nobody', NULL, NULL);"
# fresh DB: a database built from a.yaml by skema apply, with the rows.
fresh() {
	pg_createdb "$1" >/dev/null 2>&1 &&
		apply_to "$(pg_uri "$1")" "$TMP/a.yaml" "$TMP/fresh.out" -y &&
		pg_query "$1" "$rows" >/dev/null 2>&1 || fail "cannot build database $1: $(cat "$TMP/fresh.out.err")"
}

fresh rows
apply_to "$(pg_uri rows)" "$TMP/b.yaml" "$TMP/rows.sql" -y
expect_status 0 $? "apply renames and an added column"
[ "$(pg_query rows "SELECT t.id || t.title || t.motto FROM teams t ORDER BY 1" | tr '\n' ' ')" = \
	"1Avengersnone 2X-Mennone " ] && pass || fail "rows of the renamed table"
[ "$(pg_query rows "SELECT count(*), sum(age) FROM hero WHERE team_id IS NOT NULL OR id = 3")" = "3|1497" ] &&
	pass || fail "rows of hero"
[ "$(pg_query rows "SELECT count(*) FROM skema_migrations")" = 2 ] && pass ||
	fail "skema_migrations does not hold two rows"

# Destructive: refused, then allowed; the count is named.
fresh destr
snapshot destr "$TMP/destr.before"
apply_to "$(pg_uri destr)" "$TMP/dropped.yaml" "$TMP/destr.sql" -y
expect_status 2 $? "a destructive change without --allow-destructive"
cat >"$TMP/destr.want" <<'EOF'
skema: refusing 1 destructive change without --allow-destructive:
  drops column hero.age: 2 non-null values
EOF
expect_same "$TMP/destr.want" "$TMP/destr.sql.err" "the destructive change is named"
grep -q -- '-- DESTRUCTIVE: drops column hero.age: 2 non-null values' "$TMP/destr.sql" && pass ||
	fail "the plan does not mark the destructive change"
snapshot destr "$TMP/destr.after"
expect_same "$TMP/destr.before" "$TMP/destr.after" "a refused destructive change changes nothing"
apply_to "$(pg_uri destr)" "$TMP/dropped.yaml" "$TMP/destr2.sql" -y --allow-destructive
expect_status 0 $? "a destructive change with --allow-destructive"
[ "$(pg_query destr "SELECT count(*) FROM information_schema.columns WHERE table_name = 'hero' AND column_name = 'age'")" = 0 ] &&
	pass || fail "column hero.age is still there"

# --dry-run, no confirmation, --rehearse: nothing changes.
fresh dry
snapshot dry "$TMP/dry.before"
apply_to "$(pg_uri dry)" "$TMP/b.yaml" "$TMP/dry.sql" --dry-run
expect_status 0 $? "--dry-run"
grep -q '^ALTER TABLE "team" RENAME TO "teams";$' "$TMP/dry.sql" && pass || fail "--dry-run shows no plan"
grep -q "^skema: dry run: nothing was changed in 'postgresql://$PG_USER@127.0.0.1:$PG_PORT/dry'\$" \
	"$TMP/dry.sql.err" && pass || fail "--dry-run message: $(cat "$TMP/dry.sql.err")"
apply_to "$(pg_uri dry)" "$TMP/b.yaml" "$TMP/noy.sql"
expect_status 2 $? "no -y and no terminal"
grep -q "^skema: not applying to 'postgresql://$PG_USER@127.0.0.1:$PG_PORT/dry' without confirmation" \
	"$TMP/noy.sql.err" && pass || fail "no -y: $(cat "$TMP/noy.sql.err")"
apply_to "$(pg_uri dry)" "$TMP/b.yaml" "$TMP/reh.sql" --dry-run --rehearse
expect_status 0 $? "--dry-run --rehearse"
grep -q '^--   team -> teams: 2 rows before, 2 rows after$' "$TMP/reh.sql" && pass ||
	fail "--rehearse counts: $(grep '^--  ' "$TMP/reh.sql")"
snapshot dry "$TMP/dry.after"
expect_same "$TMP/dry.before" "$TMP/dry.after" "--dry-run, no -y and --rehearse change nothing"
no_password "$TMP/dry.sql" "$TMP/dry.sql.err" "$TMP/noy.sql.err" "$TMP/reh.sql" "$TMP/reh.sql.err"

# ---- faults: one message, exit 2, nothing changed ----

# expect_fault WHAT WANT URI MODEL: exit 2 and exactly the line WANT on
# stderr (plan lines on stdout are fine), no password.
expect_fault() {
	apply_to "$3" "$4" "$TMP/fault.out" -y
	expect_status 2 $? "$1"
	printf '%s\n' "$2" >"$TMP/fault.want"
	expect_same "$TMP/fault.want" "$TMP/fault.out.err" "message of $1"
	no_password "$TMP/fault.out" "$TMP/fault.out.err"
}

fresh faults
snapshot faults "$TMP/faults.before"
at=127.0.0.1:$PG_PORT
expect_fault "a wrong password" \
	"skema: cannot connect to postgresql://$PG_USER@$at/faults: password authentication failed for user \"$PG_USER\"" \
	"postgresql://$PG_USER:not-$PG_PASSWORD@$at/faults" "$TMP/b.yaml"
expect_fault "a missing database" \
	"skema: cannot connect to postgresql://$PG_USER@$at/nope: database \"nope\" does not exist" \
	"$(pg_uri nope)" "$TMP/b.yaml"
[ "$(pg_query postgres "SELECT count(*) FROM pg_database WHERE datname = 'nope'")" = 0 ] && pass ||
	fail "apply created the missing database"
port=$(_srv_free_port)
expect_fault "a connection refused" \
	"skema: cannot connect to postgresql://$PG_USER@127.0.0.1:$port/faults: Connection refused" \
	"postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$port/faults" "$TMP/b.yaml"

# A CHECK the rows violate (age -3): the change, the statement, the error.
apply_to "$(pg_uri faults)" "$TMP/checked.yaml" "$TMP/check.out" -y
expect_status 2 $? "a CHECK the rows violate"
grep -q "^skema: change 'alter column hero.age: bounds' failed on postgresql://$PG_USER@$at/faults: check constraint .* is violated by some row; nothing was changed\$" \
	"$TMP/check.out.err" && pass || fail "message of a violated CHECK: $(cat "$TMP/check.out.err")"
grep -q '^  statement: ALTER TABLE "hero" ADD CONSTRAINT' "$TMP/check.out.err" && pass ||
	fail "the failed statement is not named: $(cat "$TMP/check.out.err")"

# A lock held by another session: an open transaction holding ACCESS
# EXCLUSIVE on a table (with a bounded life).
( pg_psql faults -c "SET application_name = 'skema-test-lock'" \
	-c "BEGIN" -c "LOCK TABLE hero IN ACCESS EXCLUSIVE MODE" -c "SELECT pg_sleep(30)" \
	>/dev/null 2>&1 ) &
lockpid=$!
end=$(_srv_deadline 15)
while _srv_before "$end"; do
	[ "$(pg_query faults "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE a.application_name = 'skema-test-lock' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ] && break
	_srv_sleep
done
SKEMA_LOCK_TIMEOUT=1s
export SKEMA_LOCK_TIMEOUT
start=$(date +%s)
expect_fault "a table locked by another session" \
	"skema: table 'hero' is locked by another session: gave up after 1s (SKEMA_LOCK_TIMEOUT); nothing was changed in postgresql://$PG_USER@$at/faults" \
	"$(pg_uri faults)" "$TMP/b.yaml"
[ $(($(date +%s) - start)) -lt 15 ] && pass || fail "apply waited for the lock"
unset SKEMA_LOCK_TIMEOUT
pg_query postgres "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE application_name = 'skema-test-lock'" >/dev/null 2>&1
kill "$lockpid" 2>/dev/null
wait "$lockpid" 2>/dev/null

# A busy table: another session's open transaction wrote a row (its locks
# let apply read, not alter): the statement that waits gives up.
( pg_psql faults -c "SET application_name = 'skema-test-lock'" \
	-c "BEGIN" -c "INSERT INTO hero VALUES (4, 'Storm', 30, 2)" -c "SELECT pg_sleep(30)" \
	>/dev/null 2>&1 ) &
lockpid=$!
end=$(_srv_deadline 15)
while _srv_before "$end"; do
	[ "$(pg_query faults "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE a.application_name = 'skema-test-lock' AND l.mode = 'RowExclusiveLock' AND l.granted
		AND l.relation = 'hero'::regclass")" = 1 ] && break
	_srv_sleep
done
SKEMA_LOCK_TIMEOUT=1s apply_to "$(pg_uri faults)" "$TMP/b.yaml" "$TMP/busy.out" -y
expect_status 2 $? "a busy table"
if grep -q "^skema: change '.*' failed on postgresql://$PG_USER@$at/faults: another session holds a lock on the table; gave up after 1s (SKEMA_LOCK_TIMEOUT); nothing was changed\$" "$TMP/busy.out.err" &&
	grep -q '^  statement: ALTER TABLE ' "$TMP/busy.out.err" &&
	[ "$(wc -l <"$TMP/busy.out.err")" -eq 2 ]; then
	pass
else
	fail "message of a busy table: $(cat "$TMP/busy.out.err")"
fi
pg_query postgres "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE application_name = 'skema-test-lock'" >/dev/null 2>&1
kill "$lockpid" 2>/dev/null
wait "$lockpid" 2>/dev/null

# A bad SKEMA_LOCK_TIMEOUT is an error, not a wait without limit.
SKEMA_LOCK_TIMEOUT=soon apply_to "$(pg_uri faults)" "$TMP/b.yaml" "$TMP/badlt.out" -y
expect_status 2 $? "a bad SKEMA_LOCK_TIMEOUT"
grep -q '^skema: SKEMA_LOCK_TIMEOUT: invalid value for parameter "lock_timeout": "soon"$' \
	"$TMP/badlt.out.err" && pass || fail "bad SKEMA_LOCK_TIMEOUT: $(cat "$TMP/badlt.out.err")"

snapshot faults "$TMP/faults.after"
expect_same "$TMP/faults.before" "$TMP/faults.after" "the faults changed nothing"

# ---- the migration property (tests/test-migrate-property-pg.c) ----

PROPERTY=${PG_PROPERTY_TEST:-$(pwd)/tests/test-migrate-property-pg}
if [ -x "$PROPERTY" ]; then
	pg_createdb property >/dev/null 2>&1 || fail "createdb property"
	SKEMA_TEST_PG_URI=$(pg_uri property) "$PROPERTY" >"$TMP/property.out" 2>&1
	st=$?
	expect_status 0 $st "the migration property on PostgreSQL"
	[ $st -eq 0 ] || sed 's/^/  /' "$TMP/property.out" | head -120 >&2
	grep '^[0-9]* pairs' "$TMP/property.out"
	no_password "$TMP/property.out"
else
	fail "no $PROPERTY (make check builds it)"
fi
finish
