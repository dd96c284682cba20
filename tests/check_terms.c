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

Suite *terms_suite(void)
{
	Suite *s = suite_create("terms");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_each_variant_is_caught);
	tcase_add_test(tc, test_reviewed_variants);
	tcase_add_test(tc, test_bad_termbases);
	suite_add_tcase(s, tc);
	return s;
}
