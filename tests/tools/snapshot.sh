#!/bin/sh
# snapshot.sh BIN DIR: every output secpolgen makes from the example and the
# test profiles -- the built documents, `check` as text and HTML in both
# languages, `diff` as text and revision, `init` from the answer files and
# the locale lint -- into DIR. Two snapshots taken before and after a change
# that should not change any output are compared with `diff -r`.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2"; OUT=$(cd "$2" && pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$OUT"/*; mkdir -p "$OUT/gen"
export SECPOLGEN_DATADIR="$ROOT"
python3 "$ROOT/bench/gen_profile.py" --staff 20 --products 5 -o "$OUT/gen/gen20.xml" >/dev/null
python3 "$ROOT/bench/gen_profile.py" --staff 60 --products 12 -o "$OUT/gen/gen60.xml" >/dev/null
cd "$ROOT"
for p in examples/profile.xml tests/profiles/*.xml tests/e2e/*.xml tests/e2e/raci/*.xml \
         tests/diff/*.xml "$OUT/gen/gen20.xml" "$OUT/gen/gen60.xml"; do
	n=$(echo "$p" | sed "s|^$OUT/||; s|/|_|g; s|\.xml\$||")
	d="$OUT/$n"; mkdir -p "$d"
	q=$p; case $p in "$OUT"/*) cd "$OUT"; q=${p#"$OUT"/};; esac
	"$BIN" build -p "$q" -o "$d/build" -j 2 >"$d/stdout" 2>"$d/stderr"; echo $? >"$d/rc"
	for l in ja en; do
		for f in text html; do
			"$BIN" check --lang $l --format $f "$q" >"$d/check-$l.$f" 2>&1
			echo $? >>"$d/check-$l.$f"
		done
	done
	cd "$ROOT"
done
sed -i "s|$OUT|OUT|g" "$OUT"/*/stdout "$OUT"/*/stderr
for l in ja en; do
	for f in text revision; do
		"$BIN" diff --lang $l --format $f tests/diff/old.xml tests/diff/new.xml >"$OUT/diff-$l-$f" 2>&1
		"$BIN" diff --lang $l --format $f tests/profiles/minimal.xml examples/profile.xml >"$OUT/diff2-$l-$f" 2>&1
	done
done
"$BIN" lint-locales >"$OUT/lint" 2>&1; echo $? >>"$OUT/lint"
cd "$OUT"
for l in ja en; do
	"$BIN" init --lang $l -o "init-$l.xml" --answers "$ROOT/tests/init/$l.answers" >"init-$l.out" 2>&1
done
