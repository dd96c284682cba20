/* check_derive.c - model -> view: roles, schemes by market, dates, labels. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/catalog.h"
#include "check_suites.h"
#include "derive/derive.h"
#include "l10n/messages.h"
#include "profile/profile.h"

static struct catalog *cat;
static struct profile *prof;
static struct diag d;

static void setup(void)
{
	memset(&d, 0, sizeof(d));
	cat = catalog_load(test_path("policy-templates"), &d);
	ck_assert_ptr_nonnull(cat);
	prof = profile_load(test_path("examples/profile.xml"), &cat->builtins, &d);
	if (!prof)
		diag_print(&d, stderr);
	ck_assert_msg(prof != NULL, "example profile: %zu errors", d.errors);
}

static void teardown(void)
{
	profile_free(prof);
	catalog_free(cat);
	diag_free(&d);
}

/* The value at a dotted path ("products.0.name"); NULL when absent. */
static const struct value *at(const struct value *v, const char *path)
{
	char key[64];

	while (v && *path) {
		size_t n = strcspn(path, ".");
		ck_assert_uint_lt(n, sizeof(key));
		memcpy(key, path, n);
		key[n] = '\0';
		path += n + (path[n] == '.');
		if (value_type(v) == VALUE_LIST)
			v = value_list_at(v, (size_t)atoi(key));
		else
			v = value_map_get(v, key);
	}
	return v;
}

static const char *str(const struct value *view, const char *path)
{
	const struct value *v = at(view, path);

	ck_assert_msg(v != NULL, "no %s in the view", path);
	return value_type(v) == VALUE_STRING ? value_get_string(v) : NULL;
}

static int flag(const struct value *view, const char *path)
{
	const struct value *v = at(view, path);

	ck_assert_msg(v != NULL && value_type(v) == VALUE_BOOL, "%s is not a bool", path);
	return value_get_bool(v);
}

static struct value *view_in(const char *lang, struct messages **m)
{
	char rel[64];
	struct value *view;

	snprintf(rel, sizeof(rel), "locales/%s.xlf", lang);
	*m = messages_load(test_path(rel), lang, &d);
	ck_assert_ptr_nonnull(*m);
	view = derive_view(prof, cat, *m, lang, &d);
	ck_assert_msg(view != NULL, "derive_view(%s): %zu errors", lang, d.errors);
	return view;
}

START_TEST(test_company_and_dates)
{
	struct messages *m;
	struct value *view = view_in("ja", &m);

	ck_assert_str_eq(str(view, "lang"), "ja");
	ck_assert_str_eq(str(view, "company.name"), "株式会社アキバセンシング");
	ck_assert_str_eq(str(view, "company.other_name"), "Akiba Sensing Co., Ltd.");
	/* The effective date is the newest revision's. */
	ck_assert_str_eq(str(view, "doc.iso_date"), "2026-04-01");
	ck_assert_str_eq(str(view, "doc.date"), "2026年4月1日");
	ck_assert_str_eq(str(view, "doc.next_review"), "2027年4月1日");
	ck_assert_str_eq(str(view, "doc.revision"), "1.1");
	ck_assert_str_eq(str(view, "numbers.policy"), "AKB-SEC-01");
	ck_assert(!flag(view, "draft"));
	ck_assert_str_eq(str(view, "approval.name"), "田中 一郎");
	ck_assert_str_eq(str(view, "approval.date"), "2026年3月27日");
	value_free(view);
	messages_free(m);
}
END_TEST

START_TEST(test_english_labels)
{
	struct messages *m;
	struct value *view = view_in("en", &m);

	ck_assert_str_eq(str(view, "doc.date"), "1 April 2026");
	ck_assert_str_eq(str(view, "company.other_name"), "株式会社アキバセンシング");
	ck_assert_str_eq(str(view, "products.0.markets"), "Japan, EU");
	ck_assert_str_eq(str(view, "executive.name"), "Ichiro Tanaka");
	value_free(view);
	messages_free(m);
}
END_TEST

START_TEST(test_roles)
{
	struct messages *m;
	struct value *view = view_in("ja", &m);
	const struct value *roles = at(view, "roles");
	size_t i, n = value_list_len(roles);
	int seen_custom = 0;

	ck_assert_str_eq(str(view, "security_manager.name"), "佐藤 美咲");
	/* Built-in roles first, in catalogue order. */
	ck_assert_str_eq(str(view, "roles.0.id"), "executive");
	ck_assert_str_eq(str(view, "roles.2.id"), "psirt");
	/* One person may hold two roles; a role may have two holders. */
	ck_assert_str_eq(str(view, "roles.2.holders_text"), "佐藤 美咲、林 家豪");
	ck_assert_uint_eq(value_list_len(at(view, "roles.2.holders")), 2);
	ck_assert(!flag(view, "roles.2.vacant"));
	for (i = 0; i < n; i++) {
		const struct value *r = value_list_at(roles, i);
		if (value_get_bool(value_map_get(r, "custom"))) {
			seen_custom = 1;
			ck_assert_str_eq(value_get_string(value_map_get(r, "id")),
					 "firmware-security-champion");
		}
	}
	ck_assert(seen_custom);
	ck_assert_str_eq(str(view, "people.1.roles"), "製品セキュリティ責任者、PSIRT（脆弱性対応）");
	value_free(view);
	messages_free(m);
}
END_TEST

/* Which laws and schemes apply follows from markets and links. */
START_TEST(test_schemes_by_market)
{
	struct messages *m;
	struct value *view = view_in("en", &m);
	const struct value *s;

	/* nc-200: JP + EU, Wi-Fi behind a router: 電波法, APPI, JC-STAR,
	 * the CRA, RED and the GDPR; not the terminal-equipment rule. */
	s = at(view, "products.0.schemes");
	ck_assert_uint_eq(value_list_len(s), 6);
	ck_assert_str_eq(str(view, "products.0.schemes.0.id"), "radio-law");
	ck_assert_str_eq(str(view, "products.0.schemes.1.id"), "appi");
	ck_assert_str_eq(str(view, "products.0.schemes.2.id"), "jcstar");
	ck_assert_str_eq(str(view, "products.0.schemes.3.id"), "cra");
	ck_assert_str_eq(str(view, "products.0.schemes.4.id"), "red");
	ck_assert_str_eq(str(view, "products.0.schemes.5.id"), "gdpr");
	ck_assert_str_eq(str(view, "products.0.internet"), "Behind the customer’s router");
	/* es-10: JP, Bluetooth only: 電波法 only; no IP, so no JC-STAR. */
	ck_assert_uint_eq(value_list_len(at(view, "products.1.schemes")), 1);
	ck_assert_str_eq(str(view, "products.1.schemes.0.id"), "radio-law");
	ck_assert(flag(view, "products.1.network"));
	ck_assert_str_eq(str(view, "products.1.update"), "Through the smartphone app, over a local radio link");
	/* ar-500: JP, LTE, on the carrier's network: the terminal-equipment
	 * rule first. */
	ck_assert_str_eq(str(view, "products.2.schemes.0.id"), "terminal-equipment");
	ck_assert_str_eq(str(view, "products.2.schemes.1.id"), "radio-law");
	ck_assert_str_eq(str(view, "products.2.schemes.2.id"), "appi");
	ck_assert_str_eq(str(view, "products.2.schemes.3.id"), "jcstar");
	ck_assert(flag(view, "schemes.terminal_equipment"));
	ck_assert(flag(view, "schemes.cra"));
	ck_assert(flag(view, "schemes.red"));
	ck_assert(!flag(view, "schemes.psti"));
	ck_assert(flag(view, "markets.eu"));
	ck_assert(!flag(view, "markets.us"));
	/* The policy's laws: each that applies to a product, with them. */
	ck_assert_str_eq(str(view, "laws.0.id"), "terminal-equipment");
	ck_assert_str_eq(str(view, "laws.0.products"), "AR-500 LTE Router for Business");
	value_free(view);
	messages_free(m);
}
END_TEST

START_TEST(test_draft_without_approval)
{
	struct messages *m;
	struct value *view;

	free(prof->approval.person);
	prof->approval.person = NULL;
	view = view_in("ja", &m);
	ck_assert(flag(view, "draft"));
	ck_assert_int_eq(value_type(at(view, "approval")), VALUE_NULL);
	value_free(view);
	messages_free(m);
}
END_TEST

START_TEST(test_review_clamps_month_end)
{
	struct messages *m;
	struct value *view;

	free(prof->revisions[prof->nrevisions - 1].date);
	prof->revisions[prof->nrevisions - 1].date = strdup("2027-08-31");
	prof->review_months = 6;
	view = view_in("en", &m);
	ck_assert_str_eq(str(view, "doc.next_review"), "29 February 2028");
	value_free(view);
	messages_free(m);
}
END_TEST

/* Each document has its own history: the NC-200's and ES-10's sheets
 * were changed by revision 1.1 in their own words; the AR-500's was first
 * issued by it; the policy has both revisions; a staff sheet acknowledges
 * the policy's revision, not its own. */
START_TEST(test_history_per_document)
{
	struct messages *m;
	struct value *view = view_in("en", &m);
	const struct value *products = at(view, "products");
	size_t i;

	ck_assert_uint_eq(value_list_len(at(view, "histories.policy.revisions")), 2);
	ck_assert_str_eq(str(view, "histories.policy.doc.revision"), "1.1");
	ck_assert_str_eq(str(view, "policy_doc.revision"), "1.1");
	for (i = 0; i < value_list_len(products); i++) {
		const struct value *pr = value_list_at(products, i);
		const char *id = str(pr, "id");
		const struct value *h = at(pr, "histories.product.revisions");
		if (strcmp(id, "ar-500") == 0) {
			ck_assert_uint_eq(value_list_len(h), 1);
			ck_assert_str_eq(str(h, "0.number"), "1.1"); /* format.version in English */
			ck_assert_str_eq(str(h, "0.summary"), "First issue (revision numbers are shared by the whole set of documents).");
			ck_assert_str_eq(str(pr, "histories.product.doc.revision"), "1.1");
		} else {
			/* changed by 1.1 in its own words (<change>), not the
			 * set's summary about the AR-500 */
			ck_assert_uint_eq(value_list_len(h), 2);
			ck_assert_str_eq(str(h, "0.number"), "1.0");
			ck_assert_str_eq(str(pr, "histories.product.doc.revision"), "1.1");
			ck_assert_ptr_null(strstr(str(h, "1.summary"), "AR-500"));
			ck_assert_str_eq(str(h, "1.summary"), strcmp(id, "nc-200") == 0
				? "Reviewed the requirements and risk assessment for the reporting duties of Article 14 of the Cyber Resilience Act (from 11 September 2026) and the product’s class."
				: "Reviewed the requirements and risk assessment in the yearly review.");
		}
		/* no document's history predates its subject, or the set's next review */
		ck_assert_str_eq(str(pr, "histories.product.doc.next_review"), str(view, "doc.next_review"));
	}
	ck_assert_uint_eq(value_list_len(at(view, "staff.0.histories.staff.revisions")), 2);
	ck_assert_uint_eq(value_list_len(at(view, "handouts.0.histories.course.revisions")), 2);
	value_free(view);
	/* A revision that changed only the policy is in no other history. */
	{
		struct revision *r = &prof->revisions[1];
		struct strlist changes = r->changes, only = { 0 };
		size_t nch = r->ndoc_changes;
		ck_assert_int_eq(strlist_split("policy", &only), 0);
		r->changes = only, r->ndoc_changes = 0;
		view = derive_view(prof, cat, m, "en", &d);
		r->changes = changes, r->ndoc_changes = nch;
		strlist_free(&only);
		ck_assert_ptr_nonnull(view);
		ck_assert_uint_eq(value_list_len(at(view, "histories.policy.revisions")), 2);
		ck_assert_uint_eq(value_list_len(at(view, "histories.organization.revisions")), 1);
		ck_assert_str_eq(str(view, "histories.organization.doc.revision"), "1.0");
		ck_assert_uint_eq(value_list_len(at(view, "products.0.histories.product.revisions")), 1);
	}
	value_free(view);
	messages_free(m);
}
END_TEST

/* Which roles check names under measures 4 to 6 is the catalogue's
 * (roles.xml, measure="…"); a measure outside 1 to 6 is a located error. */
START_TEST(test_role_measures)
{
	static const char bad[] =
		"<?xml version=\"1.0\"?>\n<roles xmlns=\"urn:secpolgen:catalog:1\">\n"
		"  <role id=\"executive\" required=\"true\"/>\n"
		"  <role id=\"qa-lead\" reports-to=\"executive\" measure=\"7\"/>\n</roles>\n";
	char dir[] = "/tmp/secpolgen-catalog-XXXXXX", path[512], target[512];
	struct diag e = DIAG_INIT;
	struct dirent *de;
	DIR *dp;
	FILE *f;
	size_t i;
	int measures = 0;

	for (i = 0; i < cat->nroles; i++) {
		if (strcmp(cat->roles[i].id, "development-lead") == 0)
			ck_assert_int_eq(cat->roles[i].measure, 4);
		if (strcmp(cat->roles[i].id, "support") == 0)
			ck_assert_int_eq(cat->roles[i].measure, 6);
		measures += cat->roles[i].measure > 0;
	}
	ck_assert_int_eq(measures, 3);

	/* The catalogue again, its roles.xml replaced by one that is wrong. */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	dp = opendir(test_path("policy-templates"));
	ck_assert_ptr_nonnull(dp);
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "roles.xml") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		snprintf(target, sizeof(target), "%s/%s", test_path("policy-templates"), de->d_name);
		ck_assert_int_eq(symlink(target, path), 0);
	}
	closedir(dp);
	snprintf(path, sizeof(path), "%s/roles.xml", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(bad, f);
	fclose(f);
	ck_assert_ptr_null(catalog_load(dir, &e));
	ck_assert_uint_ge(e.errors, 1);
	ck_assert_str_eq(e.v[0].msg, "role qa-lead: measure=\"7\" is not one of the guide's measures 1 to 6");
	ck_assert_int_eq(e.v[0].line, 4);
	diag_free(&e);
	dp = opendir(dir);
	while ((de = readdir(dp)))
		if (de->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			unlink(path);
		}
	closedir(dp);
	rmdir(dir);
}
END_TEST

Suite *derive_suite(void)
{
	Suite *s = suite_create("derive");
	TCase *tc = tcase_create("view");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_company_and_dates);
	tcase_add_test(tc, test_english_labels);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_role_measures);
	tcase_add_test(tc, test_schemes_by_market);
	tcase_add_test(tc, test_draft_without_approval);
	tcase_add_test(tc, test_review_clamps_month_end);
	tcase_add_test(tc, test_history_per_document);
	suite_add_tcase(s, tc);
	return s;
}
