# tests/mariadb-server.sh — a throw-away MariaDB server for the shell tests.
# Source after tests/lib.sh, then:
#   mariadb_start               install-db + start (SKIP 77 / ERROR 99 when absent)
#   mariadb_createdb NAME       a fresh, empty utf8mb4 database
#   mariadb_sql DB [ARGS...]    the client on DB, --batch; stdin is SQL; it
#                               stops at the first error with a non-zero exit
#   mariadb_query DB SQL        one query, tab-separated rows, no header
#   mariadb_stop                stop it (also done by the EXIT trap)
# After mariadb_start: MARIADB_SOCKET (root, no password, socket in a 0700
# directory), MARIADB_PORT on 127.0.0.1 for MARIADB_USER/MARIADB_PASSWORD.
. "$srcdir/tests/server-common.sh"

MARIADB_PORT=
MARIADB_DIR=
_my_pid=

# _my_find: the server, the installer and the client; MariaDB names first,
# then the MySQL-compatible ones (the server lives in sbin on Debian).
_my_find() {
	_my_path=$PATH:/usr/sbin:/usr/local/sbin:/usr/libexec:/sbin
	MARIADB_SERVER=$(PATH=$_my_path command -v mariadbd || PATH=$_my_path command -v mysqld) || return 1
	MARIADB_INSTALL_DB=$(PATH=$_my_path command -v mariadb-install-db ||
		PATH=$_my_path command -v mysql_install_db) || return 1
	return 0
}

_my_as() {
	_my_t=$1
	shift
	_srv_as "$_my_t" "$_my_user" "$_my_group" "$@"
}

mariadb_start() {
	[ -z "$MARIADB_PORT" ] || return 0
	_my_find || _srv_missing "MariaDB server (mariadbd, mariadb-install-db)" mariadb-server
	MARIADB_CLIENT=$(command -v mariadb || command -v mysql) ||
		_srv_missing "MariaDB client (mariadb)" mariadb-client
	_srv_pick_user mysql mariadb-server
	_my_user=$_srv_user
	_my_group=$_srv_group
	_srv_mkdir mariadb "$_my_user" "$_my_group"
	MARIADB_DIR=$_srv_dir
	MARIADB_SOCKET=$MARIADB_DIR/mysqld.sock
	_srv_add_exit_hook mariadb_stop
	_my_as 0 mkdir "$MARIADB_DIR/tmp"

	# Options for both the bootstrap and the server: no option files, utf8mb4,
	# small and fast InnoDB, nothing written outside the temp dir.
	set -- --no-defaults --datadir="$MARIADB_DIR/data" --tmpdir="$MARIADB_DIR/tmp" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--skip-name-resolve --skip-log-bin --innodb-buffer-pool-size=32M \
		--innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=0 \
		--innodb-doublewrite=0 --skip-innodb-use-native-aio
	# Root without a password, reachable only through the socket (0700 dir):
	# the root accounts for TCP are dropped once the server is up.
	( cd "$MARIADB_DIR" && _my_as 120 "$MARIADB_INSTALL_DB" "$@" \
		--auth-root-authentication-method=normal --skip-test-db ) \
		>"$MARIADB_DIR/install-db.log" 2>&1 ||
		_srv_error "mariadb-install-db failed" "$MARIADB_DIR/install-db.log"

	_my_try=1
	while :; do
		_my_port=$(_srv_free_port)
		: >"$MARIADB_DIR/error.log"
		[ -z "$_my_user" ] || chown "$_my_user:$_my_group" "$MARIADB_DIR/error.log"
		# Started from its own directory: the server user may not be able
		# to enter ours.  No timeout wrapper: the waits below are bounded.
		_srv_spawn "$_my_user" "$_my_group" "$MARIADB_DIR" /dev/null "$MARIADB_SERVER" "$@" \
			--socket="$MARIADB_SOCKET" --port="$_my_port" --bind-address=127.0.0.1 \
			--pid-file="$MARIADB_DIR/mysqld.pid" --log-error="$MARIADB_DIR/error.log"
		_my_pid=$_srv_pid
		_my_end=$(_srv_deadline 30)
		_my_up=
		while _srv_before "$_my_end"; do
			if ! kill -0 "$_my_pid" 2>/dev/null; then
				break
			fi
			if [ -S "$MARIADB_SOCKET" ] &&
				_my_client --connect-timeout=5 -e 'SELECT 1' >/dev/null 2>&1; then
				_my_up=1
				break
			fi
			_srv_sleep
		done
		[ -z "$_my_up" ] || break
		_my_kill
		if grep -q 'already in use' "$MARIADB_DIR/error.log" && [ "$_my_try" -lt 10 ]; then
			_my_try=$((_my_try + 1))
			continue
		fi
		_srv_error "MariaDB did not start within 30 s" "$MARIADB_DIR/error.log"
	done
	MARIADB_PORT=$_my_port
	MARIADB_USER=skema
	MARIADB_PASSWORD=$(_srv_secret)
	# install-db also makes root@127.0.0.1, root@::1 and root@HOSTNAME without
	# a password: TCP is for the password user only.
	_my_client --batch --skip-column-names -e "SELECT CONCAT('DROP USER \`', user,
		'\`@\`', host, '\`;') FROM mysql.user WHERE user = 'root' AND host <> 'localhost'" \
		>"$MARIADB_DIR/drop-users.sql" &&
		_my_client <"$MARIADB_DIR/drop-users.sql" ||
		_srv_error "cannot drop the MariaDB root accounts for TCP" "$MARIADB_DIR/error.log"
	_my_client -e "CREATE USER skema@'127.0.0.1' IDENTIFIED BY '$MARIADB_PASSWORD';
		GRANT ALL ON *.* TO skema@'127.0.0.1' WITH GRANT OPTION" ||
		_srv_error "cannot create the MariaDB test user" "$MARIADB_DIR/error.log"
}

# _my_client ARGS...: the client as root over the socket, no option files.
_my_client() {
	_srv_timeout 300 "$MARIADB_CLIENT" --no-defaults --user=root \
		--socket="$MARIADB_SOCKET" --default-character-set=utf8mb4 --connect-timeout=10 "$@"
}

# _my_kill: TERM the server (a clean shutdown), then KILL; bounded waits.
_my_kill() {
	[ -n "$_my_pid" ] || return 0
	_srv_stop_pid "$_my_pid" "MariaDB in $MARIADB_DIR" TERM KILL
	_my_pid=
}

mariadb_stop() {
	_my_kill
	MARIADB_PORT=
}

# mariadb_sql DB [CLIENT ARGS...]
mariadb_sql() {
	_my_db=$1
	shift
	_my_client --batch --database="$_my_db" "$@"
}

# mariadb_query DB SQL: rows tab-separated, raw (no escaping), no header.
mariadb_query() {
	_my_client --batch --raw --skip-column-names --database="$1" -e "$2"
}

# mariadb_createdb NAME: drop NAME if it exists and create it empty.
mariadb_createdb() {
	_my_n=$(printf '%s' "$1" | sed 's/`/``/g')
	_my_client --batch -e "DROP DATABASE IF EXISTS \`$_my_n\`;
		CREATE DATABASE \`$_my_n\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
}
