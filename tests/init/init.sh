#!/bin/sh
# `secpolgen init` as a user runs it: the answers in tests/init/ (Japanese
# and English) give the expected profile, which `check` accepts and
# `build` turns into documents; a bad answer, answers that end early and
# an existing output write nothing. Usage: tests/init/init.sh path/to/secpolgen
# Prints "init: N passed, N failed".
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
export SECPOLGEN_DATADIR="$ROOT" LC_ALL=C.UTF-8 TZ=UTC
# Today, for every run (security.txt's expiry, check's review date): the
# fixtures' revisions of 2025-04-01 give a security.txt good to 2026-03-31.
export SECPOLGEN_TODAY=2026-03-01
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | head -40; }
. "$ROOT/tests/tools/sancheck.sh"
run() {
	"$BIN" "$@" >"$T/stdout" 2>"$T/stderr"
	echo $? >"$T/rc"
	sancheck "$(cat "$T/rc")" "$T/stderr" "secpolgen $*"
}
rc() { cat "$T/rc"; }

for lang in ja en; do
	# The answers as a file, and the same answers on a pipe.
	run init --lang "$lang" -o "$T/$lang.xml" --answers "tests/init/$lang.answers"
	if [ "$(rc)" = 0 ] && cmp -s "$T/$lang.xml" "tests/init/$lang.expected.xml"; then
		ok "$lang: init --answers writes tests/init/$lang.expected.xml"
	else
		no "$lang: init --answers: exit $(rc), or not the expected profile" "$T/stderr"
	fi
	"$BIN" init --lang "$lang" -o "$T/$lang-pipe.xml" <"tests/init/$lang.answers" >"$T/stdout" 2>"$T/stderr"
	if [ $? = 0 ] && cmp -s "$T/$lang-pipe.xml" "tests/init/$lang.expected.xml"; then
		ok "$lang: init reading a pipe writes the same profile"
	else
		no "$lang: init reading a pipe" "$T/stderr"
	fi
	# check: valid (0), or valid with what the guide still asks for (4).
	run check "$T/$lang.xml"
	if { [ "$(rc)" = 0 ] || [ "$(rc)" = 4 ]; } && ! grep -q 'error:' "$T/stderr"; then
		ok "$lang: secpolgen check accepts it (exit $(rc))"
	else
		no "$lang: secpolgen check: exit $(rc)" "$T/stderr"
	fi
	run build -p "$T/$lang.xml" -o "$T/out-$lang"
	if [ "$(rc)" = 0 ] && [ -s "$T/out-$lang/ja/policy.docx" ] && [ -s "$T/out-$lang/en/organization.html" ]; then
		ok "$lang: secpolgen build writes the documents"
	else
		no "$lang: secpolgen build: exit $(rc)" "$T/stderr"
	fi
done

# An existing profile is kept (exit 3), before the first question.
echo ours >"$T/kept.xml"
run init --lang en -o "$T/kept.xml" --answers tests/init/en.answers
if [ "$(rc)" = 3 ] && [ "$(cat "$T/kept.xml")" = ours ] && [ ! -s "$T/stdout" ]; then
	ok "an existing output is refused and kept (exit 3)"
else
	no "an existing output: exit $(rc)" "$T/stderr"
fi

# A bad answer from a file: exit 1, its line and question named, nothing written.
sed '4s/.*/forty/' tests/init/en.answers >"$T/bad.answers"
run init --lang en -o "$T/bad.xml" --answers "$T/bad.answers"
if [ "$(rc)" = 1 ] && [ ! -e "$T/bad.xml" ] &&
   grep -q '^error: line 4 of the answers, "Number of employees": ' "$T/stderr"; then
	ok "a bad answer names its line and question (exit 1), nothing written"
else
	no "a bad answer: exit $(rc)" "$T/stderr"
fi

# Answers that end early: exit 1, nothing written, no temporary file left.
mkdir "$T/early"
head -n 30 tests/init/ja.answers >"$T/early.answers"
run init --lang ja -o "$T/early/profile.xml" --answers "$T/early.answers"
if [ "$(rc)" = 1 ] && [ -z "$(ls -A "$T/early")" ] && grep -q '答える前に入力が終わった' "$T/stderr"; then
	ok "answers that end early write nothing (exit 1)"
else
	no "answers that end early: exit $(rc)" "$T/stderr"
fi

echo "init: $pass passed, $fail failed"
[ "$fail" = 0 ]
