#!/bin/sh
# werror.sh CC — build the binary and the unit tests with CC (gcc or clang) and -Werror
# in build/werror-CC, a directory of its own, as STYLE.md 3.9 asks of CI: a warning
# from either compiler fails. One TAP line, the compiler's messages below it on
# failure; ends with "werror-CC: N passed, N failed". A missing compiler is a failure.
set -u
cd "$(dirname "$0")/.." || exit 2
cc=${1:-}
case $cc in
gcc) pkg=build-essential ;;
clang) pkg=clang ;;
*)
	echo "usage: scripts/werror.sh gcc|clang" >&2
	exit 2
	;;
esac
label=werror-$cc
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "not ok 1 - $cc -Werror: $cc is not installed: apt-get install $pkg (scripts/deps.sh test)"
	echo "1..1"
	echo "$label: 0 passed, 1 failed"
	exit 1
fi
out=$(mktemp "${TMPDIR:-/tmp}/werror.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT
# a make of our own: not a job of the make that may have started us
unset MAKEFLAGS MFLAGS MAKELEVEL
if make --no-print-directory -j"$(nproc)" CC="$cc" WERROR=1 SAN= TSAN= FUZZ= BUILD="build/$label" \
	all units >"$out" 2>&1; then
	echo "ok 1 - $cc -Werror: the binary and the unit tests build without a warning (build/$label)"
	echo "1..1"
	echo "$label: 1 passed, 0 failed"
	exit 0
fi
echo "not ok 1 - $cc -Werror: the binary and the unit tests build without a warning (build/$label)"
{ grep -E '(error|warning):' "$out" || tail -n 20 "$out"; } | head -n 30 | sed 's/^/#   /'
echo "1..1"
echo "$label: 0 passed, 1 failed"
exit 1
