/* check_requirements.c - the requirements catalogue (requirements.c):
 * what applies to a product from its features, how risks are rated, the
 * catalogue's own checks; and the security.txt it leads to
 * (securitytxt.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "check_suites.h"
#include "derive.h"
#include "messages.h"
#include "profile.h"
#include "requirements.h"
#include "securitytxt.h"

static struct catalog *cat;
static struct diag d;

static void setup(void)
{
	memset(&d, 0, sizeof(d));
	cat = catalog_load(test_path("policy-templates"), &d);
	if (!cat)
		diag_print(&d, stderr);
	ck_assert_ptr_nonnull(cat);
}

static void teardown(void)
{
	catalog_free(cat);
	diag_free(&d);
}

/* Writes text to a new temporary file; its path in path (size 64). */
static void temp_file(char *path, const char *text)
{
	FILE *f;
	int fd;

	strcpy(path, "/tmp/secpolgen-req-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A profile with one product whose attributes and child elements are
 * given; extra goes after <vulnerability-handling>. Caller frees. */
static struct profile *product_profile(const char *attrs, const char *kids, const char *extra)
{
	char path[64], text[4096];
	struct profile *p;

	snprintf(text, sizeof(text),
		 "<profile xmlns=\"urn:secpolgen:profile:1\" version=\"1\" xml:lang=\"en\">\n"
		 "<company code=\"t\"><name>T</name></company>\n"
		 "<people><person id=\"a\"><name>A</name><email>a@example.jp</email></person></people>\n"
		 "<roles><assign role=\"executive\" person=\"a\"/><assign role=\"security-manager\" person=\"a\"/>"
		 "</roles>\n"
		 "<products><product id=\"p\" %s><name>P</name>%s</product></products>\n"
		 "<vulnerability-handling><email>psirt@example.jp</email></vulnerability-handling>\n"
		 "%s\n<revisions><revision number=\"1.0\" date=\"2026-04-01\" author=\"a\"><summary>x</summary>"
		 "</revision></revisions>\n</profile>\n",
		 attrs, kids, extra);
	temp_file(path, text);
	p = profile_load(path, &cat->builtins, test_path("policy-templates/profile.rng"), &d);
	if (!p)
		diag_print(&d, stderr);
	ck_assert_ptr_nonnull(p);
	unlink(path);
	return p;
}

static bool has(const struct req_features *f, const char *w)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i], w) == 0)
			return true;
	return false;
}

/* Whether a condition names a feature only a networked product has. */
static bool needs_network(const struct req_condition *c)
{
	static const char *const net[] = { "network", "ip", "direct", "wifi", "ethernet", "lte", "5g",
					   "bluetooth", "zigbee", "thread", "wi-sun", "lora", "nfc",
					   "cloud", "web-ui", "local-api", NULL };
	size_t i, k;

	for (k = 0; net[k]; k++) {
		for (i = 0; i < c->all.n; i++)
			if (strcmp(c->all.v[i], net[k]) == 0)
				return true;
	}
	/* "any" needs the network only when every choice does. */
	for (i = 0; i < c->any.n; i++) {
		for (k = 0; net[k] && strcmp(c->any.v[i], net[k]) != 0; k++)
			;
		if (!net[k])
			return false;
	}
	return c->any.n > 0;
}

START_TEST(features_of_example)
{
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins,
					 test_path("policy-templates/profile.rng"), &d);
	struct req_features f;

	ck_assert_ptr_nonnull(p);
	requirements_features(cat, p, &p->products[0], &f); /* NC-200 camera */
	ck_assert(has(&f, "network") && has(&f, "ip") && has(&f, "personal") && has(&f, "sensing"));
	ck_assert(has(&f, "ota") && has(&f, "updatable") && has(&f, "eu") && has(&f, "jp"));
	ck_assert(has(&f, "suppliers") && has(&f, "web-ui") && has(&f, "video"));
	ck_assert(!has(&f, "direct") && !has(&f, "no-update") && !has(&f, "uk"));
	requirements_features(cat, p, &p->products[1], &f); /* ES-10, Bluetooth only */
	ck_assert(has(&f, "network") && !has(&f, "ip") && !has(&f, "personal"));
	ck_assert(has(&f, "local-update") && !has(&f, "ota"));
	requirements_features(cat, p, &p->products[2], &f); /* AR-500, own SIM */
	ck_assert(has(&f, "direct") && has(&f, "ip") && !has(&f, "eu"));
	profile_free(p);
}
END_TEST

/* A device with no link at all: none of the requirements, risks or tests
 * that only a networked device needs, but still the organisational ones
 * (a disclosure policy, a support period). */
START_TEST(no_network_no_network_requirements)
{
	struct profile *p = product_profile("category=\"controller\" update=\"local\"",
					    "<connectivity/><interfaces>usb physical-buttons</interfaces>"
					    "<markets>JP</markets>", "");
	const struct req_catalog *rc = cat->requirements;
	struct req_features f;
	size_t i, applied = 0, networked = 0;

	requirements_features(cat, p, &p->products[0], &f);
	ck_assert(!has(&f, "network") && !has(&f, "ip"));
	for (i = 0; i < rc->nrequirements; i++) {
		bool net = needs_network(&rc->requirements[i].when);
		networked += net;
		if (requirements_holds(&rc->requirements[i].when, &f)) {
			ck_assert_msg(!net, "requirement %s applies to a device with no link",
				      rc->requirements[i].id);
			applied++;
		}
	}
	ck_assert_uint_gt(networked, 5); /* the test means something */
	ck_assert_uint_gt(applied, 2);
	for (i = 0; i < rc->nrisks; i++)
		if (requirements_holds(&rc->risks[i].when, &f))
			ck_assert_msg(!needs_network(&rc->risks[i].when), "risk %s", rc->risks[i].id);
	ck_assert(requirements_holds(&requirements_find(rc, "disclosure-policy")->when, &f));
	ck_assert(!requirements_holds(&requirements_find(rc, "unique-passwords")->when, &f));
	ck_assert(!requirements_holds(&requirements_find(rc, "secure-communication")->when, &f));
	profile_free(p);
}
END_TEST

/* The same through the view, in words: the product sheet of a device
 * with no link lists no CRA item (not sold in the EU) and no port scan. */
START_TEST(no_network_view)
{
	struct profile *p = product_profile("category=\"controller\" update=\"none\"",
					    "<connectivity/><markets>JP</markets>", "");
	struct messages *m = messages_load(test_path("locales/en.xlf"), "en", &d);
	struct value *view, *pr;
	size_t i;

	ck_assert_ptr_nonnull(m);
	view = derive_view(p, cat, m, "en", &d);
	ck_assert_ptr_nonnull(view);
	pr = (struct value *)value_list_at(value_map_get(view, "products"), 0);
	ck_assert_uint_gt(value_list_len(value_map_get(pr, "requirements")), 0);
	for (i = 0; i < value_list_len(value_map_get(pr, "requirements")); i++) {
		const char *id = value_get_string(value_map_get(value_list_at(value_map_get(pr, "requirements"), i), "id"));
		ck_assert_str_ne(id, "secure-communication");
		ck_assert_str_ne(id, "brute-force");
	}
	for (i = 0; i < value_list_len(value_map_get(pr, "schemes_detail")); i++) {
		const char *id = value_get_string(value_map_get(value_list_at(value_map_get(pr, "schemes_detail"), i), "id"));
		ck_assert_str_ne(id, "cra");
		ck_assert_str_ne(id, "jcstar"); /* JC-STAR is for IP products */
	}
	ck_assert(!value_get_bool(value_map_get(value_map_get(view, "disclosure"), "eu")));
	value_free(view);
	messages_free(m);
	profile_free(p);
}
END_TEST

/* A product sold in the EU gets the CRA: a legal duty in its schemes, CRA
 * references in its requirements, the SBOM, the reporting deadlines in
 * the disclosure policy's view; a Japanese-only one gets none of them. */
START_TEST(eu_product_gets_cra)
{
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins,
					 test_path("policy-templates/profile.rng"), &d);
	struct messages *m = messages_load(test_path("locales/en.xlf"), "en", &d);
	const struct value *products, *cam, *sensor, *s;
	struct value *view;
	size_t i;
	bool cra = false, sbom = false, cra_source = false;

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(m);
	view = derive_view(p, cat, m, "en", &d);
	ck_assert_ptr_nonnull(view);
	products = value_map_get(view, "products");
	cam = value_list_at(products, 0);    /* JP EU */
	sensor = value_list_at(products, 1); /* JP */
	for (i = 0; i < value_list_len(value_map_get(cam, "schemes_detail")); i++) {
		s = value_list_at(value_map_get(cam, "schemes_detail"), i);
		if (strcmp(value_get_string(value_map_get(s, "id")), "cra") == 0) {
			cra = true;
			ck_assert(value_get_bool(value_map_get(s, "mandatory")));
			ck_assert_ptr_nonnull(strstr(value_get_string(value_map_get(s, "text")), "24 hours"));
		}
	}
	ck_assert(cra);
	for (i = 0; i < value_list_len(value_map_get(cam, "requirements")); i++) {
		s = value_list_at(value_map_get(cam, "requirements"), i);
		sbom |= strcmp(value_get_string(value_map_get(s, "id")), "sbom") == 0;
		cra_source |= value_get_string(value_map_get(s, "sources_text")) &&
			      strstr(value_get_string(value_map_get(s, "sources_text")), "Annex I") != NULL;
	}
	ck_assert(sbom && cra_source);
	for (i = 0; i < value_list_len(value_map_get(sensor, "schemes_detail")); i++)
		ck_assert_str_ne(value_get_string(value_map_get(value_list_at(value_map_get(sensor, "schemes_detail"), i), "id")), "cra");
	for (i = 0; i < value_list_len(value_map_get(sensor, "requirements")); i++) {
		s = value_list_at(value_map_get(sensor, "requirements"), i);
		ck_assert_str_ne(value_get_string(value_map_get(s, "id")), "sbom");
		ck_assert_ptr_null(value_get_string(value_map_get(s, "sources_text")) ?
				   strstr(value_get_string(value_map_get(s, "sources_text")), "Annex I") : NULL);
	}
	ck_assert(value_get_bool(value_map_get(value_map_get(view, "disclosure"), "eu")));
	value_free(view);
	messages_free(m);
	profile_free(p);
}
END_TEST

START_TEST(risk_rating)
{
	ck_assert_int_eq(requirements_rating(1, 1), 0);
	ck_assert_int_eq(requirements_rating(1, 2), 0);
	ck_assert_int_eq(requirements_rating(1, 3), 1);
	ck_assert_int_eq(requirements_rating(2, 2), 1);
	ck_assert_int_eq(requirements_rating(3, 2), 2);
	ck_assert_int_eq(requirements_rating(3, 3), 2);
}
END_TEST

/* A raise counts only when its condition holds, and nothing passes 3. */
START_TEST(risk_raises)
{
	struct profile *p = product_profile("category=\"camera\" update=\"ota\" direct-connection=\"true\"",
					    "<connectivity>lte</connectivity><data>video</data><markets>JP</markets>",
					    "");
	const struct req_catalog *rc = cat->requirements;
	struct req_features f;
	size_t i, raised = 0;

	requirements_features(cat, p, &p->products[0], &f);
	for (i = 0; i < rc->nrisks; i++) {
		int l, im;
		if (!requirements_holds(&rc->risks[i].when, &f))
			continue;
		requirements_score(&rc->risks[i], &f, &l, &im);
		ck_assert(l >= rc->risks[i].likelihood && l <= 3);
		ck_assert(im >= rc->risks[i].impact && im <= 3);
		raised += l > rc->risks[i].likelihood || im > rc->risks[i].impact;
	}
	ck_assert_uint_gt(raised, 0);
	profile_free(p);
}
END_TEST

/* The catalogue's own mistakes are located errors. */
START_TEST(catalogue_errors)
{
	static const struct {
		const char *xml, *message;
	} cases[] = {
		{ "<requirement id=\"x\" level=\"must\" when=\"wifi flying\"/>", "unknown product feature \"flying\"" },
		{ "<requirement id=\"x\" level=\"maybe\"/>", "level=" },
		{ "<requirement id=\"x\" level=\"must\"><source scheme=\"iso\" ref=\"1\"/></requirement>",
		  "unknown scheme \"iso\"" },
		{ "<requirement id=\"x\" level=\"must\"/><risk id=\"r\" likelihood=\"2\" impact=\"2\" counters=\"y\"/>",
		  "unknown requirement \"y\"" },
		{ "<requirement id=\"x\" level=\"must\"/><risk id=\"r\" likelihood=\"4\" impact=\"2\"/>",
		  "likelihood and impact of 1 to 3" },
		{ "<requirement id=\"x\" level=\"must\"/><test id=\"t\" requirements=\"x\" stages=\"later\" activity=\"verify\"/>",
		  "unknown stage \"later\"" },
		{ "<requirement id=\"x\" level=\"must\"/><test id=\"t\" requirements=\"x\" stages=\"pre-release\" activity=\"sing\"/>",
		  "activities.xml" },
		{ "<requirement id=\"x\" level=\"must\"/><requirement id=\"x\" level=\"should\"/>", "defined twice" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[64], text[1024];
		struct diag e = DIAG_INIT;
		struct buf out = BUF_INIT;
		FILE *f;
		struct req_catalog *rc;

		snprintf(text, sizeof(text),
			 "<requirements xmlns=\"urn:secpolgen:catalog:1\">\n%s\n</requirements>\n",
			 cases[i].xml);
		temp_file(path, text);
		rc = requirements_load(path, cat, &e);
		ck_assert_msg(rc == NULL, "case %zu loaded", i);
		f = open_memstream(&out.data, &out.len);
		ck_assert_ptr_nonnull(f);
		diag_print(&e, f);
		fclose(f);
		ck_assert_msg(strstr(out.data, cases[i].message) != NULL, "case %zu: %s", i, out.data);
		ck_assert_msg(strstr(out.data, path) != NULL, "case %zu not located: %s", i, out.data);
		free(out.data);
		diag_free(&e);
		unlink(path);
	}
}
END_TEST

START_TEST(security_txt_expires)
{
	struct profile *p = product_profile("category=\"camera\" update=\"ota\"",
					    "<connectivity>wifi</connectivity><markets>JP</markets>", "");
	struct date ex;

	ck_assert_int_eq(securitytxt_expires(p, &ex), 0);
	ck_assert(ex.y == 2027 && ex.m == 3 && ex.d == 31); /* a day less than a year */
	p->review_months = 6;
	ck_assert_int_eq(securitytxt_expires(p, &ex), 0);
	ck_assert(ex.y == 2026 && ex.m == 9 && ex.d == 30); /* the day before the review */
	p->review_months = 24;
	ck_assert_int_eq(securitytxt_expires(p, &ex), 0);
	ck_assert(ex.y == 2027 && ex.m == 3 && ex.d == 31); /* never a year or more */
	profile_free(p);
}
END_TEST

START_TEST(security_txt_canonical)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(securitytxt_canonical(&b, "https://www.example.co.jp/company/about/"), 0);
	ck_assert_str_eq(buf_str(&b), "https://www.example.co.jp/.well-known/security.txt");
	buf_reset(&b);
	ck_assert_int_eq(securitytxt_canonical(&b, "http://example.jp:8443?x=1"), 0);
	ck_assert_str_eq(buf_str(&b), "https://example.jp:8443/.well-known/security.txt");
	buf_reset(&b);
	ck_assert_int_eq(securitytxt_canonical(&b, "ftp://example.jp/"), -1);
	ck_assert_int_eq(securitytxt_canonical(&b, "https:///x"), -1);
	ck_assert_int_eq(securitytxt_canonical(&b, NULL), -1);
	buf_free(&b);
}
END_TEST

/* The whole file for the example, byte for byte. */
START_TEST(security_txt_example)
{
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins,
					 test_path("policy-templates/profile.rng"), &d);
	struct buf b = BUF_INIT;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(securitytxt_write(&b, p), 0);
	ck_assert_str_eq(buf_str(&b),
			 "# Akiba Sensing Co., Ltd.: how to report a security vulnerability in our products.\n"
			 "Contact: mailto:psirt@example.co.jp\n"
			 "Contact: https://www.example.co.jp/security/report/\n"
			 "Expires: 2027-03-31T14:59:59Z\n"
			 "Preferred-Languages: ja, en\n"
			 "Policy: https://www.example.co.jp/security/policy/\n"
			 "Canonical: https://www.example.co.jp/.well-known/security.txt\n");
	buf_free(&b);
	profile_free(p);
}
END_TEST

/* No web page, no policy address, no website: Contact and Expires only,
 * and a company name cannot break the comment line. */
START_TEST(security_txt_minimal)
{
	struct profile *p = product_profile("category=\"camera\" update=\"ota\"",
					    "<connectivity>wifi</connectivity><markets>JP</markets>", "");
	struct buf b = BUF_INIT;

	free(p->company.name.v[0].text);
	p->company.name.v[0].text = strdup("T\nContact: mailto:evil@example.jp");
	ck_assert_int_eq(securitytxt_write(&b, p), 0);
	ck_assert_str_eq(buf_str(&b),
			 "# T Contact: mailto:evil@example.jp: how to report a security vulnerability in our products.\n"
			 "Contact: mailto:psirt@example.jp\n"
			 "Expires: 2027-03-31T14:59:59Z\n");
	buf_free(&b);
	profile_free(p);
}
END_TEST

Suite *requirements_suite(void)
{
	Suite *s = suite_create("requirements");
	TCase *t = tcase_create("applies");
	TCase *x = tcase_create("security.txt");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_checked_fixture(x, setup, teardown);
	tcase_set_timeout(t, 30);
	tcase_add_test(t, features_of_example);
	tcase_add_test(t, no_network_no_network_requirements);
	tcase_add_test(t, no_network_view);
	tcase_add_test(t, eu_product_gets_cra);
	tcase_add_test(t, risk_rating);
	tcase_add_test(t, risk_raises);
	tcase_add_test(t, catalogue_errors);
	tcase_add_test(x, security_txt_expires);
	tcase_add_test(x, security_txt_canonical);
	tcase_add_test(x, security_txt_example);
	tcase_add_test(x, security_txt_minimal);
	suite_add_tcase(s, t);
	suite_add_tcase(s, x);
	return s;
}
