#!/bin/sh
# build.sh — build the libFuzzer harnesses and, optionally, run them.
#
#   tests/fuzz/build.sh [SRCDIR [OUTDIR]]
#
# Compiles the engine (libskema_a_SOURCES of SRCDIR/Makefile.am, plus the
# migration sources and tests/mutate-model.c the differential harness
# needs) with clang -fsanitize=fuzzer-no-link,address,undefined, then links
# tests/fuzz/fuzz-*.c with -fsanitize=fuzzer,address,undefined into
# OUTDIR (default ./fuzz-build).  The build tree's config.h (the current
# directory's) is used without HAVE_LIBPQ: libpq stays out.
#
# Each harness's working corpus OUTDIR/<harness>-corpus/ is seeded with
# the project's samples and test inputs (see seed_files).  With
# FUZZ_SECONDS set (make fuzz sets it, default 60), each harness then runs
# that many seconds on it and its regression seeds
# (tests/fuzz/corpus-<name>/), one at a time; a crash, leak, timeout or
# property failure fails the run and leaves the reproducer in
# OUTDIR/<harness>-artifacts/.
#
# FUZZ_CC (default clang), FUZZ_CFLAGS, FUZZ_JOBS (default 1; more runs
# libFuzzer's -fork=N) and FUZZ_FLAGS (extra libFuzzer flags) may be set.
set -eu

srcdir=${1:-${srcdir:-.}}
out=${2:-fuzz-build}
cc=${FUZZ_CC:-clang}
srcdir=$(cd "$srcdir" && pwd)
mkdir -p "$out/obj"
out=$(cd "$out" && pwd)

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc not found (apt-get install clang libclang-rt-14-dev)" >&2
	exit 77
fi

# The engine's sources, straight from Makefile.am so the list never drifts.
engine=$(sed -n '/^libskema_a_SOURCES *=/,/[^\\]$/p' "$srcdir/Makefile.am" |
	tr ' \t\\' '\n\n\n' | grep '\.c$' || true)
[ -n "$engine" ] || { echo "fuzz: no libskema_a_SOURCES in $srcdir/Makefile.am" >&2; exit 1; }
# What the differential harness needs besides, when not in the list yet.
for f in src/diff.c src/plan.c src/plan-sqlite.c src/plan-alter.c src/apply.c \
	tests/mutate-model.c; do
	case " $(echo $engine) " in
	*" $f "*) ;;
	*) [ -f "$srcdir/$f" ] && engine="$engine
$f" ;;
	esac
done

# config.h: the build tree's (or, in a run outside one, a stand-in) with
# libpq taken out, which the fuzz build leaves out whatever configure found.
confdir=$out/obj
{
	if [ -f "$(pwd)/config.h" ]; then
		printf '#include "%s/config.h"\n' "$(pwd)"
	else
		printf '#define PACKAGE_VERSION "fuzz"\n'
	fi
	printf '#undef HAVE_LIBPQ\n'
} >"$confdir/config.h.new"
if cmp -s "$confdir/config.h.new" "$confdir/config.h"; then
	rm -f "$confdir/config.h.new"
else
	mv "$confdir/config.h.new" "$confdir/config.h"
	rm -f "$out"/obj/*.o
fi
pkgs="yaml-0.1 sqlite3"
pkgcflags=$(pkg-config --cflags $pkgs)
pkglibs=$(pkg-config --libs $pkgs)
cflags="-std=c11 -D_GNU_SOURCE -DDB_POSTGRES_WITHOUT_LIBPQ -g -O1 -fno-omit-frame-pointer
	-Wall -Wextra -Wno-unused-parameter -I$confdir -I$srcdir/src -I$srcdir/tests
	-DSKEMA_DATADIR=\"$srcdir\" $pkgcflags ${FUZZ_CFLAGS:-}"
san="-fsanitize=address,undefined -fno-sanitize-recover=all"

objs=
for f in $engine; do
	o=$out/obj/$(echo "$f" | tr '/' '_' | sed 's/\.c$/.o/')
	if [ ! -f "$o" ] || [ "$srcdir/$f" -nt "$o" ] ||
	   [ -n "$(find "$srcdir/src" "$srcdir/tests" -maxdepth 1 -name '*.h' -newer "$o" 2>/dev/null | head -1)" ]; then
		echo "  CC(fuzz) $f"
		# shellcheck disable=SC2086
		$cc $cflags $san -fsanitize=fuzzer-no-link -c "$srcdir/$f" -o "$o"
	fi
	objs="$objs $o"
done

harnesses=
for h in "$srcdir"/tests/fuzz/fuzz-*.c; do
	name=$(basename "$h" .c)
	echo "  CCLD(fuzz) $name"
	# shellcheck disable=SC2086
	$cc $cflags $san -fsanitize=fuzzer "$h" $objs $pkglibs -lm -o "$out/$name"
	harnesses="$harnesses $name"
done

# The working corpora start from the project's own inputs, read where they
# live (copies would go stale), named after their folder: what each
# harness reads.  The regression seeds under tests/fuzz/corpus-*/ are
# passed to libFuzzer beside them.
seed_files() {
	case $1 in
	fuzz-yaml) echo samples/*.yaml tests/fmt/*.yaml tests/data/*.yaml tests/models/*.yaml ;;
	fuzz-sql) echo tests/corpus/*.sql tests/data-import/*.sql tests/golden/*.sqlite.sql ;;
	fuzz-migrate) echo samples/*.yaml tests/models/*.yaml tests/fmt/*.out.yaml \
		tests/data/fuzz-migrate-*.yaml ;;
	esac
}
for name in $harnesses; do
	mkdir -p "$out/$name-corpus"
	for f in $(cd "$srcdir" && seed_files "$name"); do
		[ -f "$srcdir/$f" ] || continue
		cp "$srcdir/$f" "$out/$name-corpus/seed-$(echo "$f" | tr '/' '_')"
	done
done

[ -n "${FUZZ_SECONDS:-}" ] || exit 0

status=0
for name in $harnesses; do
	corpus=$out/$name-corpus
	art=$out/$name-artifacts
	mkdir -p "$corpus" "$art"
	seeds=$srcdir/tests/fuzz/corpus-${name#fuzz-}
	set -- "$corpus"
	[ -d "$seeds" ] && set -- "$corpus" "$seeds"
	echo "== $name: $FUZZ_SECONDS s (corpus: $*)"
	jobs=
	[ "${FUZZ_JOBS:-1}" -gt 1 ] && jobs="-fork=$FUZZ_JOBS"
	case $name in
	fuzz-sql) dict="-dict=$srcdir/tests/fuzz/sql.dict" ;;
	*) dict="-dict=$srcdir/tests/fuzz/yaml.dict" ;;
	esac
	# shellcheck disable=SC2086
	if ! "$out/$name" -max_total_time="$FUZZ_SECONDS" $jobs $dict \
		-rss_limit_mb=2048 -max_len=65536 -timeout=10 \
		-artifact_prefix="$art/" -print_final_stats=1 ${FUZZ_FLAGS:-} \
		"$@" >"$out/$name.log" 2>&1; then
		echo "== $name FAILED: see $out/$name.log and $art/" >&2
		tail -n 40 "$out/$name.log" >&2
		status=1
	fi
	grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units' "$out/$name.log" | tail -n 2 || true
done
exit $status
