/* check_profile.c - profile_load: the example loads clean; each kind of
 * mistake (tests/profiles/) is reported with its exact place and
 * words, all of them in one run; hostile files are refused unread. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/globals.h>
#include <libxml/parser.h>

#include "check_suites.h"
#include "base/buf.h"
#include "model/catalog.h"
#include "model/rng.h"
#include "base/diag.h"
#include "profile/profile.h"
#include "profile/records.h"


static struct catalog *cat;
static const struct profile_builtins *builtin;

/* The built-in role and activity ids, from the catalogue the program reads. */
static void setup(void)
{
	struct diag d = DIAG_INIT;

	cat = catalog_load(test_path("policy-templates"), &d);
	ck_assert_ptr_nonnull(cat);
	diag_free(&d);
	builtin = &cat->builtins;
}

static void teardown(void)
{
	catalog_free(cat);
	cat = NULL;
	builtin = NULL;
}

/* Everything d holds, as printed, with dir/ taken off file names. */
static char *printed(struct diag *d, const char *dir)
{
	char *text = NULL, *out, *p;
	size_t len = 0, n = strlen(dir);
	FILE *fp = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(fp);
	diag_print(d, fp);
	fclose(fp);
	out = calloc(1, len + 1);
	ck_assert_ptr_nonnull(out);
	for (p = text; *p;) {
		if (n && strncmp(p, dir, n) == 0)
			p += n;
		else
			strncat(out, p++, 1);
	}
	free(text);
	return out;
}

/* Loads tests/profiles/name, which must fail; returns what was printed. */
static char *errors_of(const char *name)
{
	struct diag d = DIAG_INIT;
	struct profile *p;
	char path[4096], dir[4096];
	char *text;

	snprintf(dir, sizeof(dir), "%s/", test_path("tests/profiles"));
	snprintf(path, sizeof(path), "%s%s", dir, name);
	p = profile_load(path, builtin, &d);
	ck_assert_msg(p == NULL, "%s loaded, but has mistakes", name);
	ck_assert_uint_gt(d.errors, 0);
	text = printed(&d, dir);
	diag_free(&d);
	return text;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *data;
	long n;

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	data = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(data);
	ck_assert_uint_eq(fread(data, 1, (size_t)n, fp), (size_t)n);
	data[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return data;
}

/* ------------------------------------------------------------------ */

START_TEST(test_example_loads)
{
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(test_path("examples/profile.xml"), builtin, &d);
	const struct product *cam, *sensor, *router;
	const struct person *sato;

	ck_assert_uint_eq(d.n, 0); /* no errors, no warnings */
	ck_assert_ptr_nonnull(p);

	ck_assert_str_eq(p->company.code, "akb");
	ck_assert_int_eq(p->company.employees, 40);
	ck_assert_int_eq(p->company.fiscal_year_start, 4);
	ck_assert_str_eq(p->company.paper, "a4");
	ck_assert_str_eq(p->company.website, "https://www.example.co.jp/");
	ck_assert_str_eq(ltext_get(&p->company.name, "ja"), "株式会社アキバセンシング");
	ck_assert_str_eq(ltext_get(&p->company.name, "en"), "Akiba Sensing Co., Ltd.");
	ck_assert_str_eq(ltext_get(&p->company.classification, "ja"), "社外秘");
	ck_assert_int_eq(p->company.loc.line, 8);
	ck_assert_int_eq(p->company.loc.col, 3);

	ck_assert_uint_eq(p->npeople, 8);
	sato = &p->people[1];
	ck_assert_str_eq(sato->id, "sato");
	ck_assert_str_eq(sato->deputy, "suzuki");
	ck_assert_str_eq(sato->email, "sato@example.co.jp");
	ck_assert_ptr_null(sato->lang);
	ck_assert_str_eq(ltext_get(&sato->title, "en"),
			 "Head of Product Security, Engineering Division");
	ck_assert_int_eq(sato->loc.line, 26);
	ck_assert_int_eq(sato->loc.col, 5);
	ck_assert_str_eq(p->people[4].id, "lin");
	ck_assert_str_eq(p->people[4].lang, "en");

	ck_assert_uint_eq(p->nroles, 1);
	ck_assert_str_eq(p->roles[0].id, "firmware-security-champion");
	ck_assert_str_eq(p->roles[0].reports_to, "development-lead");
	ck_assert_uint_eq(p->nassignments, 9);
	ck_assert_str_eq(p->assignments[1].role, "security-manager");
	ck_assert_str_eq(p->assignments[1].person, "sato");
	ck_assert_str_eq(p->assignments[2].role, "psirt");
	ck_assert_str_eq(p->assignments[2].person, "sato");

	ck_assert_uint_eq(p->nproducts, 3);
	cam = &p->products[0];
	sensor = &p->products[1];
	router = &p->products[2];
	ck_assert_str_eq(cam->id, "nc-200");
	ck_assert_str_eq(cam->category, "camera");
	ck_assert_str_eq(cam->model, "NC-200");
	ck_assert_str_eq(cam->update_method, "ota");
	ck_assert_str_eq(cam->support_until, "2033-03-31");
	ck_assert(!cam->direct_connection);
	ck_assert_uint_eq(cam->connectivity.n, 2);
	ck_assert_str_eq(cam->connectivity.v[1], "ethernet");
	ck_assert_uint_eq(cam->data.n, 4);
	ck_assert_uint_eq(cam->markets.n, 2);
	ck_assert_str_eq(cam->markets.v[1], "EU");
	ck_assert_str_eq(sensor->update_method, "app");
	ck_assert_uint_eq(sensor->connectivity.n, 1);
	ck_assert_str_eq(sensor->connectivity.v[0], "bluetooth");
	ck_assert(!router->direct_connection); /* derived: its LTE link */
	ck_assert_str_eq(router->connectivity.v[0], "lte");

	ck_assert_uint_eq(p->nsuppliers, 2);
	ck_assert_str_eq(p->suppliers[0].country, "TW");
	ck_assert_uint_eq(p->suppliers[1].products.n, 3);

	ck_assert_str_eq(p->vuln.email, "psirt@example.co.jp");
	ck_assert_int_eq(p->vuln.acknowledge_days, 3);
	ck_assert_int_eq(p->vuln.triage_days, 10);
	ck_assert_int_eq(p->vuln.fix_days, 90);
	ck_assert_uint_eq(p->vuln.languages.n, 2);
	ck_assert_int_eq(p->review_months, 12);

	ck_assert_uint_eq(p->nrevisions, 2);
	ck_assert_str_eq(p->revisions[1].number, "1.1");
	ck_assert_str_eq(p->revisions[1].date, "2026-04-01");
	ck_assert_str_eq(p->revisions[1].author, "sato");
	ck_assert_str_eq(p->approval.person, "tanaka");
	ck_assert_str_eq(p->approval.date, "2026-03-27");
	ck_assert_uint_eq(p->noverrides, 0);

	profile_free(p);
	diag_free(&d);
}
END_TEST

START_TEST(test_minimal_defaults_and_white_space)
{
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(test_path("tests/profiles/minimal.xml"),
					 builtin, &d);

	ck_assert_uint_eq(d.n, 0);
	ck_assert_ptr_nonnull(p);
	/* Defaults of what was left out. */
	ck_assert_int_eq(p->company.employees, 0);
	ck_assert_int_eq(p->company.fiscal_year_start, 4);
	ck_assert_str_eq(p->company.paper, "a4");
	ck_assert_ptr_null(p->company.website);
	ck_assert_int_eq(p->review_months, 12);
	ck_assert_int_eq(p->vuln.acknowledge_days, 3);
	ck_assert_int_eq(p->vuln.triage_days, 10);
	ck_assert_int_eq(p->vuln.fix_days, 90);
	ck_assert_uint_eq(p->vuln.languages.n, 0);
	ck_assert_ptr_null(p->products[0].support_until);
	ck_assert_ptr_null(p->products[0].model);
	ck_assert(!p->products[0].direct_connection);
	ck_assert_uint_eq(p->products[0].interfaces.n, 0);
	ck_assert_ptr_null(p->approval.person);
	ck_assert_uint_eq(p->nroles, 0);
	ck_assert_uint_eq(p->nsuppliers, 0);
	/* The language comes from <profile xml:lang="ja">. */
	ck_assert_str_eq(p->people[0].name.v[0].lang, "ja");
	ck_assert_str_eq(p->people[0].name.v[0].text, "田中 一郎");
	/* A line break between Japanese characters is no space; in English
	 * it is one. */
	ck_assert_str_eq(ltext_get(&p->company.address, "ja"),
			 "東京都千代田区外神田一丁目1番1号");
	ck_assert_str_eq(ltext_get(&p->company.address, "en"),
			 "1-1-1 Sotokanda, Chiyoda-ku, Tokyo");
	profile_free(p);
	diag_free(&d);
}
END_TEST

/* One fixture per kind of mistake, and what must be said about it: the
 * whole output, so that an extra or a missing error fails too. */
static const struct {
	const char *file;
	const char *expected;
} mistakes[] = {
	{ "undefined-person.xml",
	  "undefined-person.xml:22:37: error: person \"yamada\" is not defined (assign/@person); defined people: tanaka, sato\n" },
	{ "impossible-date.xml",
	  "impossible-date.xml:35:28: error: invalid date \"2026-02-30\" (revision/@date): February 2026 has 28 days\n" },
	{ "leap-years.xml",
	  "leap-years.xml:25:56: error: invalid date \"2100-02-29\" (product/@support-until): February 2100 has 28 days\n" },
	{ "bad-email.xml",
	  "bad-email.xml:14:14: error: invalid e-mail address \"tanaka@@example.co.jp\" (person/email): it has more than one @; expected name@domain, e.g. sato@example.co.jp\n" },
	{ "unknown-element.xml",
	  "unknown-element.xml:14:7: error: unknown element <emial> in <person>; did you mean <email>?\n" },
	{ "duplicate-id.xml",
	  "duplicate-id.xml:19:13: error: duplicate person id \"sato\" (person/@id); first defined on line 16\n" },
	{ "deputy-self.xml",
	  "deputy-self.xml:20:25: error: person \"suzuki\" is their own deputy (person/@deputy)\n"
	  "deputy-self.xml:27:52: error: person \"sato\" cannot deputise for themselves (assign/@deputy)\n"
	  "deputy-self.xml:28:42: error: role \"psirt\" has two leads; the first is on line 27 (assign/@lead)\n" },
	{ "bad-document-refs.xml",
	  "bad-document-refs.xml:39:15: error: \"policy:x\": the policy is one document; write policy alone (revision/@changes)\n"
	  "bad-document-refs.xml:39:15: error: \"product:cam-9\": no product \"cam-9\" is defined (revision/@changes)\n"
	  "bad-document-refs.xml:39:15: error: invalid document \"manual\" (revision/@changes); expected policy, organization, training, verification, vulnerability-policy, psirt, or product, staff, course or cra-report with :ID for one sheet\n"
	  "bad-document-refs.xml:39:55: error: \"staff:kato\": no person \"kato\" is defined (revision/@adds)\n" },
	{ "bad-id.xml",
	  "bad-id.xml:25:14: error: invalid id \"../cam-1\" (product/@id); expected 1-64 lowercase letters, digits and hyphens, starting with a letter or a digit\n" },
	{ "xxe.xml",
	  "xxe.xml:3:1: error: a profile must not contain a DOCTYPE (DTDs and entities are not supported)\n" },
	{ "billion-laughs.xml",
	  "billion-laughs.xml:3:1: error: a profile must not contain a DOCTYPE (DTDs and entities are not supported)\n" },
	{ "not-utf8.xml",
	  "not-utf8.xml:13:13: error: the profile is not valid UTF-8 (bytes 0x93 0x63 0x92 0x86); save it as UTF-8\n" },
	{ "control-character.xml",
	  "control-character.xml:13:15: error: character U+0001 is not allowed in XML\n" },
	{ "too-deep.xml",
	  "too-deep.xml:6:191: error: elements are nested more than 64 levels deep\n" },
	{ "not-well-formed.xml",
	  "not-well-formed.xml:10:13: error: opening and ending tag mismatch: company line 4 and compnay\n" },
	{ "wrong-namespace.xml",
	  "wrong-namespace.xml:3:1: error: the root element must be <profile xmlns=\"urn:secpolgen:profile:1\">, not <profile>\n" },
	{ "out-of-order.xml", /* found by the schema alone */
	  "out-of-order.xml:13:7: error: <email> is out of order in <person>; expected order: name, title, email\n" },
	{ "missing-parts.xml",
	  "missing-parts.xml:3:1: error: missing element <vulnerability-handling> in <profile>\n"
	  "missing-parts.xml:16:5: error: missing attribute id on <person>\n"
	  "missing-parts.xml:22:37: error: person \"sato\" is not defined (assign/@person); defined people: tanaka\n"
	  "missing-parts.xml:25:5: error: missing element <markets> in <product>\n"
	  "missing-parts.xml:31:46: error: person \"sato\" is not defined (revision/@author); defined people: tanaka\n" },
	{ "no-language.xml",
	  "no-language.xml:5:5: error: <name> in <company> has no language; add xml:lang=\"ja\" (or another language) to it, or to <profile> for all texts\n"
	  "no-language.xml:6:5: error: <address> in <company> has no language; add xml:lang=\"ja\" (or another language) to it, or to <profile> for all texts\n"
	  "no-language.xml:13:7: error: <name> in <person> has no language; add xml:lang=\"ja\" (or another language) to it, or to <profile> for all texts\n"
	  "no-language.xml:17:7: error: <name> in <person> has no language; add xml:lang=\"ja\" (or another language) to it, or to <profile> for all texts\n"
	  "no-language.xml:26:7: error: <name> in <product> has no language; add xml:lang=\"ja\" (or another language) to it, or to <profile> for all texts\n"
	  "no-language.xml:36:7: error: <summary> in <revision> has no language; add xml:lang=\"ja\" (or another language) to it, or to <profile> for all texts\n" },
	{ "unknown-words.xml",
	  "unknown-words.xml:25:25: error: invalid category \"webcam\" (product/@category); allowed: camera, door-lock, alarm, baby-monitor, smart-speaker, router, gateway, firewall, sensor, toy, wearable, appliance, controller, industrial, other\n"
	  "unknown-words.xml:27:26: error: \"wi-fi\" is not allowed in <connectivity> (product/connectivity); allowed: wifi, ethernet, lte, 5g, bluetooth, zigbee, thread, wi-sun, lora, sub-ghz, nfc\n"
	  "unknown-words.xml:27:32: error: \"wifi\" is listed twice (product/connectivity)\n" },
	{ "http-url.xml",
	  "http-url.xml:10:14: error: invalid URL \"http://www.example.co.jp/\" (company/website); expected https://host/path, e.g. https://www.example.co.jp/security/\n"
	  "http-url.xml:34:10: error: invalid URL \"https://www.example.co.jp/security report/\" (vulnerability-handling/url); expected https://host/path, e.g. https://www.example.co.jp/security/\n" },
	{ "revisions-out-of-order.xml",
	  "revisions-out-of-order.xml:38:28: error: revision 1.1 is dated 2025-03-31, before revision 1.0 (2025-04-01, line 35); list revisions oldest first\n"
	  "revisions-out-of-order.xml:41:15: error: revision 1.1 does not come after revision 1.1 (line 38); list revisions oldest first, each with a greater number\n" },
	{ "builtin-role.xml",
	  "builtin-role.xml:21:11: error: role \"psirt\" is built in (role/@id); <assign> it as it is, or give your own role another id\n"
	  "builtin-role.xml:24:18: error: roles report to each other in a loop (role/@reports-to): a -> b -> a\n"
	  "builtin-role.xml:26:18: error: role \"cto\" is not defined (role/@reports-to); roles: executive, security-manager, psirt, development-lead, qa-lead, support, procurement, all-staff, a, b, …\n"
	  "builtin-role.xml:28:13: error: role \"security-lead\" is not defined (assign/@role); roles: executive, security-manager, psirt, development-lead, qa-lead, support, procurement, all-staff, a, b, …\n" },
	{ "message-overrides.xml",
	  "message-overrides.xml:41:14: error: invalid language \"jp\" (message/@xml:lang); Japanese is \"ja\"\n"
	  "message-overrides.xml:42:28: error: invalid message id \"Policy Purpose\" (message/@id); expected words separated by dots, e.g. policy.purpose.body\n"
	  "message-overrides.xml:43:28: error: message \"policy.purpose.body\" is given twice in language \"ja\"; the first is on line 40\n" },
	/* Four mistakes of four kinds (a reference, a date, an e-mail
	 * address, an element name): all reported in one run. */
	{ "many-mistakes.xml",
	  "many-mistakes.xml:14:14: error: invalid e-mail address \"tanaka@@example.co.jp\" (person/email): it has more than one @; expected name@domain, e.g. sato@example.co.jp\n"
	  "many-mistakes.xml:22:37: error: person \"yamada\" is not defined (assign/@person); defined people: tanaka, sato\n"
	  "many-mistakes.xml:27:7: error: unknown element <conectivity> in <product>; did you mean <connectivity>?\n"
	  "many-mistakes.xml:35:28: error: invalid date \"2026-02-30\" (revision/@date): February 2026 has 28 days\n" },
};

START_TEST(test_mistake)
{
	char *text = errors_of(mistakes[_i].file);

	ck_assert_str_eq(text, mistakes[_i].expected);
	free(text);
}
END_TEST

/* A DOCTYPE with an external entity is refused before anything reads the
 * entity: here the entity is a FIFO with no writer, so opening it would
 * block until the alarm fails the test. */
START_TEST(test_xxe_reads_no_file)
{
	char dir[] = "/tmp/secpolgen-xxe-XXXXXX", path[256], fifo[256];
	struct diag d = DIAG_INIT;
	struct profile *p;
	size_t len;
	char *xml, *text;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/profile.xml", dir);
	snprintf(fifo, sizeof(fifo), "%s/xxe-secret", dir);
	xml = read_file(test_path("tests/profiles/xxe.xml"), &len);
	write_file(path, xml, len);
	free(xml);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);

	alarm(20);
	p = profile_load(path, builtin, &d);
	alarm(0);

	ck_assert_ptr_null(p);
	snprintf(path, sizeof(path), "%s/", dir);
	text = printed(&d, path);
	ck_assert_str_eq(text, "profile.xml:3:1: error: a profile must not contain a DOCTYPE (DTDs and entities are not supported)\n");
	free(text);
	diag_free(&d);
	snprintf(path, sizeof(path), "%s/profile.xml", dir);
	unlink(path);
	unlink(fifo);
	rmdir(dir);
}
END_TEST

/* dir/name holding text is refused, with errors in d. */
static void refused(const char *dir, const char *name, const char *text, struct diag *d)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, text, strlen(text));
	ck_assert_ptr_null(profile_load(path, builtin, d));
	unlink(path);
}

/* Files that are not a profile at all: too large, binary, a directory,
 * a named pipe, missing; and a missing schema. */
START_TEST(test_unreadable)
{
	char dir[] = "/tmp/secpolgen-profile-XXXXXX", path[256], expected[1024];
	char *text, *xml, *s;
	struct diag d = DIAG_INIT;
	size_t len;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/big.xml", dir);
	xml = malloc(PROFILE_MAX_BYTES + 1);
	ck_assert_ptr_nonnull(xml);
	memset(xml, ' ', PROFILE_MAX_BYTES + 1);
	memcpy(xml, "<profile>", 9);
	write_file(path, xml, PROFILE_MAX_BYTES + 1);
	free(xml);
	ck_assert_ptr_null(profile_load(path, builtin, &d));
	unlink(path);

	snprintf(path, sizeof(path), "%s/nul.xml", dir);
	xml = read_file(test_path("tests/profiles/minimal.xml"), &len);
	s = strstr(xml, "初版");
	ck_assert_ptr_nonnull(s);
	s[3] = '\0'; /* between 初 and 版 */
	write_file(path, xml, len);
	free(xml);
	ck_assert_ptr_null(profile_load(path, builtin, &d));
	unlink(path);

	refused(dir, "empty.xml", "", &d);
	/* Text that is not XML, and an XML declaration with nothing after it. */
	refused(dir, "hello.xml", "\n  hello world\n", &d);
	refused(dir, "declaration.xml", "<?xml version=\"1.0\"?>\n<!-- -->\n", &d);

	ck_assert_ptr_null(profile_load(dir, builtin, &d));
	/* A named pipe with no writer: refused at once, not waited on. */
	snprintf(path, sizeof(path), "%s/fifo.xml", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_ptr_null(profile_load(path, builtin, &d));
	unlink(path);
	snprintf(path, sizeof(path), "%s/missing.xml", dir);
	ck_assert_ptr_null(profile_load(path, builtin, &d));

	/* Sorted by file name: the directory's own entry before its files. */
	snprintf(expected, sizeof(expected),
		 "%s: error: cannot read the profile: it is a folder, not a regular file\n"
		 "big.xml: error: the profile is larger than 16 MiB\n"
		 "declaration.xml:3:1: error: the profile is empty\n"
		 "empty.xml:1:1: error: the profile is empty\n"
		 "fifo.xml: error: cannot read the profile: it is a named pipe (FIFO), not a regular file\n"
		 "hello.xml:2:3: error: the profile is not XML: \"hello world\" stands where its <profile> element should start\n"
		 "missing.xml: error: cannot open the profile: No such file or directory\n"
		 "nul.xml:37:17: error: the profile contains a NUL byte; save it as UTF-8 text\n",
		 dir);
	snprintf(path, sizeof(path), "%s/", dir);
	text = printed(&d, path);
	ck_assert_str_eq(text, expected);
	free(text);
	diag_free(&d);
	rmdir(dir);
}
END_TEST

/* minimal.xml with people added before </people> until it has n, in
 * path; the line of the last one added. */
static long write_people(const char *path, size_t n)
{
	struct buf b = BUF_INIT;
	size_t len, i, have = 2; /* minimal.xml's */
	char *xml = read_file(test_path("tests/profiles/minimal.xml"), &len);
	char *end = strstr(xml, "  </people>");
	long line = 1;
	const char *p;

	ck_assert_ptr_nonnull(end);
	ck_assert_int_eq(buf_put(&b, xml, (size_t)(end - xml)), 0);
	for (p = xml; p < end; p++)
		line += *p == '\n';
	for (i = have; i < n; i++, line++)
		ck_assert_int_eq(buf_printf(&b, "    <person id=\"p%zu\"><name>社員 %zu</name></person>\n",
					    i, i), 0);
	ck_assert_int_eq(buf_puts(&b, end), 0);
	write_file(path, b.data, b.len);
	buf_free(&b);
	free(xml);
	return line - 1;
}

/* PROFILE_MAX_PEOPLE people load; one more is an error at that one. */
START_TEST(test_people_limit)
{
	char path[] = "/tmp/secpolgen-people-XXXXXX", expected[512];
	struct diag d = DIAG_INIT;
	struct profile *p;
	char *text;
	long line;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	write_people(path, PROFILE_MAX_PEOPLE);
	p = profile_load(path, builtin, &d);
	ck_assert_msg(p != NULL, "%zu errors", d.errors);
	ck_assert_uint_eq(p->npeople, PROFILE_MAX_PEOPLE);
	profile_free(p);
	line = write_people(path, PROFILE_MAX_PEOPLE + 1);
	ck_assert_ptr_null(profile_load(path, builtin, &d));
	snprintf(expected, sizeof(expected),
		 "%s:%ld:5: error: more than %d people: a profile holds at most %d people, each "
		 "with a staff sheet in every language and format; list the staff these "
		 "documents concern\n", path, line, PROFILE_MAX_PEOPLE, PROFILE_MAX_PEOPLE);
	text = printed(&d, "");
	ck_assert_str_eq(text, expected);
	free(text);
	diag_free(&d);
	unlink(path);
}
END_TEST

/* Loading leaves no libxml2 error handler behind pointing at freed state. */
START_TEST(test_error_handler_restored)
{
	struct diag d = DIAG_INIT;

	ck_assert_ptr_null(profile_load(test_path("tests/profiles/many-mistakes.xml"),
					builtin, &d));
	ck_assert(xmlStructuredError == NULL);
	diag_free(&d);
}
END_TEST

START_TEST(test_ltext_get)
{
	char ja[] = "ja", en[] = "en", fr[] = "fr", de[] = "de";
	char tanaka_ja[] = "田中", tanaka_en[] = "Tanaka", tanaka_fr[] = "Tanaka (fr)";
	char bonjour[] = "Bonjour", hallo[] = "Hallo";
	struct ltext_item items[] = { { ja, tanaka_ja }, { en, tanaka_en }, { fr, tanaka_fr } };
	struct ltext_item greetings[] = { { fr, bonjour }, { de, hallo } };
	struct ltext t = { items, 3 }, ja_only = { items, 1 }, none = { NULL, 0 };
	struct ltext french = { greetings, 2 };

	ck_assert_str_eq(ltext_get(&t, "ja"), "田中");
	ck_assert_str_eq(ltext_get(&t, "fr"), "Tanaka (fr)");
	ck_assert_str_eq(ltext_get(&t, "de"), "Tanaka"); /* else English */
	ck_assert_str_eq(ltext_get(&t, NULL), "Tanaka");
	ck_assert_str_eq(ltext_get(&ja_only, "en"), "田中"); /* else Japanese */
	ck_assert_str_eq(ltext_get(&french, "it"), "Bonjour"); /* else the first */
	ck_assert_ptr_null(ltext_get(&none, "ja"));
	ck_assert_ptr_null(ltext_get(NULL, "ja"));
	profile_free(NULL);
}
END_TEST

/* The things of a profile by id (model.c), one lookup for every stage. */
START_TEST(test_lookups_by_id)
{
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(test_path("examples/profile.xml"), builtin, &d);

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_eq(profile_person(p, "sato"), &p->people[1]);
	ck_assert_ptr_null(profile_person(p, "nobody"));
	ck_assert_ptr_null(profile_person(p, NULL));
	ck_assert_str_eq(profile_role(p, "firmware-security-champion")->id,
			 "firmware-security-champion");
	ck_assert_ptr_null(profile_role(p, "executive")); /* built in, not the profile's */
	ck_assert_ptr_eq(profile_product(p, "es-10"), &p->products[1]);
	ck_assert_ptr_null(profile_product(p, "sato"));
	ck_assert_ptr_eq(profile_supplier(p, "minato-ems"), &p->suppliers[1]);
	ck_assert_ptr_null(profile_supplier(p, ""));
	ck_assert_ptr_null(profile_course(p, "no-such-course"));
	profile_free(p);
	diag_free(&d);
}
END_TEST

/* profile.rng read once (model/rng.h): the lookups the loader, the
 * catalogue and init use. */
START_TEST(test_rng_lookups)
{
	const struct rng *r = cat->rng;
	const struct rng_vocab *v = rng_vocab(r, "connectivity");
	xmlNodePtr employees = rng_named(r, "attribute", "employees");
	const struct rng_item *lang;
	struct buf allowed = BUF_INIT, names = BUF_INIT;
	bool oom = false, ip = false;
	size_t i;

	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->labels, "label.connectivity");
	for (i = 0; i < v->nwords; i++)
		ip |= v->words[i].traits && strstr(v->words[i].traits, "ip") != NULL;
	ck_assert(ip);
	ck_assert_ptr_null(rng_vocab(r, "no-such-list"));

	ck_assert_ptr_nonnull(employees);
	ck_assert_str_eq(rng_param_text(r, employees, "minInclusive"), "1");
	ck_assert_int_eq(rng_param(r, employees, "maxInclusive", -1), 1000000);
	ck_assert_int_eq(rng_param(r, employees, "maxLength", -7), -7);
	ck_assert_ptr_null(rng_param_text(r, NULL, "maxLength"));
	/* Followed through <ref name="lang-attribute"/> to the <data>. */
	ck_assert_int_eq(rng_param(r, rng_named(r, "define", "text-short"), "maxLength", 0), 200);
	ck_assert_ptr_null(rng_named(r, "attribute", "no-such-attribute"));

	ck_assert_uint_gt(r->n, 1);
	ck_assert_str_eq(r->v[0].name, "profile");
	ck_assert_str_eq(r->v[0].parent, "");
	ck_assert_ptr_null(rng_item(r->v[0].kids, r->v[0].nkids, "no-such-element"));
	ck_assert_ptr_nonnull(rng_item(r->v[0].kids, r->v[0].nkids, "company"));
	ck_assert_int_eq(rng_item_names(r->v[0].kids, 2, &names), 0);
	ck_assert_str_eq(buf_str(&names), "company, people");

	lang = rng_item(r->v[r->v[0].kids[0].entry].attrs,
			r->v[r->v[0].kids[0].entry].nattrs, "employees");
	ck_assert_ptr_nonnull(lang);
	ck_assert(!rng_refuses(r, lang->def, "12", &allowed, &oom));
	buf_free(&allowed);
	ck_assert(rng_refuses(r, rng_named(r, "define", "vocab-category"), "toaster",
			      &allowed, &oom));
	ck_assert_ptr_nonnull(strstr(buf_str(&allowed), ", "));
	ck_assert(!oom);
	ck_assert(rng_has(r, rng_named(r, "element", "people"), "oneOrMore"));
	ck_assert(!rng_has(r, NULL, "oneOrMore"));
	buf_free(&allowed);
	buf_free(&names);
}
END_TEST

START_TEST(test_rng_unreadable)
{
	struct diag d = DIAG_INIT;

	ck_assert_ptr_null(rng_read("/nonexistent/profile.rng", &d));
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_str_eq(d.v[0].msg, "cannot read: No such file or directory");
	diag_free(&d);
}
END_TEST

/* The example's records: read into the model as written. */
START_TEST(test_example_records)
{
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(test_path("examples/profile.xml"), builtin, &d);
	const struct product *nc, *es;
	const struct req_record *q;
	const struct risk_record *k;
	const struct decision_record *x;
	const struct test_record *t;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(records_load(p, cat, test_path("examples/records"), true, &d), 0);
	ck_assert_uint_eq(d.errors, 0);
	nc = profile_product(p, "nc-200");
	es = profile_product(p, "es-10");
	ck_assert_ptr_nonnull(nc->records);
	ck_assert_ptr_null(es->records); /* no file: no records, no error */
	ck_assert_str_eq(nc->records->updated, "2026-11-20");
	q = records_requirement(nc, "brute-force");
	ck_assert_int_eq(q->status, REC_PARTLY);
	ck_assert_str_eq(q->owner, "suzuki");
	ck_assert_str_eq(q->due, "2027-01-31");
	ck_assert_uint_eq(q->nevidence, 1);
	ck_assert_str_eq(q->evidence[0].ref, "TR-NC200-2026-03");
	ck_assert_str_eq(ltext_get(&q->evidence[0].title, "ja"), "出荷前セキュリティ試験報告書");
	ck_assert_str_eq(ltext_get(&q->note, "en"),
			 "Lock-out is in place on the web interface; logging in to the device from the smartphone app is not yet covered (PRJ-1423).");
	ck_assert_ptr_null(records_requirement(nc, "device-identification")); /* left out */
	k = records_risk(nc, "default-password");
	ck_assert_int_eq(k->likelihood, 1);
	ck_assert_int_eq(k->impact, 3);
	ck_assert_int_eq(k->decision, REC_ACCEPT);
	ck_assert_str_eq(k->by, "tanaka");
	ck_assert_str_eq(k->until, "2027-11-09");
	k = records_risk(nc, "card-theft");
	ck_assert_int_eq(k->decision, REC_TREAT);
	ck_assert_str_eq(k->owner, "suzuki");
	ck_assert_str_eq(k->due, "2027-03-31");
	x = records_decision(nc, "automatic-updates");
	ck_assert_str_eq(x->by, "tanaka");
	ck_assert_uint_eq(x->answer.n, 2);
	t = records_test(nc, "login-lockout");
	ck_assert_int_eq(t->result, REC_FAILED);
	ck_assert_str_eq(t->fix_due, "2027-01-31");
	ck_assert_str_eq(t->version, "2.4-beta3");
	ck_assert_ptr_null(records_test(es, "login-lockout"));
	profile_free(p);
	diag_free(&d);
}
END_TEST

/* Every mistake of a records file at once, each at its place, and the
 * profile's products then hold no records. */
START_TEST(test_records_mistakes)
{
	struct diag d = DIAG_INIT;
	char dir[4096], path[4200];
	struct profile *p = profile_load(test_path("tests/profiles/minimal.xml"), builtin, &d);
	static const char text[] =
		"<records xmlns=\"urn:secpolgen:records:1\" version=\"1\" product=\"cam-1\" updated=\"2026-02-01\">\n"
		"  <requirement id=\"no-such\" status=\"met\"/>\n"
		"  <requirement id=\"ble-pairing\" status=\"not-yet\" owner=\"ghost\"/>\n"
		"  <risk id=\"exposed-service\" likelihood=\"low\" decision=\"treat\"/>\n"
		"  <test id=\"threat-model-review\" result=\"planned\" fix-due=\"2026-13-01\"/>\n"
		"</records>\n";
	char *out;

	ck_assert_ptr_nonnull(p);
	snprintf(dir, sizeof(dir), "%s/records-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/cam-1.xml", dir);
	write_file(path, text, sizeof(text) - 1);
	ck_assert_int_eq(records_load(p, cat, dir, false, &d), -1);
	ck_assert_ptr_null(p->products[0].records);
	out = printed(&d, dir);
	ck_assert_str_eq(out,
		"/cam-1.xml:2:16: error: there is no requirement \"no-such\" in the catalogue (policy-templates/requirements.xml); `secpolgen records PROFILE cam-1` lists the ids that apply to this product\n"
		"/cam-1.xml:2:29: error: status=\"met\" needs the evidence that shows it: add <evidence ref=\"…\" date=\"YYYY-MM-DD\"><title xml:lang=\"…\">what it is</title></evidence>\n"
		"/cam-1.xml:3:16: error: requirement \"ble-pairing\" does not apply to product \"cam-1\" (its product sheet does not list it), so there is nothing to record for it; remove the line\n"
		"/cam-1.xml:3:50: error: person \"ghost\" is not defined (requirement/@owner); people of the profile: tanaka, sato\n"
		"/cam-1.xml:4:3: error: a residual rating needs both likelihood= and impact=\n"
		"/cam-1.xml:4:47: error: decision=\"treat\" needs by=\"person\" (who decided) and date=\"YYYY-MM-DD\" (when)\n"
		"/cam-1.xml:4:47: error: decision=\"treat\" needs owner=\"person\" (who treats the risk further) and due=\"YYYY-MM-DD\" (by when)\n"
		"/cam-1.xml:5:51: error: invalid date \"2026-13-01\" (test/@fix-due): there is no month 13\n");
	free(out);
	unlink(path);
	rmdir(dir);
	profile_free(p);
	diag_free(&d);
}
END_TEST

Suite *profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("load");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_example_loads);
	tcase_add_test(tc, test_minimal_defaults_and_white_space);
	tcase_add_loop_test(tc, test_mistake, 0, sizeof(mistakes) / sizeof(mistakes[0]));
	tcase_add_test(tc, test_xxe_reads_no_file);
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_people_limit);
	tcase_add_test(tc, test_error_handler_restored);
	tcase_add_test(tc, test_ltext_get);
	tcase_add_test(tc, test_lookups_by_id);
	tcase_add_test(tc, test_rng_lookups);
	tcase_add_test(tc, test_rng_unreadable);
	tcase_add_test(tc, test_example_records);
	tcase_add_test(tc, test_records_mistakes);
	suite_add_tcase(s, tc);
	return s;
}
