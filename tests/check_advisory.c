/* check_advisory.c - the advisories: versions compare part by part; the
 * example advisory loads with its scores computed; the reader's
 * mistakes are located; the CSAF writer's document holds what the
 * advisory says, in its paths and dates, and the same bytes twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_suites.h"
#include "base/buf.h"
#include "base/diag.h"
#include "model/advisory.h"
#include "model/catalog.h"
#include "profile/advisories.h"
#include "profile/profile.h"
#include "render/csaf.h"

static struct catalog *cat;

static void setup(void)
{
	struct diag d = DIAG_INIT;

	cat = catalog_load(test_path("policy-templates"), &d);
	ck_assert_ptr_nonnull(cat);
	diag_free(&d);
}

static void teardown(void)
{
	catalog_free(cat);
	cat = NULL;
}

START_TEST(test_version_cmp)
{
	ck_assert_int_lt(advisory_version_cmp("1.9", "1.10"), 0);
	ck_assert_int_gt(advisory_version_cmp("1.10", "1.9"), 0);
	ck_assert_int_eq(advisory_version_cmp("1.4.2", "1.4.2"), 0);
	ck_assert_int_eq(advisory_version_cmp("1.04", "1.4"), 0);
	ck_assert_int_lt(advisory_version_cmp("1.4", "1.4.1"), 0);
	ck_assert_int_gt(advisory_version_cmp("1.5", "1.4.3"), 0);
	ck_assert_int_lt(advisory_version_cmp("1.4", "1.4a"), 0);
	ck_assert_int_lt(advisory_version_cmp("2.0b", "2.0c"), 0);
	ck_assert_int_lt(advisory_version_cmp("9", "10"), 0);
	ck_assert_int_lt(advisory_version_cmp("99999999999999999999", "100000000000000000000"), 0);
}
END_TEST

START_TEST(test_example_advisory)
{
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins, &d);
	const struct advisory *a;
	const struct adv_vuln *v;
	int score;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(advisories_load(p, cat, test_path("examples/advisories"), true, &d), 0);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_uint_eq(p->nadvisories, 1);
	a = p->advisories[0];
	ck_assert_str_eq(a->id, "AKB-SA-2026-001");
	ck_assert_str_eq(a->slug, "akb-sa-2026-001");
	ck_assert(!a->interim);
	ck_assert_uint_eq(a->nrevisions, 2);
	ck_assert_str_eq(a->revisions[1].date, "2026-11-27");
	ck_assert_uint_eq(a->nvulns, 1);
	v = &a->vulns[0];
	ck_assert_str_eq(v->cve, "CVE-2026-40001");
	ck_assert_str_eq(v->jvn, "JVN#40000001");
	ck_assert(!v->exploited);
	ck_assert_int_eq(v->v3.cvss.version, CVSS_V3_1);
	ck_assert_int_eq(v->v3.cvss.base_score, 80);
	ck_assert_int_eq(v->v4.cvss.version, CVSS_V4_0);
	ck_assert_int_eq(v->v4.cvss.score, 86);
	ck_assert_int_eq(advisory_severity(v, &score), CVSS_SEV_HIGH);
	ck_assert_int_eq(score, 86); /* v4.0 where there is one */
	ck_assert_uint_eq(v->naffected, 1);
	ck_assert_str_eq(v->affected[0].from, "2.0.0");
	ck_assert_str_eq(v->fixed[0].version, "2.3.1");
	profile_free(p);
	diag_free(&d);
}
END_TEST

/* A folder of one advisory with text as tst-sa-2026-001.xml beside the
 * example; what d says, files named by their base name. */
static char *load_text(const char *text, size_t *errors)
{
	char dir[] = "/tmp/check-advisory.XXXXXX", path[64];
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins, &d);
	struct buf b = BUF_INIT;
	FILE *f;
	size_t i;

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/tst-sa-2026-001.xml", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	ck_assert_int_eq(advisories_load(p, cat, dir, true, &d), d.errors ? -1 : 0);
	ck_assert_uint_eq(p->nadvisories, 0u + !d.errors);
	*errors = d.errors;
	for (i = 0; i < d.n; i++)
		if (d.v[i].level == DIAG_ERROR)
			buf_printf(&b, "%ld:%ld: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
	unlink(path);
	rmdir(dir);
	profile_free(p);
	diag_free(&d);
	return buf_detach(&b, NULL);
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<advisory xmlns=\"urn:secpolgen:advisory:1\" version=\"1\" id=\"TST-SA-2026-001\" status=\"final\">\n" \
	"<title xml:lang=\"en\">t</title><summary xml:lang=\"en\">s</summary>\n" \
	"<revision number=\"1\" date=\"2026-02-10\"><summary xml:lang=\"en\">r</summary></revision>\n"
#define VULN(attrs, body) "<vulnerability " attrs ">\n<title xml:lang=\"en\">v</title>" \
	"<description xml:lang=\"en\">d</description>\n" body "</vulnerability>\n"

START_TEST(test_advisory_mistakes)
{
	size_t errors;
	char *s;

	/* Clean: a v3.0 vector and one version. */
	s = load_text(HEAD VULN("reported=\"2026-01-01\" exploited=\"no\"",
				"<cvss>CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</cvss>\n"
				"<affected product=\"es-10\" from=\"2.1\" to=\"2.1\"/>\n") "</advisory>\n",
		      &errors);
	ck_assert_uint_eq(errors, 0);
	free(s);
	/* A vector's fault at its column: line 7, the value Z of AV at 19. */
	s = load_text(HEAD VULN("reported=\"2026-01-01\" exploited=\"no\"",
				"<cvss>CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</cvss>\n"
				"<affected product=\"es-10\" from=\"2.1\" to=\"2.1\"/>\n") "</advisory>\n",
		      &errors);
	ck_assert_uint_eq(errors, 1);
	ck_assert_ptr_nonnull(strstr(s, "7:19: CVSS vector \"CVSS:3.1/AV:Z"));
	ck_assert_ptr_nonnull(strstr(s, "value not allowed for \"AV\""));
	free(s);
	/* Several mistakes, all reported at once. */
	s = load_text(HEAD VULN("cve=\"CVE-2026-1\" jvn=\"JVN#1\" cwe=\"CWE-0\" reported=\"2026-03-01\" "
				"exploited=\"no\"",
				"<cvss>CVSS:4.0/AV:N</cvss>\n"
				"<affected product=\"es-10\" from=\"3.0\" to=\"2.0\"/>\n"
				"<affected product=\"nope\" from=\"1\" to=\"1\"/>\n"
				"<fixed product=\"ar-500\" version=\"9\"/>\n") "</advisory>\n",
		      &errors);
	ck_assert_uint_eq(errors, 8);
	ck_assert_ptr_nonnull(strstr(s, "cve=\"CVE-2026-1\" is not a CVE id"));
	ck_assert_ptr_nonnull(strstr(s, "jvn=\"JVN#1\" is not a JVN id"));
	ck_assert_ptr_nonnull(strstr(s, "cwe=\"CWE-0\" is not a CWE id"));
	ck_assert_ptr_nonnull(strstr(s, "reported=\"2026-03-01\" is after the advisory's first revision"));
	ck_assert_ptr_nonnull(strstr(s, "mandatory metric \"AC\" missing"));
	ck_assert_ptr_nonnull(strstr(s, "to=\"2.0\" is below from=\"3.0\""));
	ck_assert_ptr_nonnull(strstr(s, "product \"nope\" is not defined"));
	ck_assert_ptr_nonnull(strstr(s, "\"ar-500\" is fixed, but no <affected>"));
	free(s);
}
END_TEST

START_TEST(test_csaf_document)
{
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins, &d);
	struct buf one = BUF_INIT, two = BUF_INIT, path = BUF_INIT, meta = BUF_INIT;
	const char *base = "https://www.example.co.jp/.well-known/csaf/";

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(advisories_load(p, cat, test_path("examples/advisories"), true, &d), 0);
	ck_assert_int_eq(advisory_csaf_path(&path, p->advisories[0]), 0);
	ck_assert_str_eq(buf_str(&path), "white/2026/akb-sa-2026-001.json");
	ck_assert_int_eq(csaf_write_advisory(&one, p, p->advisories[0], base, "0.1.0"), 0);
	ck_assert_int_eq(csaf_write_advisory(&two, p, p->advisories[0], base, "0.1.0"), 0);
	ck_assert_str_eq(buf_str(&one), buf_str(&two));
	ck_assert_ptr_nonnull(strstr(buf_str(&one), "\"tracking\":{\"current_release_date\":"
					       "\"2026-11-27T00:00:00+09:00\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&one), "\"status\":\"final\",\"version\":\"2\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&one), "\"name\":\"vers:generic/>=2.0.0|<=2.3.0\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&one), "\"baseScore\":8.0,\"baseSeverity\":\"HIGH\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&one), "\"fixed\":[\"CSAFPID-0002\"],"
					       "\"known_affected\":[\"CSAFPID-0001\"]"));
	ck_assert_ptr_nonnull(strstr(buf_str(&one), "\"url\":\"https://www.example.co.jp/.well-known/"
					       "csaf/white/2026/akb-sa-2026-001.json\""));
	ck_assert_int_eq(csaf_write_provider_metadata(&meta, p, base,
						      "https://www.example.co.jp/.well-known/csaf/"
						      "provider-metadata.json"), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&meta), "\"directory_url\":\"https://www.example.co.jp/"
						".well-known/csaf/white/\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&meta), "\"last_updated\":\"2026-11-27T00:00:00+09:00\""));
	buf_free(&one);
	buf_free(&two);
	buf_free(&path);
	buf_free(&meta);
	profile_free(p);
	diag_free(&d);
}
END_TEST

Suite *advisory_suite(void)
{
	Suite *s = suite_create("advisory");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_version_cmp);
	tcase_add_test(tc, test_example_advisory);
	tcase_add_test(tc, test_advisory_mistakes);
	tcase_add_test(tc, test_csaf_document);
	suite_add_tcase(s, tc);
	return s;
}
