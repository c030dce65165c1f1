# tests/server-common.sh — shared by pg-server.sh and mariadb-server.sh:
# skipping, running as an unprivileged user, free ports, bounded waits, and
# one EXIT trap that stops every server before the temp dir goes away.
# Sourced after tests/lib.sh ($TMP, fail, pass, finish); POSIX sh.

if [ -z "${_srv_common_loaded:-}" ]; then
_srv_common_loaded=1

# Functions to run at exit, in order; each must be idempotent.
_srv_exit_hooks=
# Directories outside $TMP (short socket paths) to remove at exit.
_srv_extra_dirs=

_srv_on_exit() {
	for _srv_h in $_srv_exit_hooks; do
		"$_srv_h" || :
	done
	for _srv_d in $_srv_extra_dirs; do
		rm -rf "$_srv_d"
	done
	rm -rf "$TMP"
}
# Replaces lib.sh's trap (which only removes $TMP).  A signal turns into an
# exit so that the EXIT trap stops the servers.
trap _srv_on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

_srv_add_exit_hook() {
	_srv_exit_hooks="$_srv_exit_hooks $1"
}

# _srv_missing WHAT PACKAGE: the servers are not installed.  SKIP (77) unless
# SKEMA_REQUIRE_SERVERS=1, where a missing server is a hard error (99).
_srv_missing() {
	if [ "${SKEMA_REQUIRE_SERVERS:-0}" = 1 ]; then
		echo "ERROR: $1 not found; install the package '$2' (SKEMA_REQUIRE_SERVERS=1)" >&2
		exit 99
	fi
	echo "SKIP: $1 not found (install the package '$2' to run this test)"
	exit 77
}

# _srv_error MSG [LOGFILE]: the harness itself failed (Automake ERROR, 99).
_srv_error() {
	echo "ERROR: $1" >&2
	if [ -n "${2:-}" ] && [ -f "$2" ]; then
		echo "---- last lines of $2 ----" >&2
		tail -n 40 "$2" >&2
		echo "----" >&2
	fi
	exit 99
}

# _srv_timeout SECONDS CMD...: bound a command in time when timeout(1) exists.
_srv_timeout() {
	_srv_t=$1
	shift
	if command -v timeout >/dev/null 2>&1; then
		timeout "$_srv_t" "$@"
	else
		"$@"
	fi
}

# _srv_random N: a random number in [0, N).
_srv_random() {
	_srv_r=$(od -An -N4 -tu4 /dev/urandom 2>/dev/null | tr -d ' ')
	[ -n "$_srv_r" ] || _srv_r=$(( $$ * 7919 + $(date +%s) ))
	echo $(( _srv_r % $1 ))
}

# _srv_secret: a random password (hex, no quoting needed anywhere).
_srv_secret() {
	_srv_s=$(od -An -N16 -tx1 /dev/urandom 2>/dev/null | tr -d ' \n')
	[ -n "$_srv_s" ] || _srv_s=x$$$(date +%s)
	echo "$_srv_s"
}

# _srv_port_busy PORT: true when something listens on PORT (Linux /proc).
# Only a hint: the caller still retries when bind() fails.
_srv_port_busy() {
	_srv_hex=$(printf '%04X' "$1")
	for _srv_f in /proc/net/tcp /proc/net/tcp6; do
		[ -r "$_srv_f" ] || continue
		if awk -v p=":$_srv_hex" '$4 == "0A" && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' "$_srv_f"; then
			return 0
		fi
	done
	return 1
}

# _srv_free_port: a port in 20000..49999 that nothing listens on right now.
_srv_free_port() {
	_srv_n=0
	while :; do
		_srv_p=$(( 20000 + $(_srv_random 30000) ))
		_srv_port_busy "$_srv_p" || break
		_srv_n=$((_srv_n + 1))
		[ "$_srv_n" -lt 50 ] || break
	done
	echo "$_srv_p"
}

# _srv_pick_user PREFERRED: sets _srv_user/_srv_group to the account the
# servers run as.  Empty when not root (then they run as ourselves); when
# root, PREFERRED (the package's system user) or else nobody.
_srv_pick_user() {
	_srv_user=
	_srv_group=
	[ "$(id -u)" = 0 ] || return 0
	for _srv_u in "$1" nobody; do
		if id -u "$_srv_u" >/dev/null 2>&1; then
			_srv_user=$_srv_u
			_srv_group=$(id -g "$_srv_u")
			break
		fi
	done
	[ -n "$_srv_user" ] || _srv_missing "an unprivileged user ('$1' or 'nobody') to run the server as root" "$2"
	if ! command -v setpriv >/dev/null 2>&1 && ! command -v runuser >/dev/null 2>&1; then
		_srv_missing "setpriv or runuser (to run the server as '$_srv_user')" util-linux
	fi
}

# _srv_as SECONDS USER GROUP CMD...: run CMD as USER (as ourselves when USER
# is empty), killed after SECONDS (0: no limit).  setpriv execs, so "$!" of a
# background _srv_as with SECONDS 0 is the server itself.
_srv_as() {
	_srv_at=$1
	_srv_au=$2
	_srv_ag=$3
	shift 3
	if [ "$_srv_at" != 0 ] && command -v timeout >/dev/null 2>&1; then
		set -- timeout "$_srv_at" "$@"
	fi
	if [ -z "$_srv_au" ]; then
		"$@"
	elif command -v setpriv >/dev/null 2>&1; then
		setpriv --reuid="$_srv_au" --regid="$_srv_ag" --init-groups "$@"
	else
		runuser -u "$_srv_au" -- "$@"
	fi
}

# _srv_spawn USER GROUP DIR LOG CMD...: start CMD in the background as USER
# from DIR, output appended to LOG; _srv_pid is the server's own pid
# (everything execs), and the server stays our child so that stopping it
# can reap it with wait.
_srv_spawn() {
	_srv_su=$1
	_srv_sg=$2
	_srv_sd=$3
	_srv_sl=$4
	shift 4
	if [ -z "$_srv_su" ]; then
		:
	elif command -v setpriv >/dev/null 2>&1; then
		set -- setpriv --reuid="$_srv_su" --regid="$_srv_sg" --init-groups "$@"
	else
		# runuser forks; TERM is still passed on to the server.
		set -- runuser -u "$_srv_su" -- "$@"
	fi
	( cd "$_srv_sd" && exec "$@" ) </dev/null >>"$_srv_sl" 2>&1 &
	_srv_pid=$!
}

# _srv_mkdir NAME USER GROUP: set _srv_dir to a fresh directory for a
# server, owned by USER, mode 0700.  Under $TMP when USER can reach it and the socket path
# stays short (sun_path holds 107 bytes); otherwise under /tmp.
_srv_mkdir() {
	_srv_dir=$TMP/$1
	if [ -n "$2" ]; then
		# Let the server user traverse (not list) $TMP.
		chmod 711 "$TMP"
	fi
	mkdir "$_srv_dir" || _srv_error "cannot create $_srv_dir"
	[ -z "$2" ] || chown "$2:$3" "$_srv_dir"
	chmod 700 "$_srv_dir"
	if [ ${#_srv_dir} -gt 80 ] || ! _srv_as 0 "$2" "$3" test -w "$_srv_dir" 2>/dev/null; then
		rmdir "$_srv_dir"
		_srv_dir=$(mktemp -d /tmp/skema-srv.XXXXXX) ||
			_srv_error "cannot create a directory in /tmp"
		_srv_extra_dirs="$_srv_extra_dirs $_srv_dir"
		[ -z "$2" ] || chown "$2:$3" "$_srv_dir"
		_srv_as 0 "$2" "$3" test -w "$_srv_dir" ||
			_srv_error "user '$2' cannot write $_srv_dir"
	fi
}

# _srv_stop_pid PID WHAT SIG1 SIG2: send SIG1 to our child PID and wait up
# to 30 s for it to end, then SIG2 for 10 s, then KILL; reap it.
_srv_stop_pid() {
	for _srv_sig in "$3" "$4" KILL; do
		kill -"$_srv_sig" "$1" 2>/dev/null || break
		case $_srv_sig in
		"$3") _srv_end=$(_srv_deadline 30) ;;
		*) _srv_end=$(_srv_deadline 10) ;;
		esac
		while kill -0 "$1" 2>/dev/null && _srv_before "$_srv_end"; do
			_srv_sleep
		done
		kill -0 "$1" 2>/dev/null || break
		echo "warning: $2 did not stop on SIG$_srv_sig" >&2
	done
	wait "$1" 2>/dev/null || :
}

# _srv_sleep: a short pause for polling loops.
_srv_sleep() {
	sleep 0.2 2>/dev/null || sleep 1
}

# _srv_deadline SECONDS: print the time when a wait of SECONDS ends.
_srv_deadline() {
	echo $(( $(date +%s) + $1 ))
}

_srv_before() {
	[ "$(date +%s)" -lt "$1" ]
}

fi
