#!/usr/bin/env python3
"""Cross-document consistency of a built set: no document contradicts
another, or the profile it was built from.

Usage: tests/consistency.py OUT PROFILE            check OUT/en, built from PROFILE
       tests/consistency.py --self-test OUT PROFILE  break each rule once in a
                                                   copy of OUT and show it is found

Rules (each a function below; the English documents are read):
  budget     the time budget's rows add up to the total the plan states,
             and to the months' load
  headcount  a course for all staff counts the company's employees=
  hours      each person's hours a year are the same in the plan's
             attendance table, on their staff sheet and in training.csv
  numbers    every document number a document cites is the number of a
             document of the set
  deputies   the deputy a staff sheet names for a role is the one the
             organisation's contact list names for that role and person
  history    a document's cover revision is the newest of its history,
             and no history starts before its subject entered the set
             (revision adds= in the profile)
Prints "consistency: N passed, N failed"; exits 1 when a rule fails.
"""
import csv
import html.parser
import os
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = {"p": "urn:secpolgen:profile:1"}


class Page(html.parser.HTMLParser):
    """A rendered HTML document: its cover fields, and by section id its
    tables (rows of cell texts) and paragraphs."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.cover = {}
        self.sections = {}
        self.text = []
        self._sec = [None]
        self._cell = None
        self._row = None
        self._table = None
        self._p = None
        self._dt = None
        self._dd = None
        with open(path, encoding="utf-8") as f:
            self.feed(f.read())

    def _here(self):
        return self.sections.setdefault(self._sec[-1], {"tables": [], "p": []})

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self._sec.append(a.get("id"))
        elif tag == "table":
            self._table = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag == "p":
            self._p = []
        elif tag == "dt":
            self._dt = []
        elif tag == "dd":
            self._dd = []

    def handle_endtag(self, tag):
        if tag == "section":
            self._sec.pop()
        elif tag == "table" and self._table is not None:
            self._here()["tables"].append(self._table)
            self._table = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self._table.append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None:
            if self._row is not None:
                self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "p" and self._p is not None:
            self._here()["p"].append("".join(self._p).strip())
            self._p = None
        elif tag == "dt" and self._dt is not None:
            self._label = "".join(self._dt).strip()
            self._dt = None
        elif tag == "dd" and self._dd is not None:
            self.cover[self._label] = "".join(self._dd).strip()
            self._dd = None

    def handle_data(self, data):
        self.text.append(data)
        for buf in (self._cell, self._p, self._dt, self._dd):
            if buf is not None:
                buf.append(data)

    def table(self, section, header):
        """The rows of the first table in section whose header row starts
        with header."""
        for t in self.sections.get(section, {}).get("tables", []):
            if t and t[0] and t[0][0] == header:
                return t[1:]
        return None


def hours(s):
    m = re.match(r"([0-9.]+) hours?$", s.strip())
    return float(m.group(1)) if m else None


def pages(out):
    for root, _, files in os.walk(os.path.join(out, "en")):
        for f in sorted(files):
            if f.endswith(".html"):
                yield Page(os.path.join(root, f))


def rule_budget(out, prof, say):
    t = Page(os.path.join(out, "en", "training.html"))
    rows = t.table("budget", "Course")
    total = None
    for p in t.sections["budget"]["p"]:
        m = re.match(r"In all, ([0-9.]+) hours?", p)
        total = float(m.group(1)) if m else total
    load = [t2 for t2 in t.sections["budget"]["tables"] if len(t2) == 2 and len(t2[0]) == 12]
    summed = sum(hours(r[3]) for r in rows)
    monthly = sum(hours(c) for c in load[0][1]) if load else None
    for r in rows:
        if abs(float(r[1]) * hours(r[2]) - hours(r[3])) > 1e-9:
            say(f"budget: {r[0]}: {r[1]} people x {r[2]} is not {r[3]}")
    if total is None or abs(summed - total) > 1e-9 or monthly is None or abs(monthly - total) > 1e-9:
        say(f"budget: the rows add up to {summed} hours, the months to {monthly}, the text says {total}")


def rule_headcount(out, prof, say):
    t = Page(os.path.join(out, "en", "training.html"))
    company = prof.find("p:company", NS)
    named = len(prof.findall("p:people/p:person", NS))
    employees = int(company.get("employees", "0"))
    want = max(employees, named)
    courses = t.table("courses", "Course")
    budget = {r[0]: r[1] for r in t.table("budget", "Course")}
    found = False
    for r in courses:
        name = r[0].split("\n")[0]
        if r[1].lower() == "all staff":
            found = True
            if budget.get(name) != str(want):
                say(f"headcount: {name} is for all staff, budgeted for {budget.get(name)}, the company has {want}")
    if not found:
        say("headcount: no course for all staff in the plan")


def rule_hours(out, prof, say):
    """People in profile order: the plan's attendance rows are in that
    order, the staff sheets are named by id and the CSV rows carry the
    e-mail address (two people may share a name)."""
    t = Page(os.path.join(out, "en", "training.html"))
    plan = [hours(r[3]) for r in t.table("attendance", "Name")]
    from_csv = {}
    with open(os.path.join(out, "en", "training.csv"), encoding="utf-8-sig", newline="") as f:
        for row in list(csv.reader(f))[1:]:
            from_csv[row[1]] = from_csv.get(row[1], 0) + float(row[5]) * len(row[4].split())
    people = prof.findall("p:people/p:person", NS)
    if len(plan) != len(people):
        say(f"hours: the plan lists {len(plan)} people, the profile {len(people)}")
        return
    for h, pe in zip(plan, people):
        email = (pe.findtext("p:email", default="", namespaces=NS) or "").strip()
        sheet = Page(os.path.join(out, "en", "staff", pe.get("id") + ".html"))
        stated = 0.0
        for sec in sheet.sections.values():
            for p in sec["p"]:
                m = re.match(r"In all, ([0-9.]+) hours? of training", p)
                stated = float(m.group(1)) if m else stated
        csv_h = from_csv.get(email, 0.0) if email else h
        if not (h == stated == csv_h):
            say(f"hours: {pe.get('id')}: the plan says {h}, the staff sheet {stated}, training.csv {csv_h}")


def rule_numbers(out, prof, say):
    ps = list(pages(out))
    code = prof.find("p:company", NS).get("code", "doc").upper()
    known = {p.cover.get("Document No.") for p in ps}
    cited = set()
    for p in ps:
        cited |= set(re.findall(re.escape(code) + r"-SEC-[0-9]{2}(?:-[a-z0-9-]+)?", "".join(p.text)))
    for n in sorted(cited - known):
        say(f"numbers: {n} is cited but no document has that number")


def rule_deputies(out, prof, say):
    org = Page(os.path.join(out, "en", "organization.html"))
    contacts = org.table("contacts", "Matter")
    by_role = {r[1]: (r[2], r[4]) for r in contacts}
    for f in sorted(os.listdir(os.path.join(out, "en", "staff"))):
        if not f.endswith(".html"):
            continue
        sheet = Page(os.path.join(out, "en", "staff", f))
        person, rows = None, None
        for t in sheet.sections.get("you", {}).get("tables", []):
            person = next((r[1] for r in t if r[0] == "Name"), person)
            if t and t[0][0] == "Role":
                rows = t[1:]
        for r in rows or []:
            role, deputy = r[0].split("\n")[0], r[2]
            if role not in by_role or deputy.startswith("Not needed"):
                continue
            holders, deputies = by_role[role]
            several = "," in holders
            want = f"{deputy} (for {person})" if several else deputy
            if deputy == "None":
                if several and f"(for {person})" in deputies or not several and deputies != "None":
                    say(f"deputies: {f}: no deputy as {role}, the organisation names {deputies}")
            elif want not in deputies:
                say(f"deputies: {f}: {deputy} stands in as {role}, the organisation says {deputies}")


def rule_history(out, prof, say):
    revs = prof.findall("p:revisions/p:revision", NS)
    order = [r.get("number") for r in revs]
    entry = {}
    for i, r in enumerate(revs):
        for w in (r.get("adds") or "").split():
            entry.setdefault(w.replace(":", "/"), i)
    for p in pages(out):
        rows = p.table("revisions", "Revision")
        if rows is None:
            continue
        rel = os.path.relpath(p.path, os.path.join(out, "en"))[:-5]
        kind = rel.split("/")[0]
        singular = {"products": "product", "staff": "staff", "courses": "course",
                    "cra": "cra-report"}.get(kind)
        key = f"{singular}/{rel.split('/')[1]}" if singular else rel
        # adds="cra-report" issues every sheet of that kind at once.
        first = min(entry.get(key, len(order)), entry.get(singular, len(order))) \
            if singular else entry.get(key, 0)
        if first == len(order):
            first = 0
        if not rows or rows[0][0] != order[first]:
            say(f"history: {rel}: starts at {rows[0][0] if rows else None}, its subject entered at {order[first]}")
        if p.cover.get("Revision") not in (None, rows[-1][0] if rows else None):
            say(f"history: {rel}: the cover says revision {p.cover.get('Revision')}, the history ends at {rows[-1][0]}")


RULES = [rule_budget, rule_headcount, rule_hours, rule_numbers, rule_deputies, rule_history]


def run(out, profile):
    prof = ET.parse(profile).getroot()
    results = {}
    for rule in RULES:
        found = []
        try:
            rule(out, prof, found.append)
        except (KeyError, TypeError, AttributeError, IndexError, ValueError, FileNotFoundError) as e:
            found.append(f"{rule.__name__}: cannot read the documents ({type(e).__name__}: {e})")
        results[rule.__name__[5:]] = found
    return results


# Each rule broken once: the file ("@profile": the profile), the text,
# what to put instead.
BREAKS = {
    "budget": ("training.html", "<td>1 hour</td><td>1 hour</td></tr>", "<td>1 hour</td><td>2 hours</td></tr>"),
    # the plan no longer matches a profile that says 60 employees
    "headcount": ("@profile", 'employees="40"', 'employees="60"'),
    "hours": ("staff/sato.html", "In all, 4 hours of training", "In all, 5 hours of training"),
    "numbers": ("organization.html", "(AKB-SEC-01)", "(AKB-SEC-11)"),
    "deputies": ("staff/watanabe.html", "<td>Kenta Suzuki</td></tr>", "<td>Sho Ito</td></tr>"),
    "history": ("products/ar-500.html", "<tr><td>1.1</td><td>1 April 2026</td><td>Misaki Sato</td><td>First issue (revision numbers are shared by the whole set of documents).</td></tr>",
                "<tr><td>1.0</td><td>1 April 2025</td><td>Misaki Sato</td><td>First edition.</td></tr>\n"
                "<tr><td>1.1</td><td>1 April 2026</td><td>Misaki Sato</td><td>First issue (revision numbers are shared by the whole set of documents).</td></tr>"),
}


def main(argv):
    self_test = argv[1:2] == ["--self-test"]
    args = argv[2:] if self_test else argv[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, profile = args
    passed = failed = 0
    if not self_test:
        for name, found in run(out, profile).items():
            if found:
                failed += 1
                print(f"FAIL {name}")
                for f in found:
                    print(f"     {f}")
            else:
                passed += 1
                print(f"ok   {name}")
    else:
        for name, (rel, old, new) in BREAKS.items():
            tmp = tempfile.mkdtemp()
            try:
                copy = os.path.join(tmp, "out")
                shutil.copytree(out, copy)
                prof = os.path.join(tmp, "profile.xml")
                shutil.copy(profile, prof)
                path = prof if rel == "@profile" else os.path.join(copy, "en", rel)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                if old not in text:
                    failed += 1
                    print(f"FAIL {name}: the text to break is not in {rel}")
                    continue
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text.replace(old, new, 1))
                found = run(copy, prof)
                others = [k for k, v in found.items() if v and k != name]
                if found[name] and not others:
                    passed += 1
                    print(f"ok   {name} finds its rule broken: {found[name][0]}")
                else:
                    failed += 1
                    print(f"FAIL {name} broken: found {found[name]}, other rules {others}")
            finally:
                shutil.rmtree(tmp)
    print(f"consistency: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
