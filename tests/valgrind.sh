#!/bin/sh
# valgrind.sh BIN TBIN - the program and the unit tests under valgrind's
# memcheck: any invalid read or write, use of an uninitialised value or
# leak, definite, indirect or possible, fails (exit code 99 from valgrind).
# The program runs each of its commands on good and on bad input; the
# unit tests run last, in
# one process (CK_FORK=no), so their Check summary line closes the output.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $1 in /*) BIN=$1 ;; *) BIN=$(pwd)/$1 ;; esac
case $2 in /*) TBIN=$2 ;; *) TBIN=$(pwd)/$2 ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0

if ! command -v valgrind >/dev/null 2>&1; then
	echo "skip valgrind: not installed (apt-get install valgrind)"
	exit 0
fi
VG="valgrind -q --suppressions=$ROOT/tests/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible"

# case NAME EXPECTED-EXIT COMMAND…: the command's exit must be the
# expected one (99 means valgrind found something).
case_run() {
	name=$1 want=$2
	shift 2
	(cd "$T" && SECPOLGEN_TODAY=2026-03-01 $VG "$@") >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1)); echo "ok   valgrind: $name (exit $got, no report)"
	else
		fail=$((fail + 1)); echo "FAIL valgrind: $name: exit $got, want $want"
		grep '==[0-9]*==' "$T/err" | head -40 | sed 's/^/     /'
	fi
}

echo "== the program under valgrind"
case_run "build the example, every document" 0 "$BIN" build -p "$ROOT/examples/profile.xml" -o "$T/out1"
case_run "rebuild it unchanged" 0 "$BIN" build -p "$ROOT/examples/profile.xml" -o "$T/out1"
case_run "build two products, one in the EU, one with no link" 0 "$BIN" build -p "$ROOT/tests/profiles/eu-products.xml" -o "$T/out2" -f docx
case_run "check the example (its organisation findings: exit 4)" 4 "$BIN" check "$ROOT/examples/profile.xml"
case_run "check a profile with gaps (html)" 4 "$BIN" check --format html "$ROOT/tests/profiles/minimal.xml"
case_run "check a profile with many mistakes" 1 "$BIN" check "$ROOT/tests/profiles/many-mistakes.xml"
case_run "build refuses XXE" 1 "$BIN" build -p "$ROOT/tests/profiles/xxe.xml" -o "$T/out3"
case_run "build refuses a billion laughs" 1 "$BIN" build -p "$ROOT/tests/profiles/billion-laughs.xml" -o "$T/out3"
case_run "build refuses a self-deputy" 1 "$BIN" build -p "$ROOT/tests/profiles/deputy-self.xml" -o "$T/out3"
case_run "diff two revisions" 0 "$BIN" diff "$ROOT/tests/diff/old.xml" "$ROOT/tests/diff/new.xml"
case_run "diff as a draft revision" 0 "$BIN" diff --format revision --lang en "$ROOT/tests/diff/old.xml" "$ROOT/tests/diff/new.xml"
case_run "diff refuses a broken profile" 1 "$BIN" diff "$ROOT/tests/diff/old.xml" "$ROOT/tests/diff/broken.xml"
case_run "init from answers" 0 "$BIN" init --lang en --answers "$ROOT/tests/init/en.answers" -o "$T/init.xml"
# The lint's own work (the locales against each other, the templates'
# partials, the catalogue's ids) on a data folder without tests/: its
# recording runs (every test profile built, checked and diffed, about
# five minutes under memcheck) are the commands above, which run here on
# their own. The ASan run of make check lints with tests/ (make
# lint-locales).
mkdir -p "$T/data"
for d in locales policy-templates examples; do ln -s "$ROOT/$d" "$T/data/$d"; done
case_run "lint the locales (without the recording runs)" 0 env SECPOLGEN_DATADIR="$T/data" "$BIN" lint-locales
case_run "bad usage" 2 "$BIN" build --no-such-option
echo "valgrind: $pass passed, $fail failed"

echo "== unit tests under valgrind (CK_FORK=no)"
CK_FORK=no $VG "$TBIN"
rc=$?
[ "$fail" = 0 ] && [ "$rc" = 0 ]
