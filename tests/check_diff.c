/* check_diff.c - secpolgen diff: what changed between two revisions of a
 * profile, compared whole with the expected text in both languages and
 * both formats. tests/diff/new.xml is old.xml with six changes (see its
 * comment); more.xml is old.xml with every other kind of change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "model/catalog.h"
#include "check_suites.h"
#include "cmd/diff.h"
#include "l10n/messages.h"
#include "profile/profile.h"

#define OLD "tests/diff/old.xml"
#define NEW "tests/diff/new.xml"
#define MORE "tests/diff/more.xml"

static const char *const pair_text_en[] = {
	"- Added Sakura Kobayashi (Verification Engineer) to the organisation.",
	"- Kenta Suzuki replaced Misaki Sato as Product Security Manager.",
	"- Develop fixes: Firmware Security Champion is now responsible (R) instead of consulted (C).",
	"- Added the product SH-1 Smart Home Hub (markets: EU).",
	"- The target for acknowledging a report changed from 3 business days to 2 business days.",
	"- The policy was approved by Ichiro Tanaka on 28 September 2026.",
	NULL
};

static const char *const pair_text_ja[] = {
	"- 小林 さくら（品質保証部 検証エンジニア）を体制に加えた。",
	"- 製品セキュリティ責任者が佐藤 美咲から鈴木 健太に交代した。",
	"- 修正の開発：ファームウェアセキュリティ推進担当を相談先（C）から実行責任者（R）に変更した。",
	"- 製品「スマートホームハブ SH-1」を追加した（販売地域：EU）。",
	"- 報告者への受領連絡の目標を3営業日から2営業日に変更した。",
	"- 2026年9月28日に田中 一郎が本方針を承認した。",
	NULL
};

static const char *const pair_revision_en[] = {
	"    <revision number=\"1.2\" date=\"2026-09-28\" author=\"suzuki\">",
	"      <!-- Draft by secpolgen diff: check it, then paste it into <revisions> after revision 1.1. -->",
	"      <!-- The date is the approval date: change it to the date this revision takes effect. -->",
	"      <summary xml:lang=\"ja\">小林 さくら（品質保証部 検証エンジニア）を体制に加えた。製品セキュリティ責任者が佐藤 美咲から鈴木 健太に交代した。修正の開発：ファームウェアセキュリティ推進担当を相談先（C）から実行責任者（R）に変更した。製品「スマートホームハブ SH-1」を追加した（販売地域：EU）。報告者への受領連絡の目標を3営業日から2営業日に変更した。2026年9月28日に田中 一郎が本方針を承認した。</summary>",
	"      <summary xml:lang=\"en\">Added Sakura Kobayashi (Verification Engineer) to the organisation. Kenta Suzuki replaced Misaki Sato as Product Security Manager. Develop fixes: Firmware Security Champion is now responsible (R) instead of consulted (C). Added the product SH-1 Smart Home Hub (markets: EU). The target for acknowledging a report changed from 3 business days to 2 business days. The policy was approved by Ichiro Tanaka on 28 September 2026.</summary>",
	"    </revision>",
	NULL
};

static const char *const pair_revision_ja[] = {
	"    <revision number=\"1.2\" date=\"2026-09-28\" author=\"suzuki\">",
	"      <!-- secpolgen diff による下書き。内容を確認の上、<revisions> の第1.1版の後に貼り付けること。 -->",
	"      <!-- 日付には承認日を仮に入れた。本改訂の施行日に改めること。 -->",
	"      <summary xml:lang=\"ja\">小林 さくら（品質保証部 検証エンジニア）を体制に加えた。製品セキュリティ責任者が佐藤 美咲から鈴木 健太に交代した。修正の開発：ファームウェアセキュリティ推進担当を相談先（C）から実行責任者（R）に変更した。製品「スマートホームハブ SH-1」を追加した（販売地域：EU）。報告者への受領連絡の目標を3営業日から2営業日に変更した。2026年9月28日に田中 一郎が本方針を承認した。</summary>",
	"      <summary xml:lang=\"en\">Added Sakura Kobayashi (Verification Engineer) to the organisation. Kenta Suzuki replaced Misaki Sato as Product Security Manager. Develop fixes: Firmware Security Champion is now responsible (R) instead of consulted (C). Added the product SH-1 Smart Home Hub (markets: EU). The target for acknowledging a report changed from 3 business days to 2 business days. The policy was approved by Ichiro Tanaka on 28 September 2026.</summary>",
	"    </revision>",
	NULL
};

static const char *const same_revision_en[] = {
	"    <revision number=\"1.2\" date=\"2026-04-01\" author=\"sato\">",
	"      <!-- Draft by secpolgen diff: check it, then paste it into <revisions> after revision 1.1. -->",
	"      <!-- The date is that of revision 1.1: change it to the date this revision takes effect. -->",
	"      <summary xml:lang=\"ja\">2つのプロファイルの間に変更はない。</summary>",
	"      <summary xml:lang=\"en\">Nothing changed between the two profiles.</summary>",
	"    </revision>",
	NULL
};

static const char *const more_text_en[] = {
	"- The company name changed from Akiba Sensing Co., Ltd. to Akiba Sensing & Co., Ltd.",
	"- The company code in document numbers changed from akb to akbs.",
	"- The financial year now starts in January instead of April.",
	"- The classification shown on every page changed from Confidential to Internal use only.",
	"- The job title of Naoki Takahashi changed from Senior Firmware Engineer to Firmware Team Leader.",
	"- The e-mail address of Naoki Takahashi changed from takahashi@example.co.jp to not set.",
	"- The deputy of Sho Ito changed from Misaki Sato to none.",
	"- Removed Megumi Yamamoto from the organisation.",
	"- The duties of Firmware Security Champion changed.",
	"- Firmware Security Champion now reports to Product Security Manager instead of Development Lead.",
	"- Added the company’s own role Cloud Security Lead.",
	"- Chia-Hao Lin no longer holds the role PSIRT (vulnerability response).",
	"- Chia-Hao Lin now holds the role Cloud Security Lead.",
	"- Sho Ito now also holds the role Quality Assurance and Verification Lead.",
	"- Procurement and Supplier Management is now vacant; it was held by Megumi Yamamoto.",
	"- Verify against the requirements: Quality Assurance and Verification Lead is now accountable and responsible (A/R) instead of responsible (R).",
	"- Verify against the requirements: Product Security Manager is now not involved instead of accountable (A).",
	"- Added United Kingdom, United States to the markets of NC-200 Indoor Network Camera.",
	"- Removed EU from the markets of NC-200 Indoor Network Camera.",
	"- The connectivity of NC-200 Indoor Network Camera changed from Wi-Fi, Ethernet to Ethernet, Wi-Fi, LTE.",
	"- The data NC-200 Indoor Network Camera handles changed from Video, Audio, Personal data, Credentials to Video, Personal data, Credentials.",
	"- How NC-200 Indoor Network Camera is updated changed from Over the internet from the Company’s update server (OTA) to Local update (through the app or at the device).",
	"- The end of support for NC-200 Indoor Network Camera changed from 31 March 2031 to 31 March 2032.",
	"- How NC-200 Indoor Network Camera reaches the internet changed from Behind the customer’s router to Directly, on a carrier’s network (own SIM or line).",
	"- The interfaces of ES-10 Environmental Sensor changed from Mobile app, Physical buttons to none.",
	"- The end of support for ES-10 Environmental Sensor changed from 31 March 2030 to not set.",
	"- Added the supplier Kanda Cloud Services K.K.",
	"- What Minato Electronics Vietnam Co., Ltd. supplies is now: Board assembly and outgoing inspection.",
	"- The products Minato Electronics Vietnam Co., Ltd. works on changed from NC-200 Indoor Network Camera, ES-10 Environmental Sensor, AR-500 LTE Router for Business to NC-200 Indoor Network Camera.",
	"- Removed the supplier Formosa Embedded Technology Co., Ltd.",
	"- The e-mail address for vulnerability reports changed from psirt@example.co.jp to security@example.co.jp.",
	"- The web page for vulnerability reports changed from https://www.example.co.jp/security/report/ to not set.",
	"- The address of the published disclosure policy changed from https://www.example.co.jp/security/policy/ to https://www.example.co.jp/psirt/policy/.",
	"- The languages reports are accepted in changed from Japanese, English to Japanese, English, Chinese.",
	"- The target for acknowledging a report changed from 3 business days to 1 business day.",
	"- The target for the initial assessment of a report changed from 10 business days to 5 business days.",
	"- The target for making a fix or mitigation available changed from 90 calendar days to 60 calendar days.",
	"- The policy is now reviewed every 6 months instead of every 12 months.",
	"- The year of the training plan changed from not set to 2026 financial year.",
	"- The length of a session of Secure Coding in Embedded C changed from the standard setting to 3 hours.",
	"- The month Secure Coding in Embedded C is held in changed from the standard setting to October.",
	"- The instructor of Secure Coding in Embedded C changed from the standard setting to Naoki Takahashi.",
	"- Added the course Cloud basics to the training plan.",
	"- Added revision 1.2 to the history.",
	"- The approval was withdrawn: the policy is a draft again.",
	NULL
};

static const char *const more_text_ja[] = {
	"- 会社名をAkiba Sensing Co., Ltd.からAkiba Sensing & Co., Ltd.に変更した。",
	"- 文書番号に用いる会社コードをakbからakbsに変更した。",
	"- 事業年度の開始月を4月から1月に変更した。",
	"- 各ページに表示する機密区分をConfidentialからInternal use onlyに変更した。",
	"- 高橋 直樹の役職を開発部 ファームウェアグループ 主任から開発部 ファームウェアグループ リーダーに変更した。",
	"- 高橋 直樹のメールアドレスをtakahashi@example.co.jpから未設定に変更した。",
	"- 伊藤 翔の代行者を佐藤 美咲からなしに変更した。",
	"- 山本 恵を体制から外した。",
	"- ファームウェアセキュリティ推進担当の職務を変更した。",
	"- ファームウェアセキュリティ推進担当の報告先を開発責任者から製品セキュリティ責任者に変更した。",
	"- 独自の役割としてクラウドセキュリティ担当を設けた。",
	"- 林 家豪がPSIRT（脆弱性対応）から外れた。",
	"- クラウドセキュリティ担当に林 家豪を任命した。",
	"- 品質保証・検証責任者に伊藤 翔を追加で任命した。",
	"- 調達・委託先管理が未任命となった（前任：山本 恵）。",
	"- 要件に基づく検証：品質保証・検証責任者を実行責任者（R）から説明責任者・実行責任者（A/R）に変更した。",
	"- 要件に基づく検証：製品セキュリティ責任者を説明責任者（A）から関与なしに変更した。",
	"- 屋内用ネットワークカメラ NC-200の販売地域に英国、米国を加えた。",
	"- 屋内用ネットワークカメラ NC-200の販売地域からEUを外した。",
	"- 屋内用ネットワークカメラ NC-200の通信方式をWi-Fi、有線LANから有線LAN、Wi-Fi、LTEに変更した。",
	"- 屋内用ネットワークカメラ NC-200が扱うデータを映像、音声、個人情報、認証情報から映像、個人情報、認証情報に変更した。",
	"- 屋内用ネットワークカメラ NC-200の更新方法を当社の更新サーバーからインターネット経由（OTA）からローカル更新（アプリ経由又は機器に直接）に変更した。",
	"- 屋内用ネットワークカメラ NC-200のサポート期限を2031年3月31日から2032年3月31日に変更した。",
	"- 屋内用ネットワークカメラ NC-200のインターネットへの接続経路を利用者のルーター配下から電気通信事業者の回線に直接接続（本体のSIM又は直結した回線による）に変更した。",
	"- 環境センサー ES-10のインターフェースをスマートフォンアプリ、物理ボタンからなしに変更した。",
	"- 環境センサー ES-10のサポート期限を2030年3月31日から未設定に変更した。",
	"- 委託先・供給元として神田クラウドサービス株式会社を追加した。",
	"- ミナト・エレクトロニクス・ベトナム有限会社への委託・供給の内容を「Board assembly and outgoing inspection」に変更した。",
	"- ミナト・エレクトロニクス・ベトナム有限会社が関わる製品を屋内用ネットワークカメラ NC-200、環境センサー ES-10、法人向けLTEルーター AR-500から屋内用ネットワークカメラ NC-200に変更した。",
	"- 委託先・供給元からフォルモサ・エンベデッド・テクノロジー社を外した。",
	"- 脆弱性報告の受付メールアドレスをpsirt@example.co.jpからsecurity@example.co.jpに変更した。",
	"- 脆弱性報告の受付ページをhttps://www.example.co.jp/security/report/から未設定に変更した。",
	"- 公開している脆弱性開示方針のURLをhttps://www.example.co.jp/security/policy/からhttps://www.example.co.jp/psirt/policy/に変更した。",
	"- 報告を受け付ける言語を日本語、英語から日本語、英語、中国語に変更した。",
	"- 報告者への受領連絡の目標を3営業日から1営業日に変更した。",
	"- 報告の初期評価の目標を10営業日から5営業日に変更した。",
	"- 修正又は回避策の提供の目標を90日から60日に変更した。",
	"- 方針の見直しの間隔を12か月から6か月に変更した。",
	"- 研修計画の対象年度を未設定から2026年度に変更した。",
	"- 組込みC言語のセキュアコーディングの1回の時間を標準の設定から3時間に変更した。",
	"- 組込みC言語のセキュアコーディングの実施月を標準の設定から10月に変更した。",
	"- 組込みC言語のセキュアコーディングの講師を標準の設定から高橋 直樹に変更した。",
	"- 研修計画にクラウドの基礎を追加した。",
	"- 改訂履歴に第1.2版を追加した。",
	"- 承認を取り消した（本方針は再び案となった）。",
	NULL
};

/* The lines joined, each ended by a line feed. Caller frees. */
static char *lines(const char *const *v)
{
	struct buf b = BUF_INIT;

	for (; *v; v++)
		ck_assert_int_eq(buf_printf(&b, "%s\n", *v), 0);
	return buf_detach(&b, NULL);
}

/* diff_run on two files of the source tree; the output, or NULL when it
 * returned SP_EINPUT (d then holds the errors). Caller frees. */
static char *run(const char *old_rel, const char *new_rel, const char *lang,
		 enum diff_format format, struct diag *d)
{
	struct buf out = BUF_INIT;
	int rc = diff_run(test_path(old_rel), test_path(new_rel), TEST_SRCDIR, lang,
			  format, &out, d);

	if (rc != SP_OK) {
		ck_assert_int_eq(rc, SP_EINPUT);
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

static void check_output(const char *old_rel, const char *new_rel, const char *lang,
			 enum diff_format format, const char *const *expected)
{
	struct diag d = DIAG_INIT;
	char *got = run(old_rel, new_rel, lang, format, &d);
	char *want = lines(expected);

	if (!got)
		diag_print(&d, stderr);
	ck_assert_msg(got != NULL, "diff_run failed: %zu errors", d.errors);
	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(d.errors, 0);
	free(got);
	free(want);
	diag_free(&d);
}

START_TEST(test_pair_text_en)
{
	check_output(OLD, NEW, "en", DIFF_TEXT, pair_text_en);
}
END_TEST

START_TEST(test_pair_text_ja)
{
	check_output(OLD, NEW, "ja", DIFF_TEXT, pair_text_ja);
}
END_TEST

START_TEST(test_pair_revision_en)
{
	check_output(OLD, NEW, "en", DIFF_REVISION, pair_revision_en);
}
END_TEST

START_TEST(test_pair_revision_ja)
{
	check_output(OLD, NEW, "ja", DIFF_REVISION, pair_revision_ja);
}
END_TEST

/* The same profile: one line, no bullet. */
START_TEST(test_same_text)
{
	static const char *const en[] = { "Nothing changed between the two profiles.", NULL };
	static const char *const ja[] = { "2つのプロファイルの間に変更はない。", NULL };

	check_output(OLD, OLD, "en", DIFF_TEXT, en);
	check_output(NEW, NEW, "ja", DIFF_TEXT, ja);
}
END_TEST

/* Without a later approval the date is the last revision's. */
START_TEST(test_same_revision)
{
	check_output(OLD, OLD, "en", DIFF_REVISION, same_revision_en);
}
END_TEST

START_TEST(test_more_text_en)
{
	check_output(OLD, MORE, "en", DIFF_TEXT, more_text_en);
}
END_TEST

START_TEST(test_more_text_ja)
{
	check_output(OLD, MORE, "ja", DIFF_TEXT, more_text_ja);
}
END_TEST

/* The Japanese summary of more.xml is longer than a <summary> may be. */
START_TEST(test_more_revision_too_long)
{
	struct diag d = DIAG_INIT;
	char *got = run(OLD, MORE, "en", DIFF_REVISION, &d);

	ck_assert_ptr_nonnull(got);
	ck_assert_ptr_nonnull(strstr(got, "\n      <!-- This summary has "));
	ck_assert_ptr_nonnull(strstr(got, " characters; a summary may have at most 1000: shorten it. -->\n"
				     "      <summary xml:lang=\"ja\">"));
	{
		/* Characters, not bytes: the Japanese summary's count is far
		 * below its UTF-8 size (about three bytes a character). */
		const char *ja = strstr(got, "<summary xml:lang=\"ja\">"), *c = ja, *text;
		long n;
		while (c > got && strncmp(c, "This summary has ", 17) != 0)
			c--;
		n = strtol(c + 17, NULL, 10);
		text = ja + strlen("<summary xml:lang=\"ja\">");
		ck_assert_int_gt(n, 1000);
		ck_assert_int_lt(n, (long)(strstr(text, "</summary>") - text) / 2);
	}
	ck_assert_ptr_nonnull(strstr(got, "&amp; Co., Ltd."));
	free(got);
	diag_free(&d);
}
END_TEST

/* The draft, pasted into the new profile's <revisions>, gives a valid
 * profile whose last revision is the draft. */
START_TEST(test_revision_pastes)
{
	char path[] = "/tmp/secpolgen-diff-XXXXXX";
	struct buf text = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct catalog *cat = catalog_load(test_path("policy-templates"), &d);
	struct profile *p;
	char *draft = lines(pair_revision_en), *end;
	const struct revision *r;
	FILE *f;
	int fd = mkstemp(path);

	ck_assert_ptr_nonnull(cat);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(buf_read_file(&text, test_path(NEW), 1u << 20), 0);
	end = strstr(text.data, "  </revisions>");
	ck_assert_ptr_nonnull(end);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "%.*s%s%s", (int)(end - text.data), text.data, draft, end);
	ck_assert_int_eq(fclose(f), 0);
	p = profile_load(path, &cat->builtins, &d);
	if (!p)
		diag_print(&d, stderr);
	ck_assert_ptr_nonnull(p);
	r = &p->revisions[p->nrevisions - 1];
	ck_assert_str_eq(r->number, "1.2");
	ck_assert_str_eq(r->date, "2026-09-28");
	ck_assert_str_eq(r->author, "suzuki");
	ck_assert_str_eq(ltext_get(&r->summary, "en"),
			 "Added Sakura Kobayashi (Verification Engineer) to the organisation. "
			 "Kenta Suzuki replaced Misaki Sato as Product Security Manager. "
			 "Develop fixes: Firmware Security Champion is now responsible (R) instead of consulted (C). "
			 "Added the product SH-1 Smart Home Hub (markets: EU). "
			 "The target for acknowledging a report changed from 3 business days to 2 business days. "
			 "The policy was approved by Ichiro Tanaka on 28 September 2026.");
	unlink(path);
	profile_free(p);
	catalog_free(cat);
	buf_free(&text);
	free(draft);
	diag_free(&d);
}
END_TEST

/* A profile with errors: 1, and every error, located as check reports
 * it; the other profile is read too. */
START_TEST(test_invalid_profile)
{
	struct diag d = DIAG_INIT;
	size_t n;

	ck_assert_ptr_null(run(OLD, "tests/diff/broken.xml", "en", DIFF_TEXT, &d));
	ck_assert_uint_eq(d.errors, 2);
	ck_assert_uint_eq(d.n, 2);
	n = strlen(d.v[0].file);
	ck_assert_uint_ge(n, strlen("tests/diff/broken.xml"));
	ck_assert_str_eq(d.v[0].file + n - strlen("tests/diff/broken.xml"), "tests/diff/broken.xml");
	ck_assert_int_eq(d.v[0].line, 16);
	ck_assert_int_eq(d.v[0].col, 37);
	ck_assert_str_eq(d.v[0].msg, "person \"sato\" is not defined (assign/@person); defined people: tanaka");
	ck_assert_str_eq(d.v[1].file, d.v[0].file);
	ck_assert_int_eq(d.v[1].line, 19);
	ck_assert_int_eq(d.v[1].col, 56);
	ck_assert_str_eq(d.v[1].msg, "invalid date \"2031-02-30\" (product/@support-until): February 2031 has 28 days");
	diag_free(&d);

	/* Both broken: the errors of both. */
	ck_assert_ptr_null(run("tests/diff/broken.xml", "tests/diff/broken.xml", "ja",
			       DIFF_REVISION, &d));
	ck_assert_uint_eq(d.errors, 4);
	diag_free(&d);
}
END_TEST

START_TEST(test_bad_language)
{
	struct diag d = DIAG_INIT;

	ck_assert_ptr_null(run(OLD, NEW, "../en", DIFF_TEXT, &d));
	ck_assert_uint_eq(d.errors, 1);
	diag_free(&d);
	ck_assert_ptr_null(run(OLD, NEW, "fr", DIFF_TEXT, &d));
	ck_assert_uint_ge(d.errors, 1);
	diag_free(&d);
}
END_TEST

Suite *diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("diff");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pair_text_en);
	tcase_add_test(tc, test_pair_text_ja);
	tcase_add_test(tc, test_pair_revision_en);
	tcase_add_test(tc, test_pair_revision_ja);
	tcase_add_test(tc, test_same_text);
	tcase_add_test(tc, test_same_revision);
	tcase_add_test(tc, test_more_text_en);
	tcase_add_test(tc, test_more_text_ja);
	tcase_add_test(tc, test_more_revision_too_long);
	tcase_add_test(tc, test_revision_pastes);
	tcase_add_test(tc, test_invalid_profile);
	tcase_add_test(tc, test_bad_language);
	suite_add_tcase(s, tc);
	return s;
}
