# sancheck.sh - sourced by the test scripts. Under a sanitizer build the
# Makefile exports SECPOLGEN_SANITIZER_EXIT (the status a report ends a
# process with, which no test expects): `sancheck RC FILE WHAT` then
# counts a failure (the script's `fail`) when a command exited with it or
# FILE (its stderr) holds a report, whatever else the test looks at. A
# plain build makes it a no-op.
sancheck() {
	[ -n "${SECPOLGEN_SANITIZER_EXIT:-}" ] || return 0
	if [ "$1" = "$SECPOLGEN_SANITIZER_EXIT" ] ||
		grep -q "runtime error:\|Sanitizer:\|==ERROR:" "$2" 2>/dev/null; then
		fail=$((fail + 1))
		echo "FAIL sanitizer report (exit $1): $3"
		grep -m 3 -A 12 "runtime error:\|Sanitizer:\|==ERROR:" "$2" 2>/dev/null | sed 's/^/     /'
	fi
}
