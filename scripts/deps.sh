#!/bin/sh
# deps.sh — install what samverka needs on Debian 12, idempotently.
#
#   scripts/deps.sh build    compiler, libraries, gettext, locales
#   scripts/deps.sh test     build + what the test suites need (tidy, jq, curl,
#                            PostgreSQL, Chromium, wrk, nginx, playwright-core, axe-core;
#                            clang with its sanitizer and libFuzzer runtimes and
#                            llvm-symbolizer for the SAN=1, TSAN=1 and fuzz builds;
#                            clang-tidy, cppcheck, clang-format, mandoc for the static
#                            checks; python3-jsonschema, which validates the API's
#                            responses against its OpenAPI document; python3-networkx,
#                            which reads the collaboration network's GraphML and checks
#                            its numbers, and is the benchmark's other side;
#                            python3-feedparser, which reads the Atom feeds;
#                            python3-icalendar, which reads the iCalendar feeds)
#
# Installs only packages that are missing; runs apt-get through sudo when not root.
# Every step that fails says which one and why (the tool's own output, then a line
# "deps: ..."), and the script exits 1: `make run` and `make test` show that message.
set -eu

what=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)

build_pkgs="build-essential pkg-config gettext locales libmicrohttpd-dev libsqlite3-dev
 libpq-dev libjansson-dev libsodium-dev libcmark-dev libstemmer-dev libcsv-dev
 libcurl4-openssl-dev nettle-dev libarchive-dev"
test_pkgs="tidy jq curl sqlite3 postgresql chromium nodejs npm wrk nginx-light
 mandoc cppcheck clang-format clang-tidy clang libclang-rt-14-dev llvm python3-jsonschema
 python3-aiosmtpd faketime python3-networkx python3-icalendar python3-feedparser"

# fail MESSAGE: the last word on a step that did not work
fail() {
	echo "deps: $*" >&2
	exit 1
}

out=$(mktemp "${TMPDIR:-/tmp}/deps.XXXXXX") || fail "cannot create a temporary file"
trap 'rm -f "$out"' EXIT

sudo=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 ||
		fail "not root and sudo is not installed: run scripts/deps.sh $* as root"
	sudo=sudo
fi

pkgs=$build_pkgs
if [ "$what" = test ] || [ "$what" = bench ]; then pkgs="$pkgs $test_pkgs"; fi

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		# nodejs/npm may come from elsewhere on a developer machine
		case $p in nodejs) command -v node >/dev/null 2>&1 && continue;; npm) command -v npm >/dev/null 2>&1 && continue;; esac
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	if ! $sudo apt-get update -qq >"$out" 2>&1; then
		cat "$out" >&2
		fail "apt-get update failed (the packages to install were:$missing); its error is above"
	fi
	if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing \
		>"$out" 2>&1; then
		tail -n 40 "$out" >&2
		fail "apt-get install failed for:$missing; its error is above"
	fi
fi

# The UI is translated through gettext, which needs the locales it switches to.
need_gen=""
for l in sv_SE en_GB; do
	if ! locale -a 2>/dev/null | grep -qi "^$l\.utf-\?8$"; then need_gen=1; fi
done
if [ -n "$need_gen" ]; then
	for l in "sv_SE.UTF-8 UTF-8" "en_GB.UTF-8 UTF-8"; do
		grep -q "^$l" /etc/locale.gen 2>/dev/null || echo "$l" | $sudo tee -a /etc/locale.gen >/dev/null ||
			fail "cannot add $l to /etc/locale.gen"
	done
	if ! $sudo locale-gen >"$out" 2>&1; then
		cat "$out" >&2
		fail "locale generation (sv_SE.UTF-8, en_GB.UTF-8 in /etc/locale.gen) failed: locale-gen's output is above"
	fi
	for l in sv_SE en_GB; do
		locale -a 2>/dev/null | grep -qi "^$l\.utf-\?8$" ||
			fail "the locale $l.UTF-8 is still missing after locale-gen (is the locales package installed?)"
	done
fi

if [ "$what" = test ]; then
	# Browser tests: playwright-core drives Debian's chromium; axe-core checks accessibility.
	# Installed again when a pinned version changed (package.json), not only when missing.
	# playwright-core stays at a version that runs on Debian 12's Node.js 18.
	b=$top/tests/browser
	if [ -f "$b/package.json" ]; then
		want=$(cd "$b" && node -p "const d = require('./package.json').dependencies; d['playwright-core'] + ' ' + d['axe-core']" 2>/dev/null || true)
		have=$(cd "$b" && node -p "require('./node_modules/playwright-core/package.json').version + ' ' + require('./node_modules/axe-core/package.json').version" 2>/dev/null || true)
		if [ -z "$have" ] || [ "$want" != "$have" ]; then
			if ! (cd "$b" && npm install --no-audit --no-fund) >"$out" 2>&1; then
				tail -n 40 "$out" >&2
				fail "browser test packages (tests/browser/package.json) could not be installed: npm install failed; its output is above"
			fi
		fi
	fi
fi
exit 0
