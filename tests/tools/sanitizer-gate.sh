#!/bin/sh
# sanitizer-gate.sh DIR --clear | DIR LABEL [LOG...] - the sanitizer gate
# of `make test SANITIZER=…` (Makefile): --clear empties DIR before a
# test script; after it, the gate fails when DIR holds any report
# (AddressSanitizer and LeakSanitizer write one file a process there) or
# when a LOG (captured output) holds one (UndefinedBehaviorSanitizer,
# which writes only to stderr). The test scripts also fail on their own
# when a command exits with 86 or its stderr holds a report.
set -u
dir=$1
shift
if [ "${1:-}" = --clear ]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	# Some tests run the program as another user (nobody, setpriv).
	chmod 1777 "$dir"
	exit 0
fi
label=$1
shift
n=0
for f in "$dir"/*; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	echo "---- $f"
	head -n 40 "$f"
done
for log in "$@"; do
	if grep -q "runtime error:\|Sanitizer:\|==ERROR:" "$log" 2>/dev/null; then
		n=$((n + 1))
		echo "---- $log"
		grep -m 5 -A 10 "runtime error:\|Sanitizer:\|==ERROR:" "$log"
	fi
done
if [ "$n" -gt 0 ]; then
	echo "sanitizer gate: $label: FAILED, $n report(s) above"
	exit 1
fi
echo "sanitizer gate: $label: no reports"
