#!/bin/sh
# Installs, from Debian's archive, the packages secpolgen needs to build and
# test, when they are missing. Nothing else is downloaded, but for
# SECPOLGEN_FULL_DEPS=1 the CSAF validator from npm (see the end). Runs
# apt-get as root, or through sudo when that is available; otherwise says
# what to install and fails.
set -eu

need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
command -v make >/dev/null 2>&1 || need="$need make"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
have_pc libxml-2.0 || need="$need libxml2-dev"
have_pc libzip || need="$need libzip-dev"
have_pc libpcre2-8 || need="$need libpcre2-dev"
have_pc check || need="$need check"
# make check runs the tests under valgrind too (tests/valgrind.sh).
if [ "${SECPOLGEN_CHECK_DEPS:-0}" = 1 ] || [ "${SECPOLGEN_FULL_DEPS:-0}" = 1 ]; then
	command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
	# tests/stress.sh kills builds at chosen system calls with strace.
	command -v strace >/dev/null 2>&1 || need="$need strace"
fi
# Optional test tools: the end-to-end tests use them when present and say
# so when they skip. CI sets SECPOLGEN_FULL_DEPS=1 to install them too.
if [ "${SECPOLGEN_FULL_DEPS:-0}" = 1 ]; then
	command -v xmllint >/dev/null 2>&1 || need="$need libxml2-utils"
	command -v unzip >/dev/null 2>&1 || need="$need unzip"
	# tests/consumers.sh: LibreOffice prints each DOCX, Chromium each
	# HTML, poppler reads the PDFs; the fonts the documents name.
	command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
	# Calc opens the training CSV; python3-icalendar parses the .ics.
	have_deb libreoffice-calc-nogui || need="$need libreoffice-calc-nogui"
	have_deb python3-icalendar || need="$need python3-icalendar"
	command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
	command -v chromium >/dev/null 2>&1 || need="$need chromium"
	have_deb fonts-noto-cjk || need="$need fonts-noto-cjk"
	have_deb fonts-liberation2 || need="$need fonts-liberation2"
	# tests/lo_shapes.py moves a shape of the chart through LibreOffice's
	# UNO API, from Debian's python3.
	have_deb python3-uno || need="$need python3-uno"
fi
# make bench sets SECPOLGEN_BENCH_DEPS=1: bench/run.sh times the tools a
# company would use instead (pandoc, python3-docxtpl) and reads peak
# memory from GNU time.
if [ "${SECPOLGEN_BENCH_DEPS:-0}" = 1 ]; then
	[ -x /usr/bin/python3 ] || need="$need python3"
	[ -x /usr/bin/time ] || need="$need time"
	command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
	have_deb python3-docxtpl || need="$need python3-docxtpl"
fi

if [ -n "$need" ]; then
	echo "secpolgen: installing missing Debian packages:$need"
	if [ "$(id -u)" = 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "secpolgen: please install as root: apt-get install$need" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

# tests/csaf/validate.sh checks the CSAF advisories with the validator
# library of the secvisogram project (@secvisogram/csaf-validator-lib), on npm
# only: with SECPOLGEN_FULL_DEPS=1 and npm at hand, npm ci installs the
# version tests/csaf/package-lock.json pins, again when the lock file is
# newer than tests/csaf/node_modules. No package's install scripts run.
# Without it the CSAF check says SKIP, so a failure here fails nothing.
if [ "${SECPOLGEN_FULL_DEPS:-0}" = 1 ] && command -v npm >/dev/null 2>&1; then
	csaf=$(cd "$(dirname "$0")" && pwd)/csaf
	if [ ! -d "$csaf/node_modules" ] ||
		[ -n "$(find "$csaf/package-lock.json" -newer "$csaf/node_modules")" ]; then
		echo "secpolgen: installing the CSAF validator (npm ci in tests/csaf)"
		if ! (cd "$csaf" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error); then
			# A half-installed node_modules, newer than the lock file,
			# would not be tried again: remove it.
			rm -rf "$csaf/node_modules"
			echo "secpolgen: npm ci failed in tests/csaf: the CSAF validator will be skipped" >&2
		fi
	fi
fi
