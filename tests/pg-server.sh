# tests/pg-server.sh — a throw-away PostgreSQL server for the shell tests.
# Source after tests/lib.sh, then:
#   pg_start              initdb + start (SKIP 77 / ERROR 99 when absent)
#   pg_createdb NAME      a fresh, empty UTF-8 database
#   pg_psql DB [ARGS...]  psql on DB, ON_ERROR_STOP=1, no psqlrc; stdin is SQL
#   pg_query DB SQL       one query, unaligned tuples only on stdout
#   pg_uri DB             postgresql:// URI over TCP with the password
#   pg_stop               stop it (also done by the EXIT trap)
# After pg_start: PG_PORT, PG_SOCKDIR, PG_USER, PG_PASSWORD, PG_BINDIR, and
# PGHOST/PGPORT/PGUSER exported so libpq clients reach it through the socket.
. "$srcdir/tests/server-common.sh"

PG_PORT=
PG_DIR=
_pg_pid=

# _pg_find_bin: set PG_BINDIR to a directory holding initdb and postgres:
# $PG_BINDIR if set, the one of initdb in PATH, else the newest
# /usr/lib/postgresql/*/bin (Debian keeps them out of PATH).
_pg_find_bin() {
	_pg_cands=${PG_BINDIR:-}
	_pg_i=$(command -v initdb 2>/dev/null) || _pg_i=
	if [ -n "$_pg_i" ]; then
		_pg_i=$(readlink -f "$_pg_i" 2>/dev/null || echo "$_pg_i")
		_pg_cands="$_pg_cands ${_pg_i%/*}"
	fi
	_pg_cands="$_pg_cands $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5nr)"
	for _pg_d in $_pg_cands; do
		if [ -x "$_pg_d/initdb" ] && [ -x "$_pg_d/postgres" ]; then
			PG_BINDIR=$_pg_d
			return 0
		fi
	done
	return 1
}

# _pg_as SECONDS CMD...: run CMD as the server's user.
_pg_as() {
	_pg_t=$1
	shift
	_srv_as "$_pg_t" "$_pg_user" "$_pg_group" "$@"
}

pg_start() {
	[ -z "$PG_PORT" ] || return 0
	_pg_find_bin || _srv_missing "PostgreSQL server (initdb, postgres)" postgresql
	PG_PSQL=$PG_BINDIR/psql
	[ -x "$PG_PSQL" ] || PG_PSQL=$(command -v psql) ||
		_srv_missing "PostgreSQL client psql" postgresql-client
	_srv_pick_user postgres postgresql
	_pg_user=$_srv_user
	_pg_group=$_srv_group
	_srv_mkdir pg "$_pg_user" "$_pg_group"
	PG_DIR=$_srv_dir
	PG_SOCKDIR=$PG_DIR
	_srv_add_exit_hook pg_stop

	PG_USER=skema
	PG_PASSWORD=$(_srv_secret)
	echo "$PG_PASSWORD" >"$PG_DIR/pwfile"
	[ -z "$_pg_user" ] || chown "$_pg_user:$_pg_group" "$PG_DIR/pwfile"
	# The socket sits in a 0700 directory, so trust there lets in only the
	# owner (and root); TCP needs the random password.
	( cd "$PG_DIR" && _pg_as 120 "$PG_BINDIR/initdb" -D "$PG_DIR/data" \
		-U "$PG_USER" --pwfile="$PG_DIR/pwfile" --auth-local=trust \
		--auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync ) \
		>"$PG_DIR/initdb.log" 2>&1 ||
		_srv_error "initdb failed" "$PG_DIR/initdb.log"
	rm -f "$PG_DIR/pwfile"
	_pg_sock=$(printf '%s' "$PG_SOCKDIR" | sed "s/'/''/g")
	cat >>"$PG_DIR/data/postgresql.conf" <<EOF
# skema tests: loopback only, socket in the temp dir, speed over durability
listen_addresses = '127.0.0.1'
unix_socket_directories = '$_pg_sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 20
shared_buffers = 16MB
EOF
	unset PGDATABASE PGSERVICE PGPASSWORD PGOPTIONS 2>/dev/null || :
	_pg_try=1
	while :; do
		_pg_port=$(_srv_free_port)
		PG_PORT=$_pg_port
		: >"$PG_DIR/server.log"
		# postgres itself, not pg_ctl: it stays our child, so stopping it
		# reaps it and its pid is known without postmaster.pid.
		_srv_spawn "$_pg_user" "$_pg_group" "$PG_DIR" "$PG_DIR/server.log" \
			"$PG_BINDIR/postgres" -D "$PG_DIR/data" -p "$_pg_port"
		_pg_pid=$_srv_pid
		_pg_end=$(_srv_deadline 30)
		_pg_up=
		while _srv_before "$_pg_end" && kill -0 "$_pg_pid" 2>/dev/null; do
			if [ -S "$PG_SOCKDIR/.s.PGSQL.$_pg_port" ] &&
				pg_query postgres 'SELECT 1' >/dev/null 2>&1; then
				_pg_up=1
				break
			fi
			_srv_sleep
		done
		[ -z "$_pg_up" ] || break
		PG_PORT=
		_pg_kill
		if grep -q 'Address already in use' "$PG_DIR/server.log" && [ "$_pg_try" -lt 10 ]; then
			_pg_try=$((_pg_try + 1))
			continue
		fi
		_srv_error "PostgreSQL did not start within 30 s" "$PG_DIR/server.log"
	done
	PGHOST=$PG_SOCKDIR
	PGPORT=$PG_PORT
	PGUSER=$PG_USER
	export PGHOST PGPORT PGUSER
}

# _pg_kill: a fast shutdown (INT), then an immediate one (QUIT), then KILL.
_pg_kill() {
	[ -n "$_pg_pid" ] || return 0
	_srv_stop_pid "$_pg_pid" "PostgreSQL in $PG_DIR" INT QUIT
	_pg_pid=
}

pg_stop() {
	_pg_kill
	PG_PORT=
}

# pg_psql DB [PSQL ARGS...]
pg_psql() {
	_pg_db=$1
	shift
	PGCONNECT_TIMEOUT=10 _srv_timeout 300 "$PG_PSQL" -X -q -v ON_ERROR_STOP=1 \
		-h "$PG_SOCKDIR" -p "$PG_PORT" -U "$PG_USER" -d "$_pg_db" "$@"
}

# pg_query DB SQL: rows as unaligned text, fields separated by '|'.
pg_query() {
	pg_psql "$1" -A -t -c "$2"
}

# pg_createdb NAME: drop NAME if it exists and create it empty.
pg_createdb() {
	_pg_n=$(printf '%s' "$1" | sed 's/"/""/g')
	pg_psql postgres -c 'SET client_min_messages = warning' \
		-c "DROP DATABASE IF EXISTS \"$_pg_n\"" \
		-c "CREATE DATABASE \"$_pg_n\" TEMPLATE template0 ENCODING 'UTF8'"
}

pg_uri() {
	echo "postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$1"
}
