#!/usr/bin/env bash
# network.sh — the collaboration network's metrics at scale (issue 13): samverka's
# arithmetic (src/domain/network.c, through build/bench/network) against networkx (Debian's
# python3-networkx) on the same generated GraphML of NET_NODES actors and NET_EDGES ties
# (network_gen.py, seed NET_SEED): reading the file, then degree, weighted degree,
# components and betweenness estimated from the same NET_K sources, unweighted and with
# lengths 1 / weight. Time (each side's own clock for read and compute, and the whole
# process) and peak memory (/usr/bin/time -v); the results compared node by node to 1e-9
# ("equal results: yes/no"); the ratio of the compute times (goal: samverka >= 20x faster).
#
#   bench/network.sh          NET_NODES (100000), NET_EDGES (1000000), NET_K (10), NET_SEED
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
bin=${NET_BIN:-$top/build/bench/network}
nodes=${NET_NODES:-100000}
edges=${NET_EDGES:-1000000}
k=${NET_K:-10}
seed=${NET_SEED:-13}
py=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samverka-network.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

die() {
	echo "network: $*" >&2
	exit 1
}
[ -x "$bin" ] || die "no $bin (make build/bench/network)"
[ -x /usr/bin/time ] || die "no /usr/bin/time (apt-get install time)"
$py -c 'import networkx' 2>/dev/null || die "no networkx for $py (apt-get install python3-networkx)"

echo "bench: collaboration network, $nodes actors, $edges ties, betweenness from $k sources (seed $seed)"
$py "$here/network_gen.py" "$nodes" "$edges" "$seed" "$k" "$tmp/g.graphml" "$tmp/sources"
echo "  GraphML: $(du -m "$tmp/g.graphml" | cut -f1) MB"

# run NAME COMMAND... — the command under /usr/bin/time -v; its "read X compute Y" line
# and the peak memory in MB into NAME_read, NAME_compute, NAME_mb, NAME_wall
run() {
	local name=$1 line
	shift
	/usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.out"
	line=$(grep '^read ' "$tmp/$name.out")
	printf -v "${name}_read" '%s' "$(awk '{print $2}' <<<"$line")"
	printf -v "${name}_compute" '%s' "$(awk '{print $4}' <<<"$line")"
	printf -v "${name}_mb" '%s' "$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$tmp/$name.time")"
	printf -v "${name}_wall" '%s' "$(awk -F': ' '/Elapsed \(wall/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$tmp/$name.time")"
}
run sv "$bin" "$tmp/g.graphml" "$tmp/sources" "$tmp/sv.res"
run nx $py "$here/network_nx.py" "$tmp/g.graphml" "$k" "$seed" "$tmp/nx.res"

equal=$($py - "$tmp/sv.res" "$tmp/nx.res" <<'PY'
import sys
a = open(sys.argv[1]).read().splitlines()
b = open(sys.argv[2]).read().splitlines()
worst, same = 0.0, len(a) == len(b)
for x, y in zip(a, b):
    if not same:
        break
    x, y = x.split(), y.split()
    if len(x) != len(y):
        same = False
        break
    # degree and component exactly; weighted degree and betweenness to 1e-9
    same = x[0] == y[0] and x[2] == y[2]
    for i in (1, 3, 4):
        worst = max(worst, abs(float(x[i]) - float(y[i])))
print("yes" if same and worst <= 1e-9 else "no", "%.3g" % worst)
PY
)

printf '  %-9s %10s %10s %10s %10s\n' "" "read s" "compute s" "process s" "peak MB"
printf '  %-9s %10s %10s %10s %10s\n' samverka "$sv_read" "$sv_compute" "$sv_wall" "$sv_mb"
printf '  %-9s %10s %10s %10s %10s\n' networkx "$nx_read" "$nx_compute" "$nx_wall" "$nx_mb"
ratio=$(awk -v a="$nx_compute" -v b="$sv_compute" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')
wratio=$(awk -v a="$nx_wall" -v b="$sv_wall" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')
mratio=$(awk -v a="$nx_mb" -v b="$sv_mb" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')
echo "  equal results: ${equal%% *} (largest difference ${equal#* })"
echo "  compute: samverka ${ratio}x faster; whole process ${wratio}x; memory ${mratio}x less"
goal=missed
awk -v r="$ratio" 'BEGIN {exit !(r >= 20)}' && [ "${equal%% *}" = yes ] && goal=met
echo "  goal compute ratio >= 20 at equal results: $goal"
echo "result network $nodes $edges $k $sv_compute $nx_compute $ratio $sv_mb $nx_mb ${equal%% *}"
