/* check_requirements.c - the requirements catalogue (requirements.c):
 * what applies to a product from its features, how risks are rated, the
 * catalogue's own checks; and the security.txt it leads to
 * (securitytxt.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "model/catalog.h"
#include "check_suites.h"
#include "derive/derive.h"
#include "l10n/messages.h"
#include "profile/advisories.h"
#include "profile/profile.h"
#include "model/requirements.h"
#include "derive/securitytxt.h"

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
	p = profile_load(path, &cat->builtins, &d);
	if (!p)
		diag_print(&d, stderr);
	ck_assert_ptr_nonnull(p);
	unlink(path);
	return p;
}

/* One fixture per capability class: a product's attributes and children,
 * and what it must and must not get. Each list is space-separated ids:
 * schemes that apply, requirements, risks and tests. */
struct fixture {
	const char *name, *attrs, *kids;
	const char *schemes, *no_schemes;
	const char *reqs, *no_reqs;
	const char *risks, *no_risks;
	const char *tests, *no_tests;
};

/* What no device without IP may get. */
#define NOT_IP_SCHEMES "terminal-equipment jcstar"
#define NOT_IP_REQS "unique-passwords authenticate-access change-credentials brute-force " \
	"secure-communication web-security router-wan"
#define NOT_IP_RISKS "default-password password-guessing exposed-service attack-on-others " \
	"eavesdropping factory-fallback router-wan-admin"
#define NOT_IP_TESTS "port-scan tls-check network-vulnerability-scan login-lockout " \
	"default-credentials network-fuzzing traffic-capture wan-side-scan"

static const struct fixture fixtures[] = {
	{ "LTE router connected directly",
	  "category=\"router\" update=\"ota\"",
	  "<connectivity>lte wifi ethernet</connectivity><interfaces>web-ui local-api cloud usb</interfaces>"
	  "<data>credentials telemetry</data><markets>JP EU UK</markets><customers>business</customers>",
	  "terminal-equipment radio-law appi jcstar cra red gdpr psti iec62443", "cyber-trust-mark",
	  "unique-passwords brute-force router-wan router-upnp-wps cellular-credentials web-security "
	  "power-loss-retention update-authenticity automatic-updates sbom",
	  "manual-no-direct ble-pairing update-via-app card-encryption",
	  "router-wan-admin router-upnp router-wps sim-misuse factory-fallback attack-on-others web-attack",
	  "card-theft ble-pairing covert-surveillance",
	  "port-scan wan-side-scan tls-check login-lockout web-test power-loss network-fuzzing",
	  "ble-pairing-test radio-fuzzing indicator-check" },
	{ "Wi-Fi camera behind a router",
	  "category=\"camera\" update=\"ota\"",
	  "<connectivity>wifi</connectivity><interfaces>web-ui mobile-app cloud sd-card</interfaces>"
	  "<data>video audio personal-data credentials</data><markets>JP EU</markets>",
	  "radio-law appi jcstar cra red gdpr", "terminal-equipment psti iec62443",
	  "manual-no-direct card-encryption cloud-isolation sensing-indicator secure-communication "
	  "breach-response account-security",
	  "power-loss-retention router-wan cellular-credentials ble-pairing",
	  "card-theft cross-account covert-surveillance account-takeover attack-on-others",
	  "factory-fallback router-wan-admin sim-misuse",
	  "port-scan tls-check account-test indicator-check storage-dump update-tampering",
	  "power-loss wan-side-scan ble-pairing-test" },
	{ "Bluetooth-only sensor updated through an app",
	  "category=\"sensor\" update=\"app\"",
	  "<connectivity>bluetooth</connectivity><interfaces>mobile-app cloud physical-buttons</interfaces>"
	  "<data>telemetry</data><markets>JP EU</markets>",
	  "radio-law appi cra red gdpr", NOT_IP_SCHEMES " psti",
	  "ble-pairing radio-commands relayed-integrity update-via-app update-authenticity "
	  "update-notification",
	  NOT_IP_REQS " automatic-updates update-by-technician lorawan-keys zigbee-join",
	  "ble-pairing spoofed-readings tampered-update malformed-input",
	  NOT_IP_RISKS " update-tool-misuse",
	  "ble-pairing-test radio-capture radio-fuzzing update-tampering",
	  NOT_IP_TESTS " lorawan-test zigbee-test" },
	{ "LoRaWAN sensor updated over USB",
	  "category=\"sensor\" update=\"wired\"",
	  "<connectivity>lora</connectivity><interfaces>usb cloud</interfaces>"
	  "<data>telemetry</data><markets>JP EU</markets>",
	  "radio-law appi cra red gdpr", NOT_IP_SCHEMES " psti",
	  "lorawan-keys radio-commands relayed-integrity update-by-technician removable-media",
	  NOT_IP_REQS " ble-pairing update-via-app automatic-updates",
	  "lorawan-key-reuse lorawan-replay update-tool-misuse spoofed-readings",
	  NOT_IP_RISKS " ble-pairing",
	  "lorawan-test radio-capture radio-fuzzing media-fuzzing update-tampering",
	  NOT_IP_TESTS " ble-pairing-test zigbee-test" },
	{ "Zigbee door lock behind a hub",
	  "category=\"door-lock\" update=\"gateway\"",
	  "<connectivity>zigbee</connectivity><interfaces>cloud physical-buttons</interfaces>"
	  "<data>credentials</data><markets>JP EU</markets>",
	  "radio-law cra red", NOT_IP_SCHEMES,
	  "zigbee-join radio-commands relayed-integrity update-via-gateway",
	  NOT_IP_REQS " ble-pairing lorawan-keys",
	  "zigbee-key-capture spoofed-readings",
	  NOT_IP_RISKS,
	  "zigbee-test radio-capture radio-fuzzing",
	  NOT_IP_TESTS " ble-pairing-test lorawan-test" },
	{ "Wired baby monitor, no radio",
	  "category=\"baby-monitor\" update=\"ota\"",
	  "<connectivity>ethernet</connectivity><interfaces>cloud mobile-app</interfaces>"
	  "<data>video audio</data><markets>EU</markets>",
	  "cra gdpr", "red radio-law terminal-equipment",
	  "secure-communication sensing-indicator cloud-isolation", "ble-pairing router-wan",
	  "covert-surveillance cross-account", "router-wps ble-pairing",
	  "port-scan tls-check indicator-check", "radio-capture ble-pairing-test" },
	{ "USB-only device with no radio",
	  "category=\"controller\" update=\"wired\"",
	  "<connectivity/><interfaces>usb physical-buttons</interfaces><markets>JP EU</markets>",
	  "cra", NOT_IP_SCHEMES " radio-law red gdpr",
	  "removable-media update-by-technician input-validation",
	  NOT_IP_REQS " radio-commands relayed-integrity resilience security-logging",
	  "update-tool-misuse malformed-input",
	  NOT_IP_RISKS " unpatched-vulnerability denial-of-service spoofed-readings",
	  "media-fuzzing update-tampering",
	  NOT_IP_TESTS " radio-capture radio-fuzzing" },
};

/* The ids that apply to fixture f's product, kind by kind. */
struct applied {
	struct strlist schemes, reqs, risks, tests;
};

static void applied_free(struct applied *a)
{
	free(a->schemes.v);
	free(a->reqs.v);
	free(a->risks.v);
	free(a->tests.v);
}

static void push(struct strlist *l, const char *id)
{
	l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	ck_assert_ptr_nonnull(l->v);
	l->v[l->n++] = (char *)id;
}

/* What applies under catalogue rc to the only product of p. */
static void apply(const struct req_catalog *rc, const struct profile *p, struct applied *a)
{
	struct catalog tmp = *cat;
	struct req_features f;
	size_t i, j;

	memset(a, 0, sizeof(*a));
	tmp.requirements = (struct req_catalog *)rc;
	requirements_features(&tmp, p, &p->products[0], &f);
	for (i = 0; i < rc->nschemes; i++)
		if (requirements_applies(&rc->schemes[i], &f))
			push(&a->schemes, rc->schemes[i].id);
	for (i = 0; i < rc->nrequirements; i++)
		if (requirements_holds(&rc->requirements[i].when, &f))
			push(&a->reqs, rc->requirements[i].id);
	for (i = 0; i < rc->nrisks; i++)
		if (requirements_holds(&rc->risks[i].when, &f))
			push(&a->risks, rc->risks[i].id);
	for (i = 0; i < rc->ntests; i++) {
		const struct req_test *t = &rc->tests[i];
		if (!requirements_holds(&t->when, &f))
			continue;
		for (j = 0; j < t->requirements.n; j++)
			if (strlist_has(&a->reqs, t->requirements.v[j]))
				break;
		if (j < t->requirements.n)
			push(&a->tests, t->id);
	}
}

/* Checks one list of ids against what applies; returns the first id
 * that breaks it, or NULL. */
static const char *broken(const char *ids, const struct strlist *got, bool want)
{
	static char word[64];
	const char *s = ids;

	while (*s) {
		size_t n = strcspn(s, " ");
		if (n && n < sizeof(word)) {
			memcpy(word, s, n);
			word[n] = '\0';
			if (strlist_has(got, word) != want)
				return word;
		}
		s += n + (s[n] == ' ');
	}
	return NULL;
}

static struct profile *fixture_profile(const struct fixture *fx)
{
	return product_profile(fx->attrs, fx->kids, "");
}

/* Each capability class gets what its links, data and markets call for,
 * and never what only another class has. */
START_TEST(capability_classes)
{
	const struct fixture *fx = &fixtures[_i];
	struct profile *p = fixture_profile(fx);
	struct applied a;
	const struct {
		const char *ids;
		const struct strlist *got;
		bool want;
		const char *what;
	} checks[] = {
		{ fx->schemes, &a.schemes, true, "scheme" }, { fx->no_schemes, &a.schemes, false, "scheme" },
		{ fx->reqs, &a.reqs, true, "requirement" }, { fx->no_reqs, &a.reqs, false, "requirement" },
		{ fx->risks, &a.risks, true, "risk" }, { fx->no_risks, &a.risks, false, "risk" },
		{ fx->tests, &a.tests, true, "test" }, { fx->no_tests, &a.tests, false, "test" },
	};
	size_t k;

	apply(cat->requirements, p, &a);
	for (k = 0; k < sizeof(checks) / sizeof(checks[0]); k++) {
		const char *bad = broken(checks[k].ids, checks[k].got, checks[k].want);
		ck_assert_msg(!bad, "%s: %s %s %s", fx->name, checks[k].what, bad,
			      checks[k].want ? "does not apply" : "applies");
	}
	applied_free(&a);
	profile_free(p);
}
END_TEST

/* A copy of requirements.xml with the condition of the <kind id="id">
 * removed, loaded; NULL when there is no such element. Caller frees. */
static struct req_catalog *without_condition(const char *kind, const char *id)
{
	xmlDocPtr x = xmlReadFile(test_path("policy-templates/requirements.xml"), NULL, XML_PARSE_NONET);
	xmlNodePtr n;
	struct req_catalog *rc = NULL;
	char path[64];
	bool found = false;
	int fd;

	ck_assert_ptr_nonnull(x);
	for (n = xmlDocGetRootElement(x)->children; n; n = n->next) {
		xmlChar *v;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, kind) != 0)
			continue;
		v = xmlGetProp(n, (const xmlChar *)"id");
		if (v && strcmp((const char *)v, id) == 0) {
			xmlUnsetProp(n, (const xmlChar *)"when");
			xmlUnsetProp(n, (const xmlChar *)"any");
			xmlUnsetProp(n, (const xmlChar *)"not");
			found = true;
		}
		xmlFree(v);
	}
	if (found) {
		strcpy(path, "/tmp/secpolgen-mut-XXXXXX");
		fd = mkstemp(path);
		ck_assert_int_ge(fd, 0);
		close(fd);
		ck_assert_int_ge(xmlSaveFile(path, x), 0);
		rc = requirements_load(path, cat, &d);
		ck_assert_ptr_nonnull(rc);
		unlink(path);
	}
	xmlFreeDoc(x);
	return rc;
}

/* The assertions above can fail: for every "must not get" of every
 * fixture, the catalogue with that entry's condition removed gives it
 * (a test also needs one of its requirements, which the fixture has). */
START_TEST(conditions_are_what_keeps_them_out)
{
	static const char *const kinds[] = { "scheme", "requirement", "risk", "test" };
	const struct fixture *fx = &fixtures[_i];
	const char *lists[] = { fx->no_schemes, fx->no_reqs, fx->no_risks, fx->no_tests };
	struct profile *p = fixture_profile(fx);
	size_t k, tried = 0;

	for (k = 0; k < 4; k++) {
		const char *s = lists[k];
		while (*s) {
			size_t n = strcspn(s, " ");
			char id[64];
			struct req_catalog *rc;
			struct applied a;
			const struct strlist *got;
			snprintf(id, sizeof(id), "%.*s", (int)n, s);
			s += n + (s[n] == ' ');
			if (!n || !(rc = without_condition(kinds[k], id)))
				continue;
			apply(rc, p, &a);
			got = k == 0 ? &a.schemes : k == 1 ? &a.reqs : k == 2 ? &a.risks : &a.tests;
			/* A test kept out only because none of its requirements
			 * applies is kept out by those requirements' conditions. */
			if (k < 3 || strlist_has(got, id))
				ck_assert_msg(strlist_has(got, id), "%s: %s %s still kept out without its condition",
					      fx->name, kinds[k], id);
			tried += strlist_has(got, id);
			applied_free(&a);
			requirements_free(rc);
		}
	}
	ck_assert_uint_gt(tried, 3);
	profile_free(p);
}
END_TEST

/* Every risk of every class is rated by the rubric: its likelihood is the
 * level of its exposure and its impact that of its consequence, both
 * named in the rubric; the rubric's own definitions hold for the risks
 * the review found misrated. */
START_TEST(ratings_follow_the_rubric)
{
	const struct req_catalog *rc = cat->requirements;
	size_t k, i;

	for (k = 0; k < sizeof(fixtures) / sizeof(fixtures[0]); k++) {
		struct profile *p = fixture_profile(&fixtures[k]);
		struct req_features f;
		int dl = 0, gl = 0;
		requirements_features(cat, p, &p->products[0], &f);
		for (i = 0; i < rc->nrisks; i++) {
			const struct req_risk *r = &rc->risks[i];
			int e, c, l, im;
			if (!requirements_holds(&r->when, &f))
				continue;
			requirements_score(rc, r, &f, &e, &c, &l, &im);
			ck_assert(e >= 0 && (size_t)e < rc->rubric.nexposures);
			ck_assert(c >= 0 && (size_t)c < rc->rubric.nconsequences);
			ck_assert_int_eq(l, rc->rubric.exposures[e].level);
			ck_assert_int_eq(im, rc->rubric.consequences[c].level);
			/* Never lower than the risk's own grades. */
			ck_assert_int_ge(l, rc->rubric.exposures[r->exposure].level);
			ck_assert_int_ge(im, rc->rubric.consequences[r->consequence].level);
			/* "Could be taken over and used against others" is high. */
			if (strcmp(r->id, "attack-on-others") == 0 || strcmp(r->id, "exposed-service") == 0)
				ck_assert_msg(im == 3, "%s: %s impact %d", fixtures[k].name, r->id, im);
			/* A device that sits on the carrier's network is reached
			 * from the internet. */
			if (requirements_has(&f, "direct") && strcmp(r->id, "exposed-service") == 0)
				ck_assert_int_eq(l, 3);
			if (strcmp(r->id, "default-password") == 0)
				dl = l;
			if (strcmp(r->id, "password-guessing") == 0)
				gl = l;
			if (strcmp(r->id, "factory-fallback") == 0)
				ck_assert_int_eq(requirements_rating(l, im), 2);
		}
		/* A shared default password is no less likely than guessing. */
		ck_assert_int_ge(dl, gl);
		profile_free(p);
	}
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

/* How a device reaches the internet and is updated follows from what it
 * has; older profiles' words still load. */
START_TEST(paths_are_derived)
{
	static const struct {
		const char *attrs, *kids, *internet, *update;
	} cases[] = {
		{ "category=\"router\" update=\"ota\"", "<connectivity>wifi ethernet</connectivity>", "direct", "ota" },
		{ "category=\"camera\" update=\"ota\"", "<connectivity>lte</connectivity>", "direct", "ota" },
		{ "category=\"camera\" update=\"ota\"", "<connectivity>wifi</connectivity>", "router", "ota" },
		{ "category=\"sensor\" update=\"local\"",
		  "<connectivity>bluetooth</connectivity><interfaces>mobile-app cloud</interfaces>", "phone", "app" },
		{ "category=\"sensor\" update=\"local\"",
		  "<connectivity>zigbee</connectivity><interfaces>cloud usb</interfaces>", "gateway", "wired" },
		{ "category=\"sensor\" update=\"none\"", "<connectivity>bluetooth</connectivity>", "none", "none" },
		{ "category=\"camera\" update=\"ota\" direct-connection=\"true\"", "<connectivity>wifi</connectivity>",
		  "direct", "ota" },
		{ "category=\"camera\" update=\"ota\" internet=\"gateway\"", "<connectivity>bluetooth</connectivity>",
		  "gateway", "ota" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char kids[256];
		struct profile *p;
		snprintf(kids, sizeof(kids), "%s<markets>JP</markets>", cases[i].kids);
		p = product_profile(cases[i].attrs, kids, "");
		ck_assert_msg(strcmp(requirements_internet(cat, &p->products[0]), cases[i].internet) == 0,
			      "case %zu: internet %s", i, requirements_internet(cat, &p->products[0]));
		ck_assert_str_eq(requirements_update(cat, &p->products[0]), cases[i].update);
		profile_free(p);
	}
}
END_TEST

/* A path the links cannot carry is a located error. */
START_TEST(impossible_paths_are_errors)
{
	static const struct {
		const char *attrs, *kids, *message;
	} cases[] = {
		{ "category=\"sensor\" update=\"app\" direct-connection=\"true\"",
		  "<connectivity>bluetooth</connectivity>", "error: direct-connection=\"true\" needs an IP link" },
		{ "category=\"sensor\" update=\"app\" internet=\"router\"",
		  "<connectivity>zigbee</connectivity>", "error: internet=\"router\" needs an IP link" },
		{ "category=\"sensor\" update=\"app\" internet=\"phone\"",
		  "<connectivity/>", "error: internet=\"phone\" needs a link" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[64], text[2048];
		struct diag e = DIAG_INIT;
		struct buf out = BUF_INIT;
		struct profile *p;
		FILE *f;
		snprintf(text, sizeof(text),
			 "<profile xmlns=\"urn:secpolgen:profile:1\" version=\"1\" xml:lang=\"en\">\n"
			 "<company code=\"t\"><name>T</name></company>\n"
			 "<people><person id=\"a\"><name>A</name></person></people>\n"
			 "<products><product id=\"p\" %s><name>P</name>%s<markets>JP</markets></product></products>\n"
			 "<vulnerability-handling><email>psirt@example.jp</email></vulnerability-handling>\n"
			 "<revisions><revision number=\"1.0\" date=\"2026-04-01\" author=\"a\"><summary>x</summary>"
			 "</revision></revisions>\n</profile>\n",
			 cases[i].attrs, cases[i].kids);
		temp_file(path, text);
		p = profile_load(path, &cat->builtins, &e);
		ck_assert_msg(p == NULL, "case %zu loaded", i);
		f = open_memstream(&out.data, &out.len);
		diag_print(&e, f);
		fclose(f);
		ck_assert_msg(strstr(out.data, cases[i].message) != NULL, "case %zu: %s", i, out.data);
		ck_assert_msg(strstr(out.data, path) != NULL && strstr(out.data, ":4:") != NULL,
			      "case %zu not located: %s", i, out.data);
		free(out.data);
		diag_free(&e);
		unlink(path);
	}
}
END_TEST

/* The example, through the view: what the reviewers missed. */
START_TEST(example_products)
{
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins, &d);
	struct messages *m = messages_load(test_path("locales/en.xlf"), "en", &d);
	const struct value *products, *cam, *sensor, *router;
	struct value *view;
	struct buf all = BUF_INIT;
	size_t i;

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(m);
	view = derive_view(p, cat, m, "en", &d);
	ck_assert_ptr_nonnull(view);
	products = value_map_get(view, "products");
	cam = value_list_at(products, 0);
	sensor = value_list_at(products, 1);
	router = value_list_at(products, 2);
	/* NC-200: RED with EN 18031, GDPR, CRA Class I with its route. */
	for (i = 0; i < value_list_len(value_map_get(cam, "schemes_detail")); i++) {
		const struct value *s = value_list_at(value_map_get(cam, "schemes_detail"), i);
		const struct value *paras = value_map_get(s, "paragraphs");
		size_t k;
		buf_printf(&all, "[%s]", value_get_string(value_map_get(s, "id")));
		for (k = 0; k < value_list_len(paras); k++)
			buf_printf(&all, " %s", value_get_string(value_map_get(value_list_at(paras, k), "text")));
		buf_puts(&all, "\n");
	}
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "[red] "));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "EN 18031-1"));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "[gdpr] "));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "Class I (Annex III, point 17"));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "notified body"));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "CSIRT designated as coordinator in Germany"));
	/* ES-10: 電波法, no IP test, and the policy's summary says updates
	 * come through the app, as its use case does. */
	buf_reset(&all);
	for (i = 0; i < value_list_len(value_map_get(sensor, "schemes")); i++)
		buf_printf(&all, "%s ", value_get_string(value_map_get(value_list_at(value_map_get(sensor, "schemes"), i), "id")));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "radio-law"));
	for (i = 0; i < value_list_len(value_map_get(sensor, "tests")); i++) {
		const char *id = value_get_string(value_map_get(value_list_at(value_map_get(sensor, "tests"), i), "id"));
		ck_assert_msg(!strstr(NOT_IP_TESTS, id), "ES-10 gets %s", id);
	}
	buf_reset(&all);
	for (i = 0; i < value_list_len(value_map_get(sensor, "focus")); i++)
		buf_printf(&all, "%s\n", value_get_string(value_list_at(value_map_get(sensor, "focus"), i)));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "Updates come through the smartphone app"));
	ck_assert_ptr_null(strstr(buf_str(&all), "over-the-air"));
	/* AR-500: the router threats. */
	buf_reset(&all);
	for (i = 0; i < value_list_len(value_map_get(router, "risks")); i++)
		buf_printf(&all, "%s ", value_get_string(value_map_get(value_list_at(value_map_get(router, "risks"), i), "id")));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "router-wan-admin"));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "router-upnp"));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "router-wps"));
	ck_assert_ptr_nonnull(strstr(buf_str(&all), "sim-misuse"));
	buf_free(&all);
	value_free(view);
	messages_free(m);
	profile_free(p);
}
END_TEST

/* What `check` reports from the catalogue's demands. */
START_TEST(demands_are_reported)
{
	static const struct {
		const char *attrs, *kids, *extra, *want;
	} cases[] = {
		/* A radio product sold in Japan without 技適. */
		{ "category=\"sensor\" update=\"app\"", "<connectivity>bluetooth</connectivity><markets>JP</markets>",
		  "", "no Giteki certification under the Radio Act" },
		/* An EU product without an EU economic operator. */
		{ "category=\"sensor\" update=\"ota\" sales-until=\"2027-03-31\" support-until=\"2032-03-31\"",
		  "<connectivity>wifi</connectivity><markets>EU</markets>", "", "no economic operator in the Union" },
		/* A support end date under five years from the last sale. */
		{ "category=\"sensor\" update=\"ota\" sales-until=\"2028-03-31\" support-until=\"2032-03-31\"",
		  "<connectivity>wifi</connectivity><markets>EU</markets>", "", "less than five years after units" },
		/* An important product without its conformity route. */
		{ "category=\"camera\" update=\"ota\" sales-until=\"2027-03-31\" support-until=\"2033-03-31\"",
		  "<connectivity>wifi</connectivity><markets>EU</markets>", "", "its conformity assessment route" },
	};
	struct messages *m = messages_load(test_path("locales/en.xlf"), "en", &d);
	size_t i;

	ck_assert_ptr_nonnull(m);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct profile *p = product_profile(cases[i].attrs, cases[i].kids, cases[i].extra);
		struct value *rep = derive_report(p, cat, m, "en", &d);
		struct buf all = BUF_INIT;
		size_t k, j;
		ck_assert_ptr_nonnull(rep);
		for (k = 0; k < value_list_len(value_map_get(rep, "measures")); k++) {
			const struct value *items = value_map_get(value_list_at(value_map_get(rep, "measures"), k), "items");
			for (j = 0; j < value_list_len(items); j++)
				buf_printf(&all, "%s\n", value_get_string(value_map_get(value_list_at(items, j), "text")));
		}
		ck_assert_msg(strstr(buf_str(&all), cases[i].want) != NULL, "case %zu: %s", i, buf_str(&all));
		buf_free(&all);
		value_free(rep);
		profile_free(p);
	}
	messages_free(m);
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
		{ "<rubric><exposure id=\"e\" level=\"2\"/><consequence id=\"c\" level=\"2\"/></rubric>"
		  "<requirement id=\"x\" level=\"must\"/><risk id=\"r\" exposure=\"e\" consequence=\"c\" counters=\"y\"/>",
		  "unknown requirement \"y\"" },
		{ "<rubric><exposure id=\"e\" level=\"4\"/></rubric>", "a level of 1 to 3" },
		{ "<rubric><exposure id=\"e\" level=\"2\"/><consequence id=\"c\" level=\"2\"/></rubric>"
		  "<risk id=\"r\" exposure=\"remote\" consequence=\"c\"/>", "exposure \"remote\" is not in the <rubric>" },
		{ "<risk id=\"r\" consequence=\"c\"/>", "is not in the <rubric>" },
		{ "<demand id=\"d\" measure=\"7\"/>", "a measure of 1 to 6" },
		{ "<scheme id=\"s\" kind=\"law\" when=\"record:nothing\"/>", "unknown product feature \"record:nothing\"" },
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

/* A file that would expire before today is an error at the revision
 * that dates it; on its last day it still holds. */
START_TEST(security_txt_expired)
{
	struct profile *p = product_profile("category=\"camera\" update=\"ota\"",
					    "<connectivity>wifi</connectivity><markets>JP</markets>", "");
	struct diag e = DIAG_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_int_eq(securitytxt_check_current(p, (struct date){ 2027, 3, 31 }, &e), 0);
	ck_assert_uint_eq(e.n, 0);
	p->review_months = 6;
	p->revisions[p->nrevisions - 1].loc = (struct loc){ 35, 5 };
	ck_assert_int_eq(securitytxt_check_current(p, (struct date){ 2026, 10, 1 }, &e), -1);
	f = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(f);
	diag_print(&e, f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, ":35:5: error: security.txt would expire on 2026-09-30, "
				     "which is already past (today is 2026-10-01): it holds 6 months "
				     "from the date of this revision; review the documents and add a "
				     "<revision> with today's date to <revisions>\n"));
	free(text);
	diag_free(&e);
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
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins, &d);
	struct buf b = BUF_INIT;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(securitytxt_write(&b, p), 0);
	ck_assert_str_eq(buf_str(&b),
			 "# Akiba Sensing Co., Ltd.: how to report a security vulnerability in our products.\n"
			 "Contact: mailto:psirt@example.co.jp\n"
			 "Contact: https://www.example.co.jp/security/report/\n"
			 "Expires: 2027-03-31T14:59:59Z\n"
			 "Encryption: https://www.example.co.jp/security/psirt-pgp-key.asc\n"
			 "Acknowledgments: https://www.example.co.jp/security/thanks/\n"
			 "Preferred-Languages: ja, en\n"
			 "Policy: https://www.example.co.jp/security/policy/\n"
			 "Canonical: https://www.example.co.jp/.well-known/security.txt\n");
	/* With its advisories, the provider metadata of their CSAF files
	 * (CSAF 2.0, 7.1.8). */
	buf_reset(&b);
	ck_assert_int_eq(advisories_load(p, cat, test_path("examples/advisories"), true, &d), 0);
	ck_assert_int_eq(securitytxt_write(&b, p), 0);
	ck_assert_ptr_nonnull(strstr(buf_str(&b), "Canonical: https://www.example.co.jp/.well-known/"
					     "security.txt\nCSAF: https://www.example.co.jp/"
					     ".well-known/csaf/provider-metadata.json\n"));
	/* No credit: no Acknowledgments, whatever the page. */
	p->vuln.credit = false;
	buf_reset(&b);
	ck_assert_int_eq(securitytxt_write(&b, p), 0);
	ck_assert_ptr_null(strstr(buf_str(&b), "Acknowledgments:"));
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
	tcase_add_loop_test(t, capability_classes, 0, sizeof(fixtures) / sizeof(fixtures[0]));
	tcase_add_loop_test(t, conditions_are_what_keeps_them_out, 0, sizeof(fixtures) / sizeof(fixtures[0]));
	tcase_add_test(t, ratings_follow_the_rubric);
	tcase_add_test(t, risk_rating);
	tcase_add_test(t, paths_are_derived);
	tcase_add_test(t, impossible_paths_are_errors);
	tcase_add_test(t, example_products);
	tcase_add_test(t, demands_are_reported);
	tcase_add_test(t, catalogue_errors);
	tcase_add_test(x, security_txt_expires);
	tcase_add_test(x, security_txt_expired);
	tcase_add_test(x, security_txt_canonical);
	tcase_add_test(x, security_txt_example);
	tcase_add_test(x, security_txt_minimal);
	suite_add_tcase(s, t);
	suite_add_tcase(s, x);
	return s;
}
