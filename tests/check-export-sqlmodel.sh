#!/bin/sh
# skema export -f sqlmodel, accepted by SQLModel itself: for every sample,
# corpus model and tests/export/awkward.yaml (names that are keywords, not
# identifiers, spaces, quotes), with and without --variants:
#   - the module imports with Python 3 and its mappers configure;
#   - SQLModel.metadata.create_all on a fresh SQLite file gives the same
#     schema as `skema ddl` of the model run into another file (`skema
#     diff` exits 0; before that command exists, `skema import` of both
#     compared);
#   - Alembic's compare_metadata between the module's metadata and the
#     DDL-built database reports nothing.
# What SQLite cannot represent and is skipped is listed, with the reason,
# in tests/export/sqlmodel_check.py (NOT_IN_METADATA and SKIPPED).
. "${srcdir:-.}/tests/lib.sh"

CHECK=$srcdir/tests/export/sqlmodel_check.py

# A Python that has SQLModel and Alembic: Debian's python3-sqlmodel and
# python3-alembic install into /usr/bin/python3, which need not be the
# first python3 on PATH.
PY=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
	if "$p" -c 'import sqlmodel, alembic, sqlalchemy' >/dev/null 2>&1; then
		PY=$p
		break
	fi
done
if [ -z "$PY" ]; then
	echo "SKIP: no python3 with sqlmodel and alembic (Debian: python3-sqlmodel python3-alembic)"
	exit 77
fi

models="$srcdir/samples/*.yaml $srcdir/tests/corpus/*.sql $srcdir/tests/export/awkward.yaml"
for model in $models; do
	[ -f "$model" ] || continue
	for variants in "" --variants; do
		name=$(basename "$model")$variants
		dir=$TMP/$name
		mkdir -p "$dir"
		if ! "$SKEMA" export "$model" -f sqlmodel $variants -o "$dir/model.py" 2>"$dir/err"; then
			fail "$name: skema export failed: $(cat "$dir/err")"
			continue
		fi
		if ! "$PY" "$CHECK" create "$dir/model.py" "$dir/sqlmodel.db" >"$dir/out" 2>&1; then
			fail "$name: the module does not import or create_all fails"
			tail -5 "$dir/out" >&2
			continue
		fi
		pass
		if ! "$SKEMA" ddl "$model" -o "$dir/ddl.sql" 2>/dev/null ||
		   ! "$PY" "$CHECK" ddl "$dir/ddl.sql" "$dir/ddl.db" >"$dir/out" 2>&1; then
			fail "$name: the DDL database could not be built"
			cat "$dir/out" >&2
			continue
		fi
		"$SKEMA" diff "sqlite:$dir/sqlmodel.db" "sqlite:$dir/ddl.db" >"$dir/out" 2>&1
		expect_status 0 $? "$name: skema diff of the create_all and ddl databases"
		[ -s "$dir/out" ] && [ $failures -gt 0 ] && head -20 "$dir/out" >&2
		"$PY" "$CHECK" alembic "$dir/model.py" "$dir/ddl.db" >"$dir/out" 2>&1
		status=$?
		expect_status 0 $status "$name: alembic compare_metadata"
		[ $status -ne 0 ] && head -20 "$dir/out" >&2
	done
done

# Usage errors.
"$SKEMA" export "$srcdir/samples/heroes.yaml" -f cobol >/dev/null 2>"$TMP/err"
expect_status 2 $? "unknown format"
grep -q "unknown format 'cobol'" "$TMP/err" && pass || fail "unknown format message: $(cat "$TMP/err")"
"$SKEMA" export "$srcdir/samples/heroes.yaml" >/dev/null 2>&1
expect_status 2 $? "missing -f"
"$SKEMA" export "$srcdir/samples/heroes.yaml" -f dot --variants >/dev/null 2>&1
expect_status 2 $? "--variants with -f dot"
finish
