#!/usr/bin/env python3
"""Writes a secpolgen profile of a company with N staff and M products.

    bench/gen_profile.py --staff 2000 --products 200 -o big.xml

The profile follows examples/profile.xml: one executive, a security manager
who also sits in the PSIRT, a few more PSIRT members, development leads, a
firmware security champion role of the company's own, QA leads, support
and procurement; everyone else holds no role (all-staff). Role holders have
deputies (always someone listed later, so no chain loops), some staff
joined during the training year and some took their role during it, a few
read English. Products vary in category, connectivity, interfaces, data,
markets (some sold in the EU, some connect directly to a carrier), update
method and support period; suppliers work on some of them. The same
arguments always give the same bytes (a fixed seed).

Python's standard library only.
"""

import argparse
import random
import sys
from xml.sax.saxutils import escape

MAX_PRODUCTS = 500  # secpolgen refuses more (PROFILE_MAX_PRODUCTS)

SURNAMES = [
    ("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"),
    ("田中", "Tanaka"), ("伊藤", "Ito"), ("渡辺", "Watanabe"),
    ("山本", "Yamamoto"), ("中村", "Nakamura"), ("小林", "Kobayashi"),
    ("加藤", "Kato"), ("吉田", "Yoshida"), ("山田", "Yamada"),
    ("佐々木", "Sasaki"), ("山口", "Yamaguchi"), ("松本", "Matsumoto"),
    ("井上", "Inoue"), ("木村", "Kimura"), ("林", "Hayashi"),
    ("斎藤", "Saito"), ("清水", "Shimizu"), ("山崎", "Yamazaki"),
    ("森", "Mori"), ("池田", "Ikeda"), ("橋本", "Hashimoto"),
    ("阿部", "Abe"), ("石川", "Ishikawa"), ("山下", "Yamashita"),
    ("中島", "Nakajima"), ("石井", "Ishii"), ("小川", "Ogawa"),
    ("前田", "Maeda"), ("岡田", "Okada"), ("長谷川", "Hasegawa"),
    ("藤田", "Fujita"), ("後藤", "Goto"), ("近藤", "Kondo"),
    ("村上", "Murakami"), ("遠藤", "Endo"), ("青木", "Aoki"),
    ("坂本", "Sakamoto"),
]
GIVEN = [
    ("一郎", "Ichiro"), ("美咲", "Misaki"), ("健太", "Kenta"),
    ("直樹", "Naoki"), ("由美", "Yumi"), ("翔", "Sho"), ("恵", "Megumi"),
    ("大輔", "Daisuke"), ("陽子", "Yoko"), ("拓也", "Takuya"), ("彩", "Aya"),
    ("翔太", "Shota"), ("真由美", "Mayumi"), ("誠", "Makoto"), ("愛", "Ai"),
    ("浩", "Hiroshi"), ("裕子", "Yuko"), ("達也", "Tatsuya"), ("麻衣", "Mai"),
    ("修", "Osamu"), ("香織", "Kaori"), ("和也", "Kazuya"),
    ("智子", "Tomoko"), ("亮", "Ryo"), ("千尋", "Chihiro"), ("悠斗", "Yuto"),
    ("結衣", "Yui"), ("蓮", "Ren"), ("葵", "Aoi"), ("隆", "Takashi"),
]
# Staff from abroad: Japanese name as written on the company's lists, then
# the name in English, and the id stem; their training sheet is in English.
FOREIGN = [
    ("林 家豪", "Chia-Hao Lin", "lin"),
    ("グエン・ヴァン・アン", "Nguyen Van An", "nguyen"),
    ("プリヤ・シャルマ", "Priya Sharma", "sharma"),
    ("デイヴィッド・ミラー", "David Miller", "miller"),
    ("金 珉俊", "Min-jun Kim", "kim"),
    ("マリア・サントス", "Maria Santos", "santos"),
    ("王 芳", "Fang Wang", "wang"),
    ("アナ・コヴァルスカ", "Anna Kowalska", "kowalska"),
]

# Job titles by role (ja, en); staff without a role get a department's.
ROLE_TITLES = {
    "executive": ("代表取締役社長", "President and CEO"),
    "security-manager": ("技術本部 製品セキュリティ室長",
                         "Head of Product Security, Engineering Division"),
    "psirt": ("製品セキュリティ室 PSIRT担当", "PSIRT Engineer"),
    "development-lead": ("開発部 グループリーダー", "Development Group Leader"),
    "firmware-security-champion": ("開発部 ファームウェアグループ 主任",
                                   "Senior Firmware Engineer"),
    "qa-lead": ("品質保証部 課長", "Quality Assurance Manager"),
    "support": ("営業部 カスタマーサポート課 主任", "Customer Support Lead"),
    "procurement": ("管理部 購買課 主任", "Procurement Officer"),
}
STAFF_TITLES = [
    ("開発部 エンジニア", "Engineer, Development"),
    ("開発部 ファームウェアグループ", "Firmware Engineer"),
    ("開発部 クラウドグループ", "Cloud Engineer"),
    ("品質保証部 検査担当", "Quality Inspector"),
    ("製造部 生産技術課", "Production Engineer"),
    ("営業部 営業課", "Sales Representative"),
    ("営業部 カスタマーサポート課", "Customer Support"),
    ("管理部 総務課", "General Affairs"),
    ("管理部 経理課", "Accounting"),
]

# Product lines: category, model prefix, names (ja, en), link choices,
# interfaces, data, users and uses (ja, en).
LINES = [
    ("camera", "NC", "ネットワークカメラ", "Network Camera",
     [["wifi", "ethernet"], ["wifi"], ["ethernet"], ["lte", "wifi"]],
     ["web-ui", "mobile-app", "cloud", "sd-card", "physical-buttons"],
     ["video", "audio", "images", "personal-data", "credentials"],
     ("店舗・事務所の経営者、および一般家庭の利用者。", "Owners of shops and offices, and households."),
     ("屋内外の見守りと防犯。映像はアプリで確認し、録画はクラウドに保存する。",
      "Monitoring and crime prevention indoors and outdoors; video is viewed in the app and recorded to the cloud.")),
    ("sensor", "ES", "環境センサー", "Environmental Sensor",
     [["bluetooth"], ["zigbee"], ["lora"], ["wifi"], ["thread"]],
     ["mobile-app", "cloud", "physical-buttons", "debug-port"],
     ["telemetry", "location"],
     ("オフィス・学校・工場などの施設管理者。", "Facility managers of offices, schools and factories."),
     ("温度・湿度・CO2濃度を測定し、アプリとクラウドに送る。",
      "Measures temperature, humidity and CO2 and sends them to the app and the cloud.")),
    ("gateway", "GW", "IoTゲートウェイ", "IoT Gateway",
     [["ethernet", "bluetooth", "zigbee"], ["lte", "bluetooth"], ["wifi", "wi-sun"], ["5g", "ethernet"]],
     ["web-ui", "local-api", "cloud", "usb", "debug-port"],
     ["telemetry", "credentials", "location"],
     ("工場・ビル・住宅の設備管理者。設置は販売店が行う。", "Managers of factories, buildings and homes; resellers install it."),
     ("周辺の機器の測定値を集めて当社クラウドに送る。",
      "Collects readings from nearby devices and sends them to our cloud.")),
    ("router", "AR", "LTEルーター", "LTE Router",
     [["lte", "wifi", "ethernet"], ["5g", "wifi"], ["lte", "ethernet", "bluetooth"]],
     ["web-ui", "local-api", "cloud", "usb", "physical-buttons"],
     ["credentials", "telemetry", "personal-data"],
     ("店舗・工事現場などで使う法人。", "Businesses in shops and on construction sites."),
     ("SIMカードで携帯電話事業者の網に直接接続し、インターネット接続を提供する。",
      "Connects directly to a mobile carrier with a SIM card and provides internet access.")),
    ("appliance", "SL", "スマートロック", "Smart Lock",
     [["bluetooth"], ["wifi", "bluetooth"], ["nfc", "bluetooth"], ["thread"]],
     ["mobile-app", "cloud", "physical-buttons", "voice"],
     ["credentials", "personal-data", "location"],
     ("一般家庭と賃貸住宅の管理会社。", "Households and letting agents."),
     ("スマートフォンで玄関の鍵を開け閉めし、履歴を確認する。",
      "Locks and unlocks the front door from a smartphone and shows who did so.")),
    ("wearable", "WB", "ウェアラブルバンド", "Wearable Band",
     [["bluetooth"], ["bluetooth", "nfc"], ["lte", "bluetooth"]],
     ["mobile-app", "cloud", "physical-buttons"],
     ["health", "location", "personal-data"],
     ("工場や建設現場の作業員と、その安全管理者。", "Workers in factories and on building sites, and their safety managers."),
     ("心拍と位置を測り、体調の異常を管理者に知らせる。",
      "Measures heart rate and position and alerts managers to signs of illness.")),
    ("controller", "LC", "照明コントローラー", "Lighting Controller",
     [["ethernet"], ["zigbee", "ethernet"], ["wi-sun"], []],
     ["web-ui", "local-api", "usb", "debug-port", "physical-buttons"],
     ["telemetry"],
     ("ビル・店舗の設備管理者。", "Facility managers of buildings and shops."),
     ("照明の点灯・調光をスケジュールで制御する。",
      "Switches and dims lighting on a schedule.")),
    ("other", "XP", "業務用端末", "Business Terminal",
     [["wifi"], ["lte"], ["ethernet"], ["wifi", "bluetooth"]],
     ["web-ui", "mobile-app", "cloud", "sd-card"],
     ["personal-data", "images", "telemetry"],
     ("飲食店・小売店の従業員。", "Staff of restaurants and shops."),
     ("注文と在庫を管理し、本部のシステムと同期する。",
      "Takes orders, keeps stock and synchronises with head office.")),
]

SUPPLIER_KINDS = [
    ("エンベデッド・テクノロジー社", "Embedded Technology Co., Ltd.",
     "ファームウェア（BSP、アプリケーション）の開発と保守",
     "Development and maintenance of the firmware (BSP and applications)"),
    ("エレクトロニクス有限会社", "Electronics Co., Ltd.",
     "基板実装、組立、ファームウェアの書き込み、出荷検査",
     "Board assembly, final assembly, firmware programming and outgoing inspection"),
    ("ワイヤレスモジュール社", "Wireless Modules Inc.",
     "無線モジュールとそのドライバの供給",
     "Radio modules and their drivers"),
    ("クラウドサービス株式会社", "Cloud Services K.K.",
     "クラウドサービスの開発と運用",
     "Development and operation of the cloud service"),
]
SUPPLIER_PLACES = [
    ("TW", "フォルモサ", "Formosa"), ("VN", "ミナト", "Minato"),
    ("CN", "シェンチェン", "Shenzhen"), ("JP", "アキバ", "Akiba"),
    ("MY", "ペナン", "Penang"), ("TH", "チャオプラヤ", "Chao Phraya"),
    ("KR", "ハンガン", "Hangang"), ("PH", "セブ", "Cebu"),
]

# The training year of the profile below: April 2026 to March 2027.
FY_START = (2026, 4, 1)


def date_in_fy(rng):
    """A day of fiscal year 2026 (April 2026 to March 2027)."""
    month = rng.randrange(12)
    year = 2026 + (month + 3) // 12
    return "%04d-%02d-%02d" % (year, (month + 3) % 12 + 1, rng.randint(1, 28))


def counts(staff):
    """How many people hold each role in a company of this size."""
    return [
        ("executive", 1),
        ("security-manager", 1),
        ("psirt", 1 + max(1, staff // 150)),  # the manager and the team
        ("development-lead", max(1, staff // 40)),
        ("firmware-security-champion", max(1, staff // 100)),
        ("qa-lead", max(1, staff // 100)),
        ("support", max(1, staff // 80)),
        ("procurement", max(1, staff // 250)),
    ]


def make_people(staff, rng):
    people = []
    used = set()
    for i in range(staff):
        foreign = i >= 8 and rng.random() < 0.04
        if foreign:
            ja, en, stem = FOREIGN[rng.randrange(len(FOREIGN))]
        else:
            sj, se = SURNAMES[rng.randrange(len(SURNAMES))]
            gj, ge = GIVEN[rng.randrange(len(GIVEN))]
            ja, en, stem = sj + " " + gj, ge + " " + se, se.lower()
            if rng.random() < 0.5 or stem in used:
                stem = se.lower() + "-" + ge.lower()
        pid, n = stem, 2
        while pid in used:
            pid, n = "%s-%d" % (stem, n), n + 1
        used.add(pid)
        people.append({"id": pid, "ja": ja, "en": en, "lang": "en" if foreign else None,
                       "roles": [], "deputy": None, "joined": None, "title": None})
    return people


def assign_roles(people, rng):
    """Fills each person's roles; returns (role, person index, since) in order."""
    staff = len(people)
    assigns = []
    nxt = 0
    for role, n in counts(staff):
        for k in range(n):
            if role == "psirt" and k == 0:
                idx = 1 % staff  # the security manager also sits in the PSIRT
            else:
                idx = nxt % staff
                nxt += 1
            if role in people[idx]["roles"]:
                continue
            people[idx]["roles"].append(role)
            since = date_in_fy(rng) if idx >= 2 and rng.random() < 0.1 else None
            assigns.append((role, idx, since))
    return assigns, min(nxt, staff)


def write_profile(staff, products, seed, out):
    rng = random.Random(seed)
    people = make_people(staff, rng)
    assigns, nholders = assign_roles(people, rng)

    for i, p in enumerate(people):
        if p["roles"]:
            p["title"] = ROLE_TITLES[p["roles"][0]]
            # Deputies point to someone listed later, so chains end.
            if 0 < i < staff - 1:
                j = i + 1 if i + 1 < nholders else rng.randrange(i + 1, staff)
                p["deputy"] = people[j]["id"]
        elif rng.random() < 0.7:
            p["title"] = STAFF_TITLES[rng.randrange(len(STAFF_TITLES))]
        r = rng.random()
        if i >= 2 and r < 0.05:
            p["joined"] = date_in_fy(rng)
        elif r < 0.3:
            p["joined"] = "%04d-04-01" % rng.randint(1995, 2025)

    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    # No "--" inside a comment: XML forbids it.
    w("<!-- An invented company for secpolgen's benchmark: %d staff, %d products\n"
      "     (bench/gen_profile.py, seed %d). -->\n" % (staff, products, seed))
    w('<profile xmlns="urn:secpolgen:profile:1" version="1">\n')
    w('  <company code="bnc" employees="%d" fiscal-year-start="4" paper="a4">\n' % staff)
    w('    <name xml:lang="ja">株式会社ベンチセンシング</name>\n')
    w('    <name xml:lang="en">Bench Sensing Co., Ltd.</name>\n')
    w('    <address xml:lang="ja">〒101-0021 東京都千代田区外神田三丁目1番1号</address>\n')
    w('    <address xml:lang="en">3-1-1 Sotokanda, Chiyoda-ku, Tokyo 101-0021, Japan</address>\n')
    w('    <classification xml:lang="ja">社外秘</classification>\n')
    w('    <classification xml:lang="en">Confidential</classification>\n')
    w('    <website>https://www.example.co.jp/</website>\n')
    w('  </company>\n\n  <people>\n')
    for p in people:
        attrs = ' id="%s"' % p["id"]
        if p["lang"]:
            attrs += ' lang="%s"' % p["lang"]
        if p["deputy"]:
            attrs += ' deputy="%s"' % p["deputy"]
        if p["joined"]:
            attrs += ' joined="%s"' % p["joined"]
        w("    <person%s>\n" % attrs)
        w('      <name xml:lang="ja">%s</name>\n' % escape(p["ja"]))
        w('      <name xml:lang="en">%s</name>\n' % escape(p["en"]))
        if p["title"]:
            w('      <title xml:lang="ja">%s</title>\n' % escape(p["title"][0]))
            w('      <title xml:lang="en">%s</title>\n' % escape(p["title"][1]))
        w("      <email>%s@example.co.jp</email>\n" % p["id"])
        w("    </person>\n")
    w("  </people>\n\n  <roles>\n")
    w('    <role id="firmware-security-champion" reports-to="development-lead">\n'
      '      <name xml:lang="ja">ファームウェアセキュリティ推進担当</name>\n'
      '      <name xml:lang="en">Firmware Security Champion</name>\n'
      '      <duties xml:lang="ja">ファームウェアの設計レビューとソースコードレビューにセキュリティの観点で参加し、'
      '使用しているオープンソースソフトウェアの脆弱性情報を毎週確認する。</duties>\n'
      '      <duties xml:lang="en">Takes part in firmware design and code reviews from a security point of view '
      'and checks the open-source components in use for new vulnerabilities every week.</duties>\n'
      '    </role>\n')
    for role, idx, since in assigns:
        extra = ' since="%s"' % since if since else ""
        w('    <assign role="%s" person="%s"%s/>\n' % (role, people[idx]["id"], extra))
    w('    <raci activity="review-designs" role="firmware-security-champion" value="R"/>\n')
    w('    <raci activity="monitor-vulnerabilities" role="firmware-security-champion" value="R"/>\n')
    w('    <raci activity="develop-fixes" role="firmware-security-champion" value="C"/>\n')
    w("  </roles>\n\n  <products>\n")

    pids = []
    for i in range(products):
        line = LINES[i % len(LINES)]
        cat, prefix, nja, nen, links, ifaces, datas, users, uses = line
        model = "%s-%d" % (prefix, 100 + 10 * (i // len(LINES)))
        pid = model.lower()
        pids.append(pid)
        conn = links[rng.randrange(len(links))]
        iface = sorted(rng.sample(ifaces, rng.randint(1, len(ifaces))), key=ifaces.index)
        data = sorted(rng.sample(datas, rng.randint(1, len(datas))), key=datas.index)
        r = rng.random()
        markets = ["JP"] if r < 0.5 else ["JP", "EU"] if r < 0.8 else \
            ["JP", "EU", "UK"] if r < 0.9 else ["JP", "US"] if r < 0.97 else ["EU"]
        update = "none" if not conn and rng.random() < 0.5 else \
            rng.choice(["ota", "ota", "ota", "local", "local"]) if conn else "local"
        cellular = "lte" in conn or "5g" in conn
        direct = cellular and rng.random() < 0.8
        years = 5 + rng.randint(0, 3) if "EU" in markets else 3 + rng.randint(0, 4)
        w('    <product id="%s" category="%s" update="%s" support-until="%d-03-31"%s>\n'
          % (pid, cat, update, 2026 + years,
             ' direct-connection="true"' if direct else
             ' direct-connection="false"' if conn and rng.random() < 0.3 else ""))
        w('      <name xml:lang="ja">%s %s</name>\n' % (nja, model))
        w('      <name xml:lang="en">%s %s</name>\n' % (model, nen))
        w("      <model>%s</model>\n" % model)
        w("      <connectivity>%s</connectivity>\n" % " ".join(conn) if conn
          else "      <connectivity/>\n")
        w("      <interfaces>%s</interfaces>\n" % " ".join(iface))
        w("      <data>%s</data>\n" % " ".join(data))
        w("      <markets>%s</markets>\n" % " ".join(markets))
        w('      <intended-users xml:lang="ja">%s</intended-users>\n' % users[0])
        w('      <intended-users xml:lang="en">%s</intended-users>\n' % users[1])
        w('      <use-cases xml:lang="ja">%s</use-cases>\n' % uses[0])
        w('      <use-cases xml:lang="en">%s</use-cases>\n' % uses[1])
        w("    </product>\n")
    w("  </products>\n\n  <suppliers>\n")
    nsup = max(2, min(60, products // 8))
    for s in range(nsup):
        country, pja, pen = SUPPLIER_PLACES[s % len(SUPPLIER_PLACES)]
        kja, ken, sja, sen = SUPPLIER_KINDS[(s // len(SUPPLIER_PLACES) + s) % len(SUPPLIER_KINDS)]
        serial = "" if s < len(SUPPLIER_PLACES) else " %d" % (s // len(SUPPLIER_PLACES) + 1)
        sid = "%s-%d" % (pen.lower().replace(" ", "-"), s + 1)
        w('    <supplier id="%s" country="%s">\n' % (sid, country))
        w('      <name xml:lang="ja">%s・%s%s</name>\n' % (pja, kja, serial))
        w('      <name xml:lang="en">%s %s%s</name>\n' % (pen, ken, serial))
        w('      <scope xml:lang="ja">%s</scope>\n' % sja)
        w('      <scope xml:lang="en">%s</scope>\n' % sen)
        w("      <email>psirt@%s.example.jp</email>\n" % sid)
        mine = sorted(rng.sample(range(products), min(products, rng.randint(1, 6))))
        w("      <products>%s</products>\n" % " ".join(pids[k] for k in mine))
        w("    </supplier>\n")
    manager = people[1 % staff]["id"]
    w("  </suppliers>\n\n")
    w('  <vulnerability-handling acknowledge-days="3" triage-days="10" fix-days="90">\n'
      "    <email>psirt@example.co.jp</email>\n"
      "    <url>https://www.example.co.jp/security/report/</url>\n"
      "    <policy-url>https://www.example.co.jp/security/policy/</policy-url>\n"
      "    <languages>ja en</languages>\n"
      "  </vulnerability-handling>\n\n"
      '  <review months="12"/>\n\n')
    dev_lead = next((people[i]["id"] for r, i, _ in assigns if r == "development-lead"), manager)
    w('  <training fiscal-year="2026">\n'
      '    <course id="secure-coding" month="10" hours="8" instructor="%s"/>\n'
      "  </training>\n\n" % dev_lead)
    w("  <revisions>\n"
      '    <revision number="1.0" date="2025-04-01" author="%s">\n'
      '      <summary xml:lang="ja">初版制定</summary>\n'
      '      <summary xml:lang="en">First edition.</summary>\n'
      "    </revision>\n"
      '    <revision number="1.1" date="2026-04-01" author="%s">\n'
      '      <summary xml:lang="ja">対象製品を%d製品に拡大。EUサイバーレジリエンス法の脆弱性報告義務への対応手順を追加。</summary>\n'
      '      <summary xml:lang="en">Extended to %d products; added the procedure for the EU Cyber Resilience Act\'s reporting duties.</summary>\n'
      "    </revision>\n"
      "  </revisions>\n\n" % (manager, manager, products, products))
    w('  <approval person="%s" date="2026-03-27"/>\n' % people[0]["id"])
    w("</profile>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--staff", type=int, required=True, help="people listed (at least 1)")
    ap.add_argument("--products", type=int, required=True,
                    help="products (1 to %d)" % MAX_PRODUCTS)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", help="file to write (default: standard output)")
    a = ap.parse_args()
    if a.staff < 1 or not 1 <= a.products <= MAX_PRODUCTS:
        ap.error("--staff must be at least 1 and --products from 1 to %d" % MAX_PRODUCTS)
    if a.output:
        with open(a.output, "w", encoding="utf-8", newline="\n") as f:
            write_profile(a.staff, a.products, a.seed, f)
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
        write_profile(a.staff, a.products, a.seed, sys.stdout)


if __name__ == "__main__":
    main()
