# tests/lib.sh — shared by the shell tests: run the real skema binary.
# Automake sets srcdir and SKEMA (see AM_TESTS_ENVIRONMENT).
set -u
: "${srcdir:=.}"
: "${SKEMA:=$(pwd)/skema}"
srcdir=$(cd "$srcdir" && pwd)
failures=0
checks=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/skema-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

pass() {
	checks=$((checks + 1))
}

# expect_status WANT GOT WHAT
expect_status() {
	if [ "$1" != "$2" ]; then fail "$3: exit status $2, expected $1"; else pass; fi
}

# expect_same FILE_EXPECTED FILE_GOT WHAT
expect_same() {
	if ! cmp -s "$1" "$2"; then
		fail "$3: output differs"
		diff -u "$1" "$2" >&2 | head -40
	else
		pass
	fi
}

finish() {
	echo "$checks checks passed, $failures failed"
	[ "$failures" -eq 0 ] || exit 1
	exit 0
}
