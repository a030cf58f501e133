#!/bin/sh
# lint.sh — static checks (STYLE.md 3.11-3.12): banned functions, raw-HTML and
# raw-SQL escapes outside their one allowed file, clang-format, cppcheck.
# Prints one line per finding; exits 1 if there is any.
set -u
cd "$(dirname "$0")/.." || exit 2
fail=0

banned='\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|strtok|system)[[:space:]]*\('
if grep -nE "$banned" src/*/*.c src/*/*.h; then
	echo "lint: banned function (use snprintf, strtol/str_to_i64, buf_*)"
	fail=1
fi
if grep -n 'html_raw_' src/*/*.c src/*/*.h | grep -v '^src/web/html\.[ch]:'; then
	echo "lint: html_raw_ outside src/web/html.c (use html_lit for literals)"
	fail=1
fi
if grep -nE '\b(sqlite3_exec|PQexec)[[:space:]]*\(' src/*/*.c | grep -vE '^src/db/(migrate|sqlite|pg)\.c:'; then
	echo "lint: sqlite3_exec/PQexec outside the db backends' migration hook"
	fail=1
fi
if grep -nE 'TODO|FIXME|XXX' src/*/*.c src/*/*.h; then
	echo "lint: unfinished-work marker in src/"
	fail=1
fi
if command -v clang-format >/dev/null 2>&1; then
	if ! clang-format --dry-run -Werror src/*/*.c src/*/*.h >/dev/null 2>&1; then
		clang-format --dry-run src/*/*.c src/*/*.h 2>&1 | grep -E '^src/.*warning' | head -20
		echo "lint: clang-format differences (run make format)"
		fail=1
	fi
fi
if command -v cppcheck >/dev/null 2>&1; then
	if ! cppcheck -q --enable=warning,portability --error-exitcode=1 --inline-suppr \
		--suppress=missingIncludeSystem --suppress=varFuncNullUB -Isrc -Ibuild/gen src 2>&1; then
		echo "lint: cppcheck findings"
		fail=1
	fi
fi
[ $fail -eq 0 ] && echo "lint: clean"
exit $fail
