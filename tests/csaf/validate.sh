#!/bin/sh
# Validates every CSAF file secpolgen wrote under DIR/.well-known/csaf
# (the advisories and provider-metadata.json) with tests/csaf/validate.mjs.
# Usage: sh tests/csaf/validate.sh DIR, from any folder.
# Without node, or without tests/csaf/node_modules (tests/install-deps.sh
# installs it with SECPOLGEN_FULL_DEPS=1), prints
# "SKIP: CSAF validator: <reason>" and exits 0, as it does when DIR holds
# no CSAF file: the caller reports the skip. Otherwise exits as
# validate.mjs: 0 all valid, 1 an error.
set -u
if [ $# -ne 1 ]; then
	echo "usage: sh tests/csaf/validate.sh DIR" >&2
	exit 2
fi
DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd) || exit 2
ROOT=$(cd "$HERE/../.." && pwd) || exit 2

if ! command -v node >/dev/null 2>&1; then
	echo "SKIP: CSAF validator: node is not installed"
	exit 0
fi
if [ ! -d "$HERE/node_modules/@secvisogram/csaf-validator-lib" ]; then
	echo "SKIP: CSAF validator: tests/csaf/node_modules is missing (SECPOLGEN_FULL_DEPS=1 sh tests/install-deps.sh)"
	exit 0
fi
if [ ! -d "$DIR/.well-known/csaf" ]; then
	echo "SKIP: CSAF validator: no CSAF files: $DIR/.well-known/csaf does not exist"
	exit 0
fi
CSAF=$(cd "$DIR/.well-known/csaf" && pwd) || exit 2

# Paths relative to the repository root when under it, sorted; the names
# secpolgen writes (tracking IDs in lower case) hold no line breaks.
cd "$ROOT" || exit 2
set --
while IFS= read -r f; do
	[ -n "$f" ] || continue
	case $f in "$ROOT"/*) f=${f#"$ROOT"/} ;; esac
	set -- "$@" "$f"
done <<EOF
$(find "$CSAF" -type f -name '*.json' | LC_ALL=C sort)
EOF
if [ $# -eq 0 ]; then
	echo "SKIP: CSAF validator: no CSAF files: no *.json under $DIR/.well-known/csaf"
	exit 0
fi
node "$HERE/validate.mjs" "$@"
