#!/bin/sh
# skema import of PostgreSQL databases, on a throw-away server
# (tests/pg-server.sh).  SKIP (77) without PostgreSQL, unless
# SKEMA_REQUIRE_SERVERS=1.
#
# - Every sample: `skema ddl -d postgres` run on a fresh database, then
#   `skema import postgresql://...`, gives the sample back.  Compared as the
#   PostgreSQL DDL of both models, which must be identical except for what
#   PostgreSQL cannot store: the model's name (the header comment), a
#   `DEFAULT NULL` (PostgreSQL drops it) and SQLite trigger bodies (written
#   commented out, never created).  Links and layout are not in the DDL
#   (links are inferred again, layout is the designer's).  The texts of
#   checks, partial indexes and views come back as written (see
#   db-postgres.h), and so does an enum default ('cart', not
#   'cart'::order_status).
# - import -> ddl -> fresh database -> import is a fixpoint (identical
#   YAML, links included), for the samples and the stress model.
# - pagila loads and imports to a model `skema check` accepts.
# - ?schema= reads another schema; errors are one line, exit 2, and no
#   password appears anywhere.
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/pg-server.sh"

if "$SKEMA" import postgresql://localhost/x 2>&1 | grep -q 'not compiled in'; then
	echo "SKIP: skema was built without PostgreSQL support"
	exit 77
fi
pg_start

# The DDL without what PostgreSQL cannot hold (see above).
ddl_shape() {
	grep -v -e '^--' -e '^$' "$1" | sed 's/ DEFAULT NULL\([,]\{0,1\}\)$/\1/'
}

# no_password FILE...: the server's password appears in none of them.
no_password() {
	for f in "$@"; do
		if grep -F -q -e "$PG_PASSWORD" "$f"; then
			fail "the password appears in $(basename "$f")"
		else
			pass
		fi
	done
}

# import_db DB OUT [QUERY]: import the database into OUT (stderr to OUT.err).
import_db() {
	"$SKEMA" import "$(pg_uri "$1")${3-}" >"$2" 2>"$2.err"
}

for model in "$srcdir"/samples/*.yaml "$srcdir/tests/models/stress.yaml"; do
	name=$(basename "$model" .yaml)
	dir=$TMP/$name
	mkdir -p "$dir"
	if ! "$SKEMA" ddl "$model" -d postgres >"$dir/0.sql" 2>/dev/null; then
		fail "$name: skema ddl -d postgres"
		continue
	fi
	pg_createdb "$name" >/dev/null 2>&1 &&
		pg_psql "$name" -f "$dir/0.sql" >"$dir/psql.out" 2>&1 || {
		fail "$name: cannot build the database: $(cat "$dir/psql.out")"
		continue
	}
	if ! import_db "$name" "$dir/1.yaml"; then
		fail "$name: import failed: $(cat "$dir/1.yaml.err")"
		continue
	fi
	pass
	no_password "$dir/1.yaml" "$dir/1.yaml.err"
	"$SKEMA" check "$dir/1.yaml" >"$dir/check.out" 2>&1
	expect_status 0 $? "$name: skema check of the imported model"
	"$SKEMA" fmt "$dir/1.yaml" >"$dir/fmt.yaml" 2>/dev/null
	expect_same "$dir/1.yaml" "$dir/fmt.yaml" "$name: the imported model is canonical"

	# The sample back: the same PostgreSQL DDL.
	"$SKEMA" ddl "$dir/1.yaml" -d postgres >"$dir/1.sql" 2>/dev/null
	expect_status 0 $? "$name: ddl of the imported model"
	if [ "$name" != stress ]; then
		ddl_shape "$dir/0.sql" >"$dir/0.shape"
		ddl_shape "$dir/1.sql" >"$dir/1.shape"
		expect_same "$dir/0.shape" "$dir/1.shape" "$name: import gives the sample back"
	fi

	# import -> ddl -> import is a fixpoint.
	pg_createdb "$name-2" >/dev/null 2>&1 &&
		pg_psql "$name-2" -f "$dir/1.sql" >"$dir/psql2.out" 2>&1 || {
		fail "$name: the imported model's DDL does not run: $(cat "$dir/psql2.out")"
		continue
	}
	import_db "$name-2" "$dir/2.yaml"
	expect_status 0 $? "$name: second import"
	expect_same "$dir/1.yaml" "$dir/2.yaml" "$name: import -> ddl -> import is a fixpoint"
done

# What the generator's spellings come back as, in the shop sample.
shop=$TMP/shop/1.yaml
for want in \
	"      status: {type: enum(order_status), nullable: false, default: cart}" \
	"      placed_has_date: status = 'cart' OR placed_at IS NOT NULL" \
	"      ix_orders_placed: {columns: [placed_at], where: status = 'placed'}" \
	"      email: {type: varchar(255), nullable: false, unique: true, min_length: 3, max_length: 255}" \
	"      discount: {type: real, nullable: false, default: 0.0, ge: 0, le: 0.9}" \
	"      id: {type: uuid, primary_key: true}" \
	"           SUM(i.quantity * i.unit_price) AS total"; do
	if grep -F -x -q -e "$want" "$shop"; then pass; else fail "shop: no line '$want'"; fi
done

# A hand-made schema: pagila (pg_dump output; its objects belong to a role
# 'postgres').
corpus=$srcdir/tests/corpus/postgres
[ -f "$corpus/pagila-schema.sql" ] || corpus=$srcdir/../shared/corpus/postgres
pg_query postgres "CREATE ROLE postgres" >/dev/null 2>&1
if pg_createdb pagila >/dev/null 2>&1 &&
	pg_psql pagila -f "$corpus/pagila-schema.sql" >"$TMP/pagila.out" 2>&1; then
	import_db pagila "$TMP/pagila.yaml"
	expect_status 0 $? "pagila: import"
	"$SKEMA" check "$TMP/pagila.yaml" >"$TMP/pagila.check" 2>&1
	expect_status 0 $? "pagila: skema check of the imported model"
	grep ': error: ' "$TMP/pagila.check" >&2
	for want in "  film:" "      rating: {type: enum(mpaa_rating), default: G}" \
		"  actor_info: |-" "  film_fulltext_trigger: CREATE TRIGGER film_fulltext_trigger BEFORE INSERT OR UPDATE ON film FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger('fulltext', 'pg_catalog.english', 'title', 'description')"; do
		if grep -F -x -q -e "$want" "$TMP/pagila.yaml"; then pass; else fail "pagila: no line '$want'"; fi
	done
	no_password "$TMP/pagila.yaml" "$TMP/pagila.yaml.err"
else
	fail "pagila: cannot load $corpus/pagila-schema.sql: $(tail -3 "$TMP/pagila.out")"
fi

# ?schema=: the heroes sample built in schema "Sales Dept" reads back the
# same as from public.
{
	printf 'CREATE SCHEMA "Sales Dept";\nSET search_path = "Sales Dept";\n'
	cat "$TMP/heroes/0.sql"
} >"$TMP/schema.sql"
if pg_createdb schemas >/dev/null 2>&1 && pg_psql schemas -f "$TMP/schema.sql" >/dev/null 2>&1; then
	import_db schemas "$TMP/schema.yaml" "?schema=Sales%20Dept"
	expect_status 0 $? "import ?schema="
	expect_same "$TMP/heroes/1.yaml" "$TMP/schema.yaml" "import ?schema=Sales%20Dept"
	import_db schemas "$TMP/public.yaml"
	expect_status 0 $? "import of the empty public schema"
	printf 'skema: 1\n' >"$TMP/empty.want"
	expect_same "$TMP/empty.want" "$TMP/public.yaml" "the public schema is empty"
else
	fail "cannot build the database with schema \"Sales Dept\""
fi

# A comment is taken as the text of a check, an index predicate or a view
# only when the server normalises it to what is stored: prose and a
# comment left behind by CREATE OR REPLACE VIEW are not.
cat >"$TMP/hints.sql" <<'EOF'
CREATE TABLE t (a integer CONSTRAINT a_pos CHECK (a > 0), b text);
COMMENT ON CONSTRAINT a_pos ON t IS 'Amounts must be positive';
CREATE INDEX t_b ON t (b) WHERE b <> 'x';
COMMENT ON INDEX t_b IS 'B is not x';
CREATE VIEW v AS SELECT 1 AS x;
COMMENT ON VIEW v IS 'SELECT 1 AS x';
CREATE OR REPLACE VIEW v AS SELECT 2 AS x;
EOF
cat >"$TMP/hints.want" <<'EOF'
skema: 1
tables:
  t:
    columns:
      a: integer
      b: text
    indexes:
      t_b: {columns: [b], where: 'b <> ''x''::text'}
    checks:
      a_pos: a > 0
views:
  v: SELECT 2 AS x
EOF
if pg_createdb hints >/dev/null 2>&1 && pg_psql hints -f "$TMP/hints.sql" >/dev/null 2>&1; then
	import_db hints "$TMP/hints.yaml"
	expect_status 0 $? "import of comments that are not the text"
	expect_same "$TMP/hints.want" "$TMP/hints.yaml" "comments that are not the text"
else
	fail "cannot build the database 'hints'"
fi

# Where no temporary object may be created (a read-only standby, here a
# read-only session) the normalised texts are the model's.
import_db shop "$TMP/ro.yaml" "?options=-c%20default_transaction_read_only%3Don"
expect_status 0 $? "import in a read-only session"
for want in "      placed_has_date: status = 'cart'::order_status OR placed_at IS NOT NULL" \
	"      ix_orders_placed: {columns: [placed_at], where: 'status = ''placed''::order_status'}"; do
	if grep -F -x -q -e "$want" "$TMP/ro.yaml"; then pass; else fail "read-only: no line '$want'"; fi
done

# Import changes nothing: the catalogs hold as many objects as before.
before=$(pg_query shop "SELECT count(*) FROM pg_class")
import_db shop "$TMP/again.yaml"
expect_same "$TMP/shop/1.yaml" "$TMP/again.yaml" "a second import of shop"
[ "$(pg_query shop "SELECT count(*) FROM pg_class")" = "$before" ] && pass ||
	fail "import left objects behind"

# ddl (and export, where built) read the database through the same path.
"$SKEMA" ddl "$(pg_uri shop)" -d postgres >"$TMP/ddl.sql" 2>"$TMP/ddl.err"
expect_status 0 $? "ddl postgresql://..."
expect_same "$TMP/shop/1.sql" "$TMP/ddl.sql" "ddl postgresql://... is the DDL of the import"
no_password "$TMP/ddl.sql" "$TMP/ddl.err"
if "$SKEMA" export --help >/dev/null 2>&1; then
	"$SKEMA" export "$(pg_uri shop)" -f mermaid >"$TMP/export.out" 2>"$TMP/export.err"
	expect_status 0 $? "export postgresql://..."
	no_password "$TMP/export.out" "$TMP/export.err"
fi

# expect_error WANT URI: exit 2, exactly that one line on stderr, nothing
# on stdout, and not the password.
expect_error() {
	"$SKEMA" import "$2" >"$TMP/err.out" 2>"$TMP/err.txt"
	expect_status 2 $? "import $1"
	printf '%s\n' "$1" >"$TMP/err.want"
	expect_same "$TMP/err.want" "$TMP/err.txt" "message of import $1"
	[ -s "$TMP/err.out" ] && fail "import $1 wrote to stdout" || pass
	no_password "$TMP/err.txt"
}

at=127.0.0.1:$PG_PORT
expect_error "skema: cannot connect to postgresql://$PG_USER@$at/shop: password authentication failed for user \"$PG_USER\"" \
	"postgresql://$PG_USER:not-$PG_PASSWORD@$at/shop"
expect_error "skema: cannot connect to postgresql://$PG_USER@$at/nope: database \"nope\" does not exist" \
	"$(pg_uri nope)"
expect_error "skema: postgresql://$PG_USER@$at/shop?schema=nope has no schema 'nope'" \
	"$(pg_uri shop)?schema=nope"
expect_error "skema: postgresql://$PG_USER@$at/shop?schema=: schema= names no schema" \
	"$(pg_uri shop)?schema="
# A port nothing listens on (the server is stopped to free its port).
uri=$(pg_uri shop)
pg_stop
expect_error "skema: cannot connect to postgresql://$PG_USER@$at/shop: Connection refused" "$uri"
finish
