#!/bin/sh
# The right pane's tabs, driven like a user would (scripted keys into the
# real binary, screens dumped as text): DDL, Diff against the saved file
# and against a database, Apply with its confirmations, progress, cancel,
# errors and history, the ER diagram, moving a table, and the export
# action.  Every file the panes write is compared with what the command
# line writes for the same model.
. "${srcdir:-.}/tests/lib.sh"

export TERM=xterm LINES=50 COLUMNS=160 TZ=UTC HOME="$TMP/home" LC_ALL=C.UTF-8
unset NO_COLOR XDG_CONFIG_HOME
mkdir -p "$HOME"
W="$TMP/work"

# run FILE ARGS... : the designer in $W on FILE with the keys in $TMP/keys
run() {
	f=$1
	shift
	rm -f "$TMP/dump"
	(cd "$W" && SKEMA_KEYS="$TMP/keys" SKEMA_DUMP="$TMP/dump" "$SKEMA" "$f" "$@" \
		>"$TMP/out" 2>"$TMP/err")
	rc=$?
}
keys() { printf '%s' "$*" >"$TMP/keys"; }
screen() { sed -n "$((($1 - 1) * LINES + 1)),$(($1 * LINES))p" "$TMP/dump"; }
expect_screen() {
	if screen "$1" | grep -F -q -- "$2"; then pass; else
		fail "$3: screen $1 lacks '$2'"
		screen "$1" >&2
	fi
}
lacks_screen() {
	if screen "$1" | grep -F -q -- "$2"; then fail "$3: screen $1 shows '$2'"; else pass; fi
}
fresh() {
	rm -rf "$W"
	mkdir -p "$W"
	cp "$srcdir/samples/heroes.yaml" "$W/heroes.yaml"
	cp "$srcdir/samples/heroes.yaml" "$W/orig.yaml"
}
# the hero table's secret_name column: select hero, Tab to the Table pane
EDIT_SECRET='j<Tab>jjj<Enter><Tab><C-u>'

# 1. change a column's type: the DDL tab shows the new statement; the
# Diff tab against the saved file shows the rebuild, and writes exactly
# the script `skema diff` prints
fresh
keys "${EDIT_SECRET}varchar(50)<Enter><F3><Dump><F4>z<Dump>w<Enter><F7><Dump>w<C-u>pg.sql<Enter><F7><F7>s"
run heroes.yaml
expect_status 0 "$rc" "type change"
expect_screen 1 '"secret_name" VARCHAR(50) NOT NULL' "DDL tab: the new statement"
expect_screen 1 '[DDL]' "DDL tab shown"
expect_screen 2 'from the saved file: 1 column altered, 1 destructive' "Diff summary"
expect_screen 2 '-- rebuild table hero' "Diff: the SQLite rebuild"
expect_screen 2 'CREATE TABLE "_skema_new_hero"' "Diff: the new table"
expect_screen 3 'ALTER TABLE "hero" ALTER COLUMN "secret_name" TYPE VARCHAR(50)' "Diff: PostgreSQL ALTER"
"$SKEMA" diff "$W/orig.yaml" "$W/heroes.yaml" >"$TMP/cli.sql"
expect_status 1 $? "skema diff finds the change"
expect_same "$TMP/cli.sql" "$W/heroes-migration.sql" "the Diff tab's script is skema diff's"
"$SKEMA" diff -d postgres "$W/orig.yaml" "$W/heroes.yaml" >"$TMP/cli-pg.sql"
expect_same "$TMP/cli-pg.sql" "$W/pg.sql" "the PostgreSQL Diff is skema diff -d postgres"
grep -q 'secret_name: {type: varchar(50)' "$W/heroes.yaml" && pass || fail "type change saved"

# after saving, the Diff against the saved file is empty
keys "<F4><Dump>"
run heroes.yaml
expect_screen 1 "from the saved file: no differences" "Diff after save"

# the DDL tab writes what skema ddl writes, in the chosen dialect
fresh
keys "<F7><F3>w<Enter>"
run heroes.yaml
"$SKEMA" ddl "$W/heroes.yaml" -d postgres >"$TMP/cli-ddl.sql"
expect_same "$TMP/cli-ddl.sql" "$W/heroes-postgres.sql" "the DDL tab's file is skema ddl's"

# dev_db MODEL: $W/dev.db built from MODEL, by the Apply tab
dev_db() {
	rm -f "$W/dev.db"
	keys "<F5>y"
	run "$1" --db dev.db
	"$SKEMA" diff "$W/dev.db" "$W/$1" >/dev/null
	expect_status 0 $? "dev database from $1"
}

# 2. --db: a dev database built from the previous model
fresh
dev_db orig.yaml
keys "j<Tab>Cnickname<Enter><F4>z<Dump><F5><Dump>y<Dump>s"
run heroes.yaml --db dev.db
expect_status 0 "$rc" "apply from the pane"
expect_screen 1 "from the database: 1 column added" "Diff against --db"
expect_screen 1 'ALTER TABLE "hero" ADD COLUMN "nickname" TEXT' "Diff shows the change"
expect_screen 2 "dev.db: 1 statement, y applies" "Apply: the plan"
expect_screen 3 "applied 1 change (1 statement) to 'dev.db'" "Apply: the log"
expect_screen 3 "dev.db is up to date" "Apply: up to date after"
expect_screen 3 "#2 " "Apply: the history lists the migration"
"$SKEMA" import "$W/dev.db" 2>/dev/null | grep -q 'nickname: text' && pass ||
	fail "the database has the new column"
"$SKEMA" diff "$W/dev.db" "$W/heroes.yaml" >/dev/null
expect_status 0 $? "skema diff database vs model after apply"

# 3. a destructive change is refused until the table's name is typed
cp "$W/heroes.yaml" "$W/before.yaml"
# the nickname column: drop it; y asks for the name; Esc refuses
keys "j<Tab>jjjjjjjjdy<F5><Dump>y<Dump><Esc><Dump>"
run heroes.yaml --db dev.db
expect_screen 1 "DESTRUCTIVE" "Apply: destructive plan"
expect_screen 2 "type the table's name 'hero' to apply" "name asked"
expect_screen 3 "not applied: nothing was changed" "Esc refuses"
"$SKEMA" import "$W/dev.db" 2>/dev/null | grep -q 'nickname:' && pass ||
	fail "refused: the column is still there"
keys "j<Tab>jjjjjjjjdy<F5>yher<Enter><Dump><C-u>hero<Enter><Dump>"
run heroes.yaml --db dev.db
expect_screen 1 "type 'hero' exactly to apply" "a wrong name is not accepted"
expect_screen 2 "applied 1 change" "the right name applies"
"$SKEMA" import "$W/dev.db" 2>/dev/null | grep -q 'nickname:' && fail "nickname still in the database" || pass

# 4. errors in the pane, database unchanged (a read-only database)
fresh
dev_db orig.yaml
cp "$W/dev.db" "$W/dev.orig"
keys "j<Tab>Cnickname<Enter><F5>y<Dump>"
SKEMA_TEST_READONLY=1 run heroes.yaml --db dev.db
expect_screen 1 "failed: the database is unchanged" "error shown in the pane"
cmp -s "$W/dev.db" "$W/dev.orig" && pass || fail "failed apply changed the database"

# 5. progress while a large table is rebuilt; Esc cancels before commit
if command -v python3 >/dev/null 2>&1; then
	python3 - "$W/dev.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executemany('INSERT INTO hero (name, secret_name, alignment) VALUES (?, ?, ?)',
               (('h%d' % i, 's%d' % i, 'hero') for i in range(300000)))
db.commit()
EOF
	cp "$W/dev.db" "$W/dev.orig"
	# name: varchar(100) -> text is a rebuild that loses nothing
	keys "j<Tab>jj<Enter><Tab><C-u>text<Enter><F5>zy<Dump><Esc><Dump>"
	run heroes.yaml --db dev.db
	expect_screen 1 "copying rows of 'hero'" "progress shown"
	expect_screen 1 "Esc or c cancels" "progress says how to cancel"
	expect_screen 2 "cancelled: the database is unchanged" "cancelled"
	cmp -s "$W/dev.db" "$W/dev.orig" && pass || fail "cancel changed the database"
else
	echo "python3 not installed: the progress part is skipped"
fi

# 6. the ER tab of shop.yaml: a box for every table, a line for every
# foreign key, at 160x50 (zoomed) and pannable at 80x24
rm -rf "$W"
mkdir -p "$W"
cp "$srcdir/samples/shop.yaml" "$W/shop.yaml"
keys "<F6>z<Dump>"
run shop.yaml
expect_screen 1 "8 tables, 9 lines" "ER: every table and line"
for t in customers addresses orders order_items products product_categories categories payments; do
	expect_screen 1 "│ $t " "ER: box for $t"
done
n=$(screen 1 | grep -o '1─N\|N─M' | wc -l)
[ "$n" -ge 5 ] && pass || fail "ER: cardinalities shown ($n)"
screen 1 | grep -q 'N─M' && pass || fail "ER: many-to-many cardinality"
LINES=24 COLUMNS=80
keys "<F6><Dump><Right><Right><Down><Down><Dump>fcategories<Enter><Dump>"
run shop.yaml
screen 1 >"$TMP/s1"
screen 2 >"$TMP/s2"
cmp -s "$TMP/s1" "$TMP/s2" && fail "ER: panning changed nothing" || pass
expect_screen 3 "│ categories" "ER: find jumps to the table"
expect_screen 3 ">categories" "ER: the Tables pane follows"
LINES=50 COLUMNS=160

# 7. moving a table in the ER tab writes layout:, reloading keeps it;
# undo takes the move back
fresh
keys "<F6>fhero<Enter><S-Right><S-Right>L<S-Down>s"
run heroes.yaml
grep -q '^layout:' "$W/heroes.yaml" && pass || fail "move: no layout: written"
pos=$(sed -n 's/^  hero: \[\(.*\)\]$/\1/p' "$W/heroes.yaml")
[ -n "$pos" ] && pass || fail "move: no place for hero"
"$SKEMA" check "$W/heroes.yaml" && pass || fail "moved model checks"
keys "<F6>fhero<Enter><S-Left>s"
run heroes.yaml
pos2=$(sed -n 's/^  hero: \[\(.*\)\]$/\1/p' "$W/heroes.yaml")
x1=${pos%%,*}
x2=${pos2%%,*}
[ -n "$x1" ] && [ "$x2" = "$((x1 - 2))" ] && pass || fail "reload keeps the place ($pos, then $pos2)"
keys "<F6>fhero<Enter><S-Left><S-Left>us"
run heroes.yaml
pos3=$(sed -n 's/^  hero: \[\(.*\)\]$/\1/p' "$W/heroes.yaml")
[ "$pos3" = "$pos2" ] && pass || fail "undo reverts a run of moves ($pos2, then $pos3)"

# 8. the export action writes what skema export writes
fresh
keys "x<Enter><Enter>"
run heroes.yaml
"$SKEMA" export "$W/heroes.yaml" -f sqlmodel >"$TMP/cli.py"
expect_same "$TMP/cli.py" "$W/heroes.py" "the export action's SQLModel file"
keys "x<Down><Enter><C-u>diagram.mmd<Enter>"
run heroes.yaml
"$SKEMA" export "$W/heroes.yaml" -f mermaid >"$TMP/cli.mmd"
expect_same "$TMP/cli.mmd" "$W/diagram.mmd" "the export action's Mermaid file"

# 9. a new user: blog.yaml against an empty database file, F5 and y
rm -rf "$W"
mkdir -p "$W"
cp "$srcdir/samples/blog.yaml" "$W/blog.yaml"
: >"$W/empty.db"
keys "<F5>zy<Dump>"
run blog.yaml --db empty.db
expect_screen 1 "applied 6 changes" "new user: applied"
"$SKEMA" diff "sqlite:$W/empty.db" "$W/blog.yaml" >/dev/null
expect_status 0 $? "new user: the database is the model"

# 10. tabs: [ and ] cycle, help lists the tab keys
fresh
keys "]<Dump>]<Dump>]<Dump>]<Dump>[<Dump>?<Dump><PgDn><Dump><PgDn><Dump><PgDn><Dump>"
run heroes.yaml
expect_screen 1 "[Diff]" "] shows Diff"
expect_screen 2 "[Apply]" "] shows Apply"
expect_screen 3 "[ER]" "] shows ER"
expect_screen 4 "[DDL]" "] wraps to DDL"
expect_screen 5 "[ER]" "[ goes back"
for s in "F3" "F4" "F5" "F6" "[" "]" "S-Left H" "y " "w " "x " "z "; do
	grep -F -q -- "  $s" "$TMP/dump" && pass || fail "help lacks '$s'"
done

# 11. --db on PostgreSQL (a throw-away server, tests/pg-server.sh): blog.yaml
# applied from the pane, the URI shown without its password, the Diff tab
# empty after.  In a subshell, so that a missing server skips this part
# only (SKEMA_REQUIRE_SERVERS=1 makes it an error, 99).
if "$SKEMA" import postgresql://localhost/x 2>&1 | grep -q 'not compiled in'; then
	echo "skema was built without PostgreSQL support: the PostgreSQL part is skipped"
else
	(
		. "$srcdir/tests/pg-server.sh"
		# not server-common's trap: it would remove $TMP, which is ours
		trap 'pg_stop; for d in $_srv_extra_dirs; do rm -rf "$d"; done' EXIT
		pg_start
		checks=0
		failures=0
		rm -rf "$W"
		mkdir -p "$W"
		cp "$srcdir/samples/blog.yaml" "$W/blog.yaml"
		pg_createdb panes
		uri=$(pg_uri panes)
		shown="postgresql://$PG_USER@127.0.0.1:$PG_PORT/panes"
		keys "<F5>z<Dump>y<Dump><F4><Dump>"
		run blog.yaml --db "$uri"
		expect_status 0 "$rc" "PostgreSQL: apply from the pane"
		expect_screen 1 "$shown: " "PostgreSQL: the plan names the database"
		expect_screen 1 'CREATE TABLE' "PostgreSQL: the plan"
		# what skema apply says for the same model on another database
		pg_createdb cli
		"$SKEMA" apply "$W/blog.yaml" --db "$(pg_uri cli)" -y >/dev/null 2>"$TMP/cli-err"
		expect_status 0 $? "PostgreSQL: skema apply"
		said=$(sed -n "s/^.*\(applied [0-9]* changes ([0-9]* statements)\) to .*$/\1/p" "$TMP/cli-err")
		[ -n "$said" ] && pass || fail "PostgreSQL: skema apply says no 'applied' line"
		expect_screen 2 "$said to '$shown'" "PostgreSQL: applied, as skema apply"
		expect_screen 2 "$shown is up to date" "PostgreSQL: up to date after"
		expect_screen 2 "history: see skema_migrations" "PostgreSQL: history"
		expect_screen 3 "from the database: no differences" "PostgreSQL: Diff after apply"
		if grep -F -q -e "$PG_PASSWORD" "$TMP/dump" "$TMP/out" "$TMP/err"; then
			fail "PostgreSQL: the password is on the screen"
		else
			pass
		fi
		"$SKEMA" diff "$uri" "$W/blog.yaml" >"$TMP/pg-diff.sql" 2>&1
		expect_status 0 $? "PostgreSQL: skema diff database vs model after apply"
		n=$(pg_query panes 'SELECT count(*) FROM skema_migrations')
		[ "$n" = 1 ] && pass || fail "PostgreSQL: $n history rows, expected 1"
		echo "$checks $failures" >"$TMP/pg-counts"
	)
	pg_rc=$?
	case $pg_rc in
	0)
		read -r c f <"$TMP/pg-counts"
		checks=$((checks + c))
		failures=$((failures + f))
		;;
	77) echo "the PostgreSQL part is skipped" ;;
	99) exit 99 ;;
	*) fail "PostgreSQL part: exit status $pg_rc" ;;
	esac
fi

finish
