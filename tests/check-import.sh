#!/bin/sh
# skema import: real schemas (tests/corpus: Chinook, Northwind, Sakila),
# the samples and tests/data-import/features.sql each go
#   import -> YAML -> skema ddl -> a fresh database -> import
# and must come back as the identical YAML (a fixpoint), with the fresh
# database equal to the original by PRAGMA and CHECK text (tests/sqlite-
# schema prints both sides).  Then: importing never writes, and the error
# cases give one clear message each.
. "${srcdir:-.}/tests/lib.sh"

SQLITE_SCHEMA=${SQLITE_SCHEMA:-$(pwd)/tests/sqlite-schema}
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: the sqlite3 command line shell is not installed"
	exit 77
fi
if [ ! -x "$SQLITE_SCHEMA" ]; then
	echo "SKIP: $SQLITE_SCHEMA is not built (make check builds it)"
	exit 77
fi
corpus=$srcdir/tests/corpus
[ -f "$corpus/chinook.sql" ] || corpus=$srcdir/../shared/corpus
if [ ! -f "$corpus/chinook.sql" ]; then
	echo "SKIP: no corpus in $srcdir/tests/corpus or $srcdir/../shared/corpus"
	exit 77
fi
data=$srcdir/tests/data-import

# roundtrip NAME ORIGINAL.db: import, check, fmt, ddl, rebuild, compare.
roundtrip() {
	name=$1 db1=$2 dir=$TMP/$1
	mkdir -p "$dir"
	if ! "$SKEMA" import "$db1" >"$dir/1.yaml" 2>"$dir/import.err"; then
		fail "$name: import failed: $(cat "$dir/import.err")"
		return
	fi
	pass
	"$SKEMA" check "$dir/1.yaml" >/dev/null 2>"$dir/check.err"
	expect_status 0 $? "$name: skema check of the imported model"
	grep ': error: ' "$dir/check.err" >&2
	"$SKEMA" fmt "$dir/1.yaml" >"$dir/fmt.yaml" 2>/dev/null
	expect_same "$dir/1.yaml" "$dir/fmt.yaml" "$name: the imported model is canonical"
	if ! "$SKEMA" ddl "$dir/1.yaml" >"$dir/1.sql" 2>"$dir/ddl.err"; then
		fail "$name: ddl failed: $(cat "$dir/ddl.err")"
		return
	fi
	if ! sqlite3 "$dir/2.db" <"$dir/1.sql" 2>"$dir/sqlite3.err" || [ -s "$dir/sqlite3.err" ]; then
		fail "$name: the DDL does not run: $(cat "$dir/sqlite3.err")"
		return
	fi
	"$SKEMA" import "$dir/2.db" >"$dir/2.yaml" 2>/dev/null
	expect_status 0 $? "$name: import of the rebuilt database"
	expect_same "$dir/1.yaml" "$dir/2.yaml" "$name: import -> ddl -> import is a fixpoint"
	"$SQLITE_SCHEMA" "$db1" >"$dir/1.schema"
	"$SQLITE_SCHEMA" "$dir/2.db" >"$dir/2.schema"
	expect_same "$dir/1.schema" "$dir/2.schema" "$name: the rebuilt database equals the original"
}

# The corpus and features.sql: the .sql run by the sqlite3 shell is the
# original database; importing the .sql itself gives the same model.
for sql in "$corpus"/*.sql "$data/features.sql"; do
	name=$(basename "$sql" .sql)
	mkdir -p "$TMP/$name"
	if ! sqlite3 "$TMP/$name/0.db" <"$sql"; then
		fail "$name: sqlite3 cannot run $sql"
		continue
	fi
	roundtrip "$name" "$TMP/$name/0.db"
	"$SKEMA" import "$sql" >"$TMP/$name/from-sql.yaml" 2>/dev/null
	expect_status 0 $? "$name: import of the .sql file"
	expect_same "$TMP/$name/1.yaml" "$TMP/$name/from-sql.yaml" "$name: .sql and database import alike"
done

# The samples: their DDL makes the original database.
for yaml in "$srcdir"/samples/*.yaml; do
	name=sample-$(basename "$yaml" .yaml)
	mkdir -p "$TMP/$name"
	"$SKEMA" ddl "$yaml" >"$TMP/$name/0.sql" 2>/dev/null &&
		sqlite3 "$TMP/$name/0.db" <"$TMP/$name/0.sql" || {
		fail "$name: cannot build its database"
		continue
	}
	roundtrip "$name" "$TMP/$name/0.db"
done

# Every SOURCE form names the same database.
db=$TMP/chinook/0.db
for spec in "sqlite:$db" "sqlite://$db" "$db"; do
	"$SKEMA" import "$spec" >"$TMP/form.yaml" 2>/dev/null
	expect_status 0 $? "import $spec"
	expect_same "$TMP/chinook/1.yaml" "$TMP/form.yaml" "import $spec"
done

# -o writes the same text atomically.
"$SKEMA" import "$db" -o "$TMP/out.yaml"
expect_status 0 $? "import -o"
expect_same "$TMP/chinook/1.yaml" "$TMP/out.yaml" "import -o"

# Importing never writes: a read-only (0444) database imports, and its
# bytes, its modification time and its directory are unchanged (root
# ignores the mode, hence the checksum).
mkdir "$TMP/ro"
cp "$TMP/features/0.db" "$TMP/ro/ro.db"
touch -d '2001-02-03 04:05:06' "$TMP/ro/ro.db"
chmod 0444 "$TMP/ro/ro.db"
sum_before=$(cksum <"$TMP/ro/ro.db")
time_before=$(ls -l --full-time "$TMP/ro/ro.db")
"$SKEMA" import "$TMP/ro/ro.db" >"$TMP/ro.yaml" 2>/dev/null
expect_status 0 $? "import of a read-only database"
expect_same "$TMP/features/1.yaml" "$TMP/ro.yaml" "import of a read-only database"
[ "$(cksum <"$TMP/ro/ro.db")" = "$sum_before" ] && pass || fail "import changed the database's bytes"
[ "$(ls -l --full-time "$TMP/ro/ro.db")" = "$time_before" ] && pass ||
	fail "import changed the database's mode or time"
[ "$(ls -A "$TMP/ro")" = "ro.db" ] && pass || fail "import left files: $(ls -A "$TMP/ro")"

# expect_error WANT_MESSAGE ARGS...: exit 2, exactly that one line, no output.
expect_error() {
	want=$1
	shift
	"$SKEMA" import "$@" >"$TMP/err.out" 2>"$TMP/err.txt"
	expect_status 2 $? "import $*"
	printf '%s\n' "$want" >"$TMP/err.want"
	expect_same "$TMP/err.want" "$TMP/err.txt" "message of import $*"
	[ -s "$TMP/err.out" ] && fail "import $* wrote to stdout" || pass
}

expect_error "skema: cannot read $TMP/none.db: No such file or directory" "sqlite:$TMP/none.db"
expect_error "skema: cannot read $TMP/none.sql: No such file or directory" "$TMP/none.sql"
expect_error "skema: $data/not-sqlite.db is not an SQLite database" "sqlite:$data/not-sqlite.db"
expect_error "skema: $data/not-sqlite.db is not a schema source: expected a .yaml or .sql file, an SQLite database, sqlite:PATH or postgres://..." \
	"$data/not-sqlite.db"
expect_error "skema: $data/corrupt.db is a corrupt SQLite database (database disk image is malformed)" \
	"$data/corrupt.db"
expect_error "skema: $data/truncated.db is a corrupt SQLite database (database disk image is malformed)" \
	"sqlite:$data/truncated.db"
expect_error "$data/syntax-error.sql:40:1: error: near \"name\": syntax error" "$data/syntax-error.sql"
printf 'CREATE TABLE a (x NOT NULL);\n\n  INSERT INTO a VALUES (NULL);\n' >"$TMP/step.sql"
expect_error "$TMP/step.sql:3:3: error: NOT NULL constraint failed: a.x" "$TMP/step.sql"
printf "CREATE TABLE a (x);\nATTACH '%s/attached.db' AS other;\n" "$TMP" >"$TMP/attach.sql"
expect_error "$TMP/attach.sql:2:1: error: ATTACH and VACUUM INTO are not allowed in an imported file: they would write to disk" \
	"$TMP/attach.sql"
[ -e "$TMP/attached.db" ] && fail "ATTACH created a file" || pass
# A name that is not UTF-8 (fuzz finding F4): refused, the bytes escaped,
# rather than saved as U+FFFD (a silent rename); the same from a database.
expect_error "skema: $data/fuzz-invalid-utf8-name.sql: table 't' has text that is not valid UTF-8 in its definition: \"a\\xffb\"" \
	"$data/fuzz-invalid-utf8-name.sql"
sqlite3 "$TMP/utf8.db" <"$data/fuzz-invalid-utf8-name.sql"
expect_error "skema: $TMP/utf8.db: table 't' has text that is not valid UTF-8 in its definition: \"a\\xffb\"" \
	"$TMP/utf8.db"
"$SKEMA" import "$data/fuzz-invalid-utf8-name.sql" -o "$TMP/utf8.yaml" 2>/dev/null
expect_status 2 $? "import -o of a name that is not UTF-8"
[ -e "$TMP/utf8.yaml" ] && fail "import -o wrote a model with a name that is not UTF-8" || pass
"$SKEMA" import "$data/syntax-error.sql" -o "$TMP/not-written.yaml" 2>/dev/null
expect_status 2 $? "import -o after an error"
[ -e "$TMP/not-written.yaml" ] && fail "import -o wrote after an error" || pass

# An empty database is an empty model; so is an empty file named as one.
printf 'skema: 1\n' >"$TMP/empty.want"
for spec in "$data/empty.db" "sqlite:$TMP/zero.db"; do
	: >"$TMP/zero.db"
	"$SKEMA" import "$spec" >"$TMP/empty.yaml" 2>"$TMP/empty.err"
	expect_status 0 $? "import of an empty database $spec"
	expect_same "$TMP/empty.want" "$TMP/empty.yaml" "import of an empty database $spec"
	[ -s "$TMP/empty.err" ] && fail "empty database: $(cat "$TMP/empty.err")" || pass
done
finish
