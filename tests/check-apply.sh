#!/bin/sh
# skema apply: the command line around src/apply.c — a new database gets
# the whole schema, a second run has nothing to do, --dry-run writes
# nothing, destructive changes and missing confirmation are refused,
# --rehearse reports counts; and the faults (a violated CHECK or NOT NULL,
# a lock held by another connection, a read-only file, a full disk) each
# exit 2 naming the change, the statement and SQLite's error, with the
# database file byte for byte as it was.
. "${srcdir:-.}/tests/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: the sqlite3 command line shell is not installed"
	exit 77
fi

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
# Renames, an added column: nothing destructive.
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
# A CHECK the rows of fill() violate (age -3).
sed 's/      age: integer/      age: {type: integer, ge: 0}/' "$TMP/a.yaml" >"$TMP/checked.yaml"
# A dropped column (ALTER TABLE DROP COLUMN), and one that a rebuild
# drops: both must be named.
grep -v '      age: integer' "$TMP/a.yaml" >"$TMP/dropped.yaml"
grep -v '      age: integer' "$TMP/a.yaml" |
	sed 's/      name: {type: text, nullable: false}/      name: {type: text, nullable: false, check: "length(name) > 1"}/' \
	>"$TMP/rebuilt.yaml"

fill() {
	sqlite3 "$1" "INSERT INTO team VALUES (1, 'Avengers'), (2, 'X-Men');
		INSERT INTO hero VALUES (1, 'Thor', 1500, 1), (2, 'Logan', -3, 2), (3, 'Nobody', NULL, NULL);"
}

sum() {
	cksum <"$1"
}

# ---- a new database, then nothing to do ----
db=$TMP/new.db
"$SKEMA" apply "$TMP/a.yaml" --db "$db" -y >"$TMP/out" 2>"$TMP/err"
expect_status 0 $? "apply to a missing database"
grep -q 'CREATE TABLE "hero"' "$TMP/out" && pass || fail "the plan is not on stdout: $(cat "$TMP/out")"
grep -q "applied .* to '$db'" "$TMP/err" && pass || fail "no summary on stderr: $(cat "$TMP/err")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM skema_migrations')" = 1 ] && pass || fail "no history row"

before=$(sum "$db")
"$SKEMA" apply "$TMP/a.yaml" --db "sqlite:$db" -y >"$TMP/out" 2>"$TMP/err"
expect_status 0 $? "second apply"
grep -q "already up to date" "$TMP/err" && pass || fail "second apply: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "second apply printed a plan" || pass
[ "$(sum "$db")" = "$before" ] && pass || fail "second apply changed the file"

# An empty file is a new database too.
: >"$TMP/empty.db"
"$SKEMA" apply "$TMP/a.yaml" --db "$TMP/empty.db" -y >/dev/null 2>"$TMP/err"
expect_status 0 $? "apply to an empty file"
[ "$(sqlite3 "$TMP/empty.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'hero'")" = 1 ] &&
	pass || fail "the empty file did not get the schema"

# ---- --dry-run writes nothing ----
"$SKEMA" apply "$TMP/a.yaml" --db "$TMP/dry.db" --dry-run >"$TMP/out" 2>"$TMP/err"
expect_status 0 $? "--dry-run"
[ -e "$TMP/dry.db" ] && fail "--dry-run created the database" || pass
grep -q 'CREATE TABLE "team"' "$TMP/out" && pass || fail "--dry-run printed no plan"
grep -q "dry run: nothing was changed" "$TMP/err" && pass || fail "--dry-run: $(cat "$TMP/err")"

# ---- renames keep rows ----
db=$TMP/rename.db
"$SKEMA" apply "$TMP/a.yaml" --db "$db" -y >/dev/null 2>&1
fill "$db"
"$SKEMA" apply "$TMP/b.yaml" --db "$db" -y >"$TMP/out" 2>"$TMP/err"
expect_status 0 $? "apply renames"
[ "$(sqlite3 "$db" "SELECT group_concat(title || '/' || motto, ',') FROM teams")" = "Avengers/none,X-Men/none" ] &&
	pass || fail "renamed table lost values: $(sqlite3 "$db" 'SELECT * FROM teams')"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM hero')" = 3 ] && pass || fail "hero lost rows"

# ---- no terminal, no -y: refuse ----
db=$TMP/confirm.db
"$SKEMA" apply "$TMP/a.yaml" --db "$db" -y >/dev/null 2>&1
fill "$db"
before=$(sum "$db")
"$SKEMA" apply "$TMP/b.yaml" --db "$db" </dev/null >/dev/null 2>"$TMP/err"
expect_status 2 $? "no terminal and no -y"
grep -q "pass -y" "$TMP/err" && pass || fail "no -y: $(cat "$TMP/err")"
[ "$(sum "$db")" = "$before" ] && pass || fail "no -y: the database changed"

# ---- destructive changes need --allow-destructive ----
"$SKEMA" apply "$TMP/dropped.yaml" --db "$db" -y >/dev/null 2>"$TMP/err"
expect_status 2 $? "destructive without --allow-destructive"
grep -q "refusing 1 destructive change without --allow-destructive" "$TMP/err" && pass ||
	fail "destructive: $(cat "$TMP/err")"
grep -q "hero.age.*2 non-null values" "$TMP/err" && pass || fail "destructive change not named: $(cat "$TMP/err")"
[ "$(sum "$db")" = "$before" ] && pass || fail "destructive refusal changed the database"
"$SKEMA" apply "$TMP/rebuilt.yaml" --db "$db" -y >/dev/null 2>"$TMP/err"
expect_status 2 $? "destructive inside a rebuild"
grep -q "hero.age.*2 non-null values" "$TMP/err" && pass ||
	fail "a column dropped by a rebuild is not named: $(cat "$TMP/err")"
"$SKEMA" apply "$TMP/dropped.yaml" --db "$db" --dry-run >/dev/null 2>"$TMP/err"
expect_status 0 $? "destructive --dry-run"
grep -q "would need --allow-destructive" "$TMP/err" && pass || fail "dry run: $(cat "$TMP/err")"

# ---- --rehearse ----
before=$(sum "$db")
"$SKEMA" apply "$TMP/checked.yaml" --db "$db" --rehearse --dry-run >"$TMP/out" 2>"$TMP/err"
expect_status 2 $? "--rehearse --dry-run of a failing change"
grep -q "the rehearsal failed: '$db' was not changed" "$TMP/err" && pass ||
	fail "failed rehearsal: $(cat "$TMP/err")"
grep -q -- "--   hero: 3 rows before, not reached after" "$TMP/out" && pass ||
	fail "failed rehearsal counts: $(cat "$TMP/out")"
[ "$(sum "$db")" = "$before" ] && pass || fail "a failed rehearsal changed the database"

"$SKEMA" apply "$TMP/b.yaml" --db "$db" --rehearse -y >"$TMP/out" 2>"$TMP/err"
expect_status 0 $? "--rehearse"
grep -q -- "-- rehearsal on a copy of '$db':" "$TMP/out" && pass || fail "--rehearse: $(cat "$TMP/out")"
grep -q -- "--   team -> teams: 2 rows before, 2 rows after" "$TMP/out" && pass ||
	fail "--rehearse counts: $(cat "$TMP/out")"
grep -q -- "--   foreign key check: clean" "$TMP/out" && pass || fail "--rehearse fk: $(cat "$TMP/out")"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM skema_migrations')" = 2 ] && pass || fail "--rehearse did not apply"

db=$TMP/destructive.db
"$SKEMA" apply "$TMP/a.yaml" --db "$db" -y >/dev/null 2>&1
fill "$db"
"$SKEMA" apply "$TMP/dropped.yaml" --db "$db" --allow-destructive -y >/dev/null 2>"$TMP/err"
expect_status 0 $? "--allow-destructive"
[ "$(sqlite3 "$db" 'SELECT group_concat(name) FROM hero')" = "Thor,Logan,Nobody" ] && pass ||
	fail "--allow-destructive lost rows"

# ---- faults: exit 2, the file exactly as it was ----
# A new table needs a new page: the full-disk case cannot fit it.
cp "$TMP/b.yaml" "$TMP/grow.yaml"
printf '  power:\n    columns:\n      id: {type: integer, primary_key: true}\n' >>"$TMP/grow.yaml"

# fault NAME MODEL EXPECTED-TEXT...: a fresh database of a.yaml with rows,
# then apply MODEL to it (the environment is set by the caller).
fault() {
	name=$1 model=$2
	shift 2
	fdb=$TMP/fault.db
	rm -f "$fdb"
	env -u SKEMA_TEST_MAX_PAGE_COUNT -u SKEMA_TEST_READONLY \
		"$SKEMA" apply "$TMP/a.yaml" --db "$fdb" -y >/dev/null 2>&1
	fill "$fdb"
	fbefore=$(sum "$fdb")
	[ -n "$lock_for" ] && hold_lock "$fdb"
	"$SKEMA" apply "$model" --db "$fdb" -y >/dev/null 2>"$TMP/err"
	expect_status 2 $? "$name"
	[ -n "$lock_for" ] && release_lock
	for text in "$@"; do
		grep -q -- "$text" "$TMP/err" && pass || fail "$name: no '$text' in: $(cat "$TMP/err")"
	done
	[ "$(sum "$fdb")" = "$fbefore" ] && pass || fail "$name: the database file changed"
	[ -e "$fdb-journal" ] && fail "$name: a journal was left behind" || pass
}

# hold_lock DB: another connection holds the write lock, with a change in
# flight, until release_lock — however slow apply is (valgrind, a loaded
# machine), it sees the lock for all of its busy timeout.
hold_lock() {
	rm -f "$TMP/lock.fifo"
	mkfifo "$TMP/lock.fifo"
	sqlite3 "$1" <"$TMP/lock.fifo" >/dev/null 2>&1 &
	exec 3>"$TMP/lock.fifo"
	printf 'BEGIN IMMEDIATE;\nINSERT INTO team VALUES (9, %s);\n' "'lock'" >&3
	# Wait until the lock is really taken.
	tries=0
	while sqlite3 "$1" 'PRAGMA busy_timeout=0; BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; do
		tries=$((tries + 1))
		[ "$tries" -lt 100 ] || { fail "hold_lock: the lock was never taken"; break; }
		sleep 0.1
	done
}
release_lock() {
	printf 'ROLLBACK;\n' >&3
	exec 3>&-
	wait
}
lock_for=

fault "a violated CHECK" "$TMP/checked.yaml" \
	"change 'alter column hero.age" "CHECK constraint failed" \
	'statement: INSERT INTO "_skema_new_hero"'
export SKEMA_TEST_MAX_PAGE_COUNT=1
fault "a full disk" "$TMP/grow.yaml" \
	"change 'create table power' failed" "database or disk is full" 'statement: CREATE TABLE "power"'
unset SKEMA_TEST_MAX_PAGE_COUNT
export SKEMA_TEST_READONLY=1
fault "a read-only database" "$TMP/b.yaml" \
	"change 'rename table team to teams' failed" "attempt to write a readonly database" \
	'statement: ALTER TABLE "team" RENAME TO "teams"'
unset SKEMA_TEST_READONLY
lock_for=yes
fault "a locked database" "$TMP/b.yaml" \
	"cannot apply 'rename table team to teams'" "database is locked" "statement: BEGIN IMMEDIATE"
lock_for=

# A real read-only file: root ignores permissions, so run as nobody.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	rodir=$(mktemp -d "${TMPDIR:-/tmp}/skema-ro.XXXXXX")
	cp "$fdb" "$rodir/ro.db"
	cp "$TMP/b.yaml" "$rodir/b.yaml"
	chmod 0755 "$rodir"
	chmod 0444 "$rodir/ro.db" "$rodir/b.yaml"
	as_nobody="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	if $as_nobody "$SKEMA" --version >/dev/null 2>&1; then
		before=$(sum "$rodir/ro.db")
		$as_nobody "$SKEMA" apply "$rodir/b.yaml" --db "$rodir/ro.db" -y >/dev/null 2>"$TMP/err"
		expect_status 2 $? "a read-only file (as nobody)"
		grep -q "attempt to write a readonly database" "$TMP/err" && pass ||
			fail "read-only file: $(cat "$TMP/err")"
		[ "$(sum "$rodir/ro.db")" = "$before" ] && pass || fail "read-only file changed"
	else
		echo "note: nobody cannot run $SKEMA; the read-only file case runs through SKEMA_TEST_READONLY only"
	fi
	rm -rf "$rodir"
elif [ "$(id -u)" != 0 ]; then
	chmod 0444 "$fdb"
	before=$(sum "$fdb")
	"$SKEMA" apply "$TMP/b.yaml" --db "$fdb" -y >/dev/null 2>"$TMP/err"
	expect_status 2 $? "a read-only file"
	grep -q "readonly" "$TMP/err" && pass || fail "read-only file: $(cat "$TMP/err")"
	[ "$(sum "$fdb")" = "$before" ] && pass || fail "read-only file changed"
	chmod 0644 "$fdb"
fi

# A failed apply to a missing database leaves no file behind.
SKEMA_TEST_MAX_PAGE_COUNT=1 "$SKEMA" apply "$TMP/a.yaml" --db "$TMP/never.db" -y >/dev/null 2>"$TMP/err"
expect_status 2 $? "a full disk on a new database"
[ -e "$TMP/never.db" ] && fail "a failed apply left a new database behind" || pass

# ---- usage ----
"$SKEMA" apply "$TMP/a.yaml" >/dev/null 2>&1
expect_status 2 $? "no --db"
"$SKEMA" apply "$TMP/a.yaml" --db postgres://u:secret@127.0.0.1:1/x -y >/dev/null 2>"$TMP/err"
expect_status 2 $? "an unreachable postgres target"
grep -Eq "^skema: (cannot connect to postgres://u@127.0.0.1:1/x: |.*PostgreSQL support was not compiled in)" "$TMP/err" &&
	pass || fail "unreachable postgres target: $(cat "$TMP/err")"
grep -q secret "$TMP/err" && fail "the password was printed" || pass
"$SKEMA" apply "$TMP/a.yaml" --db "$TMP/x.db" --frobnicate >/dev/null 2>&1
expect_status 2 $? "an unknown option"
"$SKEMA" apply "$TMP/missing.yaml" --db "$TMP/x.db" -y >/dev/null 2>&1
expect_status 2 $? "a missing model"
[ -e "$TMP/x.db" ] && fail "a failed apply created the database" || pass

finish
