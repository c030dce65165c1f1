#!/bin/sh
# skema export -f dot|dbml|mermaid on every sample, corpus model and
# tests/export/awkward.yaml (names and comments that need escaping):
#   - DOT renders with `dot -Tsvg` and Graphviz says nothing on stderr;
#   - DBML is accepted by @dbml/core's parser, installed from the npm
#     registry into the build tree (tests/export-npm) on first use;
#   - Mermaid passes tests/export/mermaid_check.py, a structural check
#     after Mermaid's ER grammar (mermaid's own parser needs a browser DOM).
# A part whose tool is missing is skipped; all missing is a skip (77).
. "${srcdir:-.}/tests/lib.sh"

models="$srcdir/samples/*.yaml $srcdir/tests/corpus/*.sql $srcdir/tests/export/awkward.yaml"
ran=0

export_all() {
	for model in $models; do
		[ -f "$model" ] || continue
		out=$TMP/$1/$(basename "$model").$1
		mkdir -p "$TMP/$1"
		if ! "$SKEMA" export "$model" -f "$1" -o "$out" 2>"$TMP/err"; then
			fail "$(basename "$model"): skema export -f $1: $(cat "$TMP/err")"
		fi
	done
}

if command -v dot >/dev/null 2>&1; then
	ran=1
	export_all dot
	for f in "$TMP"/dot/*.dot; do
		dot -Tsvg "$f" >"$TMP/out.svg" 2>"$TMP/dot.err"
		status=$?
		if [ $status -ne 0 ] || [ -s "$TMP/dot.err" ]; then
			fail "$(basename "$f"): dot -Tsvg exit $status: $(cat "$TMP/dot.err")"
		else
			pass
		fi
	done
else
	echo "SKIP part: graphviz (dot) is not installed"
fi

PY=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
	if "$p" -c 'import re' >/dev/null 2>&1; then PY=$p; break; fi
done
if [ -n "$PY" ]; then
	ran=1
	export_all mermaid
	if "$PY" "$srcdir/tests/export/mermaid_check.py" "$TMP"/mermaid/*.mermaid >"$TMP/out" 2>&1; then
		pass
	else
		fail "mermaid output is not well-formed"
		head -20 "$TMP/out" >&2
	fi
	# The checker itself must refuse what Mermaid refuses.
	printf 'erDiagram\n    a {\n        integer 2nd PK\n    }\n    a ||--o{ b : "x"\n' >"$TMP/bad.mermaid"
	if "$PY" "$srcdir/tests/export/mermaid_check.py" "$TMP/bad.mermaid" >/dev/null 2>&1; then
		fail "mermaid_check.py accepted a bad diagram"
	else
		pass
	fi
else
	echo "SKIP part: no python3 for the Mermaid check"
fi

NPM_DIR=$(pwd)/tests/export-npm
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	if [ ! -d "$NPM_DIR/node_modules/@dbml/core" ]; then
		mkdir -p "$NPM_DIR"
		(cd "$NPM_DIR" && npm install --no-audit --no-fund --silent \
			--cache "$NPM_DIR/cache" @dbml/core >"$NPM_DIR/install.log" 2>&1)
	fi
	if [ -d "$NPM_DIR/node_modules/@dbml/core" ]; then
		ran=1
		export_all dbml
		if NODE_PATH=$NPM_DIR/node_modules node "$srcdir/tests/export/dbml_check.js" \
			"$TMP"/dbml/*.dbml >"$TMP/out" 2>&1; then
			pass
		else
			fail "@dbml/core refuses the DBML"
			head -20 "$TMP/out" >&2
		fi
		printf 'Table a {\n  id integer [pk\n}\n' >"$TMP/bad.dbml"
		if NODE_PATH=$NPM_DIR/node_modules node "$srcdir/tests/export/dbml_check.js" \
			"$TMP/bad.dbml" >/dev/null 2>&1; then
			fail "dbml_check.js accepted a bad file"
		else
			pass
		fi
	else
		echo "SKIP part: npm could not install @dbml/core (see $NPM_DIR/install.log)"
	fi
else
	echo "SKIP part: node and npm are not installed"
fi

if [ $ran -eq 0 ]; then
	echo "SKIP: none of dot, python3, node/npm is installed"
	exit 77
fi
finish
