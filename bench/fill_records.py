#!/usr/bin/env python3
"""fill_records.py PROFILE DIR: fills the records that `secpolgen records`
started in DIR (one a product) as a team a year into its work would have
them, seeded by the product's id so that the same files give the same
bytes: of every three requirements one met (two pieces of evidence), one
partly met (evidence, an owner, a due date), one not yet (an owner and a
due date); every other risk rated after countermeasures and decided;
every other question answered, the rest owned; two tests in three run,
one in ten of those failed with a fix date. stdlib Python."""
import glob, os, re, sys, zlib

profile, folder = sys.argv[1], sys.argv[2]
people = re.findall(r'<person id="([^"]+)"', open(profile, encoding="utf-8").read())[:12]
if not people:
    sys.exit("fill_records.py: no <person> in " + profile)


def who(seed, k):
    return people[(seed + k) % len(people)]


for path in sorted(glob.glob(os.path.join(folder, "*.xml"))):
    text = open(path, encoding="utf-8").read()
    seed = zlib.crc32(os.path.basename(path).encode())
    text = re.sub(r'updated="[0-9-]+"', 'updated="2026-11-20"', text, count=1)

    def each(pattern, fill, text):
        """fill(i, id, whole) for the i-th (from 1) match of pattern."""
        count = iter(range(1, 1 << 30))
        return re.sub(pattern, lambda m: fill(next(count), m.group(1), m.group(0)), text)

    def req(i, rid, whole):
        if i % 3 == 0:
            return (f'<requirement id="{rid}" status="met" owner="{who(seed, i)}">\n'
                    f'    <evidence ref="DR-{i:03d}" date="2026-06-{1 + i % 28:02d}">\n'
                    f'      <title xml:lang="ja">設計レビュー議事録</title>\n'
                    f'      <title xml:lang="en">Design review minutes</title>\n'
                    f'    </evidence>\n'
                    f'    <evidence ref="TR-{i:03d}" date="2026-10-{1 + i % 28:02d}"/>\n'
                    f'  </requirement>')
        if i % 3 == 1:
            return (f'<requirement id="{rid}" status="partly" owner="{who(seed, i)}" due="2027-0{1 + i % 9}-15">\n'
                    f'    <evidence ref="TR-{i:03d}" date="2026-10-{1 + i % 28:02d}"/>\n'
                    f'    <note xml:lang="ja">残りは次の版で対応する。</note>\n'
                    f'    <note xml:lang="en">The rest comes with the next release.</note>\n'
                    f'  </requirement>')
        return f'<requirement id="{rid}" status="not-yet" owner="{who(seed, i)}" due="2027-0{1 + i % 9}-30"/>'

    def risk(i, rid, whole):
        if i % 2:
            return whole
        if i % 4 == 0:
            return (f'<risk id="{rid}" likelihood="low" impact="high" decision="accept" '
                    f'by="{who(seed, 0)}" date="2026-11-10" until="2027-11-09"/>')
        return (f'<risk id="{rid}" likelihood="medium" impact="medium" decision="treat" '
                f'by="{who(seed, 0)}" date="2026-11-10" owner="{who(seed, i)}" due="2027-03-31"/>')

    def decision(i, rid, whole):
        if i % 2:
            return (f'<decision id="{rid}" by="{who(seed, 0)}" date="2026-09-15">\n'
                    f'    <answer xml:lang="ja">策定会議で決定した（議事録 MTG-2026-09-15）。</answer>\n'
                    f'    <answer xml:lang="en">Decided by the drafting meeting (minutes MTG-2026-09-15).</answer>\n'
                    f'  </decision>')
        return f'<decision id="{rid}" owner="{who(seed, i)}" due="2027-02-28"/>'

    def test(i, rid, whole):
        if i % 3 == 0:
            return whole
        failed = i % 10 == 1
        return (f'<test id="{rid}" result="{"failed" if failed else "passed"}" date="2026-11-{1 + i % 19:02d}" '
                f'report="VR-{i:03d}" tester="{who(seed, i + 1)}" '
                + ('version="2.4-beta" fix-due="2027-01-31"/>' if failed else 'version="2.3"/>'))

    text = each(r'<requirement id="([^"]+)" status="not-yet"/>', req, text)
    text = each(r'<risk id="([^"]+)"/>', risk, text)
    text = each(r'<decision id="([^"]+)"/>', decision, text)
    text = each(r'<test id="([^"]+)" result="planned"/>', test, text)
    open(path, "w", encoding="utf-8").write(text)
