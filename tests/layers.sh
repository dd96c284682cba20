#!/bin/sh
# layers.sh: the stage folders of generator/ include only downwards.
# The order is generator/README.md's, lowest first; a file may include its
# own folder and any folder before it, never one after it. Prints each
# include that points up and exits 1 when there is one.
cd "$(dirname "$0")/../generator" || exit 2
ORDER="base template model profile l10n derive doc render output cmd"
rank() { i=0; for s in $ORDER; do [ "$s" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }
bad=0; n=0
for f in $(find . -name '*.[ch]' | sed 's|^\./||' | sort); do
	from=${f%%/*}; rf=$(rank "$from")
	if [ "$rf" = 99 ]; then echo "layers: $f is in no stage folder"; bad=1; continue; fi
	for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		case $inc in */*) ;; *) [ "$inc" = config.h ] && continue
			echo "layers: $f includes \"$inc\" without its folder"; bad=1; continue;; esac
		to=${inc%%/*}; rt=$(rank "$to"); n=$((n + 1))
		if [ "$rt" -gt "$rf" ]; then
			echo "layers: $f ($from) includes $inc ($to), a later stage"; bad=1
		fi
	done
done
[ $bad = 0 ] && echo "layers: $n includes, every one points to its own stage or an earlier one"
exit $bad
