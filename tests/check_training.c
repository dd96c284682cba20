/* check_training.c - the responsibility matrix's rules (raci.c) and the
 * training schedule (training.c), on small profiles written here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/catalog.h"
#include "check_suites.h"
#include "profile/profile.h"
#include "derive/raci.h"
#include "derive/training.h"

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
}

/* A profile: people (XML of <person> elements), roles (assigns, raci),
 * extra top-level XML before <revisions>; fiscal-year-start and the
 * effective date as given. Caller frees. */
static struct profile *load(const char *people, const char *roles, const char *training,
			    int fy_start, const char *date)
{
	char path[] = "/tmp/secpolgen-training-XXXXXX";
	struct diag d = DIAG_INIT;
	struct profile *p;
	FILE *f;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f,
		"<profile xmlns=\"urn:secpolgen:profile:1\" version=\"1\" xml:lang=\"en\">\n"
		"<company code=\"t\" fiscal-year-start=\"%d\"><name>T</name></company>\n"
		"<people>%s</people>\n<roles>%s</roles>\n"
		"<products><product id=\"p\" category=\"camera\" update=\"ota\"><name>P</name>"
		"<connectivity>wifi</connectivity><markets>JP</markets></product></products>\n"
		"<vulnerability-handling><email>psirt@example.jp</email></vulnerability-handling>\n"
		"%s\n<revisions><revision number=\"1.0\" date=\"%s\" author=\"a\"><summary>x</summary>"
		"</revision></revisions>\n</profile>\n",
		fy_start, people, roles, training, date);
	fclose(f);
	p = profile_load(path, &cat->builtins, &d);
	if (!p)
		diag_print(&d, stderr);
	ck_assert_ptr_nonnull(p);
	unlink(path);
	diag_free(&d);
	return p;
}

#define PERSON(id) "<person id=\"" id "\"><name>" id "</name></person>"
#define DEPUTISED(id, dep) "<person id=\"" id "\" deputy=\"" dep "\"><name>" id "</name></person>"
/* a and b cover each other; nobody verifies or approves in place of
 * the developer c, nor approves the work they stand in for. */
#define EVERYONE DEPUTISED("a", "b") DEPUTISED("b", "a") DEPUTISED("c", "a") DEPUTISED("d", "a")
#define ALL_ROLES                                                                \
	"<assign role=\"executive\" person=\"a\"/>"                                  \
	"<assign role=\"security-manager\" person=\"b\"/>"                           \
	"<assign role=\"psirt\" person=\"d\"/>"                                      \
	"<assign role=\"development-lead\" person=\"c\"/>"                           \
	"<assign role=\"qa-lead\" person=\"d\"/>"                                    \
	"<assign role=\"support\" person=\"d\"/>"                                    \
	"<assign role=\"procurement\" person=\"a\"/>"

static const struct training_course *course(const struct training_plan *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->ncourses; i++)
		if (strcmp(t->courses[i].id, id) == 0)
			return &t->courses[i];
	ck_abort_msg("no course %s", id);
	return NULL;
}

static size_t count_rule(const struct raci_matrix *m, enum raci_rule rule)
{
	size_t i, n = 0;

	for (i = 0; i < m->nfindings; i++)
		n += m->findings[i].rule == rule;
	return n;
}

START_TEST(test_raci_clean)
{
	struct profile *p = load(EVERYONE, ALL_ROLES, "", 4, "2026-04-01");
	struct raci_matrix *m = raci_build(p, cat);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->nfindings, 0);
	/* all staff is the last column, and everyone holds it */
	ck_assert_str_eq(m->roles[m->nroles - 1].id, "all-staff");
	ck_assert_uint_eq(m->roles[m->nroles - 1].npeople, 4);
	/* no EU product: the CRA's reporting activity does not apply */
	{
		size_t i;
		for (i = 0; i < m->nrows; i++)
			ck_assert_str_ne(m->rows[i].activity->id, "notify-authorities");
	}
	raci_free(m);
	profile_free(p);
}
END_TEST

START_TEST(test_raci_rules)
{
	struct profile *p = load(EVERYONE,
				 "<assign role=\"executive\" person=\"a\"/>"
				 "<assign role=\"security-manager\" person=\"b\"/>"
				 "<assign role=\"development-lead\" person=\"c\"/>"
				 "<assign role=\"qa-lead\" person=\"c\"/>"
				 "<raci activity=\"triage\" role=\"qa-lead\" value=\"A\"/>"
				 "<raci activity=\"review-designs\" role=\"development-lead\" value=\"C\"/>",
				 "", 4, "2026-04-01");
	struct raci_matrix *m = raci_build(p, cat);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(count_rule(m, RACI_ACCOUNTABLE), 1);  /* triage: two A */
	ck_assert_uint_eq(count_rule(m, RACI_RESPONSIBLE), 1);  /* review-designs: no R */
	ck_assert_uint_eq(count_rule(m, RACI_VACANT), 3);       /* psirt, support, procurement */
	ck_assert_uint_ge(count_rule(m, RACI_UNSTAFFED), 5);    /* the PSIRT's activities */
	ck_assert_uint_eq(count_rule(m, RACI_SEPARATION), 2);   /* c develops and verifies */
	ck_assert_uint_eq(count_rule(m, RACI_MEASURE), 0);
	raci_free(m);
	profile_free(p);
}
END_TEST

static const struct raci_finding *find_rule(const struct raci_matrix *m, enum raci_rule rule,
					    const char *role)
{
	size_t i;

	for (i = 0; i < m->nfindings; i++)
		if (m->findings[i].rule == rule && strcmp(m->roles[m->findings[i].role].id, role) == 0)
			return &m->findings[i];
	return NULL;
}

/* Deputies per assignment: mutual cover is fine; a deputy who would
 * verify or approve the work they develop is found, once per activity;
 * a sole holder, or a lead, without a deputy is found; the executive
 * needs none. */
START_TEST(test_raci_deputies)
{
	struct profile *p = load(PERSON("a") PERSON("b") PERSON("c") PERSON("d") PERSON("e"),
				 "<assign role=\"executive\" person=\"a\"/>"
				 "<assign role=\"security-manager\" person=\"b\" deputy=\"c\"/>"
				 "<assign role=\"psirt\" person=\"b\" lead=\"true\"/>"
				 "<assign role=\"psirt\" person=\"e\" deputy=\"b\"/>"
				 "<assign role=\"development-lead\" person=\"c\" deputy=\"d\"/>"
				 "<assign role=\"qa-lead\" person=\"d\" deputy=\"c\"/>"
				 "<assign role=\"support\" person=\"e\" deputy=\"d\"/>"
				 "<assign role=\"procurement\" person=\"e\"/>",
				 "", 4, "2026-04-01");
	struct raci_matrix *m = raci_build(p, cat);
	const struct raci_finding *f;
	size_t col, i;

	ck_assert_ptr_nonnull(m);
	/* c stands in for d in verification and for b in release, and
	 * would approve as b the requirements c writes; b would triage
	 * alone for e what she approves; d, who verifies,
	 * stands in for c in development and in fixes */
	ck_assert_uint_eq(count_rule(m, RACI_COVER), 5);
	/* b, the security manager, would do alone the PSIRT's triage she
	 * approves while standing in for e; but she does so always, as the
	 * PSIRT's lead: the self-approval finding says it, not a second one
	 * about standing in */
	ck_assert_ptr_null(find_rule(m, RACI_COVER, "psirt"));
	for (i = 0; i < m->nfindings && (m->findings[i].rule != RACI_COVER || m->findings[i].separation); i++)
		;
	ck_assert_uint_lt(i, m->nfindings);
	ck_assert_str_eq(m->roles[m->findings[i].role].id, "security-manager");
	ck_assert_str_eq(p->people[m->findings[i].deputy].id, "c");
	ck_assert_uint_eq(m->findings[i].row, m->findings[i].first_row);
	f = find_rule(m, RACI_COVER, "development-lead");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(p->people[f->deputy].id, "d");
	ck_assert_str_eq(m->rows[f->row].activity->id, "develop");
	ck_assert_str_eq(m->rows[f->first_row].activity->id, "verify");
	f = find_rule(m, RACI_COVER, "qa-lead");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(p->people[f->person].id, "d");
	ck_assert_str_eq(p->people[f->deputy].id, "c");
	ck_assert_str_eq(m->rows[f->row].activity->id, "verify");
	for (i = 0; i < m->nfindings; i++)
		if (m->findings[i].rule == RACI_COVER && m->findings[i].separation &&
		    strcmp(m->roles[m->findings[i].role].id, "security-manager") == 0)
			break;
	ck_assert_uint_lt(i, m->nfindings);
	ck_assert_str_eq(m->rows[m->findings[i].row].activity->id, "approve-release");
	/* b leads the PSIRT and is the security manager: she approves the
	 * PSIRT's work she does herself, whoever is away */
	ck_assert_uint_eq(count_rule(m, RACI_SELF), 1);
	f = find_rule(m, RACI_SELF, "security-manager");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(p->people[f->person].id, "b");
	ck_assert_str_eq(m->rows[f->row].activity->id, "monitor-vulnerabilities");
	ck_assert(raci_self_approves(m, f->row, f->person));
	/* procurement alone without a deputy; the PSIRT's lead has none;
	 * the executive needs none; c and d cover each other */
	ck_assert_uint_eq(count_rule(m, RACI_DEPUTY), 2);
	ck_assert_ptr_nonnull(find_rule(m, RACI_DEPUTY, "procurement"));
	f = find_rule(m, RACI_DEPUTY, "psirt");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(p->people[f->person].id, "b");
	ck_assert_ptr_null(find_rule(m, RACI_DEPUTY, "executive"));
	/* the assignment's deputy, not the person's, and the lead */
	for (col = 0; strcmp(m->roles[col].id, "psirt") != 0; col++)
		;
	ck_assert_uint_eq(raci_deputy(m, col, 4), 1);
	ck_assert_uint_eq(raci_deputy(m, col, 1), RACI_NOBODY);
	ck_assert_uint_eq(m->roles[col].people[m->roles[col].lead], 1);
	raci_free(m);
	profile_free(p);
}
END_TEST

/* The example's organisation has the conflicts a reviewer found; given
 * deputies who do not check their own work, it has none. */
START_TEST(test_raci_example_deputies)
{
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(test_path("examples/profile.xml"), &cat->builtins, &d);
	struct raci_matrix *m;
	static const char *const fix[][2] = {
		{ "qa-lead", "sato" }, { "security-manager", "tanaka" },
		{ "firmware-security-champion", "suzuki" }, { "procurement", "ito" },
		{ "psirt", "suzuki" }, { "support", "yamamoto" },
	};
	size_t i, k;

	ck_assert_ptr_nonnull(p);
	m = raci_build(p, cat);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->nfindings, 7);
	/* suzuki also approves what he specifies; sato, for lin and for
	 * ito, approves the work she then does alone */
	ck_assert_uint_eq(count_rule(m, RACI_COVER), 4);
	ck_assert_ptr_nonnull(find_rule(m, RACI_COVER, "support"));
	ck_assert_ptr_null(find_rule(m, RACI_COVER, "psirt")); /* sato: self-approval */
	ck_assert_ptr_nonnull(find_rule(m, RACI_COVER, "qa-lead"));          /* suzuki verifies */
	ck_assert_ptr_nonnull(find_rule(m, RACI_COVER, "security-manager")); /* suzuki releases */
	ck_assert_ptr_nonnull(find_rule(m, RACI_DEPUTY, "procurement"));
	ck_assert_ptr_nonnull(find_rule(m, RACI_DEPUTY, "firmware-security-champion"));
	ck_assert_ptr_nonnull(find_rule(m, RACI_SELF, "security-manager"));
	raci_free(m);
	for (i = 0; i < sizeof(fix) / sizeof(fix[0]); i++)
		for (k = 0; k < p->nassignments; k++)
			if (strcmp(p->assignments[k].role, fix[i][0]) == 0) {
				free(p->assignments[k].deputy);
				p->assignments[k].deputy = strdup(fix[i][1]);
			}
	m = raci_build(p, cat);
	ck_assert_ptr_nonnull(m);
	/* Other deputies leave one finding: sato, the security manager,
	 * also leads the PSIRT and approves its work whoever is away. */
	ck_assert_uint_eq(m->nfindings, 1);
	ck_assert_uint_eq(count_rule(m, RACI_SELF), 1);
	raci_free(m);
	profile_free(p);
	diag_free(&d);
}
END_TEST

/* The year starts in the profile's month; every yearly course once; the
 * fixed months where courses.xml puts them; the rest spread out. */
START_TEST(test_schedule_start_and_spread)
{
	struct profile *p = load(EVERYONE, ALL_ROLES, "", 10, "2026-11-01");
	struct raci_matrix *m = raci_build(p, cat);
	struct training_plan *t = training_plan(p, cat, m);
	int used[TRAINING_MONTHS] = { 0 }, y, mo, busy = 0;
	size_t i;

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(t->start_month, 10);
	ck_assert_int_eq(t->fiscal_year, 2026);
	training_month(t, 0, &y, &mo);
	ck_assert_int_eq(y, 2026);
	ck_assert_int_eq(mo, 10);
	training_month(t, 11, &y, &mo);
	ck_assert_int_eq(y, 2027);
	ck_assert_int_eq(mo, 9);
	/* policy awareness: month 1 of the year (catalogue) */
	ck_assert_uint_eq(course(t, "policy-awareness")->nmonths, 1);
	ck_assert_int_eq(course(t, "policy-awareness")->months[0], 0);
	for (i = 0; i < t->ncourses; i++) {
		ck_assert_uint_eq(t->courses[i].nmonths, 1);
		used[t->courses[i].months[0]]++;
	}
	/* spread: no month holds more than two of the eight courses */
	for (i = 0; i < TRAINING_MONTHS; i++) {
		ck_assert_int_le(used[i], 2);
		busy += used[i] > 0;
	}
	ck_assert_int_ge(busy, 6);
	/* the second Wednesday */
	{
		struct date d = training_session_day(t, 0, 0); /* October 2026 */
		ck_assert_int_eq(d.y, 2026);
		ck_assert_int_eq(d.m, 10);
		ck_assert_int_eq(d.d, 14);
		d = training_session_day(t, 0, 1); /* a second course that month */
		ck_assert_int_eq(d.d, 21);
		d = training_session_day(t, 0, 3);
		ck_assert_int_eq(d.d, 14);
	}
	training_free(t);
	raci_free(m);
	profile_free(p);
}
END_TEST

/* The profile moves a course to its own month and changes its hours;
 * the default year is the one holding the effective date. */
START_TEST(test_schedule_profile_month)
{
	struct profile *p = load(EVERYONE, ALL_ROLES,
				 "<training><course id=\"secure-coding\" month=\"2\" hours=\"7.5\"/></training>",
				 4, "2027-02-10");
	struct raci_matrix *m = raci_build(p, cat);
	struct training_plan *t = training_plan(p, cat, m);
	const struct training_course *c = course(t, "secure-coding");

	ck_assert_int_eq(t->fiscal_year, 2026); /* February 2027 is in FY2026 */
	ck_assert_uint_eq(c->nmonths, 1);
	ck_assert_int_eq(c->months[0], 10);     /* February: month 11 of an April year */
	ck_assert(c->hours == 7.5);
	training_free(t);
	raci_free(m);
	profile_free(p);
}
END_TEST

/* A person with no role takes only the courses of all staff; a course
 * whose role nobody holds is not held; someone joining in the year has
 * deadlines counted from the day they joined. */
START_TEST(test_schedule_people)
{
	struct profile *p = load(EVERYONE PERSON("e")
				 "<person id=\"f\" joined=\"2026-07-20\"><name>f</name></person>",
				 "<assign role=\"executive\" person=\"a\"/>"
				 "<assign role=\"security-manager\" person=\"b\"/>"
				 "<assign role=\"psirt\" person=\"b\"/>"
				 "<assign role=\"development-lead\" person=\"f\"/>"
				 "<assign role=\"qa-lead\" person=\"d\" since=\"2026-09-01\"/>",
				 "", 4, "2026-04-01");
	struct raci_matrix *m = raci_build(p, cat);
	struct training_plan *t = training_plan(p, cat, m);
	size_t i, e = 4, f = 5, d = 3, found = 0;

	ck_assert_ptr_nonnull(t);
	for (i = 0; i < t->ncourses; i++)
		ck_assert(training_takes(&t->courses[i], e) ==
			  (strcmp(t->courses[i].id, "policy-awareness") == 0));
	/* nobody holds support: its course is not held */
	ck_assert_uint_eq(course(t, "support-enquiries")->npeople, 0);
	ck_assert_uint_eq(course(t, "support-enquiries")->nmonths, 0);
	/* f joined on 20 July: policy awareness within 30 days, secure
	 * coding within 90; d became QA lead on 1 September */
	for (i = 0; i < t->ndeadlines; i++) {
		const struct training_deadline *x = &t->deadlines[i];
		const char *id = t->courses[x->course].id;
		if (x->person == f && strcmp(id, "policy-awareness") == 0) {
			ck_assert_int_eq(x->by.y, 2026);
			ck_assert_int_eq(x->by.m, 8);
			ck_assert_int_eq(x->by.d, 19);
			found++;
		} else if (x->person == f && strcmp(id, "secure-coding") == 0) {
			ck_assert_int_eq(x->by.m, 10);
			ck_assert_int_eq(x->by.d, 18);
			found++;
		} else if (x->person == d && strcmp(id, "security-testing") == 0) {
			ck_assert_int_eq(x->by.m, 11);
			ck_assert_int_eq(x->by.d, 30);
			found++;
		} else {
			ck_assert_msg(x->person == f || x->person == d,
				      "a deadline for someone already in place: %s", id);
			ck_assert_msg(!(x->person == d && strcmp(id, "policy-awareness") == 0),
				      "a new role does not restart the joining course");
		}
	}
	ck_assert_uint_eq(found, 3);
	training_free(t);
	raci_free(m);
	profile_free(p);
}
END_TEST

Suite *training_suite(void)
{
	Suite *s = suite_create("training");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_raci_clean);
	tcase_add_test(tc, test_raci_rules);
	tcase_add_test(tc, test_raci_deputies);
	tcase_add_test(tc, test_raci_example_deputies);
	tcase_add_test(tc, test_schedule_start_and_spread);
	tcase_add_test(tc, test_schedule_profile_month);
	tcase_add_test(tc, test_schedule_people);
	suite_add_tcase(s, tc);
	return s;
}
