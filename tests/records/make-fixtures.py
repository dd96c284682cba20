#!/usr/bin/env python3
"""Writes the fixtures of `check`'s findings about records: each case
<name>/ (profile.xml and records/cam-1.xml) makes one finding fire, and
<name>-fixed/ is the same with that one thing put right, so that no
finding fires. Run from tests/records with the built secpolgen:
    SECPOLGEN_TODAY=2026-03-01 python3 make-fixtures.py ../../build/secpolgen
The tests (tests/e2e.sh) check them with today 2026-03-01."""
import os, re, shutil, subprocess, sys

exe = os.path.abspath(sys.argv[1])
base = open('../profiles/minimal.xml').read()
base = base.replace('<!-- The smallest valid profile: every test fixture is this with a mistake.\n     Texts take their language from <profile xml:lang="ja">. -->\n',
                    '<!-- A case of tests/records (make-fixtures.py). -->\n')

def profile(product_attrs=''):
    return base.replace('<product id="cam-1" category="camera" update="ota">',
                        '<product id="cam-1" category="camera" update="ota"%s>' % product_attrs)

# The clean records: everything met, decided, answered and passed.
os.makedirs('/tmp/rec-base', exist_ok=True)
open('/tmp/rec-base/profile.xml', 'w').write(profile(' support-until="2030-03-31"'))
shutil.rmtree('/tmp/rec-base/records', ignore_errors=True)
subprocess.run([exe, 'records', '--lang', 'en', '/tmp/rec-base/profile.xml', 'cam-1'], check=True,
               env=dict(os.environ, SECPOLGEN_TODAY='2026-03-01'))
clean = open('/tmp/rec-base/records/cam-1.xml').read()
clean = clean.replace(' status="not-yet"/>', ' status="met" owner="sato">\n    <evidence ref="TR-1" date="2026-02-01"/>\n  </requirement>')
clean = re.sub(r'<risk id="([^"]+)"/>', r'<risk id="\1" likelihood="low" impact="low" decision="accept" by="sato" date="2026-02-01" until="2027-01-31"/>', clean)
clean = re.sub(r'<decision id="([^"]+)"/>', r'<decision id="\1" by="tanaka" date="2026-02-01">\n    <answer>決定済み。</answer>\n  </decision>', clean)
clean = clean.replace(' result="planned"/>', ' result="passed" date="2026-02-01" report="TR-1" tester="sato"/>')

def first_id(kind, rec):
    return re.search(r'<%s id="([^"]+)"' % kind, rec).group(1)

req = first_id('requirement', clean)
risk = first_id('risk', clean)
dec = first_id('decision', clean)
test = first_id('test', clean)
cases = {
    # name: (profile attrs, records or None, fixed profile attrs, fixed records)
    'none': ('', None, '', clean),
    'unmet': ('', clean.replace('<requirement id="%s" status="met" owner="sato">\n    <evidence ref="TR-1" date="2026-02-01"/>\n  </requirement>' % req,
                                 '<requirement id="%s" status="not-yet" owner="sato" due="2026-06-30"/>' % req),
              '', clean),
    'risks': ('', re.sub(r'<risk id="%s"[^>]*/>' % risk, '<risk id="%s" likelihood="medium" impact="high"/>' % risk, clean),
              '', re.sub(r'<risk id="%s"[^>]*/>' % risk, '<risk id="%s" likelihood="medium" impact="high" decision="treat" by="sato" date="2026-02-01" owner="sato" due="2026-06-30"/>' % risk, clean)),
    'late-decisions': ('', re.sub(r'<decision id="%s" by[^>]*>\n    <answer>[^<]*</answer>\n  </decision>' % dec, '<decision id="%s" owner="sato" due="2026-01-31"/>' % dec, clean),
                       '', re.sub(r'<decision id="%s" by[^>]*>\n    <answer>[^<]*</answer>\n  </decision>' % dec, '<decision id="%s" owner="sato" due="2026-04-30"/>' % dec, clean)),
    'old-evidence': ('', clean.replace('<requirement id="%s" status="met" owner="sato">\n    <evidence ref="TR-1" date="2026-02-01"/>' % req,
                                        '<requirement id="%s" status="met" owner="sato">\n    <evidence ref="TR-0" date="2024-12-01"/>' % req),
                     '', clean.replace('<requirement id="%s" status="met" owner="sato">\n    <evidence ref="TR-1" date="2026-02-01"/>' % req,
                                        '<requirement id="%s" status="met" owner="sato">\n    <evidence ref="TR-0" date="2024-12-01"/>\n    <evidence ref="TR-1" date="2026-02-01"/>' % req)),
    'failed-tests': ('', clean.replace('<test id="%s" result="passed" date="2026-02-01" report="TR-1" tester="sato"/>' % test,
                                        '<test id="%s" result="failed" date="2026-02-01" report="TR-1" tester="sato"/>' % test),
                     '', clean.replace('<test id="%s" result="passed" date="2026-02-01" report="TR-1" tester="sato"/>' % test,
                                        '<test id="%s" result="failed" date="2026-02-01" report="TR-1" tester="sato" fix-due="2026-04-30"/>' % test)),
    'unsupported': (' support-until="2026-01-31"', clean, ' support-until="2026-01-31" sales-until="2026-01-31"', clean),
    # Decided, but still High after its countermeasures on a product on
    # sale: the policy ships no such product whatever the decision.
    'high-on-sale': ('', re.sub(r'<risk id="%s"[^>]*/>' % risk, '<risk id="%s" likelihood="high" impact="high" decision="treat" by="sato" date="2026-02-01" owner="sato" due="2026-06-30"/>' % risk, clean),
                     '', re.sub(r'<risk id="%s"[^>]*/>' % risk, '<risk id="%s" likelihood="medium" impact="medium" decision="treat" by="sato" date="2026-02-01" owner="sato" due="2026-06-30"/>' % risk, clean)),
}
# What the documents say of rarer records, for lint-locales and the
# goldens: not applicable, an owner without a date and a date without an
# owner, an acceptance without an end, a test and a requirement not
# recorded. No finding of its own: check is clean of records here.
reqs = re.findall(r'<requirement id="([^"]+)"', clean)
decs = re.findall(r'<decision id="([^"]+)"', clean)
rare = clean
met = '<requirement id="%s" status="met" owner="sato">\n    <evidence ref="TR-1" date="2026-02-01"/>\n  </requirement>'
rare = rare.replace(met % reqs[-1], '<requirement id="%s" status="not-applicable">\n    <reason xml:lang="ja">この製品には該当する機能がない。</reason>\n    <reason xml:lang="en">The product has no such function.</reason>\n  </requirement>' % reqs[-1])
rare = rare.replace(met % reqs[-2], '<requirement id="%s" status="partly" owner="sato">\n    <evidence ref="TR-2" date="2026-02-01"/>\n  </requirement>' % reqs[-2])
rare = re.sub(r'  <!-- R\d+ [^\n]*-->\n  ' + re.escape(met % reqs[-3]) + '\n', '', rare)
rare = rare.replace(met % reqs[-4], '<requirement id="%s" status="not-yet" due="2026-06-30"/>' % reqs[-4])
rare = re.sub(r'(<risk id="%s"[^>]*) until="[^"]*"' % risk, r'\1', rare)
for i, d in enumerate(decs[:2]):
    rare = re.sub(r'<decision id="%s" by[^>]*>\n    <answer>[^<]*</answer>\n  </decision>' % d,
                  '<decision id="%s" %s/>' % (d, 'owner="sato"' if i == 0 else 'due="2026-06-30"'), rare)
rare = re.sub(r'  <!-- V1 [^\n]*-->\n  <test id="%s"[^>]*/>\n' % test, '', rare)
rare = re.sub(r'(<test id="[^"]+") result="passed" date="2026-02-01" report="TR-1" tester="sato"/>', r'\1 result="planned"/>', rare, count=1)
cases['rare'] = ('', rare, '', clean)
# Dates passed by the records' own day (2026-03-01): overdue, with an
# owner and without.
rare = clean
rare = rare.replace(met % reqs[-1], '<requirement id="%s" status="partly" owner="sato" due="2026-02-15">\n    <evidence ref="TR-2" date="2026-02-01"/>\n  </requirement>' % reqs[-1])
rare = rare.replace(met % reqs[-2], '<requirement id="%s" status="not-yet" due="2026-02-15"/>' % reqs[-2])
rare = re.sub(r'<decision id="%s" by[^>]*>\n    <answer>[^<]*</answer>\n  </decision>' % decs[1],
              '<decision id="%s" due="2026-02-15"/>' % decs[1], rare)
cases['rare-dates'] = ('', rare, '', clean)
cases['unowned'] = ('', re.sub(r'  <!-- D1 [^\n]*-->\n  <decision id="%s" by[^>]*>\n    <answer>[^<]*</answer>\n  </decision>\n' % dec, '', clean),
                    '', re.sub(r'<decision id="%s" by[^>]*>\n    <answer>[^<]*</answer>\n  </decision>' % dec, '<decision id="%s" owner="sato" due="2026-06-30"/>' % dec, clean))

for name, (pa, rec, fpa, frec) in cases.items():
    for d, a, r in ((name, pa, rec),) + (((name + '-fixed', fpa, frec),) if not name.startswith('rare') else ()):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        text = profile(a if a else ' support-until="2030-03-31"')
        if d == 'rare-dates':  # the acceptance line one step up
            text = text.replace('  <revisions>', '  <risk-acceptance up-to="medium"/>\n  <revisions>')
        open(os.path.join(d, 'profile.xml'), 'w').write(text)
        if r is not None:
            os.makedirs(os.path.join(d, 'records'))
            open(os.path.join(d, 'records', 'cam-1.xml'), 'w').write(r)
        assert r is None or r != clean or d.endswith('-fixed') or name == 'unsupported', d
