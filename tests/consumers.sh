#!/bin/sh
# Real consumers: LibreOffice opens each DOCX of the example (the policy
# and the organisation chart, both languages) and prints it to PDF, and
# saves it as ODT (what its Navigator lists); Chromium prints each HTML to
# PDF; LibreOffice's UNO API moves a shape of the chart. The results are checked against the HTML of the same
# build: page counts, the title, every heading in the table of contents
# and in the body, "page / pages" in every footer, the fonts.
# Usage: tests/consumers.sh path/to/secpolgen. Each missing tool is a skip,
# said so. Prints "consumers: N passed, N failed, N skipped".
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
LANGS="ja en"
# Each document of each language, as lang:document.
UNITS="ja:policy en:policy ja:organization en:organization ja:training en:training ja:verification en:vulnerability-policy"
# Today the policy prints on 13-15 pages, the organisation chart on 14-16
# and the training plan on 6-7 (LibreOffice, A4); a much shorter or
# longer document means lost or repeated content.
PAGES_MIN=4 PAGES_MAX=40

ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | head -40; }
skip() { skip=$((skip + 1)); echo "skip $1"; }
have() { command -v "$1" >/dev/null 2>&1; }
missing() { # the first of the named commands that is not installed
	for c in "$@"; do have "$c" || { echo "$c"; return; }; done
}

# Text with all white space removed: line breaks, justification and the
# spaces pdftotext puts around Japanese then do not matter.
squash() { tr -d ' \t\r\n\f'; }

# Whether the lines of $2 occur in the text $1 in order (white space
# ignored); prints the first that does not.
in_order() {
	awk 'NR == FNR { hay = hay $0; next }
	     { s = $0; gsub(/[ \t]/, "", s); if (s == "") next
	       i = index(hay, s); if (!i) { print $0; bad = 1; exit }
	       hay = substr(hay, i + length(s)) }
	     END { exit bad }' "$1" "$2"
}

# Whether LibreOffice wrote every unit's file in format $1.
all_converted() {
	for u in $UNITS; do [ -s "$T/lo/${u%%:*}.${u#*:}.$1" ] || return 1; done
}

echo_elapsed() { echo "     ($(($(date +%s) - $1)) s)"; }

# 1. The example, built by the binary under test.
. "$ROOT/tests/tools/sancheck.sh"
"$BIN" build -p "$ROOT/examples/profile.xml" -o "$T/a" >"$T/out" 2>&1
st=$?
sancheck $st "$T/out" "build the example"
if [ $st -eq 0 ]; then
	ok "build the example"
else
	no "build the example" "$T/out"
	echo "consumers: $pass passed, $fail failed, $skip skipped"
	exit 1
fi

# 2. What a reader should find, from the HTML of the same build: the title,
# and each section heading as "level<TAB>number<TAB>text".
m=$(missing xmllint)
if [ -n "$m" ]; then
	skip "every consumer check ($m not installed: it reads the expected headings from the HTML)"
	echo "consumers: $pass passed, $fail failed, $skip skipped"
	exit 0
fi
H='(//body//h2|//body//h3|//body//h4|//body//h5|//body//h6)'
for u in $UNITS; do
	l=${u%%:*} d=${u#*:} k=${u%%:*}.${u#*:}
	html="$T/a/$l/$d.html"
	printf '%s\n' "$(xmllint --html --xpath 'normalize-space(//body//h1)' "$html" 2>/dev/null)" >"$T/$k.title"
	n=$(xmllint --html --xpath "count($H)" "$html" 2>/dev/null)
	i=1
	: >"$T/$k.headings"
	while [ "$i" -le "${n:-0}" ]; do
		e="${H}[$i]"
		printf '%s\n' "$(xmllint --html --xpath "concat(substring(name($e), 2) - 1, '	',
			normalize-space($e/span[@class='num']), '	',
			normalize-space(substring-after(string($e), string($e/span[@class='num']))))" \
			"$html" 2>/dev/null)" >>"$T/$k.headings"
		i=$((i + 1))
	done
	# "6.1 NC-200 ..." as the TOC and the body print them; the TOC holds
	# levels 1-3 (its field's \o "1-3").
	awk -F '\t' '{ print $2 " " $3 }' "$T/$k.headings" >"$T/$k.numbered"
	awk -F '\t' '$1 <= 3 { print $2 " " $3 }' "$T/$k.headings" >"$T/$k.toc"
	if [ -s "$T/$k.title" ] && [ "${n:-0}" -ge 5 ] &&
	   awk -F '\t' 'NF != 3 || $3 == "" { bad = 1 } END { exit bad }' "$T/$k.headings"; then
		ok "$l $d: the HTML gives the title and $n headings to look for"
	else
		no "$l $d: cannot read the title and headings from $html" "$T/$k.headings"
	fi
done

# 3. LibreOffice: DOCX -> PDF and DOCX -> ODT, both languages in one run each.
m=$(missing soffice timeout)
if [ -n "$m" ]; then
	skip "LibreOffice: DOCX to PDF and ODT ($m not installed)"
else
	mkdir -p "$T/in" "$T/lo"
	for u in $UNITS; do cp "$T/a/${u%%:*}/${u#*:}.docx" "$T/in/${u%%:*}.${u#*:}.docx"; done
	for fmt in pdf odt; do
		t0=$(date +%s)
		# shellcheck disable=SC2046
		if timeout 180 soffice -env:UserInstallation="file://$T/lo/profile" --headless \
			--convert-to "$fmt" --outdir "$T/lo" $(for u in $UNITS; do echo "$T/in/${u%%:*}.${u#*:}.docx"; done) \
			>"$T/lo.out" 2>&1 && all_converted "$fmt"; then
			ok "LibreOffice converts each DOCX to $fmt"
		else
			no "LibreOffice cannot convert the DOCX to $fmt" "$T/lo.out"
		fi
		echo_elapsed "$t0"
	done

	m=$(missing pdfinfo pdftotext pdffonts)
	for u in $UNITS; do
		l=${u%%:*} d=${u#*:} k=${u%%:*}.${u#*:}
		pdf="$T/lo/$k.pdf"
		[ -s "$pdf" ] || continue
		if [ -n "$m" ]; then
			skip "$l $d: the PDF from LibreOffice ($m not installed)"
			break
		fi
		pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		if [ "${pages:-0}" -ge "$PAGES_MIN" ] && [ "${pages:-0}" -le "$PAGES_MAX" ]; then
			ok "$l $d: LibreOffice prints the DOCX on $pages pages ($PAGES_MIN..$PAGES_MAX)"
		else
			no "$l $d: LibreOffice prints the DOCX on ${pages:-no} pages, want $PAGES_MIN..$PAGES_MAX"
		fi
		pdftotext -enc UTF-8 -layout "$pdf" - 2>/dev/null | squash >"$T/$k.pdf.txt"
		pdftotext -enc UTF-8 -layout -l 3 "$pdf" - 2>/dev/null | squash >"$T/$k.pdf.first"
		if in_order "$T/$k.pdf.txt" "$T/$k.title" >/dev/null; then
			ok "$l $d: the PDF shows the title \"$(cat "$T/$k.title")\""
		else
			no "$l $d: the PDF lacks the title \"$(cat "$T/$k.title")\""
		fi
		# The table of contents, on the first pages, then every heading of
		# the body after it, numbered, in order.
		if in_order "$T/$k.pdf.first" "$T/$k.toc" >"$T/miss"; then
			ok "$l $d: the PDF's first pages list the $(wc -l <"$T/$k.toc") TOC entries in order"
		else
			no "$l $d: TOC entry missing or out of order in the PDF's first pages" "$T/miss"
		fi
		cat "$T/$k.toc" "$T/$k.numbered" >"$T/$k.seq"
		if in_order "$T/$k.pdf.txt" "$T/$k.seq" >"$T/miss"; then
			ok "$l $d: the PDF shows every numbered heading after the TOC, in order"
		else
			no "$l $d: heading missing or out of order in the PDF body" "$T/miss"
		fi
		# "p / N" at the end of a line on every page: the footer's PAGE and
		# NUMPAGES fields, computed by LibreOffice.
		p=1 bad=""
		while [ "$p" -le "${pages:-0}" ]; do
			pdftotext -enc UTF-8 -layout -f "$p" -l "$p" "$pdf" - 2>/dev/null |
				grep -Eq "(^|[^0-9])$p ?/ ?${pages}[[:space:]]*\$" || bad="$bad $p"
			p=$((p + 1))
		done
		if [ -n "${pages:-}" ] && [ -z "$bad" ]; then
			ok "$l $d: every footer reads \"page / $pages\" (1 / $pages .. $pages / $pages)"
		else
			no "$l $d: no \"page / ${pages:-?}\" in the footer of page(s)$bad"
		fi
		# Every font embedded (the PDF shows the same anywhere); Japanese
		# drawn with a Noto CJK face, not a fallback without the glyphs.
		pdffonts "$pdf" 2>/dev/null | tail -n +3 >"$T/fonts"
		if [ -s "$T/fonts" ] && awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' "$T/fonts"; then
			ok "$l $d: every font in the PDF is embedded ($(wc -l <"$T/fonts") fonts)"
		else
			no "$l $d: a font is not embedded in the PDF" "$T/fonts"
		fi
		if [ "$l" = ja ]; then
			if grep -q 'Noto[A-Za-z]*CJK' "$T/fonts"; then
				ok "ja: the Japanese text is set in Noto CJK"
			else
				no "ja: no Noto CJK font in the PDF (fonts-noto-cjk not installed?)" "$T/fonts"
			fi
		fi
	done

	# The ODT LibreOffice saves: real headings (text:h with an outline
	# level and the built-in Heading N style, which the Navigator lists)
	# and a real table of contents (text:table-of-content).
	m=$(missing unzip)
	for u in $UNITS; do
		l=${u%%:*} d=${u#*:} k=${u%%:*}.${u#*:}
		[ -s "$T/lo/$k.odt" ] || continue
		if [ -n "$m" ]; then
			skip "$l $d: the ODT from LibreOffice ($m not installed)"
			break
		fi
		c="$T/$k.content.xml"
		unzip -p "$T/lo/$k.odt" content.xml >"$c" 2>/dev/null
		hx='//*[local-name()="h"]'
		n=$(xmllint --xpath "count($hx)" "$c" 2>/dev/null)
		i=1
		: >"$T/$k.odt.headings"
		while [ "$i" -le "${n:-0}" ]; do
			e="($hx)[$i]"
			s=$(xmllint --xpath "string($e/@*[local-name()='style-name'])" "$c" 2>/dev/null)
			case $s in
			Heading_20_[1-9]) ;;
			*) s=$(xmllint --xpath "string(//*[local-name()='automatic-styles']/*[@*[local-name()='name']='$s']/@*[local-name()='parent-style-name'])" "$c" 2>/dev/null) ;;
			esac
			printf '%s\t%s\n' "$(xmllint --xpath "concat($e/@*[local-name()='outline-level'], '	',
				normalize-space(substring(string($e), string-length(string($e/*[local-name()='number'])) + 1)))" \
				"$c" 2>/dev/null)" "$s" >>"$T/$k.odt.headings"
			i=$((i + 1))
		done
		awk -F '\t' '{ print $1 "\t" $3 "\tHeading_20_" $1 }' "$T/$k.headings" >"$T/$k.odt.want"
		if diff "$T/$k.odt.want" "$T/$k.odt.headings" >"$T/diff"; then
			ok "$l $d: LibreOffice reads $n headings (text:h, outline level, Heading N style) as the HTML has them"
		else
			no "$l $d: LibreOffice's headings differ from the HTML's (level, text, style)" "$T/diff"
		fi
		toc='//*[local-name()="table-of-content"]'
		xmllint --xpath "string($toc/*[local-name()='index-body'])" "$c" 2>/dev/null | squash >"$T/$k.odt.toc"
		ntoc=$(xmllint --xpath "count($toc)" "$c" 2>/dev/null)
		if [ "$ntoc" != 1 ]; then
			no "$l $d: LibreOffice finds ${ntoc:-no} tables of contents, want 1"
		elif in_order "$T/$k.odt.toc" "$T/$k.toc" >"$T/miss"; then
			ok "$l $d: LibreOffice reads the TOC field as a table of contents with every entry"
		else
			no "$l $d: an entry missing from LibreOffice's table of contents" "$T/miss"
		fi
	done
fi

# 4. Chromium prints each HTML: more than one page, the title, the headings.
# (Its PDF fonts are Type 3 without names, so there is no font check here.)
CHROMIUM=""
for c in chromium chromium-browser; do have "$c" && { CHROMIUM=$c; break; }; done
m=$(missing pdfinfo pdftotext timeout)
if [ -z "$CHROMIUM" ]; then
	skip "Chromium: HTML to PDF (chromium not installed)"
elif [ -n "$m" ]; then
	skip "Chromium: HTML to PDF ($m not installed)"
else
	for u in $UNITS; do
		l=${u%%:*} d=${u#*:} k=${u%%:*}.${u#*:}
		pdf="$T/$k.chromium.pdf"
		t0=$(date +%s)
		timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
			--disable-background-networking --disable-component-update --disable-sync \
			--no-first-run --user-data-dir="$T/chr" --no-pdf-header-footer \
			--print-to-pdf="$pdf" "file://$T/a/$l/$d.html" >"$T/chr.out" 2>&1
		pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		if [ "${pages:-0}" -gt 1 ] && [ "${pages:-0}" -le "$PAGES_MAX" ]; then
			ok "$l $d: Chromium prints the HTML on $pages pages"
		else
			no "$l $d: Chromium prints the HTML on ${pages:-no} pages, want 2..$PAGES_MAX" "$T/chr.out"
		fi
		echo_elapsed "$t0"
		pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | squash >"$T/$k.chr.txt"
		cat "$T/$k.title" "$T/$k.numbered" >"$T/$k.seq"
		if [ -n "${pages:-}" ] && in_order "$T/$k.chr.txt" "$T/$k.seq" >"$T/miss"; then
			ok "$l $d: Chromium's PDF shows the title and every numbered heading in order"
		else
			no "$l $d: Chromium's PDF lacks the title or a heading" "$T/miss"
		fi
	done
fi

# 5. The organisation chart. Its boxes' titles, from the HTML's SVG; the
# HTML draws them as SVG text, which Chromium prints as text; LibreOffice
# reads the DOCX's chart as groups of shapes a reader can select and move
# (tests/lo_shapes.py, through LibreOffice's own UNO API).
PY=/usr/bin/python3
for l in $LANGS; do
	html="$T/a/$l/organization.html"
	n=$(xmllint --html --xpath 'count(//figure[@class="orgchart"]//*[local-name()="g"][contains(@class, "box")])' "$html" 2>/dev/null)
	: >"$T/$l.boxes"
	i=1
	while [ "$i" -le "${n:-0}" ]; do
		xmllint --html --xpath "string((//figure[@class='orgchart']//*[local-name()='g'][contains(@class, 'box')])[$i]/*[local-name()='text'][1])" \
			"$html" >>"$T/$l.boxes" 2>/dev/null
		printf '\n' >>"$T/$l.boxes"
		i=$((i + 1))
	done
	if [ "${n:-0}" -ge 10 ]; then
		ok "$l organization: the HTML's chart has $n boxes"
	else
		no "$l organization: the HTML's chart has ${n:-no} boxes, want 10 or more"
		continue
	fi
	if [ -s "$T/$l.organization.chr.txt" ]; then
		sort -u "$T/$l.boxes" >"$T/$l.boxes.u"
		bad=$(while IFS= read -r b; do
			s=$(printf '%s' "$b" | squash)
			grep -qF -- "$s" "$T/$l.organization.chr.txt" || echo "$b"
		done <"$T/$l.boxes.u")
		if [ -z "$bad" ]; then
			ok "$l organization: Chromium prints the text of every box of the chart"
		else
			printf '%s\n' "$bad" >"$T/miss"
			no "$l organization: Chromium's PDF lacks the text of some boxes" "$T/miss"
		fi
	fi
	if ! have soffice || ! [ -x "$PY" ]; then
		skip "$l organization: the chart's shapes in LibreOffice (soffice or $PY not installed)"
		continue
	fi
	set --
	while IFS= read -r b; do [ -n "$b" ] && set -- "$@" "$b"; done <"$T/$l.boxes"
	timeout 300 "$PY" "$ROOT/tests/lo_shapes.py" "$T/a/$l/organization.docx" "$@" >"$T/shapes" 2>&1
	rc=$?
	while IFS= read -r line; do
		case $line in
		"ok   "*) ok "$l ${line#ok   }" ;;
		"FAIL "*) fail=$((fail + 1)); echo "FAIL $l ${line#FAIL }" ;;
		esac
	done <"$T/shapes"
	if [ "$rc" = 77 ]; then
		skip "$l organization: the chart's shapes in LibreOffice ($(cat "$T/shapes"))"
	elif [ "$rc" != 0 ] && ! grep -q '^FAIL' "$T/shapes"; then
		no "$l organization: tests/lo_shapes.py exited $rc" "$T/shapes"
	fi
done

# 6. The training exports. The calendar through a real iCalendar parser
# (Debian's python3-icalendar, tests/ics_check.py); the CSV opened in
# LibreOffice Calc as UTF-8, saved as a spreadsheet, then saved back to
# CSV: every cell, Japanese included, must come back as it was.
for l in $LANGS; do
	ics="$T/a/$l/training.ics"
	timeout 60 "$PY" "$ROOT/tests/ics_check.py" "$ics" >"$T/ics" 2>&1
	rc=$?
	if [ "$rc" = 0 ]; then
		ok "$l: python3-icalendar reads training.ics: $(grep -c '^ok' "$T/ics") sessions"
	elif [ "$rc" = 77 ]; then
		skip "$l: training.ics ($(cat "$T/ics"))"
	else
		no "$l: python3-icalendar cannot read training.ics" "$T/ics"
	fi
done
if ! have soffice || ! have timeout; then
	skip "training.csv in LibreOffice Calc (soffice not installed)"
else
	mkdir -p "$T/csv/back"
	cp "$T/a/ja/training.csv" "$T/csv/training.csv"
	opts="Text - txt - csv (StarCalc):44,34,76,1"
	timeout 180 soffice -env:UserInstallation="file://$T/lo/profile" --headless \
		--infilter="$opts" --convert-to ods --outdir "$T/csv" "$T/csv/training.csv" >"$T/calc.out" 2>&1
	timeout 180 soffice -env:UserInstallation="file://$T/lo/profile" --headless \
		--convert-to "csv:$opts" --outdir "$T/csv/back" "$T/csv/training.ods" >>"$T/calc.out" 2>&1
	# Calc quotes every text cell and drops the BOM; compare the cells.
	tail -c +4 "$T/csv/training.csv" | tr -d '\r"' >"$T/csv/want"
	tr -d '\r"' <"$T/csv/back/training.csv" >"$T/csv/got" 2>/dev/null
	if [ ! -s "$T/csv/training.ods" ]; then
		no "LibreOffice Calc cannot open training.csv (libreoffice-calc-nogui not installed?)" "$T/calc.out"
	elif diff "$T/csv/want" "$T/csv/got" >"$T/diff"; then
		ok "ja: LibreOffice Calc opens training.csv with every cell intact ($(wc -l <"$T/csv/want") rows, Japanese included)"
	else
		no "ja: training.csv comes back from LibreOffice Calc changed" "$T/diff"
	fi
fi

echo "consumers: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
