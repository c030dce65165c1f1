# tests/ddl-shape.sh — the "shape" of a schema as the engine itself reports
# it, in one format for SQLite, PostgreSQL and MariaDB, so that the schema
# built from `skema ddl -d DIALECT` can be compared with the one built from
# `skema ddl -d sqlite` (the model's expectation, without parsing YAML in sh).
#
# One line per fact, sorted with LC_ALL=C; names are hex of their UTF-8 bytes
# (exact: quotes, spaces, unicode, truncation and case all show), followed by
# a readable form with newlines written as \n:
#   T t  T                       table T exists
#   T c  NNNN C  T.C             column C at 1-based position NNNN of T
#   T pk NN C  T.C               column C is the NN-th of T's primary key
#   T fk C1,C2 R  T(C1,C2)->R    a foreign key of T on (C1, C2) to table R
#   T ix U|N C1,C2  T(C1,C2)     a non-primary index, unique or not ("expr"
#                                stands for an expression)
#   V v  V                       view V exists
# MariaDB creates an index for a foreign key that has none; it is named after
# the constraint and left out, as it is not in the model.
# Needs pg-server.sh / mariadb-server.sh for the server variants.

# shape_sqlite DBFILE
shape_sqlite() {
	sqlite3 -bail "$1" >"$TMP/shape.raw" <<'EOF' || return 1
WITH t(name) AS (SELECT name FROM sqlite_master
	WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\')
SELECT hex(name) || ' t ' || replace(name, char(10), '\n') FROM t
UNION ALL
SELECT hex(t.name) || ' c ' || printf('%04d', p.cid + 1) || ' ' || hex(p.name) || ' '
	|| replace(t.name || '.' || p.name, char(10), '\n')
FROM t, pragma_table_info(t.name) p
UNION ALL
SELECT hex(t.name) || ' pk ' || printf('%02d', p.pk) || ' ' || hex(p.name) || ' '
	|| replace(t.name || '.' || p.name, char(10), '\n')
FROM t, pragma_table_info(t.name) p WHERE p.pk > 0
UNION ALL
SELECT hex(t.name) || ' fk ' || group_concat(hex(f."from"), ',') || ' ' || hex(f."table") || ' '
	|| replace(t.name || '(' || group_concat(f."from", ',') || ')->' || f."table", char(10), '\n')
FROM t, pragma_foreign_key_list(t.name) f GROUP BY t.name, f.id
UNION ALL
SELECT hex(t.name) || ' ix ' || CASE WHEN l."unique" THEN 'U' ELSE 'N' END || ' '
	|| (SELECT group_concat(coalesce(hex(i.name), 'expr'), ',') FROM pragma_index_info(l.name) i)
	|| ' ' || replace(t.name || '(' || (SELECT group_concat(coalesce(i.name, 'expr'), ',')
		FROM pragma_index_info(l.name) i) || ')', char(10), '\n')
FROM t, pragma_index_list(t.name) l WHERE l.origin IN ('c', 'u')
UNION ALL
SELECT hex(name) || ' v ' || replace(name, char(10), '\n') FROM sqlite_master WHERE type = 'view';
EOF
	LC_ALL=C sort "$TMP/shape.raw"
}

# shape_postgres DB: the current schema (public) of DB.
shape_postgres() {
	pg_psql "$1" -A -t >"$TMP/shape.raw" <<'EOF' || return 1
CREATE FUNCTION pg_temp.h(text) RETURNS text IMMUTABLE LANGUAGE sql
	AS $$ SELECT upper(encode(convert_to($1, 'UTF8'), 'hex')) $$;
CREATE FUNCTION pg_temp.r(text) RETURNS text IMMUTABLE LANGUAGE sql
	AS $$ SELECT replace($1, E'\n', '\n') $$;
CREATE TEMP VIEW shape_t AS
	SELECT c.oid, c.relname::text AS name, pg_temp.h(c.relname::text) AS hex
	FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace
		AND c.relkind IN ('r', 'p');
CREATE TEMP VIEW shape_fk AS
	SELECT t.hex, t.name, r.relname::text AS ref,
		string_agg(pg_temp.h(a.attname::text), ',' ORDER BY k.n) AS hexcols,
		string_agg(a.attname::text, ',' ORDER BY k.n) AS cols
	FROM shape_t t JOIN pg_constraint c ON c.conrelid = t.oid AND c.contype = 'f'
		JOIN pg_class r ON r.oid = c.confrelid
		CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, n)
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
	GROUP BY t.hex, t.name, r.relname, c.oid;
CREATE TEMP VIEW shape_ix AS
	SELECT t.hex, t.name, i.indisunique AS uniq,
		string_agg(CASE WHEN k.attnum = 0 THEN 'expr' ELSE pg_temp.h(a.attname::text) END,
			',' ORDER BY k.n) AS hexcols,
		string_agg(coalesce(a.attname::text, 'expr'), ',' ORDER BY k.n) AS cols
	FROM shape_t t JOIN pg_index i ON i.indrelid = t.oid AND NOT i.indisprimary
		CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)
		LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
	WHERE k.n <= i.indnkeyatts
	GROUP BY t.hex, t.name, i.indexrelid, i.indisunique;
SELECT hex || ' t ' || pg_temp.r(name) FROM shape_t
UNION ALL
SELECT t.hex || ' c ' || lpad(a.attnum::text, 4, '0') || ' ' || pg_temp.h(a.attname::text)
	|| ' ' || pg_temp.r(t.name || '.' || a.attname)
FROM shape_t t JOIN pg_attribute a ON a.attrelid = t.oid
WHERE a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT t.hex || ' pk ' || lpad(k.n::text, 2, '0') || ' ' || pg_temp.h(a.attname::text)
	|| ' ' || pg_temp.r(t.name || '.' || a.attname)
FROM shape_t t JOIN pg_constraint c ON c.conrelid = t.oid AND c.contype = 'p'
	CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, n)
	JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
UNION ALL
SELECT hex || ' fk ' || hexcols || ' ' || pg_temp.h(ref) || ' '
	|| pg_temp.r(name || '(' || cols || ')->' || ref)
FROM shape_fk
UNION ALL
SELECT hex || ' ix ' || CASE WHEN uniq THEN 'U' ELSE 'N' END || ' ' || hexcols || ' '
	|| pg_temp.r(name || '(' || cols || ')')
FROM shape_ix
UNION ALL
SELECT pg_temp.h(c.relname::text) || ' v ' || pg_temp.r(c.relname::text)
FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('v', 'm');
EOF
	LC_ALL=C sort "$TMP/shape.raw"
}

# shape_mariadb DB
shape_mariadb() {
	mariadb_sql "$1" --raw --skip-column-names >"$TMP/shape.raw" <<'EOF' || return 1
SELECT CONCAT(HEX(TABLE_NAME), ' t ', REPLACE(TABLE_NAME, '\n', '\\n'))
FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
UNION ALL
SELECT CONCAT(HEX(TABLE_NAME), ' c ', LPAD(ORDINAL_POSITION, 4, '0'), ' ', HEX(COLUMN_NAME), ' ',
	REPLACE(CONCAT(TABLE_NAME, '.', COLUMN_NAME), '\n', '\\n'))
FROM information_schema.COLUMNS c WHERE TABLE_SCHEMA = DATABASE()
	AND EXISTS (SELECT 1 FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = c.TABLE_SCHEMA
		AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE')
UNION ALL
SELECT CONCAT(HEX(TABLE_NAME), ' pk ', LPAD(ORDINAL_POSITION, 2, '0'), ' ', HEX(COLUMN_NAME), ' ',
	REPLACE(CONCAT(TABLE_NAME, '.', COLUMN_NAME), '\n', '\\n'))
FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'PRIMARY'
UNION ALL
SELECT CONCAT(HEX(TABLE_NAME), ' fk ',
	GROUP_CONCAT(HEX(COLUMN_NAME) ORDER BY ORDINAL_POSITION SEPARATOR ','),
	' ', HEX(MAX(REFERENCED_TABLE_NAME)), ' ',
	REPLACE(CONCAT(TABLE_NAME, '(', GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ','),
		')->', MAX(REFERENCED_TABLE_NAME)), '\n', '\\n'))
FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
GROUP BY TABLE_NAME, CONSTRAINT_NAME
UNION ALL
SELECT CONCAT(HEX(s.TABLE_NAME), ' ix ', IF(MAX(s.NON_UNIQUE) = 0, 'U', 'N'), ' ',
	GROUP_CONCAT(COALESCE(HEX(s.COLUMN_NAME), 'expr') ORDER BY s.SEQ_IN_INDEX SEPARATOR ','), ' ',
	REPLACE(CONCAT(s.TABLE_NAME, '(',
		GROUP_CONCAT(COALESCE(s.COLUMN_NAME, 'expr') ORDER BY s.SEQ_IN_INDEX SEPARATOR ','), ')'),
		'\n', '\\n'))
FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = DATABASE() AND s.INDEX_NAME <> 'PRIMARY'
	AND NOT EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS c
		WHERE c.CONSTRAINT_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME
		AND c.CONSTRAINT_NAME = s.INDEX_NAME AND c.CONSTRAINT_TYPE = 'FOREIGN KEY')
GROUP BY s.TABLE_NAME, s.INDEX_NAME
UNION ALL
SELECT CONCAT(HEX(TABLE_NAME), ' v ', REPLACE(TABLE_NAME, '\n', '\\n'))
FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE();
EOF
	LC_ALL=C sort "$TMP/shape.raw"
}

# shape_expected MODEL OUT: the shape of MODEL's SQLite DDL, run in a scratch
# database.  Returns non-zero (after fail) when that does not work.
shape_expected() {
	_sh_base=$TMP/expected.$$
	rm -f "$_sh_base.db"
	if ! "$SKEMA" ddl "$1" -d sqlite >"$_sh_base.sql" 2>"$_sh_base.err"; then
		fail "$1: skema ddl -d sqlite failed: $(cat "$_sh_base.err")"
		return 1
	fi
	if ! sqlite3 -bail "$_sh_base.db" <"$_sh_base.sql" >"$_sh_base.out" 2>&1; then
		fail "$1: the SQLite DDL does not run: $(cat "$_sh_base.out")"
		return 1
	fi
	shape_sqlite "$_sh_base.db" >"$2" || {
		fail "$1: cannot read the SQLite schema"
		return 1
	}
}

# shape_compare WANT GOT WHAT: one check per kind of fact, so a failure says
# what differs (tables, columns, keys, indexes, views).
shape_compare() {
	for _sh_k in t c pk fk ix v; do
		awk -v k="$_sh_k" '$2 == k' "$1" >"$1.$_sh_k"
		awk -v k="$_sh_k" '$2 == k' "$2" >"$2.$_sh_k"
		case $_sh_k in
		t) _sh_what="tables" ;;
		c) _sh_what="columns (names, order)" ;;
		pk) _sh_what="primary keys" ;;
		fk) _sh_what="foreign keys" ;;
		ix) _sh_what="indexes" ;;
		v) _sh_what="views" ;;
		esac
		if cmp -s "$1.$_sh_k" "$2.$_sh_k"; then
			pass
		else
			fail "$3: $_sh_what differ from the SQLite DDL's (-expected +got)"
			# Show the readable names, not the hex.
			diff "$1.$_sh_k" "$2.$_sh_k" | awk -v k="$_sh_k" '/^[<>] / {
				sign = substr($0, 1, 1) == "<" ? "-" : "+"
				line = substr($0, 3)
				n = (k == "t" || k == "v") ? 2 : 4
				extra = ""
				for (i = 1; i <= n; i++) {
					p = index(line, " ")
					if (i == 3 && k != "fk")
						extra = substr(line, 1, p - 1) " "
					line = substr(line, p + 1)
				}
				print "  " sign extra line
			}' | head -40 >&2
		fi
	done
}
