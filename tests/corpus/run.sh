#!/bin/sh
# run.sh — measure samverka on real Open SDG data files (tests/corpus/README.md).
#
# For every file under tests/corpus/opensdg/<publisher>/, on a fresh SQLite demo
# database in a temporary directory: create an indicator through the JSON API, import
# the file with `samverka import`, then check over HTTP that the indicator page draws a
# chart and that the API has an assessed headline series. The files are classified
# independently (Python's csv module, not samverka's code): a faulty file (conflicting
# values for one key, a short row, Inf/NaN) must be refused naming the line.
#
# One "ok"/"not ok" line per file and per check, the summary, and as the last line
# "corpus: N passed, N failed" (tests/run-all.sh counts that). Exit status 0 only when
# at least 99 % of the eligible files import, every imported file with data shows a
# chart and an assessed series, and every faulty file is refused with its line.
#
#   tests/corpus/run.sh                     every publisher
#   tests/corpus/run.sh uk canada           only these publishers
#   BUILD=build/san tests/corpus/run.sh     another build's binary
#   CORPUS_KEEP=1 tests/corpus/run.sh       keep the temporary directory (printed)
set -u
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
if [ ! -x "$BUILD/samverka" ]; then
	echo "corpus: $BUILD/samverka is not built (make -j2 all)"
	echo "corpus: 0 passed, 1 failed"
	exit 1
fi
exec python3 tests/corpus/corpus.py --bin "$BUILD/samverka" --corpus tests/corpus/opensdg "$@"
