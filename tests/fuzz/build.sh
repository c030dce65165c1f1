#!/bin/sh
# build.sh — build the libFuzzer harnesses and, optionally, run them.
#
#   tests/fuzz/build.sh [SRCDIR [OUTDIR]]
#
# Compiles the engine (libskema_a_SOURCES of SRCDIR/Makefile.am, plus the
# migration sources and tests/mutate-model.c the differential harness
# needs) with clang -fsanitize=fuzzer-no-link,address,undefined, then links
# tests/fuzz/fuzz-*.c with -fsanitize=fuzzer,address,undefined into
# OUTDIR (default ./fuzz-build).  config.h is looked for in the current
# directory (the build tree) and then in SRCDIR.
#
# With FUZZ_SECONDS set (make fuzz sets it, default 60), each harness then
# runs that many seconds on a copy of its seed corpus under OUTDIR, one at
# a time; a crash, leak, timeout or property failure fails the run and
# leaves the reproducer in OUTDIR/<harness>-artifacts/.
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

# config.h of the build tree; without one (a run outside it) a stand-in:
# the engine only asks it about libpq, which the fuzz build leaves out.
confdir=$(pwd)
if [ ! -f "$confdir/config.h" ]; then
	confdir=$out/obj
	[ -f "$confdir/config.h" ] || printf '#define PACKAGE_VERSION "fuzz"\n' >"$confdir/config.h"
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

[ -n "${FUZZ_SECONDS:-}" ] || exit 0

status=0
for name in $harnesses; do
	corpus=$out/$name-corpus
	art=$out/$name-artifacts
	mkdir -p "$corpus" "$art"
	seeds=$srcdir/tests/fuzz/corpus-${name#fuzz-}
	echo "== $name: $FUZZ_SECONDS s (seeds: $seeds)"
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
		"$corpus" "$seeds" >"$out/$name.log" 2>&1; then
		echo "== $name FAILED: see $out/$name.log and $art/" >&2
		tail -n 40 "$out/$name.log" >&2
		status=1
	fi
	grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units' "$out/$name.log" | tail -n 2 || true
done
exit $status
