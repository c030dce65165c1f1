#!/bin/sh
# valgrind-wrap.sh — run a test under valgrind memcheck (make check-valgrind).
#
# As automake's LOG_COMPILER it gets the test as its first argument:
#   - a compiled unit test runs under valgrind directly;
#   - a shell test (*.sh) runs as it is, with $SKEMA pointing back at this
#     script, so that every skema the test starts runs under valgrind.
# Valgrind's reports go to files under $VALGRIND_LOG_DIR (default
# ./valgrind-logs), never to the program's stderr, which the shell tests
# compare byte for byte; any memcheck error or definite/indirect leak makes
# the program exit 99 (automake's hard error), and the report is copied to
# stderr, where it lands in the test's .log.
set -u

here=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
logdir=${VALGRIND_LOG_DIR:-$(pwd)/valgrind-logs}
mkdir -p "$logdir"

vg()
{
	log=$logdir/vg.$$.$(date +%s%N).log
	valgrind -q --tool=memcheck --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
		--track-origins=yes --trace-children=no --log-file="$log" "$@"
	st=$?
	if [ -s "$log" ]; then
		echo "valgrind: $*" >&2
		cat "$log" >&2
		[ "$st" -eq 0 ] && st=99
	else
		rm -f "$log"
	fi
	return "$st"
}

if [ -n "${VALGRIND_WRAP_TARGET:-}" ]; then
	# Standing in for skema inside a shell test.
	vg "$VALGRIND_WRAP_TARGET" "$@"
	exit $?
fi

[ $# -ge 1 ] || { echo "usage: $0 TEST [ARGS]" >&2; exit 99; }
# The migration property tests run the same code paths for every seed;
# under valgrind (~50x slower) a few seeds per model check the memory of
# all of them, the full count runs in the ordinary make check.
SKEMA_PROPERTY_SEEDS=${SKEMA_PROPERTY_SEEDS:-3}
export SKEMA_PROPERTY_SEEDS
case $1 in
*.sh)
	VALGRIND_WRAP_TARGET=${SKEMA:?SKEMA is not set}
	SKEMA=$here
	export VALGRIND_WRAP_TARGET SKEMA VALGRIND_LOG_DIR=$logdir
	if [ -x "$1" ]; then exec "$@"; else exec /bin/sh "$@"; fi
	;;
*)
	vg "$@"
	exit $?
	;;
esac
