#!/bin/sh
# tests/stress.sh BIN - the output folder's two promises under stress
# (output.h, lock.h, journal.h; README "Nothing lost"):
#
#   race  STRESS_ROUNDS rounds (default 40) of two builds started together
#         into one folder: with the default wait both succeed, one after
#         the other; with --wait 0 the second exits 3 naming the first.
#         Either way the folder ends as a clean build of one of them.
#   kill  the build killed with SIGKILL (strace's fault injection, on the
#         Nth call of a system call) at STRESS_POINTS points (default 50)
#         spread over rendering, the journal and the moves of the commit,
#         for a new revision (files archived) and for the same one
#         (files replaced). Right after the kill the folder holds the old
#         set untouched (no journal yet) or a journal; the next build
#         finishes it: when there was a journal, every file of the new set
#         is then in place already ("nothing changed"), and either way the
#         folder ends byte for byte as a clean build of the new profile.
#
# `make stress` runs it; `make check` runs it once, on the plain build.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${STRESS_ROUNDS:-40}
POINTS=${STRESS_POINTS:-50}
export SECPOLGEN_DATADIR="$ROOT"
# The day the builds take as today (security.txt must not have expired).
export SECPOLGEN_TODAY=2026-11-01
T=$(mktemp -d "${TMPDIR:-/tmp}/secpolgen-stress.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "  FAIL  $*"; }

# Three profiles: a (revision 1.1), a2 (the same revision, another
# company name: every file differs), b (a with a revision 1.2 added).
python3 "$ROOT/bench/gen_profile.py" --staff 40 --products 6 -o a.xml >/dev/null
sed 's/<name xml:lang="en">\([^<]*\) Co., Ltd./<name xml:lang="en">\1 Holdings Co., Ltd./' a.xml >a2.xml
cmp -s a.xml a2.xml && { echo "stress: a2.xml is not another profile"; exit 1; }
python3 - a.xml b.xml <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
new = ('    <revision number="1.2" date="2026-10-01" author="ito-yoko">\n'
       '      <summary xml:lang="ja">定期見直し。</summary>\n'
       '      <summary xml:lang="en">Yearly review.</summary>\n'
       '    </revision>\n  </revisions>')
s = s.replace("  </revisions>", new, 1)
s = s.replace('<approval person="kobayashi" date="2026-03-27"/>',
              '<approval person="kobayashi" date="2026-10-01"/>', 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
EOF

build() { "$BIN" build -j 1 "$@" >/dev/null 2>&1; }
mkdir ref
build -p a.xml -o ref/a && build -p a2.xml -o ref/a2 &&
	build -p a.xml -o ref/ab && build -p b.xml -o ref/ab &&
	build -p a.xml -o ref/aa2 && build -p a2.xml -o ref/aa2 ||
	{ echo "stress: the reference builds failed"; exit 1; }
# Building a2 over a of the same revision replaces every file: the same
# bytes as a clean build of a2.
diff -r ref/a2 ref/aa2 >/dev/null || { echo "stress: a2 over a is not a clean a2"; exit 1; }
[ -d ref/ab/archive/1.1 ] || { echo "stress: b over a archived nothing"; exit 1; }

# same DIR REF...: DIR is byte for byte one of the REFs (its name, or
# nothing when none).
same() {
	d=$1
	shift
	for r in "$@"; do
		if diff -r "$d" "ref/$r" >/dev/null 2>&1; then
			echo "$r"
			return 0
		fi
	done
	return 1
}

echo "== stress: two builds racing into one folder ($ROUNDS rounds of each kind)"
waited=0
refused=0
apart=0
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	i=$((i + 1))
	# From nothing on odd rounds, over a's set on even ones.
	rm -rf w
	[ $((i % 2)) -eq 0 ] && cp -a ref/a w
	"$BIN" build -j 1 -p a.xml -o w >/dev/null 2>e1 &
	p1=$!
	"$BIN" build -j 1 -p a2.xml -o w >/dev/null 2>e2 &
	p2=$!
	wait $p1
	s1=$?
	wait $p2
	s2=$?
	if [ $s1 -ne 0 ] || [ $s2 -ne 0 ]; then
		bad "race $i (waiting): exits $s1 and $s2"
		sed -n '/error/p' e1 e2
	elif ! same w a a2 >/dev/null; then
		bad "race $i (waiting): the folder is neither a's set nor a2's"
	else
		ok
		cat e1 e2 | grep -q "waiting for another secpolgen build" && waited=$((waited + 1))
	fi
	rm -rf w
	[ $((i % 2)) -eq 0 ] && cp -a ref/a w
	"$BIN" build -j 1 --wait 0 -p a.xml -o w >/dev/null 2>e1 &
	p1=$!
	"$BIN" build -j 1 --wait 0 -p a2.xml -o w >/dev/null 2>e2 &
	p2=$!
	wait $p1
	s1=$?
	wait $p2
	s2=$?
	got=$(same w a a2)
	if [ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ -n "$got" ]; then
		apart=$((apart + 1))
		ok
	elif [ $s1 -eq 0 ] && [ $s2 -eq 3 ] && [ "$got" = a ] &&
		grep -q "another secpolgen build is writing into w/ (pid $p1)" e2; then
		refused=$((refused + 1))
		ok
	elif [ $s1 -eq 3 ] && [ $s2 -eq 0 ] && [ "$got" = a2 ] &&
		grep -q "another secpolgen build is writing into w/ (pid $p2)" e1; then
		refused=$((refused + 1))
		ok
	else
		bad "race $i (--wait 0): exits $s1 and $s2, the folder holds ${got:-a mixed set}"
		sed -n '/error/p' e1 e2
	fi
done
echo "  waiting: $ROUNDS rounds, both builds succeeded each time, $waited times one waited for the other"
echo "  --wait 0: $refused times the second was refused (exit 3, the first's pid named), $apart times they did not overlap"

# strace must be there, and allowed to trace (a container may forbid
# ptrace): else the kill test says it skips.
why=""
if ! command -v strace >/dev/null 2>&1; then
	why="strace is not installed (apt-get install strace)"
elif ! strace -o /dev/null -e trace=none true >/dev/null 2>&1; then
	why="strace cannot trace here (ptrace not permitted)"
fi
if [ -n "$why" ]; then
	echo "== stress: SKIPPED the kill test: $why"
	echo "stress: $pass passed, $fail failed, 1 skipped"
	[ "$fail" -eq 0 ]
	exit
fi

# How many calls of each system call a build of b over a makes, and of
# a2 over a: the points are spread over them.
counts() {
	rm -rf w
	cp -a ref/a w
	strace -o trace -e trace=openat,write,rename,fsync,syncfs,unlink \
		"$BIN" build -j 1 -p "$1" -o w >/dev/null 2>&1
	for s in openat write rename fsync syncfs unlink; do
		printf '%s=%s ' "$s" "$(grep -c "^$s(" trace)"
	done
}
echo "== stress: the build killed at $POINTS points"
cb=$(counts b.xml)
ca=$(counts a2.xml)
echo "  system calls of a build of b over a: $cb"
echo "  system calls of a build of a2 over a: $ca"
num() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# The points: SYSCALL N PROFILE REF. Renders open files (openat) and write
# them (write); the commit writes the journal (openat, write, fsync,
# rename), syncs (syncfs, fsync), moves (rename) and removes the journal
# (unlink). Spread: k/(n+1) of the way through each call's count.
points() {
	p=$1
	r=$2
	c=$3
	shift 3
	while [ $# -gt 0 ]; do
		s=$1
		k=$2
		shift 2
		n=$(num "$c" "$s")
		j=1
		while [ "$j" -le "$k" ]; do
			echo "$s $((n * j / (k + 1) + 1)) $p $r"
			j=$((j + 1))
		done
	done
}
{
	points b.xml ab "$cb" openat 10 write 8 rename 12 fsync 4 syncfs 1 unlink 2
	points a2.xml a2 "$ca" openat 3 write 2 rename 6 fsync 1 unlink 1
} | head -n "$POINTS" >points
before=0
after=0
replayed=0
finished=0
while read -r s n p r; do
	rm -rf w
	cp -a ref/a w
	strace -o /dev/null -e "trace=$s" -e "inject=$s:signal=KILL:when=$n" \
		"$BIN" build -j 1 -p "$p" -o w >/dev/null 2>err
	st=$?
	if [ $st -eq 0 ]; then
		finished=$((finished + 1)) # the call came fewer times: not killed
	elif [ $st -ne 137 ]; then
		bad "kill at $s #$n ($p): exit $st, not killed"
		continue
	fi
	if [ -f w/.secpolgen-journal ]; then
		"$BIN" build -j 1 -p "$p" -o w >out 2>err
		st=$?
		if [ $st -ne 0 ] || ! grep -q "half written by a build that was stopped" err ||
			! grep -q "nothing changed" out; then
			bad "kill at $s #$n ($p): the next build did not find the new set complete (exit $st)"
			cat err out | grep -v warning | head -5
			continue
		fi
		replayed=$((replayed + 1))
	elif [ $st -ne 0 ]; then
		# No journal: the old set untouched (killed before the journal)
		# or the new one complete (after its removal), but for the
		# staging files, which the next build sweeps.
		rm -rf left
		cp -a w left
		rm -rf left/.secpolgen-stage.tmp* left/.secpolgen-journal.tmp
		find left -name '*.tmp??????' -exec rm -f {} +
		if diff -r left ref/a >/dev/null; then
			before=$((before + 1))
		elif diff -r left "ref/$r" >/dev/null; then
			after=$((after + 1))
		else
			bad "kill at $s #$n ($p): no journal, and the folder is neither the old set nor the new"
			diff -r left ref/a | head -5
			continue
		fi
		"$BIN" build -j 1 -p "$p" -o w >/dev/null 2>err || {
			bad "kill at $s #$n ($p): the next build failed"
			grep error err | head -3
			continue
		}
	fi
	if ! diff -r w "ref/$r" >/dev/null; then
		bad "kill at $s #$n ($p): the folder is not a clean build of $p"
		diff -r w "ref/$r" | head -5
		continue
	fi
	ok
done <points
echo "  $before killed before the journal was written (the old set intact), $replayed while it was there (the next build completed the new set), $after after it was removed (the new set complete), $finished not reached (the build finished)"
echo "stress: $pass passed, $fail failed, 0 skipped"
[ "$fail" -eq 0 ]
