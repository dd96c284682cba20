/* check_messages.c - XLIFF catalogues, escaping, overrides. */
#include <string.h>

#include "base/buf.h"
#include "check_suites.h"
#include "l10n/messages.h"

START_TEST(test_source_language)
{
	struct diag d = DIAG_INIT;
	struct messages *m = messages_load(test_path("tests/locales/en.xlf"), "en", &d);
	const char *src = NULL;
	size_t len = 0;
	long line = 0;
	const char *t;

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(messages_count(m), 3);
	t = messages_get(m, "greeting", &len, &src, &line);
	/* Text is XML-escaped; the tag is left alone. */
	ck_assert_str_eq(t, "Hello, {{company.name}} &amp; R&amp;D &lt;team&gt;");
	ck_assert_uint_eq(len, strlen(t));
	ck_assert_int_eq(line, 4);
	ck_assert_str_eq(messages_raw(m, "greeting"), "Hello, {{company.name}} & R&D <team>");
	/* Units inside groups count; partial tags keep their '>'. */
	ck_assert_str_eq(messages_get(m, "nested", NULL, NULL, NULL), "{{> greeting}} again");
	ck_assert_ptr_null(messages_get(m, "nope", NULL, NULL, NULL));
	messages_free(m);
	diag_free(&d);
}
END_TEST

START_TEST(test_target_language)
{
	struct diag d = DIAG_INIT;
	struct messages *m = messages_load(test_path("tests/locales/ja.xlf"), "ja", &d);

	/* "plain" has no <target>: a located error, and no catalogue. */
	ck_assert_ptr_null(m);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_int_eq(d.v[0].line, 6);
	ck_assert(strstr(d.v[0].msg, "\"plain\"") != NULL);
	diag_free(&d);
}
END_TEST

START_TEST(test_wrong_language)
{
	struct diag d = DIAG_INIT;
	struct messages *m = messages_load(test_path("tests/locales/ja.xlf"), "fr", &d);

	ck_assert_ptr_null(m);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert(strstr(d.v[0].msg, "not \"fr\"") != NULL);
	diag_free(&d);
}
END_TEST

START_TEST(test_override)
{
	struct diag d = DIAG_INIT;
	struct messages *m = messages_load(test_path("tests/locales/en.xlf"), "en", &d);
	const char *src = NULL;
	long line = 0;

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(messages_override(m, "plain", "Ours & {{company.name}}", "p.xml", 9, 3, &d), 0);
	ck_assert_str_eq(messages_get(m, "plain", NULL, &src, &line), "Ours &amp; {{company.name}}");
	ck_assert_str_eq(src, "p.xml");
	ck_assert_int_eq(line, 9);
	ck_assert_int_eq(messages_override(m, "missing", "x", "p.xml", 10, 5, &d), -1);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_int_eq(d.v[0].line, 10);
	ck_assert_int_eq(d.v[0].col, 5);
	messages_free(m);
	diag_free(&d);
}
END_TEST

START_TEST(test_lang_tags)
{
	ck_assert(messages_lang_ok("ja"));
	ck_assert(messages_lang_ok("pt-BR"));
	ck_assert(!messages_lang_ok("../x"));
	ck_assert(!messages_lang_ok("a/b"));
	ck_assert(!messages_lang_ok("j"));
	ck_assert(!messages_lang_ok("-ja"));
	ck_assert(!messages_lang_ok(""));
}
END_TEST

struct recorded {
	struct buf found, missed;
};

static void record(void *ctx, const char *id, bool found)
{
	struct recorded *r = ctx;

	ck_assert_int_eq(buf_printf(found ? &r->found : &r->missed, "%s ", id), 0);
}

/* The lint's recorder hears every lookup, found or not, until it is
 * taken away; the override's lookup is not one. */
START_TEST(test_record)
{
	struct diag d = DIAG_INIT;
	struct messages *m = messages_load(test_path("tests/locales/en.xlf"), "en", &d);
	struct recorded r = { BUF_INIT, BUF_INIT };
	size_t len;
	const char *src;
	long line;

	ck_assert_ptr_nonnull(m);
	messages_record(record, &r);
	ck_assert_int_eq(messages_override(m, "plain", "Ours", "p.xml", 9, 3, &d), 0);
	messages_raw(m, "greeting");
	messages_get(m, "nope", NULL, NULL, NULL);
	messages_partial(m, "nested", &len, &src, &line);
	messages_record(NULL, NULL);
	messages_raw(m, "plain");
	ck_assert_str_eq(buf_str(&r.found), "greeting nested ");
	ck_assert_str_eq(buf_str(&r.missed), "nope ");
	buf_free(&r.found);
	buf_free(&r.missed);
	messages_free(m);
	diag_free(&d);
}
END_TEST

Suite *messages_suite(void)
{
	Suite *s = suite_create("messages");
	TCase *tc = tcase_create("xliff");

	tcase_add_test(tc, test_source_language);
	tcase_add_test(tc, test_target_language);
	tcase_add_test(tc, test_wrong_language);
	tcase_add_test(tc, test_override);
	tcase_add_test(tc, test_lang_tags);
	tcase_add_test(tc, test_record);
	suite_add_tcase(s, tc);
	return s;
}
