#!/bin/sh
# skema diff: exit status, the commented script, --down, sources (.yaml and
# an SQLite database file), destructive notes counted on the database.
. "${srcdir:-.}/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || { echo "SKIP: sqlite3 not installed"; exit 77; }
heroes=$srcdir/samples/heroes.yaml

# Equal: one comment line, exit 0.
"$SKEMA" diff "$heroes" "$heroes" >"$TMP/out" 2>"$TMP/err"
expect_status 0 $? "diff of a model with itself"
printf -- '-- no differences\n' >"$TMP/want"
expect_same "$TMP/want" "$TMP/out" "diff of a model with itself"

# A rename, an added column and a dropped column.
sed -e 's/^  power:$/  ability:\n    was: power/' \
    -e 's/^      headquarters: text$/      base: {type: text, was: headquarters}\n      founded: integer/' \
    -e 's/references: power.id/references: ability.id/' -e 's/right: power,/right: ability,/' \
    -e '/secret_name:/d' "$heroes" >"$TMP/b.yaml"
"$SKEMA" diff "$heroes" "$TMP/b.yaml" >"$TMP/out" 2>"$TMP/err"
expect_status 1 $? "diff with changes"
for line in \
	'-- skema migration for SQLite: 4 changes, 1 destructive' \
	'--   rename table power to ability' \
	'-- DESTRUCTIVE: drops column hero.secret_name' \
	'ALTER TABLE "power" RENAME TO "ability";' \
	'ALTER TABLE "team" RENAME COLUMN "headquarters" TO "base";' \
	'ALTER TABLE "team" ADD COLUMN "founded" INTEGER;' \
	'BEGIN;' 'COMMIT;'; do
	if grep -qxF -- "$line" "$TMP/out"; then pass; else fail "diff output lacks: $line"; fi
done

# The script runs, and the result is what TO describes.
rm -f "$TMP/a.db"
"$SKEMA" ddl "$heroes" | sqlite3 "$TMP/a.db"
sqlite3 "$TMP/a.db" "INSERT INTO team (id, name, headquarters) VALUES (1, 'x', 'hq');
	INSERT INTO hero (id, name, secret_name, alignment) VALUES (1, 'a', 's1', 'hero'), (2, 'b', 's2', 'villain');"
cp "$TMP/a.db" "$TMP/a2.db"
if sqlite3 -bail "$TMP/a2.db" <"$TMP/out" >"$TMP/run" 2>&1; then pass; else fail "script fails: $(cat "$TMP/run")"; fi
"$SKEMA" diff "sqlite:$TMP/a2.db" "$TMP/b.yaml" >"$TMP/out2" 2>"$TMP/err"
expect_status 0 $? "database after the script equals TO"
[ "$(sqlite3 "$TMP/a2.db" 'SELECT base FROM team')" = hq ] && pass || fail "renamed column lost its value"

# FROM a database file: its numbers in the destructive notes.
"$SKEMA" diff "$TMP/a.db" "$TMP/b.yaml" >"$TMP/out" 2>"$TMP/err"
expect_status 1 $? "diff from a database file"
grep -qxF -- '-- DESTRUCTIVE: drops column hero.secret_name: 2 non-null values' "$TMP/out" && pass ||
	fail "no count in the destructive note: $(grep DESTRUCTIVE "$TMP/out")"

# --down: the reverse follows, renames reversed.  (Not of a dropped NOT
# NULL column without a default: rows would have no value for it.)
"$SKEMA" diff "$heroes" "$TMP/b.yaml" --down >/dev/null 2>"$TMP/err"
expect_status 2 $? "diff --down that would add a NOT NULL column back"
sed -e 's/^  power:$/  ability:\n    was: power/' \
    -e 's/^      headquarters: text$/      base: {type: text, was: headquarters}\n      founded: integer/' \
    -e 's/references: power.id/references: ability.id/' -e 's/right: power,/right: ability,/' \
    "$heroes" >"$TMP/b2.yaml"
"$SKEMA" diff "$heroes" "$TMP/b2.yaml" --down >"$TMP/out" 2>"$TMP/err"
expect_status 1 $? "diff --down"
grep -qxF -- '-- down: the reverse migration' "$TMP/out" && pass || fail "--down: no reverse part"
sed -n '/^-- down: the reverse migration$/,$p' "$TMP/out" >"$TMP/down.sql"
grep -qxF -- 'ALTER TABLE "ability" RENAME TO "power";' "$TMP/down.sql" && pass || fail "--down: table rename not reversed"
grep -qxF -- 'ALTER TABLE "team" RENAME COLUMN "base" TO "headquarters";' "$TMP/down.sql" && pass ||
	fail "--down: column rename not reversed"
# Up then down gives A again.
cp "$TMP/a.db" "$TMP/a3.db"
sed '/^-- down: the reverse migration$/,$d' "$TMP/out" | sqlite3 -bail "$TMP/a3.db" >/dev/null 2>&1 &&
	sqlite3 -bail "$TMP/a3.db" <"$TMP/down.sql" >/dev/null 2>"$TMP/run" && pass || fail "up then down fails: $(cat "$TMP/run")"
"$SKEMA" diff "$TMP/a3.db" "$heroes" >/dev/null 2>&1
expect_status 0 $? "up then down equals FROM"

# Dialects.
"$SKEMA" diff "$heroes" "$TMP/b.yaml" -d postgres >"$TMP/out" 2>"$TMP/err"
expect_status 1 $? "diff -d postgres"
grep -qxF -- 'ALTER TABLE "power" RENAME TO "ability";' "$TMP/out" && pass || fail "postgres: no rename"
"$SKEMA" diff "$heroes" "$TMP/b.yaml" -d mysql >"$TMP/out" 2>"$TMP/err"
expect_status 1 $? "diff -d mysql"
grep -qxF -- 'ALTER TABLE `power` RENAME TO `ability`;' "$TMP/out" && pass || fail "mysql: no rename"

# A NOT NULL column without a default on a table with rows: refused.
sed 's/^      headquarters: text$/      headquarters: text\n      code: {type: text, nullable: false}/' "$heroes" >"$TMP/nn.yaml"
"$SKEMA" diff "$heroes" "$TMP/nn.yaml" >"$TMP/out" 2>"$TMP/err"
expect_status 2 $? "new NOT NULL column without default"
grep -qF "new column 'team.code' is NOT NULL and has no default" "$TMP/err" && pass ||
	fail "refusal message: $(cat "$TMP/err")"

# Errors: 2.
"$SKEMA" diff "$heroes" >/dev/null 2>&1
expect_status 2 $? "diff with one source"
"$SKEMA" diff "$heroes" "$TMP/missing.yaml" >/dev/null 2>&1
expect_status 2 $? "diff with a missing file"
"$SKEMA" diff "$heroes" "$heroes" -d oracle >/dev/null 2>&1
expect_status 2 $? "diff with an unknown dialect"
finish
