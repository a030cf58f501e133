#!/usr/bin/env bash
# run.sh — throughput of samverka's mission page and API resource against nginx
# serving a static file of the same bytes, measured with wrk in one interleaved
# run, reported as ratios side by side with a committed reference run.
#
# Why ratios: the machines are shared and noisy, so absolute req/s move from run
# to run; nginx measured in the same minutes on the same cores is the yardstick.
# See bench/README.md for the knobs and how to read the table.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

SAMVERKA_BIN=${SAMVERKA_BIN:-$top/build/samverka}
BENCH_DB=${BENCH_DB:-}
BENCH_SLUG=${BENCH_SLUG:-skolmat}
BENCH_PAGE=${BENCH_PAGE:-/missions/$BENCH_SLUG}
BENCH_API=${BENCH_API:-/api/v1/missions/$BENCH_SLUG}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-2s}
NGINX_WORKERS=${NGINX_WORKERS:-2}
BENCH_NOCACHE=${BENCH_NOCACHE:-1}
BENCH_SAVE_REFERENCE=${BENCH_SAVE_REFERENCE:-0}
BENCH_NOTE=${BENCH_NOTE:-}
BENCH_KEEP=${BENCH_KEEP:-0}
BENCH_OTHERS=${BENCH_OTHERS:-1}
BENCH_SIGNED_IN=${BENCH_SIGNED_IN:-1}
BENCH_USER=${BENCH_USER:-actor@example.org}
BENCH_PASSWORD=${BENCH_PASSWORD:-demo-actor-2026}
SAMVERKA_ARGS=${SAMVERKA_ARGS:-}
OUT=${BENCH_OUT:-$here/out}
REFERENCE=$here/reference.txt

die() {
    echo "bench: $*" >&2
    exit 1
}

for tool in wrk nginx curl awk; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (make bench installs it: scripts/deps.sh test)"
done
[ -x "$SAMVERKA_BIN" ] || die "no samverka binary at $SAMVERKA_BIN (run make, or set SAMVERKA_BIN)"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive integer"
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "THREADS must be a positive integer"
[ "$THREADS" -le "$CONNECTIONS" ] || die "THREADS must not exceed CONNECTIONS"

T=$(mktemp -d "${TMPDIR:-/tmp}/samverka-bench.XXXXXX")
pids=()

cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill -TERM "$p" 2>/dev/null || true
    done
    for p in "${pids[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    if [ "$BENCH_KEEP" = 1 ]; then
        echo "bench: kept $T" >&2
    else
        rm -rf "$T"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT/raw"
rm -f "$OUT"/raw/*.txt

# ------------------------------------------------------------------ database

db=$T/bench.db
if [ -n "$BENCH_DB" ]; then
    [ -f "$BENCH_DB" ] || die "BENCH_DB=$BENCH_DB is not a file"
    # work on a copy: the server writes page-view counts into it
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$BENCH_DB" ".backup '$db'"
    else
        cp "$BENCH_DB" "$db"
    fi
else
    "$SAMVERKA_BIN" init --db "$db" --demo >"$T/init.log" 2>&1 ||
        { cat "$T/init.log" >&2; die "samverka init --demo failed (set BENCH_DB to a prepared database)"; }
fi

# ------------------------------------------------------------------ servers

# Start samverka with extra options; sets $started_port.
start_samverka() {
    local name=$1 port=""
    shift
    # wrk opens all its connections from 127.0.0.1: lift the per-address cap above them
    # shellcheck disable=SC2086
    "$SAMVERKA_BIN" serve --db "$db" --listen 127.0.0.1:0 --access-log no \
        --max-per-ip $((CONNECTIONS + 16)) --max-connections $((CONNECTIONS + 64)) \
        --drain-seconds 1 "$@" $SAMVERKA_ARGS >"$T/$name.out" 2>"$T/$name.err" &
    pids+=($!)
    for _ in $(seq 100); do
        port=$(sed -n 's|^samverka: listening on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$T/$name.out")
        [ -n "$port" ] && break
        kill -0 "${pids[-1]}" 2>/dev/null || break
        sleep 0.05
    done
    if [ -z "$port" ]; then
        cat "$T/$name.err" >&2
        die "samverka ($name) did not start"
    fi
    started_port=$port
    echo "bench: samverka ($name) pid ${pids[-1]} on port $port"
}

start_samverka samverka
s_port=$started_port
if [ "$BENCH_NOCACHE" = 1 ]; then
    start_samverka nocache --cache-entries 0
    s0_port=$started_port
fi

s_base=http://127.0.0.1:$s_port
ng=$T/nginx
mkdir -p "$ng/root" "$ng/tmp"

# fetch URL FILE: the body into FILE; prints "status bytes header_bytes content-type"
fetch() {
    curl -sS -o "$2" -w '%{http_code} %{size_download} %{size_header} %{content_type}' "$1"
}

read -r s_status _ _ s_ctype < <(fetch "$s_base$BENCH_PAGE" "$ng/root/page") || true
[ "$s_status" = 200 ] || die "samverka answered $s_status for $BENCH_PAGE (need 200; is the demo data there?)"
read -r a_status _ _ a_ctype < <(fetch "$s_base$BENCH_API" "$ng/root/api") || true
[ "$a_status" = 200 ] || die "samverka answered $a_status for $BENCH_API (need 200; is the demo data there?)"

# Workers drop root to nobody when the master runs as root: they must reach the files.
user_line=""
if [ "$(id -u)" = 0 ]; then
    user_line="user nobody $(id -gn nobody 2>/dev/null || echo nogroup);"
    d=$T
    while [ "$d" != / ]; do
        if [ "$(( 0$(stat -c %a "$d") & 1 ))" = 0 ] && [ "$d" != "$T" ]; then
            user_line="user root;" # an ancestor of TMPDIR is closed to others
            break
        fi
        d=$(dirname "$d")
    done
    chmod 755 "$T" "$ng" "$ng/root"
    chmod 644 "$ng/root/page" "$ng/root/api"
fi

# Temporary-file paths of every compiled-in module must be writable (the built-in ones are
# under /var/lib/nginx); point them all into the temp dir.
temp_paths="client_body_temp_path $ng/tmp/body;"
nginx_v=$(nginx -V 2>&1)
for m in proxy fastcgi uwsgi scgi; do
    case $nginx_v in *"--without-http_${m}_module"*) continue ;; esac
    temp_paths="$temp_paths ${m}_temp_path $ng/tmp/$m;"
done

write_nginx_conf() {
    cat >"$ng/nginx.conf" <<EOF
# written by bench/run.sh for one run
$user_line
worker_processes $NGINX_WORKERS;
daemon off;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events {
    worker_connections 4096;
}
http {
    access_log off;
    sendfile on;
    types {}
    $temp_paths
    server {
        listen 127.0.0.1:$1;
        root $ng/root;
        location = /page { default_type "$s_ctype"; }
        location = /api { default_type "$a_ctype"; }
    }
}
EOF
}

n_port=""
for _ in 1 2 3 4 5 6 7 8; do
    p=$((20000 + RANDOM % 40000))
    if command -v ss >/dev/null 2>&1 && [ -n "$(ss -Htln "sport = :$p" 2>/dev/null)" ]; then
        continue
    fi
    write_nginx_conf "$p"
    : >"$ng/error.log"
    nginx -p "$ng" -c "$ng/nginx.conf" -e "$ng/error.log" >"$ng/stdout" 2>&1 &
    npid=$!
    for _ in $(seq 100); do
        if ! kill -0 "$npid" 2>/dev/null; then
            break
        fi
        if curl -s -o /dev/null "http://127.0.0.1:$p/page"; then
            n_port=$p
            break
        fi
        sleep 0.05
    done
    if [ -n "$n_port" ]; then
        pids+=("$npid")
        break
    fi
    kill -TERM "$npid" 2>/dev/null || true
    wait "$npid" 2>/dev/null || true
    grep -q "Address already in use" "$ng/error.log" "$ng/stdout" 2>/dev/null && continue
    cat "$ng/error.log" "$ng/stdout" >&2
    die "nginx did not start"
done
[ -n "$n_port" ] || die "nginx found no free port"
n_base=http://127.0.0.1:$n_port
echo "bench: nginx pid $npid on port $n_port"

# ------------------------------------------------------------------ checks

# check_pair NAME SAMVERKA_URL NGINX_URL: both 200 and the same body bytes, or fail.
check_pair() {
    local name=$1 s n ss sb sh sc ns nb nh nc
    s=$T/check-$name-s
    n=$T/check-$name-n
    read -r ss sb sh sc < <(fetch "$2" "$s") || true
    read -r ns nb nh nc < <(fetch "$3" "$n") || true
    [ "$ss" = 200 ] || die "$name: samverka answered $ss for $2"
    [ "$ns" = 200 ] || die "$name: nginx answered $ns for $3 (see $ng/error.log; BENCH_KEEP=1 keeps it)"
    [ "$sb" = "$nb" ] || die "$name: samverka sent $sb bytes, nginx $nb: not the same size"
    cmp -s "$s" "$n" || echo "bench: note: $name: samverka's body changed since it was copied (same size)" >&2
    [ "$sc" = "$nc" ] || die "$name: content types differ: samverka \"$sc\", nginx \"$nc\""
    echo "$name: $sb body bytes each; headers samverka $sh bytes, nginx $nh bytes; $sc"
}

# A signed-in visitor's mission page: rendered for them each time (never from the shared
# cache, by design), with the session cookie of a demo account signed in through the form.
signed_cookie=""
if [ "$BENCH_SIGNED_IN" = 1 ]; then
    jar=$T/jar
    csrf=$(curl -sS -c "$jar" -b "$jar" "$s_base/account/sign-in" |
        sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -sS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
        --data-urlencode "email=$BENCH_USER" --data-urlencode "password=$BENCH_PASSWORD" \
        "$s_base/account/sign-in"
    tok=$(awk '$6 == "samverka_session" {print $7}' "$jar")
    [ -n "$tok" ] || die "cannot sign in $BENCH_USER for the signed-in page (BENCH_SIGNED_IN=0 skips it)"
    signed_cookie="samverka_session=$tok"
    # the whole page first: grep -q would stop reading at the match, and curl's failed write
    # fails the pipeline (pipefail) whenever the rest of the page is still on its way
    signed_page=$(curl -sS -H "Cookie: $signed_cookie" "$s_base$BENCH_PAGE")
    grep -q 'action="/account/sign-out"' <<<"$signed_page" ||
        die "the mission page does not show $BENCH_USER signed in"
fi

checks=$(
    check_pair page "$s_base$BENCH_PAGE" "$n_base/page"
    check_pair api "$s_base$BENCH_API" "$n_base/api"
    if [ "$BENCH_NOCACHE" = 1 ]; then
        check_pair page-nocache "http://127.0.0.1:$s0_port$BENCH_PAGE" "$n_base/page"
        check_pair api-nocache "http://127.0.0.1:$s0_port$BENCH_API" "$n_base/api"
    fi
)

# ------------------------------------------------------------------ runs

# to_ms VALUE: wrk's latency ("812.00us", "3.21ms", "1.02s", "1.00m") in milliseconds
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        else if (u != "ms") { print "nan"; exit }
        printf "%.3f", n }'
}

# run_wrk LABEL URL DURATION [HEADER]: appends "label rps p99ms non2xx sockerr round" to
# $T/results
run_wrk() {
    local label=$1 url=$2 dur=$3 f rps p99 non2xx sockerr
    local hdr=()
    [ -z "${4:-}" ] || hdr=(-H "$4")
    f=$OUT/raw/$label-$(date +%H%M%S)-$RANDOM.txt
    wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "$dur" ${hdr[@]+"${hdr[@]}"} "$url" >"$f" 2>&1 ||
        { cat "$f" >&2; die "wrk failed against $url"; }
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
    p99=$(awk '$1 == "99%" {print $2}' "$f")
    if [ -z "$rps" ] || [ -z "$p99" ]; then
        cat "$f" >&2
        die "cannot read wrk's output for $url"
    fi
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$f")
    sockerr=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$f")
    echo "$label $rps $(to_ms "$p99") ${non2xx:-0} ${sockerr:-0} $round" >>"$T/results"
}

pairs=("page $s_base$BENCH_PAGE $n_base/page" "api $s_base$BENCH_API $n_base/api")
extra=()
if [ "$BENCH_NOCACHE" = 1 ]; then
    extra=("page-nocache http://127.0.0.1:$s0_port$BENCH_PAGE" "api-nocache http://127.0.0.1:$s0_port$BENCH_API")
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
started=$(date -u +%Y-%m-%dT%H:%MZ)
echo "bench: $ROUNDS rounds of $DURATION per target, $CONNECTIONS connections, $THREADS wrk threads"
echo "$checks"

# warm up: fill the cache, the page cache of the kernel and the prepared statements
: >"$T/results"
round=0
for pr in "${pairs[@]}"; do
    read -r name su nu <<<"$pr"
    run_wrk "warm-$name-s" "$su" "$WARMUP"
    run_wrk "warm-$name-n" "$nu" "$WARMUP"
done
: >"$T/results"

for r in $(seq "$ROUNDS"); do
    round=$r
    for pr in "${pairs[@]}"; do
        read -r name su nu <<<"$pr"
        # alternate who goes first so neither always runs on a warmer or cooler machine
        if [ $((r % 2)) = 1 ]; then
            run_wrk "$name-s" "$su" "$DURATION"
            run_wrk "$name-n" "$nu" "$DURATION"
        else
            run_wrk "$name-n" "$nu" "$DURATION"
            run_wrk "$name-s" "$su" "$DURATION"
        fi
    done
    for pr in ${extra[@]+"${extra[@]}"}; do
        read -r name su <<<"$pr"
        run_wrk "$name-s" "$su" "$DURATION"
    done
    [ -z "$signed_cookie" ] || run_wrk "page-signedin-s" "$s_base$BENCH_PAGE" "$DURATION" "Cookie: $signed_cookie"
    echo "bench: round $r of $ROUNDS done"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

# The other benchmarks in bench/ (progress engine, import), run once each after the HTTP
# rounds: they measure no server, and the import compares itself with sqlite3 in its own run.
others=""
if [ "$BENCH_OTHERS" = 1 ]; then
    if [ -x "$top/build/bench/assess" ]; then
        echo "bench: progress engine (build/bench/assess)"
        others=$("$top/build/bench/assess")$'\n'
    fi
    echo "bench: import (bench/import.sh)"
    line=$(SAMVERKA_BIN="$SAMVERKA_BIN" "$here/import.sh" 2>&1 | grep '^import:') ||
        die "bench/import.sh failed"
    others="$others$line"$'\n'
fi

# ------------------------------------------------------------------ report

# median LABEL FIELD: the median over rounds of one field of $T/results
median() {
    awk -v l="$1" -v f="$2" '$1 == l {print $f}' "$T/results" | sort -g |
        awk '{v[NR] = $1} END {
            if (NR == 0) { print "nan"; exit }
            if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# spread SLABEL NLABEL: the lowest and highest ratio of one round's samverka run to the
# same round's nginx run, to show how much the machine's noise moved the ratio
spread() {
    awk -v s="$1" -v n="$2" '$1 == s {a[$6] = $2} $1 == n {b[$6] = $2}
        END {
            for (r in a) if (b[r] > 0) {
                x = a[r] / b[r]
                if (lo == "" || x < lo) lo = x
                if (hi == "" || x > hi) hi = x
            }
            if (lo == "") print "-"; else printf "%.2f-%.2f", lo, hi
        }' "$T/results"
}

sum() {
    awk -v l="$1" -v f="$2" '$1 == l {s += $f} END {print s + 0}' "$T/results"
}

ref_ratio() {
    # a run that rewrites the reference is not compared with the one it replaces
    if [ ! -f "$REFERENCE" ] || [ "$BENCH_SAVE_REFERENCE" = 1 ]; then
        echo "-"
        return
    fi
    awk -v t="$1" '$1 == "result" && $2 == t {r = $6} END {print (r == "" ? "-" : r)}' "$REFERENCE"
}

machine="$(uname -srm), $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)"
machine="$machine, $(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)"
versions="$(wrk -v 2>&1 | awk 'NR == 1 {print $1, $2}'); $(nginx -v 2>&1 | sed 's/^nginx version: //')"
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo "?")
[ -z "$(git -C "$top" status --porcelain -- src 2>/dev/null)" ] || commit="$commit+dirty"
ref_date=""
if [ "$BENCH_SAVE_REFERENCE" != 1 ]; then
    ref_date=$(awk -F': ' '/^# date:/ {print $2; exit}' "$REFERENCE" 2>/dev/null || true)
fi

report=$T/report.txt
{
    echo "# samverka bench: throughput against nginx serving the same bytes"
    echo "# date: $started"
    echo "# machine: $machine"
    echo "# tools: $versions"
    echo "# samverka: ${SAMVERKA_BIN#"$top"/} (source $commit)"
    echo "# settings: rounds=$ROUNDS duration=$DURATION connections=$CONNECTIONS wrk_threads=$THREADS nginx_workers=$NGINX_WORKERS"
    echo "# load average: before $load_before, after $load_after"
    [ -z "$BENCH_NOTE" ] || echo "# note: $BENCH_NOTE"
    while IFS= read -r l; do echo "# $l"; done <<<"$checks"
    echo
    printf "%-13s %-26s %9s %9s %6s %10s %6s %8s %8s\n" target path "samverka" nginx ratio \
        "rounds" "ref" "s p99" "n p99"
    printf "%-13s %-26s %9s %9s %6s %10s %6s %8s %8s\n" "" "" "req/s" "req/s" "" "range" "ratio" \
        ms ms
    rows=()
    for pr in "${pairs[@]}"; do
        read -r name su nu <<<"$pr"
        rows+=("$name ${su#"$s_base"} $name")
    done
    for pr in ${extra[@]+"${extra[@]}"}; do
        read -r name su <<<"$pr"
        rows+=("$name ${su#http://127.0.0.1:"$s0_port"} ${name%-nocache}")
    done
    [ -z "$signed_cookie" ] || rows+=("page-signedin $BENCH_PAGE page")
    results=""
    for row in "${rows[@]}"; do
        read -r name path nname <<<"$row"
        srps=$(median "$name-s" 2)
        nrps=$(median "$nname-n" 2)
        sp99=$(median "$name-s" 3)
        np99=$(median "$nname-n" 3)
        ratio=$(awk -v a="$srps" -v b="$nrps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
        printf "%-13s %-26s %9.0f %9.0f %6s %10s %6s %8.2f %8.2f\n" "$name" "$path" "$srps" \
            "$nrps" "$ratio" "$(spread "$name-s" "$nname-n")" "$(ref_ratio "$name")" "$sp99" "$np99"
        results="${results}result $name $path $srps $nrps $ratio $sp99 $np99"$'\n'
    done
    echo
    goal=met
    for name in page api; do
        r=$(echo "$results" | awk -v t="$name" '$2 == t {print $6}')
        awk -v r="$r" 'BEGIN {exit !(r >= 1.0)}' || goal="not met"
    done
    echo "goal ratio >= 1.0 (page and api, cached): $goal"
    [ -z "$ref_date" ] || echo "reference: bench/reference.txt of $ref_date"
    for row in "${rows[@]}"; do
        read -r name _ nname <<<"$row"
        for side in s n; do
            l=$name-$side
            [ $side = n ] && l=$nname-n
            bad=$(sum "$l" 4)
            serr=$(sum "$l" 5)
            if [ "$bad" != 0 ] || [ "$serr" != 0 ]; then
                who=samverka
                [ $side = n ] && who=nginx
                echo "WARNING: $name ($who): $bad non-2xx/3xx responses, $serr socket errors (bench/out/raw/)"
            fi
        done
    done
    if [ -n "$others" ]; then
        echo
        printf "%s" "$others"
        cur=$(printf "%s" "$others" | sed -n 's/^import:.* ratio \([0-9.]*\).*/\1/p')
        ref=""
        if [ -f "$REFERENCE" ] && [ "$BENCH_SAVE_REFERENCE" != 1 ]; then
            ref=$(sed -n 's/^import:.* ratio \([0-9.]*\).*/\1/p' "$REFERENCE")
        fi
        [ -z "$cur" ] || echo "import ratio $cur, reference ${ref:--}"
    fi
    echo
    echo "# machine-readable: result target path samverka_rps nginx_rps ratio samverka_p99_ms nginx_p99_ms"
    printf "%s" "$results"
} >"$report"

cat "$report"
cp "$report" "$OUT/latest.txt"
if [ "$BENCH_SAVE_REFERENCE" = 1 ]; then
    cp "$report" "$REFERENCE"
    echo "bench: wrote $REFERENCE"
fi
