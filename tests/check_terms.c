/* check_terms.c - the termbase (locales/terms.tbx): it loads; each of
 * its forbidden variants, planted in a message of its language, is
 * found at the message's line, and the preferred term is not; a
 * termbase that is not TBX, or whose entry has no preferred term, is
 * refused at its place. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_suites.h"
#include "base/diag.h"
#include "base/buf.h"
#include "l10n/cite.h"
#include "l10n/register.h"
#include "l10n/terms.h"

static struct termbase *load_real(struct diag *d)
{
	struct termbase *t = terms_load(test_path("locales/terms.tbx"), d);

	ck_assert_ptr_nonnull(t);
	ck_assert_uint_gt(t->n, 0);
	return t;
}

/* Each forbidden variant, in a sentence of its language, is an error at
 * the sentence's line; the sentence with the preferred term is clean. */
START_TEST(test_each_variant_is_caught)
{
	struct diag d = DIAG_INIT;
	struct termbase *t = load_real(&d);
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct term_rule *r = &t->v[i];
		char planted[512], clean[512], want[256];
		struct diag found = DIAG_INIT;

		snprintf(planted, sizeof(planted), "Before %s after.", r->forbidden);
		snprintf(clean, sizeof(clean), "Before %s after.", r->preferred);
		ck_assert_uint_eq(terms_check(t, r->lang, planted, "x.xlf", 42, &found), 1);
		ck_assert_int_eq(found.v[0].line, 42);
		snprintf(want, sizeof(want), "\"%s\" is not used for %s: write \"%s\"", r->forbidden,
			 r->concept, r->preferred);
		ck_assert_msg(strstr(found.v[0].msg, want), "%s: %s", r->forbidden, found.v[0].msg);
		/* Only its language's rules apply to a text. */
		ck_assert_uint_eq(terms_check(t, "xx", planted, "x.xlf", 42, &found), 0);
		diag_free(&found);
		ck_assert_uint_eq(terms_check(t, r->lang, clean, "x.xlf", 42, &found), 0);
		diag_free(&found);
	}
	terms_free(t);
	diag_free(&d);
}
END_TEST

/* The variants the reviewers found (issue 21) are all in the termbase. */
START_TEST(test_reviewed_variants)
{
	static const char *const ja[] = { "脆弱性開示ポリシー", "EUサイバーレジリエンス法", "EU CRA",
					  "CSIRTコーディネーター", "および", "または", "以内（暦日）" };
	struct diag d = DIAG_INIT;
	struct termbase *t = load_real(&d);
	size_t i;

	for (i = 0; i < sizeof(ja) / sizeof(ja[0]); i++) {
		struct diag found = DIAG_INIT;
		char text[128];
		snprintf(text, sizeof(text), "当社は%sを定める。", ja[i]);
		ck_assert_msg(terms_check(t, "ja", text, "ja.xlf", 1, &found) >= 1, "%s", ja[i]);
		diag_free(&found);
	}
	{
		struct diag found = DIAG_INIT;
		ck_assert_uint_eq(terms_check(t, "en", "the unit's password", "en.xlf", 1, &found), 1);
		ck_assert_uint_eq(terms_check(t, "en", "the unit’s password", "en.xlf", 1, &found), 0);
		diag_free(&found);
	}
	terms_free(t);
	diag_free(&d);
}
END_TEST

static char *write_tmp(const char *text)
{
	char *path = strdup("/tmp/check-terms.XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	fputs(text, f);
	fclose(f);
	return path;
}

START_TEST(test_bad_termbases)
{
	struct diag d = DIAG_INIT;
	char *path = write_tmp("<?xml version=\"1.0\"?>\n<tbx/>\n");

	ck_assert_ptr_null(terms_load(path, &d));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "the root element must be <martif>"));
	ck_assert_int_eq(d.v[0].line, 2);
	unlink(path);
	free(path);
	diag_free(&d);
	path = write_tmp("<?xml version=\"1.0\"?>\n<martif><text><body>\n"
			 "<termEntry id=\"x\"><langSet xml:lang=\"ja\">\n"
			 "<tig><term>悪い</term><termNote type=\"administrativeStatus\">"
			 "deprecatedTerm-admn-sts</termNote></tig>\n"
			 "</langSet></termEntry></body></text></martif>\n");
	ck_assert_ptr_null(terms_load(path, &d));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "the entry \"x\" has no preferred term in \"ja\""));
	ck_assert_int_eq(d.v[0].line, 3);
	unlink(path);
	free(path);
	diag_free(&d);
}
END_TEST

/* How a sentence ends, each kind once: polite forms, plain forms and
 * 体言止め, a remark in brackets looked past, a quotation, a value's tag
 * (unknown) and a section tag looked past. */
static int ending_of(const char *text)
{
	size_t at = 0;
	struct sentence s;

	ck_assert(register_next_sentence(text, &at, &s));
	return register_ending(text, s);
}

START_TEST(test_register_endings)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{ "次の研修を受講してください。", 1 },
		{ "合計4時間です。", 1 },
		{ "PSIRTに知らせます。", 1 },
		{ "誰に知らせますか。", 1 },
		{ "研修はありません。", 1 },
		{ "受け取りました。", 1 },
		{ "報告しましょう。", 1 },
		{ "次の研修を受講すること。", 0 },
		{ "合計4時間である。", 0 },
		{ "本方針は、次の製品に適用する。", 0 },
		{ "合計4時間。", 0 },
		{ "これを「脆弱性」という。", 0 },
		{ "対象とします（詳細は第3章）。", 1 },
		{ "対象とする（詳細は第3章に定めます。）。", 0 },
		{ "期限は{{deadline}}。", -1 },
		{ "{{#x}}知らせます{{/x}}。", 1 },
		{ "{{#x}}知らせる{{/x}}。", 0 },
		{ "。", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(ending_of(cases[i].text) == cases[i].want, "%s: %d, want %d",
			      cases[i].text, ending_of(cases[i].text), cases[i].want);
}
END_TEST

START_TEST(test_register_sentences)
{
	const char *t = "当社（以下「当社」という。）は、報告を受け付けます。"
			"「確認します。」と返信する。残り";
	struct sentence s;
	size_t at = 0;

	/* The 。 inside brackets ends no sentence; text after the last 。
	 * is none. */
	ck_assert(register_next_sentence(t, &at, &s));
	ck_assert_int_eq(register_ending(t, s), 1);
	ck_assert(register_next_sentence(t, &at, &s));
	ck_assert_int_eq(register_ending(t, s), 0);
	ck_assert(!register_next_sentence(t, &at, &s));
	ck_assert(register_misfit(t, true, &s));
	ck_assert_int_eq(strncmp(t + s.start, "「確認します。」", strlen("「確認します。」")), 0);
	ck_assert(register_misfit(t, false, &s));
	ck_assert_int_eq(s.start, 0);
	ck_assert(!register_misfit("受講してください。期限は{{d}}。", true, &s));
	ck_assert(!register_misfit("受講する。期限は{{d}}。", false, &s));
	ck_assert(!register_has_sentence("担当する役割"));
	ck_assert(!register_has_sentence("翻訳（原本は英語版。内容が異なる場合は原本が優先）"));
	ck_assert(register_has_sentence("原本とする。"));
}
END_TEST

/* Clauses as Japanese cites them, and English left as the catalogue
 * writes it. */
START_TEST(test_cite_japanese)
{
	static const struct {
		enum req_cite style;
		const char *ref, *ja;
	} cases[] = {
		{ REQ_CITE_LAW, "Annex I Part I (2)(b)", "X 附属書I 第I部 第2項(b)" },
		{ REQ_CITE_LAW, "Annex I Part I (2)(b), (d)", "X 附属書I 第I部 第2項(b)及び(d)" },
		{ REQ_CITE_LAW, "Annex I Part II (2), (4), (8); Art. 13(9)",
		  "X 附属書I 第II部 第2項、第4項及び第8項、第13条第9項" },
		{ REQ_CITE_LAW, "Annex I Part I (2)(a), Part II (3); Art. 13(5)",
		  "X 附属書I 第I部 第2項(a)及び第II部 第3項、第13条第5項" },
		{ REQ_CITE_LAW, "Art. 13(3), (13)", "X 第13条第3項及び第13項" },
		{ REQ_CITE_LAW, "Art. 33, 34", "X 第33条及び第34条" },
		{ REQ_CITE_LAW, "Sch. 1 para 1 (EN 303 645 V2.1.1 5.1-1, 5.1-2)",
		  "X 附則1 第1項（EN 303 645 V2.1.1 5.1-1、5.1-2）" },
		{ REQ_CITE_ITEMS, "(1)", "X第1号" },
		{ REQ_CITE_ITEMS, "scope", "Xの適用範囲" },
		{ REQ_CITE_CODES, "5.1-1, 5.1-2", "X 5.1-1、5.1-2" },
		{ REQ_CITE_CODES, "FR 1 (IAC), FR 2 (UC)", "X FR 1（IAC）、FR 2（UC）" },
		{ REQ_CITE_CODES, "EN 18031-1, -2 (6.2.5.1, 6.2.5.2)", "X EN 18031-1、-2（6.2.5.1、6.2.5.2）" },
		{ REQ_CITE_TITLES, "Software update", "X「Software update」" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		ck_assert_int_eq(cite_write(&b, "ja", cases[i].style, "X", cases[i].ref), 0);
		ck_assert_msg(strcmp(buf_str(&b), cases[i].ja) == 0, "%s: 「%s」, want 「%s」", cases[i].ref,
			      buf_str(&b), cases[i].ja);
		buf_reset(&b);
		ck_assert_int_eq(cite_write(&b, "en", cases[i].style, "X", cases[i].ref), 0);
		ck_assert_str_eq(buf_str(&b) + 2, cases[i].ref);
		buf_free(&b);
	}
}
END_TEST

Suite *terms_suite(void)
{
	Suite *s = suite_create("terms");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_each_variant_is_caught);
	tcase_add_test(tc, test_reviewed_variants);
	tcase_add_test(tc, test_bad_termbases);
	tcase_add_test(tc, test_register_endings);
	tcase_add_test(tc, test_register_sentences);
	tcase_add_test(tc, test_cite_japanese);
	suite_add_tcase(s, tc);
	return s;
}
