#!/usr/bin/env python3
"""Writes the cases of tests/advisories/ from examples/profile.xml: a folder
each with its profile.xml and advisories/, for the sentences and outputs
only rare profiles give (lint-locales builds each; tests/e2e.sh checks
what they write). Run from the repository's root after the example
changes, and commit what it writes."""
import os, re, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, 'tests', 'advisories')
example = open(os.path.join(ROOT, 'examples', 'profile.xml'), encoding='utf-8').read()
example = example.replace('../policy-templates/', '../../../policy-templates/')


def sub(text, old, new):
    assert old in text, old
    return text.replace(old, new)


def write(case, profile, advisories):
    d = os.path.join(HERE, case)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, 'advisories'))
    with open(os.path.join(d, 'profile.xml'), 'w', encoding='utf-8') as f:
        f.write(profile)
    for name, text in advisories.items():
        with open(os.path.join(d, 'advisories', name), 'w', encoding='utf-8') as f:
            f.write(text)


HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<advisory xmlns="urn:secpolgen:advisory:1" version="1" id="%s" status="%s">\n')

# rare: no credit, firmware analysis not covered, no key, an individual
# JPCERT/CC registration, the company's own establishment in the EU; an
# interim advisory of two vulnerabilities, one exploited with no fix yet
# and a score of 0.0, one fixed in one version of two products.
p = example
p = sub(p, 'embargo-days="90" update-days="14"',
        'embargo-days="45" update-days="7" credit="no" firmware-analysis="not-covered"')
p = sub(p, '    <encryption>https://www.example.co.jp/security/psirt-pgp-key.asc</encryption>\n', '')
p = sub(p, '    <acknowledgments>https://www.example.co.jp/security/thanks/</acknowledgments>\n', '')
p = sub(p, 'kind="general"/>', 'kind="individual"/>')
p = sub(p, '<operator kind="importer" country="DE">', '<operator kind="main-establishment" country="NL">')
rare = HEAD % ('AKB-SA-2026-002', 'interim') + '''  <title xml:lang="ja">複数製品の脆弱性（暫定）</title>
  <title xml:lang="en">Vulnerabilities in several products (interim)</title>
  <summary xml:lang="ja">調査中の脆弱性があります。</summary>
  <summary xml:lang="en">We are investigating vulnerabilities.</summary>
  <revision number="1" date="2026-12-02">
    <summary xml:lang="ja">初版</summary>
    <summary xml:lang="en">Initial release</summary>
  </revision>
  <vulnerability reported="2026-11-30" exploited="yes">
    <title xml:lang="ja">情報の露出</title>
    <title xml:lang="en">Information exposure</title>
    <description xml:lang="ja">調査中です。</description>
    <description xml:lang="en">Under investigation.</description>
    <cvss>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N</cvss>
    <affected product="ar-500" from="2.0" to="2.3.1"/>
  </vulnerability>
  <vulnerability cve="CVE-2026-40002" reported="2026-11-01" exploited="no">
    <title xml:lang="ja">認証の不備</title>
    <title xml:lang="en">Missing authentication</title>
    <description xml:lang="ja">ローカルAPIの一部が認証なしで利用できます。</description>
    <description xml:lang="en">Part of the local API can be used without authentication.</description>
    <cvss>CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N</cvss>
    <affected product="ar-500" from="2.3.0" to="2.3.0"/>
    <affected product="nc-200" from="1.4.0" to="1.4.3"/>
    <fixed product="ar-500" version="2.3.1" install="automatic"/>
    <fixed product="nc-200" version="1.5"/>
  </vulnerability>
</advisory>
'''
write('rare', p, {'akb-sa-2026-002.xml': rare})

# plain: advisories kept but no <advisories> address (documents, no
# CSAF), no JPCERT/CC registration, no economic operator in the EU.
p = example
p = sub(p, '    <advisories>https://www.example.co.jp/security/advisories/</advisories>\n', '')
p = sub(p, '    <jpcert-registration date="2025-06-02" kind="general"/>\n', '')
p = re.sub(r'  <economic-operators>.*?</economic-operators>\n', '', p, flags=re.S)
# Products sold in the EU of every Annex III class the CRA forms name.
extra = ''.join(
    '    <product id="%s" category="%s" update="ota" support-until="2032-03-31">\n'
    '      <name xml:lang="ja">%s</name>\n      <name xml:lang="en">%s</name>\n'
    '      <model>%s</model>\n      <connectivity>wifi</connectivity>\n'
    '      <interfaces>mobile-app cloud</interfaces>\n      <data>%s</data>\n'
    '      <markets>EU</markets>\n      <customers>consumer</customers>\n    </product>\n'
    % x for x in [('ty-1', 'toy', '会話する人形 TY-1', 'TY-1 Talking Doll', 'TY-1', 'audio'),
                  ('wb-1', 'wearable', '心拍計 WB-1', 'WB-1 Heart Rate Band', 'WB-1', 'health'),
                  ('fw-1', 'firewall', 'ファイアウォール FW-1', 'FW-1 Firewall', 'FW-1', 'telemetry'),
                  ('rt-1', 'router', 'ルーター RT-1', 'RT-1 Router', 'RT-1', 'telemetry'),
                  ('sp-1', 'smart-speaker', 'スマートスピーカー SP-1', 'SP-1 Smart Speaker', 'SP-1',
                   'audio')])
p = sub(p, '  </products>', extra + '  </products>')
write('plain', p, {'akb-sa-2026-001.xml': open(os.path.join(ROOT, 'examples', 'advisories',
                                                              'akb-sa-2026-001.xml'),
                                                 encoding='utf-8').read()
                   .replace('../../policy-templates/', '../../../../policy-templates/')})
