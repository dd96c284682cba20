#!/usr/bin/env python3
"""register_check.py OUT LANG: the register (OUT/LANG/register.csv) says of
every requirement of every product what its product sheet says, row for
row. For a product with records, each row of the sheet's statement of
applicability (section "status": No., requirement, level, status,
evidence, tests, owner) is the register's row of that product and number; for a
product without records, the sheet's requirements table gives the rows
and the register says "not recorded" (NONE) in each. Each row names its
sheet's number. Exit 1 with the
first differences."""
import csv, glob, html, io, re, sys

out, lang = sys.argv[1], sys.argv[2]
NONE = {"en": "Not recorded", "ja": "記録なし"}[lang]


def cells(row_html):
    """The texts of a table row's cells, as a reader sees them."""
    found = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, re.S)
    return [html.unescape(re.sub(r"\s+", " ", re.sub(r"<br ?/?>", " ", re.sub(r"<(?!br)[^>]+>", "", c)))).strip()
            for c in found]


def section_rows(page, sid):
    m = re.search(r'<section id="%s">(.*?)</section>' % sid, page, re.S)
    if not m:
        return None
    body = m.group(1)
    t = re.search(r"<tbody>(.*?)</tbody>", body, re.S)
    return [cells(r) for r in re.findall(r"<tr>(.*?)</tr>", t.group(1), re.S)] if t else []


STALE = re.compile({"en": r"Evidence older than the review cycle: to be reconfirmed",
                    "ja": r"証跡が見直し周期を超えており、再確認を要する"}[lang])
NO_TEST = {"en": "None", "ja": "なし"}[lang]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def date_text(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}" if lang == "en" else f"{y}年{m}月{d}日"


text = open(f"{out}/{lang}/register.csv", encoding="utf-8-sig").read()
rows = list(csv.reader(io.StringIO(text)))
header, rows = rows[0], rows[1:]
by_product = {}
for r in rows:
    by_product.setdefault(r[1] or r[0], []).append(r)
bad = []
checked = 0
for model, reg in by_product.items():
    page_path = None
    # The sheet is the one whose title names this model.
    for p in sorted(glob.glob(f"{out}/{lang}/products/*.html")):
        page = open(p, encoding="utf-8").read()
        if re.search(r"<title>[^<]*%s" % re.escape(model), page):
            page_path = p
            break
    if not page_path:
        bad.append(f"{model}: no product sheet")
        continue
    status = section_rows(page, "status")
    if status:  # a statement of applicability: its rows are the register's
        # The sheet's status cell may add that the evidence is old; its
        # owner cell joins the owner and the due date the file keeps apart.
        want = [[c[0], c[1], c[2], STALE.sub("", c[3]).strip(), c[4], c[5], c[6]] for c in status]
        got = []
        for r in reg:
            note = r[10]
            status_cell = r[6] + (" " + note if note and r[6] in ("Not applicable", "適用外") else "")
            evidence = r[7] + (" " + note if note and r[6] not in ("Not applicable", "適用外") else "")
            owner = next((w[6] for w in want if w[0] == r[2]), "")
            if not owner.startswith(r[8]) or (r[9] and date_text(r[9]) not in owner):
                bad.append(f"{model} {r[2]}: owner {r[8]!r} due {r[9]!r}, sheet {owner!r}")
            got.append([r[2], r[4], r[5], status_cell, evidence, r[13] or NO_TEST, owner])
            if not r[12].endswith("-" + page_path.rsplit("/", 1)[1][:-5]):
                bad.append(f"{model} {r[2]}: sheet number {r[12]!r} is not this product's")
    else:  # no records: the requirements table's numbers and titles
        reqs = section_rows(page, "requirements")
        want = [[c[0], NONE] for c in reqs]
        got = [[r[2], r[6]] for r in reg]
        titles = [c[1] for c in reqs]
        for r, t in zip(reg, titles):
            if not t.startswith(r[4]):
                bad.append(f"{model} {r[2]}: register title {r[4]!r}, sheet {t[:60]!r}")
    if want != got:
        for w, g in zip(want, got):
            if w != g:
                bad.append(f"{model}: sheet {w} register {g}")
                break
        if len(want) != len(got):
            bad.append(f"{model}: {len(want)} rows on the sheet, {len(got)} in the register")
    checked += len(got)
if bad:
    print("\n".join(bad[:10]))
    sys.exit(1)
print(f"{lang}: {checked} rows of {len(by_product)} products agree with their sheets")
