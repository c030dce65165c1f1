#!/bin/sh
# run-bench.sh — skema against SQLAlchemy/Alembic and the floors, in one run.
#
#     run-bench.sh BUILDDIR SRCDIR [TABLES...]      (default: 100 1000 5000)
#
# Environment: RUNS (default 5) runs per figure, median kept; PY_RUNS_5000
# (default 3) runs of the slow Python peers at 5,000 tables and up; OUT
# (default BUILDDIR/bench-out) for the generated files.
#
# For each size it writes under OUT/N: v1.yaml and v2.yaml (gen-schema and
# gen-schema -2: about 5% of the tables changed), v1.sql and v2.sql
# (skema ddl), v1_models.py and v2_models.py (gen-sqlalchemy.py), v1.db
# (v1.sql executed) and v1-rows.db (the same with 3 rows in every table),
# then bench-run.py times everything and prints the table.
set -eu

build=$1
src=$2
shift 2
[ $# -gt 0 ] || set -- 100 1000 5000
runs=${RUNS:-5}
out=${OUT:-$build/bench-out}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

"$py" -c 'import sqlalchemy, alembic, yaml' 2>/dev/null || {
	echo "run-bench.sh: needs python3-sqlalchemy, python3-alembic and python3-yaml" >&2
	exit 2
}

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)," \
	"$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)," \
	"$(. /etc/os-release && echo "$PRETTY_NAME")"
echo "python: $("$py" -c 'import sys, sqlalchemy, alembic; print(sys.version.split()[0], "SQLAlchemy", sqlalchemy.__version__, "Alembic", alembic.__version__)')"

for n in "$@"; do
	d=$out/$n
	mkdir -p "$d"
	"$build/tests/bench/gen-schema" "$n" > "$d/v1.yaml"
	"$build/tests/bench/gen-schema" -2 "$n" > "$d/v2.yaml"
	"$build/skema" ddl "$d/v1.yaml" -o "$d/v1.sql"
	"$build/skema" ddl "$d/v2.yaml" -o "$d/v2.sql"
	"$py" "$src/tests/bench/gen-sqlalchemy.py" "$d/v1.yaml" > "$d/v1_models.py"
	"$py" "$src/tests/bench/gen-sqlalchemy.py" "$d/v2.yaml" > "$d/v2_models.py"
	rm -f "$d/v1.db" "$d/v1-rows.db"
	"$py" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(open(sys.argv[2]).read())
db.close()' "$d/v1.db" "$d/v1.sql"
	cp "$d/v1.db" "$d/v1-rows.db"
	"$py" "$src/tests/bench/fill-rows.py" "$d/v1-rows.db" 3
	pyruns=$runs
	[ "$n" -lt 5000 ] || pyruns=${PY_RUNS_5000:-3}
	[ "$pyruns" -le "$runs" ] || pyruns=$runs
	"$py" "$src/tests/bench/bench-run.py" "$build" "$src" "$out" "$n" "$runs" "$pyruns"
done
