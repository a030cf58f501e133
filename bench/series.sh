#!/usr/bin/env bash
# series.sh — does the work of one request grow linearly with an indicator's
# series? (issue 8, limit 10)
#
# Builds two demo databases whose first indicator of the mission skolmat holds
# SMALL (default 10,000) and BIG (default 100,000, the most an import allows:
# ASSESS_MAX_SERIES) series of two observations each, imported with
# `samverka import`. Serves each with the response cache off
# (--cache-entries 0: every request groups and assesses every series again),
# and times REPS sequential requests (after one warm-up) of the indicator
# page, its API resource and the mission page with curl. Prints the median
# time of each on both databases and their ratio: linear work gives about
# BIG/SMALL (10x); the old grouping, a search per row, gave about 100x.
#
#   bench/series.sh                     SERIES_SMALL, SERIES_BIG, SERIES_REPS
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
bin=${SAMVERKA_BIN:-$top/build/samverka}
small=${SERIES_SMALL:-10000}
big=${SERIES_BIG:-100000}
reps=${SERIES_REPS:-7}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samverka-series.XXXXXX")
cleanup() {
	# only the servers this script started, by the pids it wrote
	for f in "$tmp"/pid.*; do
		[ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null || true
	done
	sleep 0.5
	rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s.%N; }

# build N — a demo database with N series (2015 and 2020) on one indicator; prints its id
build() {
	local n=$1 db=$tmp/s$1.db ind t0 t1
	awk -v n="$n" 'BEGIN {
		print "Year,Series,Value"
		srand(7)
		for (i = 0; i < n; i++) {
			v = 50 + 50 * rand()
			printf "2015,S%06d,%.3f\n2020,S%06d,%.3f\n", i, v, i, v * (0.8 + 0.4 * rand())
		}
	}' >"$tmp/s$n.csv"
	"$bin" init --db "$db" --demo >/dev/null 2>&1
	ind=$(sqlite3 "$db" "SELECT i.id FROM indicator i JOIN mission m ON m.id = i.mission_id WHERE m.slug = 'skolmat' ORDER BY i.position, i.id LIMIT 1")
	t0=$(now)
	"$bin" import --db "$db" --indicator "$ind" "$tmp/s$n.csv" >/dev/null
	t1=$(now)
	echo "series: $n series ($((2 * n)) observations) imported in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s" >&2
	echo "$ind"
}

serve() { # DB NAME -> prints the base URL
	"$bin" serve --db "$1" --listen 127.0.0.1:0 --access-log no --cache-entries 0 >"$tmp/serve.$2" 2>&1 &
	echo $! >"$tmp/pid.$2"
	for _ in $(seq 100); do
		url=$(sed -n 's|^samverka: listening on \(http://[^ ]*\)/$|\1|p' "$tmp/serve.$2")
		[ -n "$url" ] && { echo "$url"; return; }
		sleep 0.1
	done
	echo "series: samverka did not start on $2" >&2
	cat "$tmp/serve.$2" >&2
	exit 1
}

# median_ms URL — one warm-up, then the median of REPS request times in ms; also
# prints the body size. Stops on a status other than 200.
median_ms() {
	local out code size i
	out=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' --max-time 300 "$1")
	code=${out% *}
	size=${out#* }
	[ "$code" = 200 ] || { echo "series: $1 answered $code" >&2; exit 1; }
	for ((i = 0; i < reps; i++)); do
		curl -s -o /dev/null -w '%{time_total}\n' --max-time 300 "$1"
	done | sort -n | awk -v s="$size" '{ t[NR] = $1 } END { printf "%.1f %d\n", t[int((NR + 1) / 2)] * 1000, s }'
}

ind_s=$(build "$small")
ind_b=$(build "$big")
url_s=$(serve "$tmp/s$small.db" small)
url_b=$(serve "$tmp/s$big.db" big)
load0=$(cut -d' ' -f1-3 /proc/loadavg)

printf '\nseries: uncached requests, median of %d (cache off; load average %s at the start)\n' "$reps" "$load0"
printf '%-14s %-28s %12s %12s %8s %14s\n' target path "${small} ms" "${big} ms" ratio "bytes (big)"
results=()
for target in page api mission; do
	case $target in
	page) ps=/indicators/$ind_s pb=/indicators/$ind_b ;;
	api) ps=/api/v1/indicators/$ind_s pb=/api/v1/indicators/$ind_b ;;
	mission) ps=/missions/skolmat pb=/missions/skolmat ;;
	esac
	read -r ms_s _ < <(median_ms "$url_s$ps")
	read -r ms_b size_b < <(median_ms "$url_b$pb")
	ratio=$(awk -v a="$ms_s" -v b="$ms_b" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')
	printf '%-14s %-28s %12s %12s %7sx %14s\n' "$target" "$pb" "$ms_s" "$ms_b" "$ratio" "$size_b"
	results+=("result series $target $pb $small $ms_s $big $ms_b $ratio")
done
printf 'goal: ratio about %s (linear in the series; a search per row would be about %s)\n' \
	"$((big / small))" "$(((big / small) * (big / small)))"
printf '%s\n' "${results[@]}"
