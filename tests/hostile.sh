#!/bin/sh
# Hostile-input and fault tests: run the built secpolgen on profiles made to
# break it (tests/hostile/cases, plus huge ones generated here) and on an
# output folder that cannot be written, a full disk and a killed run.
# Usage: tests/hostile.sh path/to/secpolgen. Every run is under timeout 60
# (10 where it is given a named pipe), in a fresh folder that is also its
# cwd; exit 124 or above is a crash.
# Prints "hostile: N passed, N failed, N skipped". See tests/hostile/README.md.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
export SECPOLGEN_DATADIR="$ROOT" LC_ALL=C.UTF-8 TZ=UTC
# Today, for every run (security.txt's expiry, check's review date): the
# fixtures' revisions of 2025-04-01 give a security.txt good to 2026-03-31.
export SECPOLGEN_TODAY=2026-03-01
H="$ROOT/tests/hostile"
T=$(mktemp -d)
MNT=""
cleanup() {
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
: >"$T/start"
pass=0 fail=0 skip=0
V="$ROOT/../shared/tools/validate-docx"
VALIDATE="script-every-field cdata-every-field charref-markup c1-and-bidi formula-injection mustache-in-text message-override-script id-windows-reserved empty-optional-lists"
[ -x "$V" ] && command -v xmllint >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1 || V=""

ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/     /' "$2" | head -20; }
skip() { skip=$((skip + 1)); echo "skip $1"; }

# A fresh folder $W, its file list before a run, and the run from inside it.
fresh() { W=$(mktemp -d "$T/w.XXXXXX"); }
snap() { (cd "$W" && find . | LC_ALL=C sort) >"$1"; }
. "$ROOT/tests/tools/sancheck.sh"
inw() {
	(cd "$W" && exec timeout "${TMO:-60}" "$BIN" "$@") >"$W.out" 2>"$W.err"
	echo $? >"$W.rc"
	sancheck "$(cat "$W.rc")" "$W.err" "secpolgen $*"
}
rc() { cat "$W.rc"; }

# What every failed run must leave: the right exit, the message, no file
# anywhere, every error line naming the profile (a value with a newline
# must not forge a line of its own).
expect_fail() { # name exit fragment profile-name
	why=""
	r=$(rc)
	[ "$r" -ge 124 ] && why="$why; crashed or timed out (exit $r)"
	[ "$r" = "$2" ] || why="$why; exit $r, expected $2"
	grep -qF -- "$3" "$W.err" || why="$why; no \"$3\" in the errors"
	snap "$W.after"
	cmp -s "$W.before" "$W.after" || why="$why; files appeared: $(diff "$W.before" "$W.after" | grep '^>' | head -3 | tr '\n' ' ')"
	if [ -n "${4:-}" ]; then
		bad=$(grep -v -e "^$4:" -e '^secpolgen: ' "$W.err" | head -2)
		[ -n "$bad" ] && why="$why; a line not naming the profile: $bad"
	fi
	if [ -z "$why" ]; then ok "$1 (exit $2)"; else no "$1${why}" "$W.err"; fi
}

# What every successful run must leave: files under out/ only, the fragment
# in each language's policy page, no <script> in any HTML page, no <script>, no temporary files, no path named like a
# Windows device; CSV cells that would run as formulas are quoted.
csv_seen=0
expect_ok() { # name fragment
	why=""
	r=$(rc)
	[ "$r" = 0 ] || why="$why; exit $r, expected 0"
	snap "$W.after"
	extra=$(diff "$W.before" "$W.after" | grep '^>' | grep -v '^> \./out\(/\|$\)' | head -3 | tr '\n' ' ')
	[ -n "$extra" ] && why="$why; files outside out/: $extra"
	for f in $(cd "$W" && find out -name '*.html' 2>/dev/null); do
		# The policy shows every part of the profile; the other documents
		# only some.
		case "$f" in
		out/*/policy.html) grep -qF -- "$2" "$W/$f" || why="$why; no \"$2\" in $f" ;;
		esac
		grep -qi '<script' "$W/$f" && why="$why; <script in $f"
	done
	[ -f "$W/out/index.html" ] || why="$why; no out/index.html"
	[ -n "$(find "$W" -name '*.tmp*')" ] && why="$why; temporary files left"
	dev=$(cd "$W" && find out | tr '/' '\n' | sed 's/\..*//' |
	      grep -ixE 'con|prn|aux|nul|com[0-9]|lpt[0-9]' | head -1)
	[ -n "$dev" ] && why="$why; a path named $dev"
	for c in $(cd "$W" && find out -name '*.csv'); do
		csv_seen=1
		grep -qE '(^|[,;"])[=+@-]' "$W/$c" && why="$why; a formula in $c"
	done
	if [ -z "$why" ]; then ok "$1 (builds)"; else no "$1${why}" "$W.err"; fi
}

# `check` must agree with `build` on every profile.
expect_check() { # name profile-name build-exit
	(cd "$W" && exec timeout 60 "$BIN" check "$2") >"$W.cout" 2>&1
	c=$?
	sancheck $c "$W.cout" "check $2"
	# check says 4 for a valid profile the guide still asks more of; a
	# hang or a crash (124 and up) never agrees, even with build's.
	if [ "$c" -lt 124 ] && { [ "$c" = "$3" ] || { [ "$c" = 4 ] && [ "$3" = 0 ]; }; }; then ok "$1: check agrees (exit $c)"; else no "$1: check exits $c, build $3" "$W.cout"; fi
}

# The DOCX validator takes a second a file: only where the text is hostile.
validate() { # name
	[ -n "$V" ] || return
	case " $VALIDATE " in *" $1 "*) ;; *) return ;; esac
	if "$V" "$W/out/ja/policy.docx" >"$W.v" 2>&1; then ok "$1: validate-docx ja/policy.docx"
	else no "$1: validate-docx ja/policy.docx" "$W.v"; fi
}

# One profile: copy it into a fresh folder, build there, check the result.
case_file() { # name exit fragment file
	fresh
	cp "$4" "$W/$1.xml"
	snap "$W.before"
	inw build -p "$1.xml" -o out
	if [ "$2" = 0 ]; then expect_ok "$1" "$3"; validate "$1"
	else expect_fail "$1" "$2" "$3" "$1.xml"; fi
	expect_check "$1" "$1.xml" "$(rc)"
}

# A profile whose names hold U+2028 and U+0085 before forged lines: every
# one-line output (security.txt, the calendar, the CSV, check's report and
# messages, diff's lines) keeps them on their line, for a reader that ends lines where
# Python's splitlines() does too.
one_line_outputs() { # name
	why=""
	LS=$(printf '\342\200\250') PS=$(printf '\342\200\251') NEL=$(printf '\302\205')
	for f in out/.well-known/security.txt out/ja/training.ics out/en/training.ics \
		 out/ja/training.csv out/en/training.csv; do
		[ -s "$W/$f" ] || { why="$why; no $f"; continue; }
		LC_ALL=C grep -q -e "$LS" -e "$PS" -e "$NEL" "$W/$f" && why="$why; a line break left in $f"
		if command -v python3 >/dev/null 2>&1 &&
		   ! python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8-sig").read(); sys.exit(len(t.splitlines()) != t.count("\n"))' "$W/$f"; then
			why="$why; splitlines() sees more lines in $f"
		fi
	done
	(cd "$W" && timeout 60 "$BIN" diff "$H/base.xml" "$1.xml") >"$W.diff" 2>&1
	[ "$(grep -c '^- ' "$W.diff")" = 2 ] || why="$why; diff does not say the two names changed, a line each"
	LC_ALL=C grep -q -e "$LS" -e "$PS" -e "$NEL" "$W.cout" "$W.diff" && why="$why; a line break left in check's or diff's output"
	grep -q -e '^Contact: mailto:evil' -e '^Expires: 2099' "$W/out/.well-known/security.txt" && why="$why; a forged field in security.txt"
	{ grep -q '^ATTENDEE' "$W/out/ja/training.ics" ||
	  [ "$(grep -c '^END:VEVENT' "$W/out/ja/training.ics")" != "$(grep -c '^BEGIN:VEVENT' "$W/out/ja/training.ics")" ]; } &&
		why="$why; a forged property in training.ics"
	if [ -z "$why" ]; then ok "$1: security.txt, the calendars, the CSV, check's and diff's output each keep the name on its line"
	else no "$1${why}"; fi
}

echo "== hostile profiles (tests/hostile/cases)"
[ -n "$V" ] || skip "validate-docx for the profiles that build (../shared/tools/validate-docx, xmllint or unzip not available)"
TAB=$(printf '\t')
while IFS="$TAB" read -r name want frag; do
	case "$name" in '#'* | '') continue ;; esac
	case_file "$name" "$want" "$frag" "$H/$name.xml"
	case "$name" in line-breaks-in-names) one_line_outputs "$name" ;; esac
done <"$H/cases"

echo "== hostile records (tests/hostile/records/cases)"
# A profile with the records of its product beside it, as records/cam-1.xml.
case_records() { # name exit fragment records-file
	fresh
	cp "$H/base.xml" "$W/p.xml"
	mkdir "$W/records"
	cp "$4" "$W/records/cam-1.xml"
	snap "$W.before"
	inw build -p p.xml -o out
	if [ "$2" = 0 ]; then expect_ok "records $1" "$3"
	else expect_fail "records $1" "$2" "$3" "records/cam-1.xml"; fi
	expect_check "records $1" p.xml "$(rc)"
}
while IFS="$TAB" read -r name want frag; do
	case "$name" in '#'* | '') continue ;; esac
	case_records "$name" "$want" "$frag" "$H/records/$name.xml"
done <"$H/records/cases"
R="$H/records/base.xml"
# 5 MB: a comment pads valid records past their 4 MiB limit.
{ sed -n 1,2p "$R"; printf '<!--'; head -c 5242880 /dev/zero | tr '\0' x; printf -- '-->\n'; sed -n '3,$p' "$R"; } >"$T/huge-records.xml"
case_records huge 1 "records/cam-1.xml: error: the records file is larger than 4 MiB" "$T/huge-records.xml"
rm -f "$T/huge-records.xml"
# 10,000 nested elements inside a requirement.
L=$(grep -n '<requirement ' "$R" | head -1 | cut -d: -f1)
awk -v L="$L" 'NR == L { s = "  <requirement id=\"authenticate-access\" status=\"not-yet\">"; for (i = 0; i < 10000; i++) s = s "<x>"; for (i = 0; i < 10000; i++) s = s "</x>"; print s "</requirement>"; next } { print }' "$R" >"$T/deep-records.xml"
case_records deep 1 "records/cam-1.xml:$L:" "$T/deep-records.xml"
grep -q "nested more than 64 levels deep" "$W.err" && ok "records deep: says how deep" || no "records deep: no word of the nesting" "$W.err"
# A named pipe where the records are: refused at once, not waited on.
if command -v mkfifo >/dev/null 2>&1; then
	fresh; cp "$H/base.xml" "$W/p.xml"; mkdir "$W/records"; mkfifo "$W/records/cam-1.xml"; snap "$W.before"
	TMO=10 inw build -p p.xml -o out
	expect_fail "records as a named pipe" 1 "records/cam-1.xml: error: cannot read the records file: it is a named pipe (FIFO), not a regular file" "records/cam-1.xml"
fi
# --records naming a file, and a folder that is not there.
fresh; cp "$H/base.xml" "$W/p.xml"; : >"$W/notadir"; snap "$W.before"
inw build -p p.xml -o out --records notadir
expect_fail "--records naming a file" 1 "notadir: error: cannot read the records folder: it is not a folder" "notadir"
fresh; cp "$H/base.xml" "$W/p.xml"; : >"$W/records"; snap "$W.before"
inw build -p p.xml -o out
expect_fail "a file called records beside the profile" 1 "records: error: cannot read the records folder: it is not a folder" "records"
fresh; cp "$H/base.xml" "$W/p.xml"; snap "$W.before"
inw build -p p.xml -o out --records absent
expect_fail "--records naming no folder" 1 "absent: error: cannot read the records folder: No such file or directory" "absent"
# Records of no product: a warning, and the documents are built.
fresh; cp "$H/base.xml" "$W/p.xml"; mkdir "$W/records"; cp "$R" "$W/records/cam-2.xml"; snap "$W.before"
inw build -p p.xml -o out
expect_ok "records of no product" "テスト株式会社"
grep -q "warning: records/cam-2.xml: no product of the profile has this id" "$W.err" && ok "records of no product: a warning names the file" || no "records of no product: no warning" "$W.err"

echo "== hostile advisories (tests/hostile/advisories/cases)"
# A profile with one advisory beside it, as advisories/tst-sa-2026-001.xml.
case_advisory() { # name exit fragment advisory-file
	fresh
	cp "$H/base.xml" "$W/p.xml"
	mkdir "$W/advisories"
	cp "$4" "$W/advisories/tst-sa-2026-001.xml"
	snap "$W.before"
	inw build -p p.xml -o out
	if [ "$2" = 0 ]; then expect_ok "advisory $1" "$3"
	else expect_fail "advisory $1" "$2" "$3" "advisories/tst-sa-2026-001.xml"; fi
	expect_check "advisory $1" p.xml "$(rc)"
}
while IFS='	' read -r name want frag; do
	case "$name" in '#'*|'') continue ;; esac
	case_advisory "$name" "$want" "$frag" "$H/advisories/$name.xml"
done <"$H/advisories/cases"
A="$H/advisories/base.xml"
# 10,000 affected versions, one a line: refused at the 201st range.
awk '/<fixed / { for (i = 1; i <= 10000; i++) printf "    <affected product=\"cam-1\" from=\"0.%d\" to=\"0.%d\"/>\n", i, i } { print }' "$A" >"$T/many-versions.xml"
case_advisory many-versions 1 "advisories/tst-sa-2026-001.xml:214:5: error: more than 200 affected version ranges in one advisory" "$T/many-versions.xml"
# 2 MB: a comment pads a valid advisory past its 1 MiB limit.
{ sed -n 1,2p "$A"; printf '<!--'; head -c 2097152 /dev/zero | tr '\0' x; printf -- '-->\n'; sed -n '3,$p' "$A"; } >"$T/huge-advisory.xml"
case_advisory huge 1 "advisories/tst-sa-2026-001.xml: error: the security advisory is larger than 1 MiB" "$T/huge-advisory.xml"
rm -f "$T/many-versions.xml" "$T/huge-advisory.xml"
# A file called advisories beside the profile, and --advisories naming
# no folder.
fresh; cp "$H/base.xml" "$W/p.xml"; : >"$W/advisories"; snap "$W.before"
inw build -p p.xml -o out
expect_fail "a file called advisories beside the profile" 1 "advisories: error: cannot read the advisories folder: it is not a folder" "advisories"
fresh; cp "$H/base.xml" "$W/p.xml"; snap "$W.before"
inw build -p p.xml -o out --advisories absent
expect_fail "--advisories naming no folder" 1 "absent: error: cannot read the advisories folder: No such file or directory" "absent"

echo "== generated profiles"
M="$H/base.xml"
# 50 MB: a comment pads a valid profile far past the 16 MiB limit.
{ sed -n 1,2p "$M"; printf '<!--'; head -c 52428800 /dev/zero | tr '\0' x; printf -- '-->\n'; sed -n '3,$p' "$M"; } >"$T/huge-50mb.xml"
case_file huge-50mb 1 "huge-50mb.xml: error: the profile is larger than 16 MiB" "$T/huge-50mb.xml"
rm -f "$T/huge-50mb.xml" "$T"/w.*/huge-50mb.xml
# 10,000 nested elements in the company name's line (5): the 63rd <x> is
# the 65th level.
awk 'NR == 5 { s = $0; for (i = 0; i < 10000; i++) s = s "<x>"; for (i = 0; i < 10000; i++) s = s "</x>"; print s; next } { print }' "$M" >"$T/deep-10000.xml"
case_file deep-10000 1 "deep-10000.xml:5:211: error: elements are nested more than 64 levels deep" "$T/deep-10000.xml"
# 500 products (the base's and 499 more), the most a profile may have: a
# sheet for each, the last one named in the verification plan. 10,000: an
# error at the 501st.
awk '/<\/products>/ { for (i = 1; i <= 499; i++) printf "    <product id=\"p-%d\" category=\"sensor\" update=\"local\">\n      <name>製品 %d</name>\n      <connectivity>wifi</connectivity>\n      <markets>JP EU</markets>\n    </product>\n", i, i } { print }' "$M" >"$T/products-500.xml"
fresh; cp "$T/products-500.xml" "$W/"; snap "$W.before"
inw build -p products-500.xml -o out -f html -l ja
expect_ok "products-500" "製品 499"
if [ -s "$W/out/ja/products/p-499.html" ] && grep -q '製品 499' "$W/out/ja/verification.html"; then
	ok "products-500: a sheet for the 500th product, and it is in the verification plan"
else
	no "products-500: no sheet or no verification section for the 500th product"
fi
# The register of 500 products is too long for the index page: a row a
# product there, every row in register.csv.
rows=$(($(wc -l <"$W/out/ja/register.csv") - 1))
if grep -q "本一覧は${rows}行に及ぶため" "$W/out/index.html" && [ "$rows" -gt 2000 ] &&
   [ "$(grep -c '<th scope="row">製品 ' "$W/out/index.html")" = 499 ]; then
	ok "products-500: the index counts the register's $rows rows a product, register.csv holds them all"
else
	no "products-500: the index's register ($rows rows in register.csv)"
fi
awk '/<\/products>/ { for (i = 1; i <= 10000; i++) printf "    <product id=\"p-%d\" category=\"sensor\" update=\"local\">\n      <name>製品 %d</name>\n      <connectivity>wifi</connectivity>\n      <markets>JP EU</markets>\n    </product>\n", i, i } { print }' "$M" >"$T/products-10000.xml"
L=$(grep -n '<product id="p-500"' "$T/products-10000.xml" | cut -d: -f1)
case_file products-10000 1 "products-10000.xml:$L:5: error: more than 500 products" "$T/products-10000.xml"
# 100,000 people (check took 261 s and 8.3 GB of them): the base's two and
# 99,998 more; an error at the 10,001st, p9999, at once.
awk '/<\/people>/ { for (i = 1; i <= 99998; i++) printf "    <person id=\"p%d\"><name>社員 %d</name></person>\n", i, i } { print }' "$M" >"$T/people-100000.xml"
L=$(grep -n '<person id="p9999"' "$T/people-100000.xml" | cut -d: -f1)
case_file people-100000 1 "people-100000.xml:$L:5: error: more than 10000 people: a profile holds at most 10000 people" "$T/people-100000.xml"
rm -f "$T/people-100000.xml" "$T"/w.*/people-100000.xml
# 5,000 mistakes: reporting stops after 100, and says so.
awk '/<\/people>/ { for (i = 1; i <= 5000; i++) printf "    <person id=\"p%d\"><name>x</name><email>bad@@x</email></person>\n", i } { print }' "$M" >"$T/errors-5000.xml"
case_file errors-5000 1 "too many errors; stopped after 100" "$T/errors-5000.xml"
n=$(grep -c ': error: ' "$W.err")
if [ "$n" -le 101 ]; then ok "errors-5000: $n error lines, not 5,000"; else no "errors-5000: $n error lines"; fi
# UTF-16.
if command -v iconv >/dev/null 2>&1; then
	iconv -f UTF-8 -t UTF-16 "$M" >"$T/utf16.xml"
	case_file utf16 1 "utf16.xml:1:1: error: the profile is UTF-16 text; save it as UTF-8" "$T/utf16.xml"
else
	skip "utf16 (iconv not installed)"
fi

echo "== profiles that are not files, and hostile options"
one() { # name exit fragment args...
	n=$1 e=$2 f=$3; shift 3
	fresh; cp "$M" "$W/p.xml"; snap "$W.before"
	inw "$@"
	expect_fail "$n" "$e" "$f"
}
one profile-missing 1 "nosuch.xml: error: cannot open the profile: No such file or directory" build -p nosuch.xml -o out
one profile-directory 1 ".: error: cannot read the profile: it is a folder, not a regular file" build -p . -o out
one profile-dev-zero 1 "/dev/zero: error: cannot read the profile: it is a character device, not a regular file" build -p /dev/zero -o out
# A named pipe no one writes to, wherever the program reads a file the user
# names: refused at once (10 s would be a hang), said what it is.
mkfifo "$T/fifo.xml"
TMO=10
one profile-fifo 1 "fifo.xml: error: cannot read the profile: it is a named pipe (FIFO), not a regular file" build -p "$T/fifo.xml" -o out
one check-fifo 1 "fifo.xml: error: cannot read the profile: it is a named pipe (FIFO), not a regular file" check "$T/fifo.xml"
one diff-fifo 1 "fifo.xml: error: cannot read the profile: it is a named pipe (FIFO), not a regular file" diff p.xml "$T/fifo.xml"
one reference-fifo 1 "fifo.xml: error: cannot read the reference document: it is a named pipe (FIFO), not a regular file" build -p p.xml -o out --reference-docx "$T/fifo.xml"
one reference-directory 1 ": error: cannot read the reference document: it is a folder, not a regular file" build -p p.xml -o out --reference-docx "$T"
one reference-dev-zero 1 "/dev/zero: error: cannot read the reference document: it is a character device, not a regular file" build -p p.xml -o out --reference-docx /dev/zero
one answers-fifo 1 "fifo.xml: error: cannot read the answers: it is a named pipe (FIFO), not a regular file" init --answers "$T/fifo.xml" -o new.xml
TMO=60
rm -f "$T/fifo.xml"
one lang-reserved-name 1 "nul.xlf: error: cannot read" build -p p.xml -o out -l nul
one lang-twice 1 "error: language \"ja\" listed twice" build -p p.xml -o out -l ja,en,ja
one lang-path 1 "error:" build -p p.xml -o out -l ../../etc
fresh; cp "$M" "$W/p.xml"; : >"$W/out"; snap "$W.before"
inw build -p p.xml -o out
expect_fail output-is-a-file 3 "cannot create folder out: Not a directory"
one output-parent-missing 3 "cannot create folder" build -p p.xml -o no/such/out
printf 'not a zip' >"$T/notzip.docx"
one reference-not-zip 1 "error: not a Word file (.docx): not a zip archive" build -p p.xml -o out --reference-docx "$T/notzip.docx"
if command -v zip >/dev/null 2>&1; then
	mkdir -p "$T/ref/word"
	printf '<?xml version="1.0"?>\n<!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&x;</w:styles>\n' >"$T/ref/word/styles.xml"
	(cd "$T/ref" && zip -q -r ../xxe.docx word)
	one reference-xxe 1 "xxe.docx:word/styles.xml:2:1: error: a DOCTYPE is not allowed here" build -p p.xml -o out --reference-docx "$T/xxe.docx"
	# A member that would be unpacked outside (zip slip): zip -d keeps
	# "../" when the names are given that way from a folder below.
	mkdir -p "$T/slip/a/b" && printf x >"$T/slip/a/evil" && printf x >"$T/slip/a/b/c"
	(cd "$T/slip/a/b" && zip -q "$T/slip.docx" ../evil c)
	one reference-zip-slip 1 "error: not a usable Word file (.docx)" build -p p.xml -o out --reference-docx "$T/slip.docx"
	# Entities that refer to each other: one error at the DOCTYPE, however
	# many workers meet it, not libxml2's about the loop.
	mkdir -p "$T/loop/word"
	printf '<?xml version="1.0"?>\n<!DOCTYPE w:styles [\n<!ENTITY a "&b;&b;">\n<!ENTITY b "&a;&a;">\n]>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&a;</w:styles>\n' >"$T/loop/word/styles.xml"
	(cd "$T/loop" && zip -q -r ../loop.docx word)
	one reference-entity-loop 1 "loop.docx:word/styles.xml:2:1: error: a DOCTYPE is not allowed here" build -j 4 -p p.xml -o out --reference-docx "$T/loop.docx"
	n=$(grep -c ': error: ' "$W.err")
	if [ "$n" = 1 ]; then ok "reference-entity-loop: one error line"; else no "reference-entity-loop: $n error lines" "$W.err"; fi
else
	skip "reference-docx with a DOCTYPE and a zip slip (zip not installed)"
fi

echo "== faults"
# The previous documents, built once and copied before each fault.
fresh; K=$W; cp "$M" "$K/p.xml"
(cd "$K" && timeout 60 "$BIN" build -p p.xml -o keep >/dev/null 2>"$T/keep.err")
sancheck $? "$T/keep.err" "build keep"
same() { diff -r "$K/keep" "$1" >/dev/null 2>&1; }
notmp() { [ -z "$(find "$1" -name '*.tmp*')" ]; }
# A rebuild of the same profile has nothing to write (the files already
# hold its bytes): the faults need a change in every file.
sed 's#<name>テスト株式会社</name>#<name>テスト電子株式会社</name>#' "$M" >"$T/renamed.xml"

# 1. A read-only output folder, as user nobody when run as root.
as_user=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
   setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --version >/dev/null 2>&1; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
	fresh; cp -r "$K/keep" "$W/out"; cp "$T/renamed.xml" "$W/p.xml"
	chmod 755 "$T" "$W"; chmod 644 "$W/p.xml"; chmod -R a+rX,a-w "$W/out"
	(cd "$W" && exec timeout 60 $as_user "$BIN" build -p p.xml -o out) >"$W.out" 2>"$W.err"
	r=$?
	sancheck "$r" "$W.err" "build (fault)"
	chmod -R u+w "$W/out"
	if [ "$r" = 3 ] && same "$W/out" && notmp "$W/out" && grep -q "Permission denied" "$W.err"; then
		ok "read-only output: exit 3, says Permission denied, changes nothing"
	else
		no "read-only output: exit $r" "$W.err"
	fi
else
	skip "read-only output (as root, and user nobody cannot run $BIN here)"
fi

# 2. Disk full, twice. First a file size limit (ulimit -f, SIGXFSZ ignored
# so write() fails with EFBIG) below the size of the second language's
# page, so that some files are already complete when one fails.
fresh; printf x >"$W/u"
unit=$( (trap '' XFSZ; ulimit -f 1; head -c 4096 /dev/zero >"$W/u" 2>/dev/null); wc -c <"$W/u")
if [ "${unit:-0}" -gt 0 ]; then
	big=$(wc -c <"$K/keep/ja/policy.html")
	lim=$(( (big - 1) / unit ))
	cp -r "$K/keep" "$W/out"; cp "$T/renamed.xml" "$W/p.xml"
	(cd "$W" && trap '' XFSZ && ulimit -f "$lim" && exec timeout 60 "$BIN" build -p p.xml -o out -l en,ja) >"$W.out" 2>"$W.err"
	r=$?
	sancheck "$r" "$W.err" "build (fault)"
	if [ "$r" = 3 ] && same "$W/out" && notmp "$W/out" && grep -q "File too large" "$W.err"; then
		ok "file size limit reached midway: exit 3, says File too large, changes nothing"
	else
		no "file size limit: exit $r" "$W.err"
	fi
	(cd "$W" && trap '' XFSZ && ulimit -f "$lim" && exec timeout 60 "$BIN" build -p p.xml -o new -l en,ja) >"$W.out" 2>"$W.err"
	r=$?
	sancheck "$r" "$W.err" "build (fault)"
	left=$(cd "$W" && find new -type f 2>/dev/null | head -3 | tr '\n' ' ')
	if [ "$r" = 3 ] && [ -z "$left" ]; then ok "file size limit, new output folder: exit 3, no file written"
	else no "file size limit, new output folder: exit $r, files: $left" "$W.err"; fi
else
	skip "file size limit (ulimit -f has no effect here)"
fi
# Then a really full file system: a tmpfs with room for last year's
# documents and half a megabyte more, filled up, as root.
fresh
room=$(( $(du -sk "$K/keep" | cut -f1) + 512 ))
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o "size=${room}k" tmpfs "$W" 2>/dev/null; then
	MNT=$W
	cp -r "$K/keep" "$W/out"; cp "$T/renamed.xml" "$W/p.xml"
	head -c $(( room * 1024 )) /dev/zero >"$W/fill" 2>/dev/null
	(cd "$W" && exec timeout 60 "$BIN" build -p p.xml -o out) >"$W.out" 2>"$W.err"
	r=$?
	sancheck "$r" "$W.err" "build (fault)"
	if [ "$r" = 3 ] && same "$W/out" && notmp "$W/out" && grep -q "No space left on device" "$W.err"; then
		ok "disk full (tmpfs): exit 3, says No space left on device, changes nothing"
	else
		no "disk full (tmpfs): exit $r" "$W.err"
	fi
	umount "$W"; MNT=""
else
	skip "disk full on a tmpfs (needs root and mount)"
fi

# 3. What stands where a file was is not read through, nor waited on: a
# link to a file outside (holding the very bytes) or a pipe counts as an
# edit (exit 1, named); --force puts a file there, the link's target
# untouched. A link planted in a folder with no manifest is replaced the
# same way. A pipe as the manifest is an error, at once.
fresh; cp -r "$K/keep" "$W/out"; cp "$M" "$W/p.xml"
cp "$K/keep/ja/policy.html" "$W/target"
ln -sf ../../target "$W/out/ja/policy.html"
rm "$W/out/en/policy.html"; mkfifo "$W/out/en/policy.html"
inw build -p p.xml -o out
if [ "$(rc)" = 1 ] && grep -q "out/ja/policy.html was changed since" "$W.err" &&
   grep -q "out/en/policy.html was changed since" "$W.err" &&
   [ -L "$W/out/ja/policy.html" ] && [ -p "$W/out/en/policy.html" ]; then
	ok "a link and a pipe where files were: exit 1, both named, neither replaced"
else
	no "a link and a pipe where files were: exit $(rc)" "$W.err"
fi
inw build --force -p p.xml -o out
if [ "$(rc)" = 0 ] && [ ! -L "$W/out/ja/policy.html" ] && [ -f "$W/out/en/policy.html" ] &&
   same "$W/out" && cmp -s "$W/target" "$K/keep/ja/policy.html"; then
	ok "--force: files in their place, the link's target untouched"
else
	no "--force over a link and a pipe: exit $(rc)" "$W.err"
fi
fresh; cp "$M" "$W/p.xml"; mkdir -p "$W/out/ja"; echo precious >"$W/target"
ln -s ../../target "$W/out/ja/policy.html"
inw build -p p.xml -o out
if [ "$(rc)" = 1 ] && grep -q "out/ja/policy.html is not a file secpolgen wrote" "$W.err" &&
   [ -L "$W/out/ja/policy.html" ] && [ "$(cat "$W/target")" = precious ]; then
	ok "a link planted in a new output folder: not a file of ours, refused and named, its target untouched"
else
	no "a link planted in a new output folder: exit $(rc)" "$W.err"
fi
inw build --force -p p.xml -o out
if [ "$(rc)" = 0 ] && [ ! -L "$W/out/ja/policy.html" ] && same "$W/out" &&
   [ "$(cat "$W/target")" = precious ]; then
	ok "--force: the link replaced by the file, its target untouched"
else
	no "a link planted in a new output folder, --force: exit $(rc)" "$W.err"
fi
fresh; cp -r "$K/keep" "$W/out"; cp "$M" "$W/p.xml"
rm "$W/out/.secpolgen-manifest"; mkfifo "$W/out/.secpolgen-manifest"
inw build -p p.xml -o out
if [ "$(rc)" = 1 ] && grep -q "secpolgen-manifest: error: cannot read: not a regular file" "$W.err"; then
	ok "a pipe as the manifest: exit 1, says so, no wait"
else
	no "a pipe as the manifest: exit $(rc)" "$W.err"
fi

# 3b. Nothing is written outside the output folder through a link inside
# it: a folder of the set that is a link to a folder outside (exit 3,
# named, the outside untouched, nothing changed); a link named like a
# staging folder a killed run left, to a folder outside (the next build
# removes the link, not what is in the folder); archive/ a link outside
# when a new revision moves the previous files there (exit 3, before any
# file moves).
fresh; cp -r "$K/keep" "$W/out"; cp "$T/renamed.xml" "$W/p.xml"
mv "$W/out/ja" "$W/elsewhere"; ln -s ../elsewhere "$W/out/ja"
cp -r "$W/elsewhere" "$W/elsewhere.before"
inw build -p p.xml -o out
if [ "$(rc)" = 3 ] && grep -q "cannot create folder out/ja: a symbolic link stands there" "$W.err" &&
   diff -r "$W/elsewhere.before" "$W/elsewhere" >/dev/null && [ -L "$W/out/ja" ] && notmp "$W/elsewhere"; then
	ok "a folder of the set is a link outside: exit 3, named, nothing written through it"
else
	no "a folder of the set is a link outside: exit $(rc)" "$W.err"
fi
fresh; cp -r "$K/keep" "$W/out"; cp "$T/renamed.xml" "$W/p.xml"
mkdir "$W/victim"; echo precious >"$W/victim/keep-me"
ln -s ../victim "$W/out/.secpolgen-stage.tmpEVIL1"
inw build -p p.xml -o out
if [ "$(rc)" = 0 ] && [ "$(cat "$W/victim/keep-me" 2>/dev/null)" = precious ] &&
   [ ! -e "$W/out/.secpolgen-stage.tmpEVIL1" ] && [ ! -L "$W/out/.secpolgen-stage.tmpEVIL1" ]; then
	ok "a link named like a stale staging folder: removed, the folder it names untouched"
else
	no "a link named like a stale staging folder: exit $(rc), victim: $(ls "$W/victim")" "$W.err"
fi
fresh; cp -r "$K/keep" "$W/out"; mkdir "$W/elsewhere"; ln -s ../elsewhere "$W/out/archive"
sed 's|</revisions>|  <revision number="2.0" date="2026-04-01" author="sato"><summary>年次見直し</summary></revision>\n  </revisions>|' "$M" >"$W/p.xml"
inw build -p p.xml -o out
if [ "$(rc)" = 3 ] && grep -q "cannot keep the previous files in out/archive: a symbolic link stands there" "$W.err" &&
   [ -z "$(ls -A "$W/elsewhere")" ] && diff -r -x archive "$K/keep" "$W/out" >/dev/null; then
	ok "archive/ a link outside at a new revision: exit 3, named, no file moved"
else
	no "archive/ a link outside at a new revision: exit $(rc)" "$W.err"
fi

# 4. Killed midway: kill -9 a build of 200 products (a sheet each) after a few delays,
# and once as soon as its first temporary file appears (while it writes;
# output.c writes them into a staging folder under out/).
awk 'NR > 1 && /<\/products>/ { for (i = 1; i <= 200; i++) printf "    <product id=\"p-%d\" category=\"sensor\" update=\"local\"><name>製品 %d</name><connectivity>wifi</connectivity><markets>JP EU</markets></product>\n", i, i } { print }' "$M" >"$T/products-200.xml"
# What the killed build would have written: after a kill the folder holds
# the old set, or the new one whole, or the commit's journal, from which
# the next build completes the new set (output/journal.h).
(cd "$T" && "$BIN" build -p "$T/products-200.xml" -o "$T/new200" >/dev/null 2>"$T/new200.err")
sancheck $? "$T/new200.err" "build new200"
fresh; cp -r "$K/keep" "$W/out"; cp "$T/products-200.xml" "$W/p.xml"
for d in 0.05 0.3 1 tmp tmp; do
	(cd "$W" && exec "$BIN" build -p p.xml -o out >/dev/null 2>&1) &
	pid=$!
	if [ "$d" = tmp ]; then
		i=0
		# Globs, not find: polling must not fork.
		while [ $i -lt 2000000 ] && kill -0 $pid 2>/dev/null; do
			set -- "$W"/out/.secpolgen-stage.tmp*/* "$W"/out/*.tmp* "$W"/out/*/*.tmp*
			[ -e "$1" ] || [ -e "${2:-}" ] || [ -e "${3:-}" ] && break
			i=$((i + 1))
		done
	else
		sleep "$d"
	fi
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	r=$?
	tmps=$(find "$W/out" -name '*.tmp*' | wc -l)
	# The folders a build makes for new kinds of document (en/cra when
	# the first product sold in the EU comes) are made before the commit
	# and stay, empty, after a kill: no document is in them. Counted and
	# set aside, so that the sets compare by their files (not while a
	# journal would move files into them).
	empties=$(find "$W/out" -mindepth 1 -type d -empty ! -name '*.tmp*' | wc -l)
	[ "$empties" = 0 ] || [ -f "$W/out/.secpolgen-journal" ] ||
		find "$W/out" -mindepth 1 -type d -empty ! -name '*.tmp*' -delete
	torn=""
	for f in $(cd "$K/keep" && find . -type f); do
		cmp -s "$K/keep/$f" "$W/out/$f" || cmp -s "$T/new200/$f" "$W/out/$f" || torn="$torn $f"
	done
	if [ "$r" = 0 ]; then
		skip "killed after $d: the build had already finished"
	elif [ -n "$torn" ]; then
		no "killed after $d (exit $r): torn files:$torn"
	elif [ -f "$W/out/.secpolgen-journal" ]; then
		# Killed during the commit: the next build finishes it first.
		(cd "$W" && exec timeout 60 "$BIN" build -p p.xml -o out) >"$W.out" 2>"$W.err"
		r=$?
		sancheck "$r" "$W.err" "build after a kill"
		if [ "$r" = 0 ] && grep -q "half written by a build that was stopped" "$W.err" &&
			grep -q "nothing changed" "$W.out" && diff -r "$T/new200" "$W/out" >/dev/null 2>&1; then
			ok "killed after $d during the commit: the next build completed the new set from the journal"
		else
			no "killed after $d during the commit: the next build exits $r, or the set is not the new one" "$W.err"
		fi
	elif diff -r -x '*.tmp*' "$K/keep" "$W/out" >/dev/null 2>&1; then
		ok "killed after $d (exit $r): the previous documents are intact, $tmps temporary file(s) and $empties empty folder(s) left"
	elif diff -r -x '*.tmp*' "$T/new200" "$W/out" >/dev/null 2>&1; then
		ok "killed after $d (exit $r): after the commit, the new documents are all in place"
	else
		no "killed after $d (exit $r): neither the old set nor the new (a mixed set)"
	fi
	rm -rf "$W/out"; cp -r "$K/keep" "$W/out"
	find "$W/out" -name '*.tmp*' -exec rm -f {} +
	# Keep the killed runs' temporary files for the clean-up check below.
	# (the old kind beside a file, and a staging folder with a file in it)
	if [ "$tmps" -gt 0 ]; then
		: >"$W/out/ja/policy.html.tmpKILLED"
		mkdir -p "$W/out/.secpolgen-stage.tmpKILLED" && : >"$W/out/.secpolgen-stage.tmpKILLED/1-policy.html"
	fi
done
stale=$(find "$W/out" -name '*.tmp*' | wc -l)
(cd "$W" && exec timeout 60 "$BIN" build -p "$K/p.xml" -o out) >"$W.out" 2>"$W.err"
r=$?
sancheck "$r" "$W.err" "build (fault)"
if [ "$r" = 0 ] && diff -r -x '*.tmp*' "$K/keep" "$W/out" >/dev/null 2>&1; then
	ok "after the kills a build succeeds and writes the same documents"
else
	no "after the kills: exit $r" "$W.err"
fi
left=$(find "$W/out" -name '*.tmp*' | wc -l)
if [ "$left" = 0 ]; then
	ok "no temporary files remain after the next build (killed runs left $stale)"
else
	no "$left temporary file(s) from killed runs remain in the output after a successful build: $(find "$W/out" -name '*.tmp*' | sed "s|$W/||" | head -2 | tr '\n' ' ')"
fi

# 5. Two builds at once (issue 18): the folder is locked for a whole build.
# A holder of the lock (here flock(1) on the folder, as a build holds it):
# the second build waits --wait seconds, then exits 3 naming its pid and
# changes nothing.
fresh; cp -r "$K/keep" "$W/out"; cp "$K/p.xml" "$W/p.xml"
if command -v flock >/dev/null 2>&1; then
	flock "$W/out" sleep 2 &
	holder=$!
	sleep 0.3
	inw build -p p.xml -o out --wait 1
	wait $holder
	if [ "$(rc)" = 3 ] && grep -q "waiting for another secpolgen build writing into out/" "$W.err" &&
	   grep -q "error: another secpolgen build is writing into out/ (pid [0-9]*)" "$W.err" &&
	   diff -r "$K/keep" "$W/out" >/dev/null; then
		ok "a build while another holds the folder: waits 1 s, exit 3, names the holder's pid, changes nothing"
	else
		no "a build while another holds the folder: exit $(rc)" "$W.err"
	fi
else
	skip "a build while another holds the folder (flock(1) not installed)"
fi

# 6. Stopped by a signal while rendering (issue 18): SIGTERM and SIGINT stop
# the build at its next document; it removes its temporary files, the
# previous documents stay, and it ends by the signal (143, 130).
for sig in TERM INT; do
	fresh; cp -r "$K/keep" "$W/out"; cp "$T/products-200.xml" "$W/p.xml"
	(cd "$W" && exec "$BIN" build -p p.xml -o out >/dev/null 2>"$W.err") &
	pid=$!
	i=0
	while [ $i -lt 2000000 ] && kill -0 $pid 2>/dev/null; do
		set -- "$W"/out/.secpolgen-stage.tmp*/*
		[ -e "$1" ] && break
		i=$((i + 1))
	done
	kill -$sig $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	r=$?
	want=143; [ $sig = INT ] && want=130
	if [ "$r" = 0 ]; then
		skip "SIG$sig while rendering: the build had already finished"
	elif [ "$r" = "$want" ] && grep -q "error: interrupted by SIG$sig" "$W.err" &&
	     diff -r "$K/keep" "$W/out" >/dev/null; then
		ok "SIG$sig while rendering: exit $r, says so, previous documents intact, no temporary file left"
	else
		no "SIG$sig while rendering: exit $r (want $want), or the folder changed" "$W.err"
	fi
done

# 7. A journal in the folder that secpolgen did not write (issue 18): its
# moves would reach out of the folder. Refused, located at its line,
# exit 1, nothing moved.
fresh; cp -r "$K/keep" "$W/out"; cp "$K/p.xml" "$W/p.xml"
printf 'secpolgen journal 1\nrevision 9\nrename ja/policy.html ../../stolen.html\nend\n' >"$W/out/.secpolgen-journal"
cp -r "$W/out" "$W/before"
inw build -p p.xml -o out
if [ "$(rc)" = 1 ] && grep -q "out/.secpolgen-journal:3: error: this is not the journal of a build secpolgen interrupted" "$W.err" &&
   diff -r "$W/before" "$W/out" >/dev/null && [ ! -e "$T/stolen.html" ] && [ ! -e "$W/stolen.html" ]; then
	ok "a planted journal with a path out of the folder: exit 1, located, nothing moved"
else
	no "a planted journal: exit $(rc)" "$W.err"
fi

# Nothing that these runs could have made appeared in the repository (other
# work may change other files meanwhile).
new=$(find "$ROOT" -newer "$T/start" ! -path "$ROOT/build/*" ! -path "$ROOT/.git/*" |
      grep -E 'passwd|evil|\.tmp|/out/|/new/|policy\.(html|docx)|index\.html|\.xml\.' | head -3)
if [ -z "$new" ]; then ok "nothing written into the repository"; else no "files written into the repository: $new"; fi
if [ "$csv_seen" = 0 ]; then echo "     note: no build wrote a .csv file, so the formula check of CSV cells had nothing to read"; fi

echo "hostile: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
