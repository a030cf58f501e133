#!/usr/bin/env bash
# pg-test.sh — a throwaway PostgreSQL cluster for the tests, never the system's.
#
#   scripts/pg-test.sh start DIR   initdb in DIR (C collation, UTF-8, trust on a
#                                  Unix socket in DIR), start it on a free port,
#                                  create database "samverka"; prints the URL:
#                                  postgres://samverka@/samverka?host=DIR&port=PORT
#   scripts/pg-test.sh stop DIR    stop it (fast shutdown) and leave DIR to the caller
#   scripts/pg-test.sh url DIR     print the URL again
#   scripts/pg-test.sh resume DIR  start a stopped cluster again (same port, same data):
#                                  the fault tests stop the server under a running samverka
#
# As root, the server runs as the unprivileged user "nobody" (PostgreSQL refuses
# root); otherwise as the calling user. Nothing listens on TCP.
set -euo pipefail
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-test: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}

url() {
	echo "postgres://samverka@/samverka?host=$dir&port=$(cat "$dir/port")"
}

# every acknowledged write kept: fsync, synchronous commit, full-page writes
pg_start() {
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-k $dir -p $(cat "$dir/port") -c listen_addresses='' -c fsync=on -c synchronous_commit=on -c full_page_writes=on" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
}

case $cmd in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ "$(id -u)" = 0 ] && chown nobody: "$dir" && chmod 755 "$dir"
	# the server listens on no TCP address, only on a socket in DIR; the port
	# only names that socket, so any number is free: pick one at random
	port=$((20000 + RANDOM % 40000))
	echo "$port" > "$dir/port.tmp"
	mv "$dir/port.tmp" "$dir/port"
	as_owner "$bin/initdb" -D "$dir/data" -U samverka --auth=trust --locale=C --encoding=UTF8 \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	pg_start
	as_owner "$bin/createdb" -h "$dir" -p "$port" -U samverka -E UTF8 --locale=C -T template0 samverka
	url
	;;
stop)
	[ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
	;;
url)
	url
	;;
resume)
	pg_start
	;;
*)
	echo "usage: $0 start|stop|url DIR" >&2
	exit 2
	;;
esac
