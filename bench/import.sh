#!/usr/bin/env bash
# import.sh — benchmark of the indicator data import: a generated tidy CSV of
# ROWS rows (default 1,000,000: Year, Series, Sex, Region, Value) imported with
# `samverka import`, and, in the same run, imported with sqlite3's own
# `.import` into an equivalent table (same columns, same unique key) in a
# fresh database. Prints rows per second of both and their ratio.
#   bench/import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-${IMPORT_ROWS:-1000000}}
bin=${SAMVERKA_BIN:-build/samverka}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# rows spread over series x sex x region x year so that the unique key holds
awk -v n="$rows" 'BEGIN {
    print "Year,Series,Sex,Region,Value"
    srand(42); i = 0
    for (r = 0; i < n; r++)
        for (s = 0; s < 2 && i < n; s++)
            for (x = 0; x < 2 && i < n; x++)
                for (y = 1990; y < 2030 && i < n; y++) {
                    printf "%d,S%d,%s,R%d,%.4f\n", y, s, (x ? "F" : "M"), r, 100 * rand(); i++
                }
}' > "$tmp/data.csv"

"$bin" init --db "$tmp/s.db" --demo > /dev/null 2>&1
id=$(sqlite3 "$tmp/s.db" 'SELECT MIN(id) FROM indicator')
sqlite3 "$tmp/s.db" "DELETE FROM indicator_dimension WHERE indicator_id = $id; DELETE FROM observation WHERE indicator_id = $id;"

now() { date +%s.%N; }
t0=$(now)
"$bin" import --db "$tmp/s.db" --indicator "$id" "$tmp/data.csv" > /dev/null
t1=$(now)
# the same rows into an equivalent table: text columns, a real value, the same unique key,
# WAL and synchronous=FULL as samverka uses
sqlite3 "$tmp/ref.db" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE obs (Year TEXT NOT NULL, Series TEXT NOT NULL, Sex TEXT NOT NULL,
                  Region TEXT NOT NULL, Value REAL NOT NULL,
                  UNIQUE (Series, Sex, Region, Year));
SQL
t2=$(now)
sqlite3 "$tmp/ref.db" -cmd 'PRAGMA synchronous=FULL' ".import --csv --skip 1 $tmp/data.csv obs"
t3=$(now)
n1=$(sqlite3 "$tmp/s.db" "SELECT COUNT(*) FROM observation WHERE indicator_id = $id")
n2=$(sqlite3 "$tmp/ref.db" 'SELECT COUNT(*) FROM obs')
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v n1="$n1" -v n2="$n2" 'BEGIN {
    s = n1 / (b - a); q = n2 / (d - c)
    printf "import: samverka %d rows in %.2f s = %.0f rows/s; sqlite3 .import %d rows in %.2f s = %.0f rows/s; ratio %.2f (goal >= 0.80)\n", n1, b - a, s, n2, d - c, q, s / q
}'
