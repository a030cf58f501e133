#!/bin/sh
# lint.sh — static checks (STYLE.md 3.11-3.12), one TAP line each:
# banned functions, raw HTML and raw SQL outside their one allowed file,
# unfinished-work markers, clang-format, cppcheck, mandoc on the man pages.
# A tool that is missing is a failed check naming the package to install.
# Ends with "lint: N passed, N failed"; exits 1 if any failed.
set -u
cd "$(dirname "$0")/.." || exit 2
n=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# check NAME COMMAND...: the command prints findings and fails when there are any
check() {
	name=$1
	shift
	n=$((n + 1))
	if "$@" >"$out" 2>&1; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		sed -n '1,20s/^/#   /p' "$out"
		failed=$((failed + 1))
	fi
}

# tool NAME PACKAGE LABEL: true when NAME is on the PATH; else LABEL is a failed check
# saying what to install (a check that cannot run must not look like a pass)
tool() {
	command -v "$1" >/dev/null 2>&1 && return 0
	n=$((n + 1))
	echo "not ok $n - $3"
	echo "#   $1 is not installed: apt-get install $2 (scripts/deps.sh test installs it)"
	failed=$((failed + 1))
	return 1
}

# found PATTERN FILES...: fail (and print) when code lines match; comments are not code
no_code_match() {
	pat=$1
	shift
	! grep -nE "$pat" "$@" | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*|//)'
}

banned='\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|strtok|system)[[:space:]]*\('
check "no banned functions (use snprintf, strtol/str_to_i64, buf_*)" \
	no_code_match "$banned" src/*/*.c src/*/*.h
check "html_raw_ only in src/web/html.c (literals go through html_lit)" \
	sh -c "! grep -n 'html_raw_' src/*/*.c src/*/*.h | grep -v '^src/web/html\.[ch]:'"
check "sqlite3_exec/PQexec only in the db backends' migration hook" \
	sh -c "! grep -nE '\b(sqlite3_exec|PQexec)[[:space:]]*\(' src/*/*.c | grep -vE '^src/db/(migrate|sqlite|pg)\.c:'"
# web/ and http/ reach storage through domain/; the db_ calls they may make themselves are
# the seams: a connection's lifecycle (db_open, db_close, and db_prepare_all for the
# connections warmed before the server listens: it prepares, it runs nothing), a render's one read snapshot
# (db_read_begin/end), the change watcher (db_data_version, db_wait_change), telling 503
# from 500 (db_unavailable), the health probe (db_ping), the start-up schema check
# (db_schema_version), which backend a connection is on (db_kind: the warm-up of
# PostgreSQL's connections). No statements, no transactions, no SQL of their own.
check "web/ and http/ call db_ only through the seams (docs/internals/http.md)" sh -c "! grep -nE '\bdb_[a-z0-9_]+[[:space:]]*\(' src/web/*.c src/http/*.c | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*|//)' | sed -E 's/\bdb_(open|close|prepare_all|read_begin|read_end|data_version|wait_change|unavailable|ping|schema_version|kind)[[:space:]]*\(/(/g' | grep -E '\bdb_[a-z0-9_]+[[:space:]]*\('"
check "no unfinished-work markers in src/" sh -c "! grep -nwE 'TODO|FIXME|XXX' src/*/*.c src/*/*.h"
if tool clang-format clang-format "clang-format: the code is formatted (make format)"; then
	check "clang-format: the code is formatted (make format)" \
		clang-format --dry-run -Werror src/*/*.c src/*/*.h tests/unit/*.c
fi
if tool cppcheck cppcheck "cppcheck: no warnings"; then
	check "cppcheck: no warnings" cppcheck -q --enable=warning,portability --error-exitcode=1 \
		--inline-suppr --suppress=missingIncludeSystem --suppress=varFuncNullUB \
		-Isrc -Ibuild/gen src
fi
if tool mandoc mandoc "mandoc: the man pages are clean"; then
	check "mandoc: the man pages are clean" mandoc -Tlint -Wwarning man/samverka.1 man/samverka.conf.5
fi
echo "1..$n"
echo "lint: $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
