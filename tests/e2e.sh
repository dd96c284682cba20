#!/bin/sh
# End-to-end tests: run the built secpolgen as a user would and check what
# it writes. Usage: tests/e2e.sh path/to/secpolgen   (UPDATE=1 rewrites the
# golden files in tests/golden/). Prints "e2e: N passed, N failed".
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
export SECPOLGEN_DATADIR="$ROOT" LC_ALL=C.UTF-8 TZ=UTC
# Today, for every run (security.txt's expiry, check's review date): the
# fixtures' revisions of 2025-04-01 give a security.txt good to 2026-03-31.
export SECPOLGEN_TODAY=2026-03-01
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0 skip=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | head -40; }
skip() { skip=$((skip + 1)); echo "skip $1"; }

. "$ROOT/tests/tools/sancheck.sh"
run() {
	"$BIN" "$@" >"$T/stdout" 2>"$T/stderr"
	echo $? >"$T/rc"
	sancheck "$(cat "$T/rc")" "$T/stderr" "secpolgen $*"
}
rc() { cat "$T/rc"; }

# 1. The example builds into every language and format.
run build -p "$ROOT/examples/profile.xml" -o "$T/a"
if [ "$(rc)" = 0 ]; then ok "build the example (exit 0)"; else no "build the example: exit $(rc)" "$T/stderr"; fi
for f in index.html ja/policy.html ja/policy.docx en/policy.html en/policy.docx \
	ja/organization.html ja/organization.docx en/organization.html en/organization.docx \
	ja/training.html ja/training.docx en/training.html en/training.docx \
	ja/training.csv ja/training.ics en/training.csv en/training.ics \
	ja/staff/tanaka.html ja/staff/tanaka.docx en/staff/tanaka.html en/staff/lin.html \
	en/staff/lin.docx ja/courses/secure-coding.html ja/courses/secure-coding.docx \
	en/courses/secure-coding.html en/courses/policy-awareness.docx \
	ja/products/nc-200.html ja/products/nc-200.docx en/products/es-10.html en/products/ar-500.docx \
	ja/verification.html ja/verification.docx en/verification.html en/verification.docx \
	ja/vulnerability-policy.html ja/vulnerability-policy.docx en/vulnerability-policy.html \
	en/vulnerability-policy.docx .well-known/security.txt; do
	if [ -s "$T/a/$f" ]; then ok "wrote $f"; else no "missing $f"; fi
done

# The disclosure policy is published: no "Confidential" on it, unlike the
# rest; and security.txt points at it.
if ! grep -q '社外秘' "$T/a/ja/vulnerability-policy.html" && grep -q '社外秘' "$T/a/ja/policy.html"; then
	ok "the public disclosure policy carries no confidentiality mark"
else
	no "vulnerability-policy.html is marked confidential, or policy.html is not"
fi
if grep -qx 'Policy: https://www.example.co.jp/security/policy/' "$T/a/.well-known/security.txt" &&
   grep -qx 'Expires: 2027-03-31T14:59:59Z' "$T/a/.well-known/security.txt"; then
	ok "security.txt: Policy and an Expires a day short of a year after 1 April 2026"
else
	no "security.txt fields" "$T/a/.well-known/security.txt"
fi

# A sheet in its holder's own language only (lin: lang="en").
if [ ! -e "$T/a/ja/staff/lin.html" ]; then ok "a member of staff's sheet is in their own language only"; else no "ja/staff/lin.html was written though lin's language is en"; fi
n=$(ls "$T/a/ja/staff" | grep -c '\.html$'); m=$(ls "$T/a/ja/courses" | grep -c '\.html$')
if [ "$n" = 7 ] && [ "$m" = 8 ]; then ok "ja: 7 staff sheets and 8 course handouts"; else no "ja: $n staff sheets and $m course handouts, want 7 and 8"; fi

# The exports: CSV with a BOM and CRLF for Excel, every formula-like cell
# made text; an iCalendar file with a session of every course held.
if head -c 3 "$T/a/ja/training.csv" | od -An -tx1 | grep -q 'ef bb bf' &&
   head -1 "$T/a/ja/training.csv" | grep -q "$(printf '\r')" &&
   ! grep -qE '(^|[,;"])[=+@-]' "$T/a/ja/training.csv"; then
	ok "training.csv: BOM, CRLF, no cell a spreadsheet would run"
else
	no "training.csv: BOM, CRLF or a formula-like cell"
fi
rows=$(grep -c 'policy-awareness\|製品セキュリティ方針の理解' "$T/a/ja/training.csv")
if [ "$rows" = 8 ]; then ok "training.csv: all 8 staff take the policy course"; else no "training.csv: $rows rows for the policy course, want 8"; fi
# Only workshops meet (e-learning and on-the-job training are taken in
# their month); each starts and ends within the working day.
ev=$(grep -c '^BEGIN:VEVENT' "$T/a/en/training.ics")
late=$(grep -E '^DT(START|END):' "$T/a/en/training.ics" | sed 's/.*T\([0-9]\{4\}\).*/\1/' |
	awk '$1 < "0900" || $1 > "1800"' | wc -l)
if [ "$ev" = 5 ] && [ "$late" = 0 ] && grep -q '^DTSTART:20260408T133000' "$T/a/en/training.ics" &&
   ! grep -q 'Product Security Policy Awareness' "$T/a/en/training.ics"; then
	ok "training.ics: 5 workshops, the first on the second Wednesday of April 2026, all within 9:00-18:00"
else
	no "training.ics: $ev sessions, $late times outside 9:00-18:00" "$T/a/en/training.ics"
fi
# The CSV gives a spreadsheet values: months as YYYY-MM, hours as
# numbers, a deadline date in every row.
if ! tail -n +2 "$T/a/ja/training.csv" | cut -d, -f5,6,8 | tr -d '\r' |
   grep -Evq '^[0-9]{4}-[0-9]{2}( [0-9]{4}-[0-9]{2})*,[0-9.]+,[0-9]{4}-[0-9]{2}-[0-9]{2}$'; then
	ok "training.csv: months, hours and deadlines as values in every row"
else
	no "training.csv: a month, hours or deadline that is not a value" "$T/a/ja/training.csv"
fi

# 2. Same input, same bytes.
run build -p "$ROOT/examples/profile.xml" -o "$T/b"
if diff -r "$T/a" "$T/b" >"$T/diff" 2>&1; then ok "two builds are byte-identical"; else no "two builds differ" "$T/diff"; fi
# ... whatever the number of worker processes: one (all in one process),
# three (an uneven share each), or more than there are documents.
for j in 1 3 64; do
	run build -j $j -p "$ROOT/examples/profile.xml" -o "$T/j$j"
	if [ "$(rc)" = 0 ] && diff -r "$T/a" "$T/j$j" >"$T/diff" 2>&1; then
		ok "build -j $j writes the same bytes"
	else
		no "build -j $j: exit $(rc), or different files" "$T/diff"
	fi
done
run build -j 0 -p "$ROOT/examples/profile.xml" -o "$T/j0"
if [ "$(rc)" = 2 ] && grep -q "needs a number of processes" "$T/stderr" && [ ! -e "$T/j0" ]; then
	ok "build -j 0 is a usage error"
else
	no "build -j 0: exit $(rc)" "$T/stderr"
fi

# 2b. A rebuild of an unchanged profile leaves every file and folder as it
# was (same inode, same time) and says so; a change rewrites only the files
# it touches, and lists them.
inodes() { find "$1" -printf '%i %T@ %p\n' | sort -k3; }
inodes "$T/b" >"$T/before"
run build -p "$ROOT/examples/profile.xml" -o "$T/b"
inodes "$T/b" >"$T/after"
n=$(find "$T/b" -type f ! -name .secpolgen-manifest | wc -l | tr -d ' ')
if [ "$(rc)" = 0 ] && cmp -s "$T/before" "$T/after" &&
   [ "$(cat "$T/stdout")" = "secpolgen: nothing changed: the $n files in $T/b/ were up to date." ]; then
	ok "a rebuild of the same profile touches no file and says so"
else
	diff "$T/before" "$T/after" >"$T/diff"; cat "$T/stdout" >>"$T/diff"
	no "a rebuild of the same profile: exit $(rc), or files touched" "$T/diff"
fi
sed 's#crime prevention in shops#crime prevention in stores#' examples/profile.xml >"$T/stores.xml"
run build -p "$T/stores.xml" --records "$ROOT/examples/records" --advisories "$ROOT/examples/advisories" -o "$T/b"
inodes "$T/b" | grep -v -e '/en/policy\.' -e '/en/products/nc-200\.' -e 'secpolgen-manifest$' >"$T/after"
grep -v -e '/en/policy\.' -e '/en/products/nc-200\.' -e 'secpolgen-manifest$' -e ' [^ ]*/b$' \
	-e ' [^ ]*/b/en$' -e ' [^ ]*/b/en/products$' "$T/before" >"$T/before.rest"
grep -v -e ' [^ ]*/b$' -e ' [^ ]*/b/en$' -e ' [^ ]*/b/en/products$' "$T/after" >"$T/after.rest"
printf 'secpolgen: wrote into %s/:\n  en/policy.html\n  en/policy.docx\n  en/products/nc-200.html\n  en/products/nc-200.docx\nsecpolgen: %s other files in %s/ were up to date.\n' \
	"$T/b" $((n - 4)) "$T/b" >"$T/want"
if [ "$(rc)" = 0 ] && cmp -s "$T/before.rest" "$T/after.rest" && cmp -s "$T/want" "$T/stdout" &&
   grep -q 'crime prevention in stores' "$T/b/en/policy.html"; then
	ok "a one-sentence change rewrites the 4 files it is in, and lists them"
else
	diff "$T/want" "$T/stdout" >"$T/diff"; diff "$T/before.rest" "$T/after.rest" >>"$T/diff"
	no "a one-sentence change: exit $(rc), or other files touched" "$T/diff"
fi
run build -p "$ROOT/examples/profile.xml" -o "$T/b"
if [ "$(rc)" = 0 ] && diff -r "$T/a" "$T/b" >"$T/diff" 2>&1; then ok "and back: the same bytes as the first build"; else no "back to the example: exit $(rc), or different files" "$T/diff"; fi

# 3. No temporary files are left behind.
if [ -z "$(find "$T/a" -name '*.tmp*')" ]; then ok "no temporary files left"; else no "temporary files left in the output"; fi

# 4. A profile with several mistakes: every error located, exit 1, nothing written.
run build -p tests/e2e/several-mistakes.xml -o "$T/bad"
if [ "$(rc)" = 1 ]; then ok "bad profile exits 1"; else no "bad profile: exit $(rc)" "$T/stderr"; fi
if [ ! -e "$T/bad" ]; then ok "bad profile writes nothing"; else no "bad profile wrote $T/bad"; fi
while IFS= read -r want; do
	[ -z "$want" ] && continue
	if grep -qF -- "$want" "$T/stderr"; then ok "reports: $want"; else no "missing error: $want" "$T/stderr"; fi
done <"$ROOT/tests/e2e/several-mistakes.expected"

# 5. A failed rebuild leaves last year's documents as they were.
cp -r "$T/a" "$T/keep"
run build -p tests/e2e/several-mistakes.xml -o "$T/a"
if diff -r "$T/keep" "$T/a" >"$T/diff" 2>&1; then ok "failed rebuild keeps the previous documents"; else no "failed rebuild changed the output" "$T/diff"; fi

# 5a. A first build into a folder that holds files of its own (a site's
# index.html and security.txt) replaces none of them and names each
# (exit 1, nothing written) unless --force.
mkdir -p "$T/site/.well-known"
printf 'our own page\n' >"$T/site/index.html"
printf 'Contact: mailto:web@example.com\n' >"$T/site/.well-known/security.txt"
printf 'notes\n' >"$T/site/notes.txt"
cp -r "$T/site" "$T/site-before"
run build -p examples/profile.xml -o "$T/site"
if [ "$(rc)" = 1 ] &&
   grep -q "site/index.html is not a file secpolgen wrote" "$T/stderr" &&
   grep -q "site/.well-known/security.txt is not a file secpolgen wrote" "$T/stderr" &&
   diff -r "$T/site-before" "$T/site" >/dev/null 2>&1; then
	ok "a first build replaces no file it did not write (exit 1, each named, folder unchanged)"
else
	no "foreign files: exit $(rc)" "$T/stderr"
fi
run build --force -p examples/profile.xml -o "$T/site"
if [ "$(rc)" = 0 ] && cmp -s "$T/keep/index.html" "$T/site/index.html" && [ -f "$T/site/notes.txt" ]; then
	ok "--force replaces them, and leaves the folder's other files"
else
	no "foreign files, --force: exit $(rc)" "$T/stderr"
fi

# 5a'. A rebuild of the same revision without a person (one no other
# element names) removes that person's sheets, says so, and leaves the
# folder as a clean build of the new profile; with the person back, the
# sheets come back (they are not taken for files of the user's).
python3 "$ROOT/bench/gen_profile.py" --staff 20 --products 2 -o "$T/left.xml" >/dev/null
gone=$(python3 - "$T/left.xml" "$T/left-less.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for pid in reversed(re.findall(r'<person id="([^"]+)"', s)):
    if s.count('"%s"' % pid) == 1:
        s = re.sub(r'\s*<person id="%s".*?</person>' % re.escape(pid), "", s, count=1, flags=re.S)
        open(sys.argv[2], "w", encoding="utf-8").write(s)
        print(pid)
        break
PY
)
run build -p "$T/left.xml" -o "$T/left"
run build -p "$T/left-less.xml" -o "$T/left"
left_rc=$(rc)
cp "$T/stderr" "$T/left.err"
run build -p "$T/left-less.xml" -o "$T/left-clean"
if [ -n "$gone" ] && [ "$left_rc" = 0 ] && [ ! -e "$T/left/ja/staff/$gone.html" ] &&
   grep -q "note: 4 files of the previous build that this one no longer makes were removed" "$T/left.err" &&
   diff -r "$T/left-clean" "$T/left" >/dev/null; then
	ok "a person gone from the profile: their 4 sheets removed, said, the folder a clean build"
else
	no "a person gone from the profile ($gone): exit $left_rc" "$T/left.err"
fi
run build -p "$T/left.xml" -o "$T/left"
if [ "$(rc)" = 0 ] && [ -f "$T/left/ja/staff/$gone.html" ]; then
	ok "the person back: their sheets written again"
else
	no "the person back: exit $(rc)" "$T/stderr"
fi

# 5b. History: a rebuild refuses to replace a file edited by hand (exit 1,
# naming it, nothing changed) unless --force; a build of a new revision
# keeps the previous one's files in archive/<revision>/.
cp -r "$T/keep" "$T/hist"
printf '<!-- our own note -->\n' >>"$T/hist/ja/policy.html"
cp "$T/hist/ja/policy.html" "$T/edited.html"
run build -p examples/profile.xml -o "$T/hist"
if [ "$(rc)" = 1 ] && grep -q "hist/ja/policy.html was changed since secpolgen wrote it" "$T/stderr" &&
   cmp -s "$T/edited.html" "$T/hist/ja/policy.html"; then
	ok "a file edited by hand is not replaced (exit 1, named)"
else
	no "edited file: exit $(rc)" "$T/stderr"
fi
run build --force -p examples/profile.xml -o "$T/hist"
if [ "$(rc)" = 0 ] && cmp -s "$T/keep/ja/policy.html" "$T/hist/ja/policy.html"; then ok "--force replaces it"; else no "--force: exit $(rc)" "$T/stderr"; fi
sed 's|</revisions>|  <revision number="1.2" date="2027-04-01" author="sato"><summary xml:lang="ja">年次見直し</summary><summary xml:lang="en">Yearly review.</summary></revision>\n  </revisions>|' \
	examples/profile.xml >"$T/rev12.xml"
run build -p "$T/rev12.xml" -o "$T/hist"
if [ "$(rc)" = 0 ] && cmp -s "$T/keep/ja/policy.html" "$T/hist/archive/1.1/ja/policy.html" &&
   cmp -s "$T/keep/en/staff/lin.docx" "$T/hist/archive/1.1/en/staff/lin.docx" &&
   grep -q '^revision 1.2$' "$T/hist/.secpolgen-manifest" && ! grep -q '1\.1' "$T/hist/.secpolgen-manifest" &&
   [ "$(find "$T/hist/archive/1.1" -type f | wc -l)" = "$(find "$T/keep" -type f ! -name .secpolgen-manifest | wc -l)" ]; then
	ok "a new revision keeps every file of the previous one in archive/1.1/"
else
	no "new revision: exit $(rc)" "$T/stderr"
fi

# 6. An output that cannot be written: exit 3, the previous files intact.
mkdir -p "$T/half/ja" && cp "$T/keep/ja/policy.html" "$T/half/ja/" && : >"$T/half/en"
run build -p examples/profile.xml -o "$T/half"
if [ "$(rc)" = 3 ] && cmp -s "$T/keep/ja/policy.html" "$T/half/ja/policy.html" &&
   [ "$(ls "$T/half/ja")" = policy.html ]; then
	ok "unwritable output exits 3 and changes nothing"
else
	no "unwritable output: exit $(rc)" "$T/stderr"
fi
# A read-only output folder: as root, the test drops to nobody when it can.
as_user=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
   setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --version >/dev/null 2>&1; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
	chmod 755 "$T"
	cp -r "$T/keep" "$T/ro" && chmod -R a+rX,a-w "$T/ro"
	chmod a+r "$T/stores.xml"
	$as_user "$BIN" build -p "$T/stores.xml" -o "$T/ro" >"$T/stdout" 2>"$T/stderr"
	echo $? >"$T/rc"
	sancheck "$(rc)" "$T/stderr" "build into a read-only folder"
	if [ "$(rc)" = 3 ] && diff -r "$T/keep" "$T/ro" >/dev/null &&
	   grep -q "Permission denied" "$T/stderr"; then
		ok "read-only output exits 3, says why, changes nothing"
	else
		no "read-only output: exit $(rc)" "$T/stderr"
	fi
	# With nothing to change, nothing needs writing.
	$as_user "$BIN" build -p examples/profile.xml -o "$T/ro" >"$T/stdout" 2>"$T/stderr"
	echo $? >"$T/rc"
	sancheck "$(rc)" "$T/stderr" "build into a read-only folder"
	chmod -R u+w "$T/ro"
	if [ "$(rc)" = 0 ] && diff -r "$T/keep" "$T/ro" >/dev/null && grep -q "nothing changed" "$T/stdout"; then
		ok "read-only output already up to date: exit 0, nothing changed"
	else
		no "read-only output, up to date: exit $(rc)" "$T/stderr"
	fi
else
	skip "read-only output folder (as root, and user nobody cannot run $BIN here)"
fi

# 7. Usage errors exit 2; --help and --version exit 0.
run build -x; if [ "$(rc)" = 2 ]; then ok "unknown option exits 2"; else no "unknown option: exit $(rc)"; fi
run frobnicate; if [ "$(rc)" = 2 ]; then ok "unknown command exits 2"; else no "unknown command: exit $(rc)"; fi
run --help; if [ "$(rc)" = 0 ] && grep -q 'secpolgen build' "$T/stdout"; then ok "--help"; else no "--help"; fi
run --version; if [ "$(rc)" = 0 ] && grep -q '^secpolgen [0-9]' "$T/stdout"; then ok "--version"; else no "--version"; fi
run build -p "$ROOT/examples/profile.xml" -o "$T/c" -l 'ja,../x'
if [ "$(rc)" = 1 ] && [ ! -e "$T/c" ]; then ok "a language tag with a path is refused"; else no "language tag with a path: exit $(rc)" "$T/stderr"; fi
run build -p "$ROOT/examples/profile.xml" -o "$T/c" nosuchdoc
if [ "$(rc)" = 1 ] && [ ! -e "$T/c" ]; then ok "an unknown document is refused"; else no "unknown document: exit $(rc)" "$T/stderr"; fi

# 7b. The responsibility matrix's rules (policy-templates/activities.xml):
# one profile for each in tests/e2e/raci/, with its .expected: the exit
# status of `check` (4: valid, with gaps), lines its output must hold, and ("doc: ") lines the
# Japanese organisation document must say. A broken matrix writes nothing.
for p in "$ROOT"/tests/e2e/raci/*.xml; do
	n=$(basename "$p" .xml)
	e="${p%.xml}.expected"
	(cd "$ROOT/tests/e2e/raci" && "$BIN" check "$n.xml" >"$T/stdout" 2>"$T/stderr"; echo $? >"$T/rc")
	sancheck "$(cat "$T/rc")" "$T/stderr" "check $n.xml"
	want=$(sed -n 's/^exit //p' "$e")
	bad=$(grep -v '^exit \|^doc: ' "$e" | while IFS= read -r line; do
		grep -qF -- "$line" "$T/stderr" "$T/stdout" || echo "$line"; done)
	if [ "$(rc)" = "$want" ] && [ -z "$bad" ]; then
		ok "check $n.xml: exit $want, reports what it should"
	else
		printf 'exit %s\n%s\n--- stderr:\n' "$(rc)" "$bad" >"$T/why"; cat "$T/stderr" >>"$T/why"
		no "check $n.xml: want exit $want and every line of $n.expected" "$T/why"
	fi
	run build -p "$p" -o "$T/raci-$n" -l ja organization
	if [ "$want" = 1 ]; then
		if [ "$(rc)" = 1 ] && [ ! -e "$T/raci-$n" ]; then ok "build $n.xml: exit 1, nothing written"; else no "build $n.xml: exit $(rc)" "$T/stderr"; fi
		continue
	fi
	bad=$(sed -n 's/^doc: //p' "$e" | while IFS= read -r line; do
		grep -qF -- "$line" "$T/raci-$n/ja/organization.html" 2>/dev/null || echo "$line"; done)
	if [ "$(rc)" = 0 ] && [ -z "$bad" ]; then ok "build $n.xml: the document's review section says what check found"; else
		printf '%s\n' "$bad" >"$T/why"; no "build $n.xml: exit $(rc), or the document lacks a finding" "$T/why"; fi
done

# 7c. A twelve-person company where one person holds four roles builds,
# and check names the duties that should be separated.
run check "$ROOT/tests/profiles/twelve-people.xml"
if [ "$(rc)" = 4 ] && grep -q 'mori is responsible for "develop" and is the only person responsible for "verify"' "$T/stderr"; then
	ok "twelve people: check warns that mori develops and alone verifies"
else
	no "twelve people: check" "$T/stderr"
fi

# 7d. check: what the guide still asks for, measure by measure. The
# example leaves its organisation findings (exit 4); the minimal profile leaves gaps
# (exit 4), each with the element to add;
# --format html gives a page. The text is compared with golden files.
for c in "example:examples/profile.xml:4" "minimal:tests/profiles/minimal.xml:4" \
	 "eu-products:tests/profiles/eu-products.xml:4"; do
	n=${c%%:*}; rest=${c#*:}; p=${rest%%:*}; want=${rest#*:}
	"$BIN" check --lang en "$p" >"$T/check-$n.txt" 2>"$T/stderr"; echo $? >"$T/rc"
	sancheck "$(cat "$T/rc")" "$T/stderr" "check $p"
	g="$ROOT/tests/golden/check-$n.txt"
	if [ "${UPDATE:-}" = 1 ]; then cp "$T/check-$n.txt" "$g"; fi
	if [ "$(rc)" = "$want" ] && diff -u "$g" "$T/check-$n.txt" >"$T/diff"; then
		ok "check $n: exit $want, the report as in tests/golden/check-$n.txt"
	else
		no "check $n: exit $(rc) (want $want), or the report differs" "$T/diff"
	fi
done
if grep -q 'Add <url>\|<url>https://…</url> in <vulnerability-handling>' "$T/check-minimal.txt"; then
	ok "check names the element to add"
else
	no "check: hints" "$T/check-minimal.txt"
fi
"$BIN" check --format html tests/profiles/minimal.xml >"$T/check.html" 2>"$T/stderr"
sancheck $? "$T/stderr" "check --format html"
if grep -q '<html lang="ja"' "$T/check.html" && [ "$(grep -c '<section' "$T/check.html")" = 6 ]; then
	ok "check --format html: a page with a section for each measure"
else
	no "check --format html" "$T/check.html"
fi
# An overdue review: the example on 1 May 2027, a month after its
# security.txt (good to 31 March 2027) expired. build refuses to publish
# it and writes nothing; check says the same, with the same exit.
(export SECPOLGEN_TODAY=2027-05-01; run check --lang en examples/profile.xml; cp "$T/stderr" "$T/check-expired.err"; cp "$T/rc" "$T/check-expired.rc"
 run build -p examples/profile.xml -o "$T/expired")
# At the newest <revision>: its line, wherever the example puts it.
l=$(grep -n '<revision ' examples/profile.xml | tail -1 | cut -d: -f1)
e="examples/profile.xml:$l:5: error: security.txt would expire on 2027-03-31, which is already past (today is 2027-05-01)"
if [ "$(cat "$T/check-expired.rc")" = 1 ] && [ "$(rc)" = 1 ] && [ ! -e "$T/expired" ] &&
   grep -qF "$e" "$T/check-expired.err" && grep -qF "$e" "$T/stderr"; then
	ok "an expired security.txt: build refuses it (exit 1, nothing written), check too, at the newest <revision>"
else
	no "an expired security.txt: check exit $(cat "$T/check-expired.rc"), build exit $(rc)" "$T/stderr"
fi

# 7e. The draft mark: without an approval every page's header says so,
# in print (HTML) and in Word; an approved document's does not.
run build -p tests/profiles/twelve-people.xml -o "$T/draft" -l ja policy staff
if [ "$(rc)" = 0 ] && unzip -p "$T/draft/ja/policy.docx" word/header1.xml | grep -q '案（未承認）' &&
   unzip -p "$T/draft/ja/staff/mori.docx" word/header1.xml | grep -q '案（未承認）' &&
   grep -q '@top-right { content: "案（未承認）"' "$T/draft/ja/policy.html" &&
   ! unzip -p "$T/a/ja/policy.docx" word/header1.xml | grep -q '案（未承認）' &&
   ! grep -q '@top-right { content: "案' "$T/a/ja/policy.html"; then
	ok "a draft says so in every page's header (DOCX and printed HTML); an approved document does not"
else
	no "draft mark: exit $(rc)" "$T/stderr"
fi

# 7e. Requirements follow the product: the EU camera's sheet has the CRA
# and its reporting deadlines, the controller with no link has neither
# the CRA nor JC-STAR nor a port scan; security.txt's Canonical is the
# website's origin.
run build -p "$ROOT/tests/profiles/eu-products.xml" -o "$T/eu" -l en -f html
if [ "$(rc)" = 0 ] && grep -q 'EU CRA' "$T/eu/en/products/cam-eu.html" &&
   grep -q '24 hours' "$T/eu/en/products/cam-eu.html" &&
   grep -q '24 hours' "$T/eu/en/vulnerability-policy.html" &&
   ! grep -q 'EU CRA\|JC-STAR' "$T/eu/en/products/ctl-1.html" &&
   ! grep -qi 'port scan' "$T/eu/en/products/ctl-1.html" &&
   grep -qx 'Canonical: https://devices.example.eu/.well-known/security.txt' "$T/eu/.well-known/security.txt"; then
	ok "an EU product gets the CRA and its deadlines; a product with no link gets no network requirements"
else
	no "requirements by product features (exit $(rc))" "$T/stderr"
fi

# security.txt against RFC 9116 as tests/securitytxt_check.py reads it,
# on the day each profile takes effect; and a file without Expires fails.
if command -v python3 >/dev/null 2>&1; then
	if python3 "$ROOT/tests/securitytxt_check.py" --now 2026-04-01T00:00:00Z "$T/a/.well-known/security.txt" >"$T/sec" 2>&1 &&
	   python3 "$ROOT/tests/securitytxt_check.py" --now 2026-07-01T00:00:00Z "$T/eu/.well-known/security.txt" >>"$T/sec" 2>&1 &&
	   sed '/^Expires:/d' "$T/a/.well-known/security.txt" >"$T/noexp.txt" &&
	   ! python3 "$ROOT/tests/securitytxt_check.py" --now 2026-04-01T00:00:00Z "$T/noexp.txt" >>"$T/sec" 2>&1; then
		ok "security.txt meets RFC 9116 (tests/securitytxt_check.py), which refuses one without Expires"
	else
		no "security.txt against RFC 9116" "$T/sec"
	fi
else
	skip "security.txt RFC 9116 check (python3 not installed)"
fi

# 7f. Records (issue 19): the register says what the product sheets say,
# row for row; a product without records says so; each finding of check
# about records fires on its case in tests/records/ and not on its fixed
# twin; `records` starts a product's records, never over a file.
for l in ja en; do
	if python3 "$ROOT/tests/register_check.py" "$T/a" $l >"$T/reg" 2>&1; then ok "register.csv ($l): $(cat "$T/reg")"
	else no "register.csv ($l) differs from the product sheets" "$T/reg"; fi
done
if head -c 3 "$T/a/en/register.csv" | od -An -tx1 | grep -q 'ef bb bf' &&
   grep -q 'Nothing has been recorded yet of how far ES-10 Environmental Sensor meets these requirements' "$T/a/en/products/es-10.html" &&
   ! grep -q 'id="status"' "$T/a/en/products/nc-200.html" >/dev/null 2>&1 ||
   grep -q 'Statement of Applicability' "$T/a/en/products/nc-200.html"; then
	ok "register.csv has a BOM; a product without records says nothing is recorded, one with records has its statement of applicability"
else
	no "register BOM, or the sheets of es-10 and nc-200"
fi
finding() { # case phrase
	run check --lang en "$ROOT/tests/records/$1/profile.xml"
	cp "$T/stdout" "$T/case.out"
	run check --lang en "$ROOT/tests/records/$1-fixed/profile.xml"
	if grep -qF -- "$2" "$T/case.out" && ! grep -qF -- "$2" "$T/stdout" &&
	   [ "$(grep -c '✗' "$T/case.out")" = "$(($(grep -c '✗' "$T/stdout") + 1))" ]; then
		ok "check finds \"$2\" in tests/records/$1 and nothing more, and not in $1-fixed"
	else
		no "check and tests/records/$1: \"$2\"" "$T/case.out"
	fi
}
finding none "no records exist yet for its requirements, risks, open questions or tests, so none of its 18 requirements marked Required is shown to be met"
finding unmet "is on sale, but requirements marked Required are not recorded as met (1 of 18; partly met, not yet met or not recorded): R1"
finding risks "risks that need a decision have none recorded (rated above the acceptance line after countermeasures, or before them where not yet assessed) (1): T1"
finding late-decisions "open questions past their due date (1): D1"
finding unowned "open questions with no owner and due date recorded (1): D1"
finding old-evidence "the review cycle of 12 months has passed since the newest evidence of some requirements (1): R1"
finding failed-tests "failed tests with no fix due date (1): V1"
finding unsupported "is still on sale, although its support period ended on 31 January 2026"
finding high-on-sale "is on sale while risks are still rated High after their countermeasures (1): T1"
mkdir -p "$T/rec" && cp "$ROOT/tests/profiles/minimal.xml" "$T/rec/p.xml"
run records --lang en "$T/rec/p.xml" cam-1
if [ "$(rc)" = 0 ] && [ -s "$T/rec/records/cam-1.xml" ] && grep -q 'updated="2026-03-01"' "$T/rec/records/cam-1.xml"; then
	ok "records: starts records/cam-1.xml beside the profile, updated today"
else
	no "records cam-1: exit $(rc)" "$T/stderr"
fi
cp "$T/rec/records/cam-1.xml" "$T/rec/first.xml"
run records --lang ja "$T/rec/p.xml" cam-1
if [ "$(rc)" = 1 ] && grep -q 'the records of "cam-1" are there already' "$T/stderr" && cmp -s "$T/rec/first.xml" "$T/rec/records/cam-1.xml"; then
	ok "records: never writes over the team's records (exit 1, file unchanged)"
else
	no "records over an existing file: exit $(rc)" "$T/stderr"
fi
run check --lang en "$T/rec/p.xml"
if [ "$(rc)" = 4 ] && grep -q 'records are kept, as at 1 March 2026' "$T/stdout" && grep -q 'requirements marked Required are not recorded as met' "$T/stdout"; then
	ok "records: the started file is valid, and check reads it"
else
	no "check over the started records: exit $(rc)" "$T/stderr"
fi
run records "$T/rec/p.xml" no-such-product
if [ "$(rc)" = 1 ] && grep -q 'there is no product "no-such-product" in the profile' "$T/stderr" && [ ! -e "$T/rec/records/no-such-product.xml" ]; then
	ok "records of a product not in the profile: exit 1, nothing written"
else
	no "records no-such-product: exit $(rc)" "$T/stderr"
fi

# diff says what moved in the records beside each profile, a line each.
rdiff() { # old new want
	run diff --lang en "$ROOT/tests/records/$1/profile.xml" "$ROOT/tests/records/$2/profile.xml"
	printf '%s\n' "$3" >"$T/want"
	if [ "$(rc)" = 0 ] && cmp -s "$T/want" "$T/stdout"; then ok "diff of records $1 -> $2: $3"
	else diff "$T/want" "$T/stdout" >"$T/diff"; no "diff of records $1 -> $2: exit $(rc)" "$T/diff"; fi
}
rdiff unmet unmet-fixed "- カメラ: R1 Authentication before access is met, on evidence of 1 February 2026 (was: Not yet met)."
rdiff unmet-fixed unmet "- カメラ: R1 Authentication before access is now Not yet met (was: Met)."
rdiff none-fixed risks "- カメラ: the decision on risk T1 (Product software and settings) was withdrawn."
rdiff risks risks-fixed "- カメラ: 佐藤 花子 decided on 1 February 2026 that risk T1 (Product software and settings) needs further treatment by 佐藤 花子, due 30 June 2026."
rdiff none-fixed failed-tests "- カメラ: V1 Threat model and design review failed on 1 February 2026 (was: Passed)."
run diff --lang en "$ROOT/tests/records/none/profile.xml" "$ROOT/tests/records/none-fixed/profile.xml"
if [ "$(rc)" = 0 ] && [ "$(head -1 "$T/stdout")" = "- カメラ: its records were started (as of 1 March 2026)." ] &&
   grep -q "^- カメラ: 田中 一郎 decided on 1 February 2026: “Will the Company apply for the JC-STAR ★1 label" "$T/stdout"; then
	ok "diff of records: started, and the decisions taken with their question"
else
	no "diff none -> none-fixed: exit $(rc)" "$T/stdout"
fi
run diff --format revision "$ROOT/tests/records/unmet/profile.xml" "$ROOT/tests/records/unmet-fixed/profile.xml"
if [ "$(rc)" = 0 ] && ! grep -q 'R1' "$T/stdout"; then ok "diff --format revision leaves the records out of the profile's revision"
else no "diff --format revision of records: exit $(rc)" "$T/stdout"; fi

# 7g. The PSIRT (issue 20): the procedure in both languages, the CRA
# forms in English only, the advisory in both languages and as CSAF 2.0
# that the CSAF validator (tests/csaf/, npm) passes, with the provider
# metadata and security.txt's CSAF, Encryption and Acknowledgments;
# the rare and plain cases of tests/advisories/; check's findings.
for f in ja/psirt.html ja/psirt.docx en/psirt.html en/psirt.docx en/cra/nc-200.html \
	en/cra/nc-200.docx ja/advisories/akb-sa-2026-001.html ja/advisories/akb-sa-2026-001.docx \
	en/advisories/akb-sa-2026-001.html en/advisories/akb-sa-2026-001.docx \
	ja/vulnerability-register.csv en/vulnerability-register.csv \
	.well-known/csaf/provider-metadata.json .well-known/csaf/white/index.txt \
	.well-known/csaf/white/changes.csv .well-known/csaf/white/2026/akb-sa-2026-001.json; do
	if [ -s "$T/a/$f" ]; then ok "wrote $f"; else no "missing $f"; fi
done
if [ ! -e "$T/a/ja/cra" ] && [ ! -e "$T/a/ja/cra/nc-200.html" ] && [ ! -e "$T/a/en/cra/es-10.html" ]; then
	ok "the CRA forms: English only, and only for the product sold in the EU"
else
	no "the CRA forms are in Japanese too, or for a product not sold in the EU"
fi
if grep -qx 'CSAF: https://www.example.co.jp/.well-known/csaf/provider-metadata.json' "$T/a/.well-known/security.txt" &&
   grep -qx 'Encryption: https://www.example.co.jp/security/psirt-pgp-key.asc' "$T/a/.well-known/security.txt" &&
   grep -qx 'Acknowledgments: https://www.example.co.jp/security/thanks/' "$T/a/.well-known/security.txt"; then
	ok "security.txt: CSAF, Encryption and Acknowledgments"
else
	no "security.txt: CSAF, Encryption or Acknowledgments missing" "$T/a/.well-known/security.txt"
fi
# The scores secpolgen computed (tests/check_cvss.c checks the
# specifications' examples): 8.0 for the v3.1 vector, 8.6 for the v4.0.
if grep -q '8.0 (High)' "$T/a/en/advisories/akb-sa-2026-001.html" &&
   grep -q '8.6 (High)' "$T/a/en/advisories/akb-sa-2026-001.html" &&
   grep -q '"baseScore":8.0,"baseSeverity":"HIGH"' "$T/a/.well-known/csaf/white/2026/akb-sa-2026-001.json" &&
   head -c 3 "$T/a/ja/vulnerability-register.csv" | od -An -tx1 | grep -q 'ef bb bf'; then
	ok "the advisory's scores (8.0 and 8.6, High) in HTML and CSAF; the vulnerability register has a BOM"
else
	no "the advisory's scores, or the register's BOM"
fi
for c in rare plain; do
	run build -p "$ROOT/tests/advisories/$c/profile.xml" -o "$T/adv-$c"
	if [ "$(rc)" = 0 ]; then ok "build tests/advisories/$c"; else no "build tests/advisories/$c: exit $(rc)" "$T/stderr"; fi
done
if [ -s "$T/adv-rare/.well-known/csaf/white/2026/akb-sa-2026-002.json" ] &&
   grep -q '"status":"interim"' "$T/adv-rare/.well-known/csaf/white/2026/akb-sa-2026-002.json" &&
   ! grep -q '^Acknowledgments:' "$T/adv-rare/.well-known/security.txt" &&
   ! grep -q '^Encryption:' "$T/adv-rare/.well-known/security.txt" &&
   grep -q 'Not yet available' "$T/adv-rare/en/advisories/akb-sa-2026-002.html" &&
   grep -q 'We know of attacks that exploit this vulnerability' "$T/adv-rare/en/advisories/akb-sa-2026-002.html" &&
   grep -q 'does not cover extracting the firmware' "$T/adv-rare/en/vulnerability-policy.html" &&
   grep -q 'main establishment in the Union is' "$T/adv-rare/en/psirt.html"; then
	ok "rare: an interim advisory with an exploited, unfixed vulnerability; no credit, no key, no firmware analysis; a main establishment in the EU"
else
	no "rare: the interim advisory, security.txt or the documents"
fi
if [ ! -e "$T/adv-plain/.well-known/csaf" ] && ! grep -q '^CSAF:' "$T/adv-plain/.well-known/security.txt" &&
   [ -s "$T/adv-plain/en/advisories/akb-sa-2026-001.html" ] &&
   grep -q 'not yet registered on JPCERT/CC' "$T/adv-plain/en/psirt.html" &&
   grep -q 'names no authorised representative, importer or distributor' "$T/adv-plain/en/psirt.html"; then
	ok "plain: advisories without an address give documents and no CSAF; no JPCERT/CC registration, no operator in the EU"
else
	no "plain: CSAF written without an address, or the procedure's words"
fi
run check --lang en "$ROOT/tests/advisories/plain/profile.xml"
if grep -q 'not recorded as registered on JPCERT/CC' "$T/stdout" &&
   grep -q 'the profile does not say where they are published' "$T/stdout"; then
	ok "check: no JPCERT/CC registration, advisories without an address"
else
	no "check on tests/advisories/plain" "$T/stdout"
fi
csaf=$(sh "$ROOT/tests/csaf/validate.sh" "$T/a" 2>&1; sh "$ROOT/tests/csaf/validate.sh" "$T/adv-rare" 2>&1)
case "$csaf" in
*SKIP*node*|*SKIP*node_modules*) skip "CSAF validator (tests/csaf): $(echo "$csaf" | grep SKIP | head -1)" ;;
*SKIP*) no "CSAF validator found no CSAF files" ;;
*)
	if sh "$ROOT/tests/csaf/validate.sh" "$T/a" >"$T/csaf" 2>&1 && sh "$ROOT/tests/csaf/validate.sh" "$T/adv-rare" >>"$T/csaf" 2>&1 &&
	   [ "$(grep -c '^ok ' "$T/csaf")" = 4 ] && ! grep -q '^info' "$T/csaf"; then
		ok "CSAF validator (@secvisogram/csaf-validator-lib): the schema and every mandatory test pass, no recommended test warns, for 2 advisories and 2 provider metadata"
	else
		no "CSAF validator" "$T/csaf"
	fi
	;;
esac

# 7h. The authoritative language (issue 21): the example's Japanese
# versions are the originals, its English ones translations, and each
# document's cover says so, as the index does; an English-primary company
# (tests/profiles/english-primary.xml) gets the reverse, and its Japanese
# staff sheet acknowledges the English policy with the translation as an
# aid. Golden files of its policy in both languages.
if grep -q '<dd>原本（翻訳と内容が異なる場合は本書が優先）</dd>' "$T/a/ja/policy.html" &&
   grep -q '<dd>Translation: the Japanese version governs</dd>' "$T/a/en/policy.html" &&
   grep -q '<dd>Translation: the Japanese version governs</dd>' "$T/a/en/advisories/akb-sa-2026-001.html" &&
   grep -q 'This acknowledgement refers to the Japanese version of the policy, which governs' "$T/a/en/staff/lin.html" &&
   grep -q '以下の文書は原本であり' "$T/a/index.html" && grep -q 'These documents are translations' "$T/a/index.html"; then
	ok "the example: Japanese governs, and every document and the index say so"
else
	no "the example's language versions"
fi
run build -p "$ROOT/tests/profiles/english-primary.xml" -o "$T/enp"
if [ "$(rc)" = 0 ] && grep -q '<dd>Original: this version governs</dd>' "$T/enp/en/policy.html" &&
   grep -q '<dd>翻訳（英語版を原本とし、内容が異なる場合は原本が優先）</dd>' "$T/enp/ja/policy.html" &&
   grep -q 'この誓約の対象は英語版の方針であり' "$T/enp/ja/staff/sato.html" &&
   ! grep -q 'This acknowledgement refers to' "$T/enp/en/staff/sato.html" &&
   grep -q 'These are the original documents' "$T/enp/index.html"; then
	ok "an English-primary company: English governs in every document, the index and the acknowledgements"
else
	no "english-primary: exit $(rc), or its language versions" "$T/stderr"
fi
for f in en/policy.html ja/policy.html; do
	g="$ROOT/tests/golden/english-primary-$(echo "$f" | tr / -)"
	if [ "${UPDATE:-}" = 1 ]; then cp "$T/enp/$f" "$g"; ok "updated $g"; continue; fi
	if [ ! -f "$g" ]; then no "no golden file $g (make check UPDATE=1)"; continue; fi
	if diff -u "$g" "$T/enp/$f" >"$T/diff"; then ok "golden english-primary $f"; else no "golden english-primary $f differs (review, then make check UPDATE=1)" "$T/diff"; fi
done

# 8. Golden files: the whole HTML documents of the example.
for f in index.html ja/policy.html en/policy.html ja/organization.html en/organization.html \
	ja/training.html en/training.html ja/staff/sato.html en/staff/lin.html \
	ja/courses/vulnerability-handling.html en/courses/secure-coding.html \
	ja/training.csv en/training.ics ja/products/nc-200.html en/products/es-10.html \
	en/products/ar-500.html ja/verification.html en/verification.html \
	ja/vulnerability-policy.html en/vulnerability-policy.html .well-known/security.txt \
	ja/psirt.html en/psirt.html en/cra/nc-200.html ja/advisories/akb-sa-2026-001.html \
	en/advisories/akb-sa-2026-001.html en/vulnerability-register.csv \
	.well-known/csaf/white/2026/akb-sa-2026-001.json .well-known/csaf/provider-metadata.json \
	.well-known/csaf/white/index.txt .well-known/csaf/white/changes.csv; do
	g="$ROOT/tests/golden/$(echo "$f" | tr / -)"
	if [ "${UPDATE:-}" = 1 ]; then cp "$T/a/$f" "$g"; ok "updated $g"; continue; fi
	if [ ! -f "$g" ]; then no "no golden file $g (make check UPDATE=1)"; continue; fi
	if diff -u "$g" "$T/a/$f" >"$T/diff"; then ok "golden $f"; else no "golden $f differs (review, then make check UPDATE=1)" "$T/diff"; fi
done

# The DOCX's main part, indented so that a change reads as a diff.
if command -v unzip >/dev/null 2>&1 && command -v xmllint >/dev/null 2>&1; then
	for f in ja/policy.docx en/policy.docx ja/organization.docx en/organization.docx \
		ja/training.docx en/training.docx ja/staff/sato.docx en/courses/secure-coding.docx \
		ja/products/nc-200.docx en/verification.docx ja/vulnerability-policy.docx \
		ja/psirt.docx en/cra/nc-200.docx ja/advisories/akb-sa-2026-001.docx; do
		g="$ROOT/tests/golden/$(echo "$f" | tr / -).document.xml"
		unzip -p "$T/a/$f" word/document.xml | xmllint --format - >"$T/part"
		if [ "${UPDATE:-}" = 1 ]; then cp "$T/part" "$g"; ok "updated $g"; continue; fi
		if [ ! -f "$g" ]; then no "no golden file $g (make check UPDATE=1)"; continue; fi
		if diff -u "$g" "$T/part" >"$T/diff"; then ok "golden $f word/document.xml"; else no "golden $f word/document.xml differs (review, then make check UPDATE=1)" "$T/diff"; fi
	done
else
	skip "DOCX golden files (unzip or xmllint not installed)"
fi

# 8b. No document contradicts another or the profile (tests/consistency.py):
# on the example, on two generated companies, and each rule broken once.
if command -v python3 >/dev/null 2>&1; then
	if python3 "$ROOT/tests/consistency.py" "$T/a" "$ROOT/examples/profile.xml" >"$T/cons" 2>&1; then
		ok "consistency: the example's documents agree with each other and the profile"
	else
		no "consistency: the example" "$T/cons"
	fi
	if python3 "$ROOT/tests/consistency.py" --self-test "$T/a" "$ROOT/examples/profile.xml" >"$T/cons" 2>&1; then
		ok "consistency: each rule, broken once in a copy, is found"
	else
		no "consistency: self-test" "$T/cons"
	fi
	for sz in "20 5" "60 12"; do
		set -- $sz
		python3 "$ROOT/bench/gen_profile.py" --staff "$1" --products "$2" -o "$T/gen$1.xml" &&
			"$BIN" build -p "$T/gen$1.xml" -o "$T/gen$1" -l en >/dev/null 2>"$T/gen$1.err"
			sancheck $? "$T/gen$1.err" "build gen$1"
		if python3 "$ROOT/tests/consistency.py" "$T/gen$1" "$T/gen$1.xml" >"$T/cons" 2>&1; then
			ok "consistency: a generated company of $1 staff and $2 products"
		else
			no "consistency: generated $1 staff, $2 products" "$T/cons"
		fi
	done
else
	skip "consistency across documents (python3 not installed)"
fi

# 8b. The locale lint fails on a message nothing uses and on one a command
# looks up that the locales lack: a copy of the locales with a message
# planted in both and diff's "nothing changed" taken out of both.
mkdir -p "$T/data/locales"
cp "$ROOT/locales/terms.tbx" "$T/data/locales/"
for d in policy-templates examples tests; do ln -s "$ROOT/$d" "$T/data/$d"; done
for l in en ja; do
	sed -e '/<unit id="diff.none-changed">/,/<\/unit>/d' \
	    -e 's|^\(    <unit id="format.date">\)$|    <unit id="planted.unused"><segment><source>Planted</source><target>Planted</target></segment></unit>\n\1|' \
	    "$ROOT/locales/$l.xlf" >"$T/data/locales/$l.xlf"
done
sed -i 's|<source>Planted</source><target>Planted</target>|<source>Planted</source>|' "$T/data/locales/en.xlf"
SECPOLGEN_DATADIR="$T/data" "$BIN" lint-locales >"$T/stdout" 2>"$T/stderr"; echo $? >"$T/rc"
sancheck "$(cat "$T/rc")" "$T/stderr" "lint-locales"
if [ "$(rc)" = 1 ] && grep -q 'message "planted.unused" is used by no template' "$T/stderr" &&
   grep -q 'message "diff.none-changed" is looked up, but there is no such message' "$T/stderr" &&
   [ "$(grep -c 'error:' "$T/stderr")" = 2 ]; then
	ok "lint-locales fails on an unused message and on one that is looked up but missing"
else
	no "lint-locales with a planted and a removed message: exit $(rc)" "$T/stderr"
fi

# 8c. ... and on a translation whose tags are not English's, as the
# Mustache parser reads them: a tag renamed, and one left unclosed.
cp "$ROOT/locales/en.xlf" "$T/data/locales/en.xlf"
sed -e 's|<target>{{year}}年{{month_name}}{{day}}日</target>|<target>{{yr}}年{{month_name}}{{day}}日</target>|' \
    "$ROOT/locales/ja.xlf" >"$T/data/locales/ja.xlf"
SECPOLGEN_DATADIR="$T/data" "$BIN" lint-locales >"$T/stdout" 2>"$T/stderr"; echo $? >"$T/rc"
sancheck "$(cat "$T/rc")" "$T/stderr" "lint-locales"
if [ "$(rc)" = 1 ] &&
   grep -q 'message "format.date" has the tags {{day}} {{month_name}} {{yr}} but English has {{day}} {{month_name}} {{year}}' "$T/stderr"; then
	ok "lint-locales fails on a translation whose tags differ from English"
else
	no "lint-locales with a renamed tag: exit $(rc)" "$T/stderr"
fi
sed -e 's|<target>{{year}}年{{month_name}}{{day}}日</target>|<target>{{year}}年{{month_name}}{{day}日</target>|' \
    "$ROOT/locales/ja.xlf" >"$T/data/locales/ja.xlf"
SECPOLGEN_DATADIR="$T/data" "$BIN" lint-locales >"$T/stdout" 2>"$T/stderr"; echo $? >"$T/rc"
sancheck "$(cat "$T/rc")" "$T/stderr" "lint-locales"
if [ "$(rc)" = 1 ] && grep -q 'ja.xlf.*error: .*unclosed tag' "$T/stderr"; then
	ok "lint-locales fails on a translation that is not a well-formed template"
else
	no "lint-locales with an unclosed tag: exit $(rc)" "$T/stderr"
fi

# 8d. ... and on a term the termbase (locales/terms.tbx) forbids, at its
# line: 脆弱性開示ポリシー planted in a Japanese message, a straight
# apostrophe in an English one.
sed -e 's|脆弱性対応方針（公開用）：|脆弱性開示ポリシー（公開用）：|' \
    -e "s|Training handout (trainee’s copy)|Training handout (trainee's copy)|" \
    "$ROOT/locales/ja.xlf" >"$T/data/locales/ja.xlf"
sed -e "s|Training handout (trainee’s copy)|Training handout (trainee's copy)|" "$ROOT/locales/en.xlf" >"$T/data/locales/en.xlf"
lj=$(grep -n '脆弱性開示ポリシー（公開用）' "$T/data/locales/ja.xlf" | cut -d: -f1)
le=$(grep -n "Training handout (trainee's copy)" "$T/data/locales/en.xlf" | cut -d: -f1)
SECPOLGEN_DATADIR="$T/data" "$BIN" lint-locales >"$T/stdout" 2>"$T/stderr"; echo $? >"$T/rc"
sancheck "$(cat "$T/rc")" "$T/stderr" "lint-locales"
if [ "$(rc)" = 1 ] && [ -n "$lj" ] && [ -n "$le" ] &&
   grep -q "ja.xlf:$lj: error: \"脆弱性開示ポリシー\" is not used for vulnerability-policy: write \"脆弱性対応方針\"" "$T/stderr" &&
   grep -q "en.xlf:$le: error: \"'s \" is not used for apostrophe" "$T/stderr" &&
   [ "$(grep -c 'error:' "$T/stderr")" = 2 ]; then
	ok "lint-locales fails on a term the termbase forbids, at its line (ja and en)"
else
	no "lint-locales with forbidden terms planted: exit $(rc)" "$T/stderr"
fi

# 8e. ... and on a Japanese sentence in the wrong register for the
# documents that use it (documents.xml: plain である調 for rules and plans,
# polite です・ます調 for staff and the public), and on 「あなた」: a plain
# sentence planted in the staff sheet, a polite one in the policy, a
# second person in a handout.
sed -e 's|合計{{hours}}です。|合計{{hours}}である。|' \
    -e 's|改訂案を作成して経営者の承認を得る。</target>|改訂案を作成して経営者の承認を得ます。</target>|' \
    -e 's|<target>担当する役割</target>|<target>あなたの役割</target>|' \
    "$ROOT/locales/ja.xlf" >"$T/data/locales/ja.xlf"
cp "$ROOT/locales/en.xlf" "$T/data/locales/en.xlf"
l1=$(grep -n '合計{{hours}}である。' "$T/data/locales/ja.xlf" | cut -d: -f1)
l2=$(grep -n '改訂案を作成して経営者の承認を得ます。' "$T/data/locales/ja.xlf" | cut -d: -f1)
l3=$(grep -n '<target>あなたの役割</target>' "$T/data/locales/ja.xlf" | cut -d: -f1)
SECPOLGEN_DATADIR="$T/data" "$BIN" lint-locales >"$T/stdout" 2>"$T/stderr"; echo $? >"$T/rc"
sancheck "$(cat "$T/rc")" "$T/stderr" "lint-locales"
if [ "$(rc)" = 1 ] && [ -n "$l1" ] && [ -n "$l2" ] && [ -n "$l3" ] &&
   grep -q "ja.xlf:$l1: error: message \"staff.courses.total\": 「本年度の受講時間は、合計{{hours}}である。」 ends in the plain register, but \"staff\" is written for staff in the polite register" "$T/stderr" &&
   grep -q "ja.xlf:$l2: error: message \"policy.scope.update\": 「.*経営者の承認を得ます。」 ends in the polite register, but \"policy\" is written for rules in the plain register" "$T/stderr" &&
   grep -q "ja.xlf:$l3: error: message \"staff.you.heading\" addresses the reader as 「あなた」" "$T/stderr" &&
   [ "$(grep -c 'error:' "$T/stderr")" = 3 ]; then
	ok "lint-locales fails on a sentence in the wrong register and on 「あなた」, at their lines"
else
	no "lint-locales with sentences in the wrong register: exit $(rc)" "$T/stderr"
fi

# 8f. ... and on a term of the policy's definitions section used before
# that section defines it: 脆弱性 planted in the purpose in Japanese,
# "vulnerabilities" (a plural) in English; a longer term that holds it
# (製品セキュリティ方針 for 製品セキュリティ) is no use of it.
sed -e 's|サイバー攻撃その他の脅威から守る|脆弱性その他の脅威から守る|' \
    -e 's|against cyberattacks and similar threats throughout|against vulnerabilities and similar threats throughout|' \
    "$ROOT/locales/ja.xlf" >"$T/data/locales/ja.xlf"
sed -e 's|against cyberattacks and similar threats throughout|against vulnerabilities and similar threats throughout|' \
    "$ROOT/locales/en.xlf" >"$T/data/locales/en.xlf"
lj=$(grep -n '脆弱性その他の脅威から守る' "$T/data/locales/ja.xlf" | cut -d: -f1)
le=$(grep -n 'against vulnerabilities and similar threats' "$T/data/locales/en.xlf" | cut -d: -f1)
SECPOLGEN_DATADIR="$T/data" "$BIN" lint-locales >"$T/stdout" 2>"$T/stderr"; echo $? >"$T/rc"
sancheck "$(cat "$T/rc")" "$T/stderr" "lint-locales"
if [ "$(rc)" = 1 ] && [ -n "$lj" ] && [ -n "$le" ] &&
   grep -q "ja.xlf:$lj: error: message \"policy.purpose.body\" uses \"脆弱性\" before the policy's definitions section defines it (policy.terms.vulnerability.term)" "$T/stderr" &&
   grep -q "en.xlf:$le: error: message \"policy.purpose.body\" uses \"Vulnerability\" before the policy's definitions section defines it" "$T/stderr" &&
   [ "$(grep -c 'error:' "$T/stderr")" = 2 ]; then
	ok "lint-locales fails on a defined term used before the policy defines it, at its line (ja and en)"
else
	no "lint-locales with a term used before its definition: exit $(rc)" "$T/stderr"
fi
cp "$ROOT/locales/ja.xlf" "$ROOT/locales/en.xlf" "$T/data/locales/"

# 9. A second opinion from the shared DOCX validator, when it is there.
V="$ROOT/../shared/tools/validate-docx"
if [ -x "$V" ] && command -v xmllint >/dev/null 2>&1 && command -v unzip >/dev/null 2>&1; then
	for f in ja/policy.docx en/policy.docx ja/organization.docx en/organization.docx \
		ja/training.docx en/training.docx ja/staff/sato.docx en/staff/lin.docx \
		ja/courses/policy-awareness.docx en/courses/secure-coding.docx en/instructor/secure-coding.docx \
		ja/products/nc-200.docx en/products/ar-500.docx ja/verification.docx en/verification.docx \
		ja/vulnerability-policy.docx en/vulnerability-policy.docx ja/psirt.docx en/psirt.docx \
		en/cra/nc-200.docx ja/advisories/akb-sa-2026-001.docx en/advisories/akb-sa-2026-001.docx; do
		if "$V" "$T/a/$f" >"$T/v" 2>&1; then ok "validate-docx $f"; else no "validate-docx $f" "$T/v"; fi
	done
else
	skip "validate-docx (../shared/tools/validate-docx, xmllint or unzip not available)"
fi

echo "e2e: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
