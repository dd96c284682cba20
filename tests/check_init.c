/* check_init.c - init_run, the questionnaire of `secpolgen init`: the
 * answers in tests/init/<lang>.answers (Japanese and English) give exactly the
 * profile and the transcript beside them (UPDATE=1 rewrites those; review
 * the diff), a profile that loads without an error and builds; a bad
 * answer from a file stops the run naming its line and question; a
 * terminal is asked again; an existing output is kept; answers that end
 * early, at any question, write nothing. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "cmd/build.h"
#include "model/catalog.h"
#include "check_suites.h"
#include "base/diag.h"
#include "cmd/init.h"
#include "l10n/messages.h"
#include "profile/profile.h"

#define LINES_MAX 128

static char tmpdir[256];

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/secpolgen-init-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *slurp(const char *path)
{
	struct buf b = BUF_INIT;

	if (buf_read_file(&b, path, 1 << 20) < 0)
		return NULL;
	return buf_detach(&b, NULL);
}

/* tmpdir/name (one of 4 static buffers in turn). */
static const char *out_path(const char *name)
{
	static char paths[4][512];
	static unsigned next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof(paths[0]), "%s/%s", tmpdir, name);
	return p;
}

/* The files in tmpdir. */
static int files_in_tmpdir(void)
{
	DIR *dp = opendir(tmpdir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	while ((e = readdir(dp)))
		n += e->d_name[0] != '.';
	closedir(dp);
	return n;
}

/* The lines of tests/init/name (the line ends taken off), in a copy the
 * tests may change: lines[i] for line i + 1. */
struct answers {
	char *text;
	char *lines[LINES_MAX];
	size_t n;
};

static void answers_read(struct answers *a, const char *name)
{
	char rel[256], *p;

	snprintf(rel, sizeof(rel), "tests/init/%s", name);
	a->text = slurp(test_path(rel));
	ck_assert_msg(a->text != NULL, "cannot read %s", rel);
	a->n = 0;
	for (p = a->text; *p; a->n++) {
		ck_assert_uint_lt(a->n, LINES_MAX);
		a->lines[a->n] = p;
		p += strcspn(p, "\n");
		if (*p)
			*p++ = '\0';
	}
}

/* Lines first .. first + n - 1, each ended by a line feed (caller frees). */
static char *answers_join(const struct answers *a, size_t first, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;

	ck_assert_int_eq(buf_put(&b, "", 0), 0);
	for (i = first; i < first + n && i < a->n; i++)
		ck_assert_int_eq(buf_printf(&b, "%s\n", a->lines[i]), 0);
	return buf_detach(&b, NULL);
}

/* Runs init_run in lang on answers, writing tmpdir/profile.xml. The
 * transcript (what it printed, tmpdir/ taken out) goes to *transcript
 * when that is not NULL (caller frees); what it reported to d. */
static int run(const char *lang, const char *answers, bool interactive, const char *output,
	       char **transcript, struct diag *d)
{
	/* fmemopen refuses an empty buffer: no answers at all are /dev/null. */
	FILE *in = *answers ? fmemopen((void *)answers, strlen(answers), "r") : fopen("/dev/null", "r");
	char *text = NULL, *p;
	size_t len = 0, n = strlen(tmpdir);
	FILE *out = transcript ? open_memstream(&text, &len) : NULL;
	struct init_options o = { TEST_SRCDIR, lang, in, out, interactive, output };
	int rc;

	ck_assert_ptr_nonnull(in);
	rc = init_run(&o, d);
	fclose(in);
	if (!transcript)
		return rc;
	fclose(out);
	while ((p = strstr(text, tmpdir)))
		memmove(p, p + n + 1, strlen(p + n + 1) + 1);
	*transcript = text;
	return rc;
}

/* Everything d holds, as printed (caller frees). */
static char *printed(struct diag *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(fp);
	diag_print(d, fp);
	fclose(fp);
	return text;
}

/* got against tests/init/name; UPDATE=1 writes it. */
static void golden(const char *name, const char *got)
{
	const char *update = getenv("UPDATE");
	char rel[256], *want;

	snprintf(rel, sizeof(rel), "tests/init/%s", name);
	if (update && strcmp(update, "1") == 0) {
		FILE *fp = fopen(test_path(rel), "w");
		ck_assert_ptr_nonnull(fp);
		fputs(got, fp);
		ck_assert_int_eq(fclose(fp), 0);
	}
	want = slurp(test_path(rel));
	ck_assert_msg(want != NULL, "cannot read %s (make check UPDATE=1 writes it)", rel);
	ck_assert_msg(strcmp(want, got) == 0,
		      "%s differs from what init wrote (make check UPDATE=1 rewrites it; review the diff)",
		      rel);
	free(want);
}

/* The written profile loads without an error and every document builds. */
static void loads_and_builds(const char *path)
{
	struct diag d = DIAG_INIT;
	struct catalog *cat = catalog_load(test_path("policy-templates"), &d);
	struct profile *p;
	char *text;

	ck_assert_ptr_nonnull(cat);
	p = profile_load(path, &cat->builtins, &d);
	text = printed(&d);
	ck_assert_msg(p != NULL && d.errors == 0, "the profile has errors:\n%s", text);
	free(text);
	profile_free(p);
	catalog_free(cat);
	diag_free(&d);
	ck_assert_int_eq(build_check(path, NULL, NULL, TEST_SRCDIR, &d), SP_OK);
	ck_assert_uint_eq(d.errors, 0);
	diag_free(&d);
}

/* The answers of lang give the expected profile and transcript. */
static void questionnaire(const char *lang)
{
	struct answers a;
	struct diag d = DIAG_INIT;
	char name[64], *answers, *transcript, *profile, *errors;
	const char *path = out_path("profile.xml");

	snprintf(name, sizeof(name), "%s.answers", lang);
	answers_read(&a, name);
	answers = answers_join(&a, 0, a.n);
	ck_assert_int_eq(run(lang, answers, false, path, &transcript, &d), SP_OK);
	errors = printed(&d);
	ck_assert_msg(d.errors == 0 && d.warnings == 0, "%s", errors);
	snprintf(name, sizeof(name), "%s.transcript", lang);
	golden(name, transcript);
	profile = slurp(path);
	ck_assert_ptr_nonnull(profile);
	snprintf(name, sizeof(name), "%s.expected.xml", lang);
	golden(name, profile);
	ck_assert_int_eq(files_in_tmpdir(), 1); /* no temporary file left */
	loads_and_builds(path);
	free(profile);
	free(transcript);
	free(errors);
	free(answers);
	free(a.text);
	diag_free(&d);
}

START_TEST(test_japanese)
{
	questionnaire("ja");
}
END_TEST

START_TEST(test_english)
{
	questionnaire("en");
}
END_TEST

/* One answer of ja.answers replaced: the run stops at it (exit 1),
 * saying which line and which question, and why; nothing is written. */
static const struct {
	size_t line;
	const char *answer;
	const char *says; /* in the message, after 回答の N 行目（ */
} bad[] = {
	{ 2, "", "会社名（英語））: 回答が必要です。" },
	{ 3, "Akiba Sensing", "文書番号に使う会社コード（英小文字・数字・ハイフンで 16 文字まで））: 英小文字・数字・ハイフンを 16 文字以内で" },
	{ 4, "四十", "従業員数）: 1 から 1000000 までの整数を入力してください。" },
	{ 4, "0", "従業員数）: 1 から 1000000 までの整数" },
	{ 5, "13", "事業年度の開始月（1～12））: 1 から 12 までの整数" },
	{ 6, "機密区分がとても長い場合はどうなるのかを確かめるための四十文字を超えるラベルです。", "各ページに表示する機密区分（日本語））: 40 文字以内で" },
	{ 8, "http://www.example.co.jp/", "ウェブサイト（https://…。なければ空欄））: https://www.example.co.jp/ のような https の URL" },
	{ 9, "田中\x01一郎", "氏名（日本語））: 書き出せない文字" },
	{ 9, "\xe7\x94\xb0\xff", "氏名（日本語））: 書き出せない文字" },
	{ 13, "tanaka@", "メールアドレス）: sato@example.co.jp のようなメールアドレス" },
	{ 20, "31", "報告の受領を連絡するまでの営業日数（1～30））: 1 から 30 までの整数" },
	{ 23, "", "1つ目の製品の名称（日本語））: 回答が必要です。" },
	{ 26, "toaster", "機器の種類（一覧の番号又は語））: 「toaster」は一覧にありません。" },
	{ 26, "99", "機器の種類（一覧の番号又は語））: 「99」は一覧にありません。" },
	{ 26, "1 2", "機器の種類（一覧の番号又は語））: 1つだけ入力してください。" },
	{ 27, "wifi 1", "通信方式（一覧の番号又は語。複数ある場合はスペースで区切る。ネットワークに一切つながらない機器は空欄））: 「wifi」が重複しています。" },
	{ 28, "", "販売する地域（一覧の番号又は語。複数ある場合はスペースで区切る））: 回答が必要です。" },
	{ 28, "JP CN", "販売する地域（一覧の番号又は語。複数ある場合はスペースで区切る））: 「CN」は一覧にありません。" },
	{ 30, "2031-02-29", "セキュリティアップデートの提供終了日（YYYY-MM-DD。未定なら空欄））: 2025-04-01 のように、実在する日付" },
	{ 31, "maybe", "利用者のルーターを介さず、通信事業者の回線に直接接続しますか（y/n））: y 又は n で答えてください。" },
	{ 43, "nc-200", "この製品の ID（英小文字・数字・ハイフン。例: nc-200））: ID nc-200 はすでに使われています。" },
	{ 43, "AR_500", "この製品の ID（英小文字・数字・ハイフン。例: nc-200））: 英小文字・数字・ハイフンを 64 文字以内で" },
	{ 54, "TWN", "所在国（英大文字2文字。例: JP、TW、VN。不明なら空欄））: JP のように英大文字2文字" },
	{ 55, "nc-200 zz-9", "担当する製品の ID（スペース区切り。nc-200 es-10 ar-500。なければ空欄））: 製品 zz-9 はありません。製品の ID は nc-200 es-10 ar-500 です。" },
	{ 64, "2025-13-01", "初版の施行日（YYYY-MM-DD））: 2025-04-01 のように、実在する日付" },
};

START_TEST(test_bad_answer)
{
	struct answers a;
	struct diag d = DIAG_INIT;
	char *answers, *text, want[1024];
	const char *path = out_path("profile.xml");
	size_t line = bad[_i].line;

	answers_read(&a, "ja.answers");
	ck_assert_uint_eq(a.n, 64);
	a.lines[line - 1] = (char *)bad[_i].answer;
	answers = answers_join(&a, 0, a.n);
	ck_assert_int_eq(run("ja", answers, false, path, NULL, &d), SP_EINPUT);
	text = printed(&d);
	snprintf(want, sizeof(want), "error: 回答の %zu 行目（%s", line, bad[_i].says);
	ck_assert_msg(strstr(text, want) != NULL, "want \"%s\"\ngot  \"%s\"", want, text);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_int_eq(files_in_tmpdir(), 0);
	free(text);
	free(answers);
	free(a.text);
	diag_free(&d);
}
END_TEST

/* In English, the error names the question in English. */
START_TEST(test_bad_answer_english)
{
	struct answers a;
	struct diag d = DIAG_INIT;
	char *answers, *text;

	answers_read(&a, "en.answers");
	a.lines[3] = (char *)"forty";
	answers = answers_join(&a, 0, a.n);
	ck_assert_int_eq(run("en", answers, false, out_path("profile.xml"), NULL, &d),
			 SP_EINPUT);
	text = printed(&d);
	ck_assert_str_eq(text, "error: line 4 of the answers, \"Number of employees\": "
			       "Type a whole number from 1 to 1000000.\n");
	ck_assert_int_eq(files_in_tmpdir(), 0);
	free(text);
	free(answers);
	free(a.text);
	diag_free(&d);
}
END_TEST

/* On a terminal a wrong answer is explained and the question asked
 * again; the profile is the same as from the right answers alone. */
START_TEST(test_interactive_asks_again)
{
	struct answers a;
	struct diag d = DIAG_INIT;
	struct buf in = BUF_INIT;
	char *head, *mid, *tail, *transcript, *profile, *want;
	const char *path = out_path("profile.xml");

	answers_read(&a, "ja.answers");
	head = answers_join(&a, 0, 3);
	mid = answers_join(&a, 3, 26);
	tail = answers_join(&a, 29, a.n);
	/* Before the employees: "forty" and "0"; before the support date: the
	 * 30th of February. */
	ck_assert_int_eq(buf_printf(&in, "%sforty\n0\n%s2031-02-30\n%s", head, mid, tail), 0);
	ck_assert_int_eq(run("ja", buf_str(&in), true, path, &transcript, &d), SP_OK);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_ptr_nonnull(strstr(transcript,
		"従業員数： 1 から 1000000 までの整数を入力してください。もう一度入力してください。\n"
		"従業員数： 1 から 1000000 までの整数を入力してください。もう一度入力してください。\n"
		"従業員数： "));
	ck_assert_ptr_nonnull(strstr(transcript, "実在する日付を YYYY-MM-DD の形で入力してください。もう一度入力してください。"));
	profile = slurp(path);
	want = slurp(test_path("tests/init/ja.expected.xml"));
	ck_assert_ptr_nonnull(profile);
	ck_assert_ptr_nonnull(want);
	ck_assert_str_eq(profile, want);
	free(profile);
	free(want);
	free(transcript);
	free(head);
	free(mid);
	free(tail);
	free(a.text);
	buf_free(&in);
	diag_free(&d);
}
END_TEST

/* An existing file is kept, and refused before the first question. */
START_TEST(test_existing_output_refused)
{
	struct answers a;
	struct diag d = DIAG_INIT;
	char *answers, *transcript, *text, *kept, want[1024];
	const char *path = out_path("profile.xml");
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs("ours\n", fp);
	fclose(fp);
	answers_read(&a, "en.answers");
	answers = answers_join(&a, 0, a.n);
	ck_assert_int_eq(run("en", answers, false, path, &transcript, &d), SP_EIO);
	ck_assert_str_eq(transcript, "");
	text = printed(&d);
	snprintf(want, sizeof(want),
		 "error: %s already exists; give another file name, or move it away first\n", path);
	ck_assert_str_eq(text, want);
	free(text);
	kept = slurp(path);
	ck_assert_str_eq(kept, "ours\n");
	ck_assert_int_eq(files_in_tmpdir(), 1);
	free(kept);
	free(transcript);
	free(answers);
	free(a.text);
	diag_free(&d);
}
END_TEST

/* A folder that is not there: refused before the first question. */
START_TEST(test_unwritable_output_refused)
{
	struct answers a;
	struct diag d = DIAG_INIT;
	char *answers, *transcript;

	answers_read(&a, "en.answers");
	answers = answers_join(&a, 0, a.n);
	ck_assert_int_eq(run("en", answers, false, out_path("no/such/profile.xml"), &transcript, &d),
			 SP_EIO);
	ck_assert_str_eq(transcript, "");
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_int_eq(files_in_tmpdir(), 0);
	free(transcript);
	free(answers);
	free(a.text);
	diag_free(&d);
}
END_TEST

/* Answers that end before the last question, wherever that is, give exit
 * 1 naming the question left, and write nothing. */
START_TEST(test_ended_early_writes_nothing)
{
	static const char *const langs[] = { "ja", "en" };
	struct answers a;
	size_t n, k;

	for (k = 0; k < 2; k++) {
		char name[64];
		snprintf(name, sizeof(name), "%s.answers", langs[k]);
		answers_read(&a, name);
		for (n = 0; n < a.n; n++) {
			struct diag d = DIAG_INIT;
			char *answers = answers_join(&a, 0, n), *text;
			ck_assert_int_eq(run(langs[k], answers, n % 2, out_path("profile.xml"), NULL, &d),
					 SP_EINPUT);
			text = printed(&d);
			ck_assert_msg(strstr(text, k ? "the answers ended before \"" : "」に答える前に入力が終わった"),
				      "%s after %zu lines: %s", name, n, text);
			ck_assert_uint_eq(d.errors, 1);
			ck_assert_int_eq(files_in_tmpdir(), 0);
			free(text);
			free(answers);
			diag_free(&d);
		}
		free(a.text);
	}
}
END_TEST

/* The same answers with Windows line ends and a byte order mark. */
START_TEST(test_crlf_and_bom)
{
	struct answers a;
	struct diag d = DIAG_INIT;
	struct buf in = BUF_INIT;
	char *profile, *want;
	size_t i;
	const char *path = out_path("profile.xml");

	answers_read(&a, "en.answers");
	ck_assert_int_eq(buf_puts(&in, "\xEF\xBB\xBF"), 0);
	for (i = 0; i < a.n; i++)
		ck_assert_int_eq(buf_printf(&in, "%s\r\n", a.lines[i]), 0);
	ck_assert_int_eq(run("en", buf_str(&in), false, path, NULL, &d), SP_OK);
	profile = slurp(path);
	want = slurp(test_path("tests/init/en.expected.xml"));
	ck_assert_ptr_nonnull(profile);
	ck_assert_ptr_nonnull(want);
	ck_assert_str_eq(profile, want);
	free(profile);
	free(want);
	free(a.text);
	buf_free(&in);
	diag_free(&d);
}
END_TEST

/* A person's id is the family name of their English name, made unique
 * with -2; without an English name it is asked for, folded to lower case
 * and single hyphens, and refused when taken. */
START_TEST(test_person_ids)
{
	struct answers a;
	struct diag d = DIAG_INIT;
	struct buf in = BUF_INIT;
	char *answers, *profile, *text, *head, *tail;
	const char *path = out_path("profile.xml");

	answers_read(&a, "ja.answers");
	a.lines[15] = (char *)"Hanako Tanaka"; /* the manager; the executive is tanaka */
	answers = answers_join(&a, 0, a.n);
	ck_assert_int_eq(run("ja", answers, false, path, NULL, &d), SP_OK);
	profile = slurp(path);
	ck_assert_ptr_nonnull(strstr(profile, "<person id=\"tanaka-2\">"));
	ck_assert_ptr_nonnull(strstr(profile, "<assign role=\"security-manager\" person=\"tanaka-2\"/>"));
	ck_assert_ptr_nonnull(strstr(profile, "author=\"tanaka-2\""));
	free(profile);
	free(answers);
	ck_assert_int_eq(unlink(path), 0);

	a.lines[15] = (char *)"";
	head = answers_join(&a, 0, 16);
	tail = answers_join(&a, 16, a.n);
	ck_assert_int_eq(buf_printf(&in, "%sTanaka\n%s", head, tail), 0);
	ck_assert_int_eq(run("ja", buf_str(&in), false, path, NULL, &d), SP_EINPUT);
	text = printed(&d);
	ck_assert_str_eq(text, "error: 回答の 17 行目（この人の ID（英小文字・数字・ハイフン。例: tanaka））: "
			       "ID tanaka はすでに使われています。別の ID を入力してください。\n");
	free(text);
	diag_free(&d);
	ck_assert_int_eq(files_in_tmpdir(), 0);

	buf_reset(&in);
	ck_assert_int_eq(buf_printf(&in, "%sSato--Misaki\n%s", head, tail), 0);
	ck_assert_int_eq(run("ja", buf_str(&in), false, path, NULL, &d), SP_OK);
	profile = slurp(path);
	ck_assert_ptr_nonnull(strstr(profile, "<person id=\"sato-misaki\">\n"
					      "      <name xml:lang=\"ja\">佐藤 美咲</name>\n"
					      "      <title xml:lang=\"ja\">"));
	free(profile);
	free(head);
	free(tail);
	free(a.text);
	buf_free(&in);
	diag_free(&d);
}
END_TEST

Suite *init_suite(void)
{
	Suite *s = suite_create("init");
	TCase *tc = tcase_create("questionnaire");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_japanese);
	tcase_add_test(tc, test_english);
	tcase_add_loop_test(tc, test_bad_answer, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_bad_answer_english);
	tcase_add_test(tc, test_interactive_asks_again);
	tcase_add_test(tc, test_existing_output_refused);
	tcase_add_test(tc, test_unwritable_output_refused);
	tcase_add_test(tc, test_ended_early_writes_nothing);
	tcase_add_test(tc, test_crlf_and_bom);
	tcase_add_test(tc, test_person_ids);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
