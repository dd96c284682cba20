/* catalog.c - the built-in data under policy-templates/: roles.xml,
 * activities.xml, documents.xml and the word lists of profile.rng. */
#include "model/catalog.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/text.h"
#include "model/requirements.h"
#include "base/status.h"
#include "base/xmlutil.h"

static int read_role(struct catalog_role *r, xmlNodePtr x, const char *path,
		     struct diag *d)
{
	char *required = xmlutil_attr(x, "required");
	char *everyone = xmlutil_attr(x, "everyone");
	char *deputy = xmlutil_attr(x, "deputy");
	char *measure = xmlutil_attr(x, "measure");
	int rc = -1;

	r->id = xmlutil_attr(x, "id");
	r->reports_to = xmlutil_attr(x, "reports-to");
	if (!r->id || !r->id[0]) {
		diag_error(d, path, xmlGetLineNo(x), 0, "role without an id");
		goto out;
	}
	r->required = required && strcmp(required, "true") == 0;
	r->everyone = everyone && strcmp(everyone, "true") == 0;
	r->deputy_optional = deputy && strcmp(deputy, "optional") == 0;
	if (measure) {
		if (measure[0] < '1' || measure[0] > '6' || measure[1]) {
			diag_error(d, path, xmlGetLineNo(x), 0,
				   "role %s: measure=\"%s\" is not one of the guide's measures 1 to 6",
				   r->id, measure);
			goto out;
		}
		r->measure = measure[0] - '0';
	}
	rc = 0;
out:
	free(required);
	free(everyone);
	free(deputy);
	free(measure);
	return rc;
}

/* Adds letter to the cell of each role named in the list s. */
static int add_cells(struct catalog *c, struct catalog_activity *a,
		     const char *s, unsigned letter, const char *path, long line,
		     struct diag *d)
{
	while (s && *s) {
		size_t n, i;
		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		if (!n)
			break;
		for (i = 0; i < c->nroles; i++)
			if (strlen(c->roles[i].id) == n && strncmp(c->roles[i].id, s, n) == 0)
				break;
		if (i == c->nroles) {
			diag_error(d, path, line, 0, "activity \"%s\": unknown role \"%.*s\"",
				   a->id, (int)n, s);
			return -1;
		}
		/* Cells keep roles.xml's order, one a role. */
		if (!a->cells[i].role && !(a->cells[i].role = strdup(c->roles[i].id)))
			return -1;
		a->cells[i].raci |= letter;
		s += n;
	}
	return 0;
}

static int read_activity(struct catalog *c, struct catalog_activity *a,
			 xmlNodePtr x, const char *path, struct diag *d)
{
	static const struct {
		const char *attr;
		unsigned letter;
	} letters[] = { { "a", RACI_A }, { "r", RACI_R }, { "c", RACI_C }, { "i", RACI_I } };
	long line = xmlGetLineNo(x);
	char *measure = xmlutil_attr(x, "measure");
	size_t i, na = 0, nr = 0, k;
	int rc = -1;

	a->id = xmlutil_attr(x, "id");
	a->when = xmlutil_attr(x, "when");
	{
		char *ap = xmlutil_attr(x, "approves");
		a->approves = ap && strcmp(ap, "true") == 0;
		free(ap);
	}
	a->measure = measure ? atoi(measure) : 0;
	a->cells = calloc(c->nroles ? c->nroles : 1, sizeof(*a->cells));
	if (!a->cells)
		goto out;
	a->ncells = c->nroles;
	if (!a->id || a->measure < 1 || a->measure > 6) {
		diag_error(d, path, line, 0, "<activity> needs an id and a measure from 1 to 6");
		goto out;
	}
	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
		char *v = xmlutil_attr(x, letters[i].attr);
		int bad = add_cells(c, a, v, letters[i].letter, path, line, d);
		free(v);
		if (bad < 0)
			goto out;
	}
	for (k = 0; k < a->ncells; k++) {
		na += (a->cells[k].raci & RACI_A) != 0;
		nr += (a->cells[k].raci & RACI_R) != 0;
	}
	if (na != 1 || nr == 0) {
		diag_error(d, path, line, 0,
			   "activity \"%s\" needs exactly one accountable role (a) and at least one responsible (r)",
			   a->id);
		goto out;
	}
	rc = 0;
out:
	free(measure);
	return rc;
}

static int load_activities(struct catalog *c, const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	xmlDocPtr x = NULL;
	xmlNodePtr root, n;
	size_t na = 0, ns = 0;
	int rc = -1;

	if (buf_printf(&path, "%s/activities.xml", dir) < 0)
		goto out;
	x = xmlutil_read_file(buf_str(&path), d);
	if (!x)
		goto out;
	root = xmlDocGetRootElement(x);
	if (!xmlutil_is(root, CATALOG_NS, "activities")) {
		diag_error(d, buf_str(&path), 1, 1, "expected <activities xmlns=\"%s\">", CATALOG_NS);
		goto out;
	}
	for (n = root->children; n; n = n->next) {
		na += xmlutil_is(n, CATALOG_NS, "activity");
		ns += xmlutil_is(n, CATALOG_NS, "separate");
	}
	c->activities = calloc(na ? na : 1, sizeof(*c->activities));
	c->separations = calloc(ns ? ns : 1, sizeof(*c->separations));
	if (!c->activities || !c->separations)
		goto out;
	for (n = root->children; n; n = n->next) {
		if (xmlutil_is(n, CATALOG_NS, "activity")) {
			struct catalog_activity *a = &c->activities[c->nactivities++];
			if (read_activity(c, a, n, buf_str(&path), d) < 0)
				goto out;
			if (catalog_activity(c, a->id) != a) {
				diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
					   "activity \"%s\" is defined twice", a->id);
				goto out;
			}
		} else if (xmlutil_is(n, CATALOG_NS, "separate")) {
			struct catalog_separation *sp = &c->separations[c->nseparations++];
			sp->id = xmlutil_attr(n, "id");
			sp->first = xmlutil_attr(n, "first");
			sp->second = xmlutil_attr(n, "second");
			if (!sp->id || !sp->first || !sp->second ||
			    !catalog_activity(c, sp->first) || !catalog_activity(c, sp->second)) {
				diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
					   "<separate> needs an id and two known activities (first, second)");
				goto out;
			}
		}
	}
	rc = 0;
out:
	if (rc < 0 && d->errors == 0)
		diag_error(d, buf_str(&path), 0, 0, "out of memory while reading the activities");
	xmlFreeDoc(x);
	buf_free(&path);
	return rc;
}

/* "role-a role-b" into l: SP_OK; SP_EINPUT when one is not a role of
 * roles.xml (for the caller to report); SP_ENOMEM. */
static int split_roles(const struct catalog *c, const char *s, struct strlist *l)
{
	size_t i;

	if (strlist_split(s, l) < 0)
		return SP_ENOMEM;
	for (i = 0; i < l->n; i++)
		if (!catalog_role(c, l->v[i]))
			return SP_EINPUT;
	return SP_OK;
}

static int read_course(struct catalog *c, struct catalog_course *co, xmlNodePtr x,
		       const char *path, struct diag *d)
{
	static const char *const methods[] = { "workshop", "e-learning", "on-the-job" };
	static const char *const checks[] = { "quiz", "exercise", "attendance" };
	char *roles = xmlutil_attr(x, "roles"), *method = xmlutil_attr(x, "method");
	char *check = xmlutil_attr(x, "check"), *joining = xmlutil_attr(x, "on-joining");
	char *hours = xmlutil_attr(x, "hours"), *end = NULL;
	long line = xmlGetLineNo(x);
	bool bad = false;
	size_t i;
	int rc = -1, split;

	co->id = xmlutil_attr(x, "id");
	if (!co->id || !roles || !method || !check || !hours) {
		diag_error(d, path, line, 0, "<course> needs an id, roles, hours, a method and a check");
		goto out;
	}
	split = split_roles(c, roles, &co->roles);
	if (split == SP_EINPUT) {
		diag_error(d, path, line, 0, "course \"%s\": unknown role in \"%s\"", co->id, roles);
		goto out;
	}
	if (split < 0)
		goto out;
	{
		char *acts = xmlutil_attr(x, "activities");
		int rc2 = acts ? strlist_split(acts, &co->activities) : 0;
		free(acts);
		if (rc2 < 0)
			goto out;
		for (i = 0; i < co->activities.n; i++) {
			size_t k;
			for (k = 0; k < c->nactivities &&
				    strcmp(c->activities[k].id, co->activities.v[i]) != 0; k++)
				;
			if (k == c->nactivities) {
				diag_error(d, path, line, 0, "course \"%s\": unknown activity \"%s\"",
					   co->id, co->activities.v[i]);
				goto out;
			}
		}
	}
	co->hours = strtod(hours, &end);
	bad = *end || !(co->hours > 0 && co->hours <= 100);
	for (i = 0; i < 3 && strcmp(methods[i], method) != 0; i++)
		;
	co->method = (enum course_method)i;
	bad |= i == 3;
	for (i = 0; i < 3 && strcmp(checks[i], check) != 0; i++)
		;
	co->check = (enum course_check)i;
	bad |= i == 3;
	co->on_joining = joining && strcmp(joining, "true") == 0;
	co->within_days = xmlutil_int_attr(x, "within-days", 0, 1, 366, &bad);
	co->refresh_months = xmlutil_int_attr(x, "refresh-months", 0, 1, 60, &bad);
	co->month = xmlutil_int_attr(x, "month", 0, 1, 12, &bad);
	co->pass_mark = xmlutil_int_attr(x, "pass-mark", 0, 1, 100, &bad);
	co->keep_years = xmlutil_int_attr(x, "keep-years", 3, 1, 30, &bad);
	co->goals = xmlutil_int_attr(x, "goals", 0, 0, 20, &bad);
	co->points = xmlutil_int_attr(x, "points", 0, 0, 20, &bad);
	co->dos = xmlutil_int_attr(x, "dos", 0, 0, 20, &bad);
	co->donts = xmlutil_int_attr(x, "donts", 0, 0, 20, &bad);
	co->quiz = xmlutil_int_attr(x, "quiz", 0, 0, 20, &bad);
	if (bad) {
		diag_error(d, path, line, 0, "course \"%s\": a value out of range or unknown", co->id);
		goto out;
	}
	rc = 0;
out:
	free(roles);
	free(method);
	free(check);
	free(joining);
	free(hours);
	return rc;
}

static int load_courses(struct catalog *c, const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	xmlDocPtr x = NULL;
	xmlNodePtr root, n;
	size_t count = 0;
	bool bad = false;
	int rc = -1;

	if (buf_printf(&path, "%s/courses.xml", dir) < 0)
		goto out;
	x = xmlutil_read_file(buf_str(&path), d);
	if (!x)
		goto out;
	root = xmlDocGetRootElement(x);
	if (!xmlutil_is(root, CATALOG_NS, "courses")) {
		diag_error(d, buf_str(&path), 1, 1, "expected <courses xmlns=\"%s\">", CATALOG_NS);
		goto out;
	}
	c->completion_target = xmlutil_int_attr(root, "completion-target", 100, 1, 100, &bad);
	c->pass_target = xmlutil_int_attr(root, "pass-target", 90, 1, 100, &bad);
	for (n = root->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, "course");
	c->courses = calloc(count ? count : 1, sizeof(*c->courses));
	if (!c->courses)
		goto out;
	for (n = root->children; n; n = n->next) {
		if (!xmlutil_is(n, CATALOG_NS, "course"))
			continue;
		if (read_course(c, &c->courses[c->ncourses++], n, buf_str(&path), d) < 0)
			goto out;
		if (catalog_course(c, c->courses[c->ncourses - 1].id) != &c->courses[c->ncourses - 1]) {
			diag_error(d, buf_str(&path), xmlGetLineNo(n), 0, "course \"%s\" is defined twice",
				   c->courses[c->ncourses - 1].id);
			goto out;
		}
	}
	if (bad) {
		diag_error(d, buf_str(&path), xmlGetLineNo(root), 0, "targets are percentages, 1 to 100");
		goto out;
	}
	rc = 0;
out:
	if (rc < 0 && d->errors == 0)
		diag_error(d, buf_str(&path), 0, 0, "out of memory while reading the courses");
	xmlFreeDoc(x);
	buf_free(&path);
	return rc;
}

static int copy_ids(struct strlist *l, size_t n, const char *(*id_at)(const struct catalog *, size_t),
		    const struct catalog *c)
{
	size_t i;

	l->v = calloc(n ? n : 1, sizeof(char *));
	if (!l->v)
		return -1;
	for (i = 0; i < n; i++) {
		if (!(l->v[i] = strdup(id_at(c, i))))
			return -1;
		l->n++;
	}
	return 0;
}

static const char *role_id_at(const struct catalog *c, size_t i)
{
	return c->roles[i].id;
}

static const char *course_id_at(const struct catalog *c, size_t i)
{
	return c->courses[i].id;
}

static const char *activity_id_at(const struct catalog *c, size_t i)
{
	return c->activities[i].id;
}

static int load_documents(struct catalog *c, const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	xmlDocPtr x = NULL;
	xmlNodePtr root, n;
	size_t count = 0;
	int rc = -1;

	if (buf_printf(&path, "%s/documents.xml", dir) < 0)
		goto out;
	x = xmlutil_read_file(buf_str(&path), d);
	if (!x)
		goto out;
	root = xmlDocGetRootElement(x);
	if (!xmlutil_is(root, CATALOG_NS, "documents")) {
		diag_error(d, buf_str(&path), 1, 1, "expected <documents xmlns=\"%s\">", CATALOG_NS);
		goto out;
	}
	for (n = root->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, "document");
	c->documents = calloc(count ? count : 1, sizeof(*c->documents));
	if (!c->documents)
		goto out;
	for (n = root->children; n; n = n->next) {
		struct catalog_document *doc;
		if (!xmlutil_is(n, CATALOG_NS, "document"))
			continue;
		doc = &c->documents[c->ndocuments++];
		doc->id = xmlutil_attr(n, "id");
		doc->number = xmlutil_attr(n, "number");
		doc->each = xmlutil_attr(n, "each");
		doc->dir = xmlutil_attr(n, "dir");
		doc->history_of = xmlutil_attr(n, "history-of");
		doc->kind = xmlutil_attr(n, "kind");
		doc->prepared_by = xmlutil_attr(n, "prepared-by");
		doc->audience = xmlutil_attr(n, "audience");
		doc->reg = xmlutil_attr(n, "register");
		{
			char *m = xmlutil_attr(n, "messages");
			int bad = m && strlist_split(m, &doc->messages) < 0;
			free(m);
			if (bad)
				goto out;
		}
		if (!doc->audience || (strcmp(doc->audience, "rules") && strcmp(doc->audience, "plans") &&
				       strcmp(doc->audience, "staff") && strcmp(doc->audience, "public"))) {
			diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
				   "<document> needs an audience: rules, plans, staff or public");
			goto out;
		}
		if (!doc->reg || (strcmp(doc->reg, "plain") && strcmp(doc->reg, "polite"))) {
			diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
				   "<document> needs a register: plain (である調) or polite (です・ます調)");
			goto out;
		}
		if (!doc->kind || (strcmp(doc->kind, "rule") && strcmp(doc->kind, "plan") &&
				   strcmp(doc->kind, "sheet") && strcmp(doc->kind, "public") &&
				   strcmp(doc->kind, "advisory"))) {
			diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
				   "<document> needs a kind: rule, plan, sheet, public or advisory");
			goto out;
		}
		if (!doc->each != !doc->dir) {
			diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
				   "<document> takes each and dir together");
			goto out;
		}
		if (!doc->id || !doc->number) {
			diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
				   "<document> needs an id and a number");
			goto out;
		}
	}
	rc = 0;
out:
	xmlFreeDoc(x);
	buf_free(&path);
	return rc;
}

/* spc:traits="ip radio": every word becomes a feature of the products
 * that have the word (requirements.c); ip, personal and sensing are also
 * bits that derive.c decides by. */
static int read_traits(const char *s, struct catalog_word *w)
{
	static const struct {
		const char *name;
		unsigned bit;
	} bits[] = { { "ip", TRAIT_IP }, { "personal", TRAIT_PERSONAL },
		     { "sensing", TRAIT_SENSING } };
	size_t i, k;

	if (strlist_split(s, &w->tags) < 0)
		return -1;
	for (k = 0; k < w->tags.n; k++)
		for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
			if (strcmp(bits[i].name, w->tags.v[k]) == 0)
				w->traits |= bits[i].bit;
	return 0;
}

/* The word lists of profile.rng (read into c->rng), with their traits. */
static int load_vocabs(struct catalog *c, const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	size_t i, j;
	int rc = -1;

	if (buf_printf(&path, "%s/profile.rng", dir) < 0 ||
	    !(c->rng = rng_read(buf_str(&path), d)))
		goto out;
	buf_reset(&path);
	if (buf_printf(&path, "%s/records.rng", dir) < 0 ||
	    !(c->records_rng = rng_read(buf_str(&path), d)))
		goto out;
	buf_reset(&path);
	if (buf_printf(&path, "%s/advisory.rng", dir) < 0 ||
	    !(c->advisory_rng = rng_read(buf_str(&path), d)))
		goto out;
	buf_reset(&path);
	if (buf_printf(&path, "%s/profile.rng", dir) < 0)
		goto out;
	c->vocabs = calloc(c->rng->nvocabs ? c->rng->nvocabs : 1, sizeof(*c->vocabs));
	if (!c->vocabs)
		goto out;
	for (i = 0; i < c->rng->nvocabs; i++) {
		const struct rng_vocab *rv = &c->rng->vocabs[i];
		struct catalog_vocab *v = &c->vocabs[c->nvocabs++];

		v->name = rv->name;
		v->labels = rv->labels;
		if (!(v->words = calloc(rv->nwords ? rv->nwords : 1, sizeof(*v->words))))
			goto out;
		for (j = 0; j < rv->nwords; j++) {
			v->words[v->nwords].id = rv->words[j].id;
			if (rv->words[j].traits && read_traits(rv->words[j].traits, &v->words[v->nwords]) < 0)
				goto out;
			v->nwords++;
		}
	}
	rc = 0;
out:
	if (rc < 0 && d->errors == 0)
		diag_error(d, buf_str(&path), 0, 0, "cannot read the word lists");
	buf_free(&path);
	return rc;
}

unsigned catalog_traits(const struct catalog *c, const char *name, const char *word)
{
	const struct catalog_vocab *v = catalog_vocab(c, name);
	size_t i;

	for (i = 0; v && i < v->nwords; i++)
		if (strcmp(v->words[i].id, word) == 0)
			return v->words[i].traits;
	return 0;
}

/* The connectivity words with the ip trait, for profile_load's checks. */
static int ip_links(struct catalog *c)
{
	const struct catalog_vocab *v = catalog_vocab(c, "connectivity");
	size_t i;

	c->builtins.ip_links.v = calloc(v ? v->nwords + 1 : 1, sizeof(char *));
	if (!c->builtins.ip_links.v)
		return -1;
	for (i = 0; v && i < v->nwords; i++)
		if ((v->words[i].traits & TRAIT_IP) &&
		    !(c->builtins.ip_links.v[c->builtins.ip_links.n++] = strdup(v->words[i].id)))
			return -1;
	return 0;
}

struct catalog *catalog_load(const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	struct catalog *c = NULL;
	xmlDocPtr x = NULL;
	xmlNodePtr root, n;
	size_t count = 0;

	if (buf_printf(&path, "%s/roles.xml", dir) < 0)
		goto oom;
	x = xmlutil_read_file(buf_str(&path), d);
	if (!x)
		goto fail;
	root = xmlDocGetRootElement(x);
	if (!xmlutil_is(root, CATALOG_NS, "roles")) {
		diag_error(d, buf_str(&path), 1, 1, "expected <roles xmlns=\"%s\">", CATALOG_NS);
		goto fail;
	}
	for (n = root->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, "role") || xmlutil_is(n, CATALOG_NS, "contact") ||
			 xmlutil_is(n, CATALOG_NS, "party");
	c = calloc(1, sizeof(*c));
	if (!c)
		goto oom;
	c->roles = calloc(count ? count : 1, sizeof(*c->roles));
	c->contacts = calloc(count ? count : 1, sizeof(*c->contacts));
	c->parties = calloc(count ? count : 1, sizeof(*c->parties));
	if (!c->roles || !c->contacts || !c->parties)
		goto oom;
	for (n = root->children; n; n = n->next) {
		if (xmlutil_is(n, CATALOG_NS, "contact")) {
			struct catalog_contact *ct = &c->contacts[c->ncontacts++];
			ct->id = xmlutil_attr(n, "id");
			ct->role = xmlutil_attr(n, "role");
			if (!ct->id || !ct->role || !catalog_role(c, ct->role)) {
				diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
					   "<contact> needs an id and a role defined above it");
				goto fail;
			}
			continue;
		}
		if (xmlutil_is(n, CATALOG_NS, "party")) {
			struct catalog_party *pt = &c->parties[c->nparties++];
			pt->id = xmlutil_attr(n, "id");
			pt->contact = xmlutil_attr(n, "contact");
			pt->when = xmlutil_attr(n, "when");
			if (!pt->id || !pt->contact || !catalog_role(c, pt->contact)) {
				diag_error(d, buf_str(&path), xmlGetLineNo(n), 0,
					   "<party> needs an id and a contact role defined above it");
				goto fail;
			}
			continue;
		}
		if (!xmlutil_is(n, CATALOG_NS, "role"))
			continue;
		if (read_role(&c->roles[c->nroles], n, buf_str(&path), d) < 0) {
			c->nroles++;
			goto fail;
		}
		c->nroles++;
	}
	if (load_activities(c, dir, d) < 0 || load_courses(c, dir, d) < 0 ||
	    load_documents(c, dir, d) < 0 ||
	    load_vocabs(c, dir, d) < 0)
		goto fail;
	buf_reset(&path);
	if (buf_printf(&path, "%s/requirements.xml", dir) < 0)
		goto oom;
	c->requirements = requirements_load(buf_str(&path), c, d);
	if (!c->requirements)
		goto fail;
	c->builtins.rng = c->rng;
	if (copy_ids(&c->builtins.roles, c->nroles, role_id_at, c) < 0 ||
	    copy_ids(&c->builtins.activities, c->nactivities, activity_id_at, c) < 0 ||
	    copy_ids(&c->builtins.courses, c->ncourses, course_id_at, c) < 0 ||
	    ip_links(c) < 0)
		goto oom;
	goto out;
oom:
	diag_error(d, dir, 0, 0, "out of memory while reading the catalogues");
fail:
	catalog_free(c);
	c = NULL;
out:
	xmlFreeDoc(x);
	buf_free(&path);
	return c;
}

void catalog_free(struct catalog *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nroles; i++) {
		free(c->roles[i].id);
		free(c->roles[i].reports_to);
	}
	for (i = 0; i < c->ncourses; i++) {
		size_t j;
		free(c->courses[i].id);
		for (j = 0; j < c->courses[i].roles.n; j++)
			free(c->courses[i].roles.v[j]);
		free(c->courses[i].roles.v);
		strlist_free(&c->courses[i].activities);
	}
	free(c->courses);
	for (i = 0; i < c->ncontacts; i++) {
		free(c->contacts[i].id);
		free(c->contacts[i].role);
	}
	free(c->contacts);
	for (i = 0; i < c->nparties; i++) {
		free(c->parties[i].id);
		free(c->parties[i].contact);
		free(c->parties[i].when);
	}
	free(c->parties);
	for (i = 0; i < c->nactivities; i++) {
		size_t j;
		for (j = 0; j < c->activities[i].ncells; j++)
			free(c->activities[i].cells[j].role);
		free(c->activities[i].cells);
		free(c->activities[i].id);
		free(c->activities[i].when);
	}
	free(c->activities);
	for (i = 0; i < c->nseparations; i++) {
		free(c->separations[i].id);
		free(c->separations[i].first);
		free(c->separations[i].second);
	}
	free(c->separations);
	for (i = 0; i < c->builtins.roles.n; i++)
		free(c->builtins.roles.v[i]);
	free(c->builtins.roles.v);
	for (i = 0; i < c->builtins.activities.n; i++)
		free(c->builtins.activities.v[i]);
	free(c->builtins.activities.v);
	for (i = 0; i < c->builtins.courses.n; i++)
		free(c->builtins.courses.v[i]);
	free(c->builtins.courses.v);
	strlist_free(&c->builtins.ip_links);
	for (i = 0; i < c->ndocuments; i++) {
		free(c->documents[i].id);
		free(c->documents[i].number);
		free(c->documents[i].each);
		free(c->documents[i].dir);
		free(c->documents[i].history_of);
		free(c->documents[i].kind);
		free(c->documents[i].prepared_by);
		free(c->documents[i].audience);
		free(c->documents[i].reg);
		strlist_free(&c->documents[i].messages);
	}
	free(c->documents);
	for (i = 0; i < c->nvocabs; i++) {
		size_t j;
		for (j = 0; j < c->vocabs[i].nwords; j++)
			strlist_free(&c->vocabs[i].words[j].tags);
		free(c->vocabs[i].words);
	}
	free(c->vocabs);
	rng_free(c->rng);
	rng_free(c->records_rng);
	rng_free(c->advisory_rng);
	requirements_free(c->requirements);
	free(c->roles);
	free(c);
}

/* The lookups by id (and name) that catalog.h declares. */
ARRAY_LOOKUP(catalog_vocab, struct catalog, struct catalog_vocab, vocabs, nvocabs, name)
ARRAY_LOOKUP(catalog_course, struct catalog, struct catalog_course, courses, ncourses, id)
ARRAY_LOOKUP(catalog_activity, struct catalog, struct catalog_activity, activities, nactivities, id)
ARRAY_LOOKUP(catalog_role, struct catalog, struct catalog_role, roles, nroles, id)

/* fn over the id a printf format makes; nothing when out of memory (the
 * lint then reports the message unused, never a false "used"). */
static void emit(void (*fn)(void *ctx, const char *id), void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void emit(void (*fn)(void *ctx, const char *id), void *ctx, const char *fmt, ...)
{
	va_list ap;
	char *id;

	va_start(ap, fmt);
	id = text_vformat(fmt, ap);
	va_end(ap);
	if (id)
		fn(ctx, id);
	free(id);
}

size_t catalog_frequency(bool on_joining, int within_days, int refresh_months,
			 struct catalog_said out[2])
{
	size_t n = 0;

	if (on_joining)
		out[n++] = (struct catalog_said){ "training.freq.joining", 0 };
	else if (within_days)
		out[n++] = (struct catalog_said){ "training.freq.within", within_days };
	if (refresh_months == 12)
		out[n++] = (struct catalog_said){ "training.freq.yearly", 0 };
	else if (refresh_months)
		out[n++] = (struct catalog_said){ "training.freq.every", refresh_months };
	else if (!on_joining)
		out[n++] = (struct catalog_said){ "training.freq.once", 0 };
	return n;
}

/* fn over the words of how often a course is taken. */
static void frequency_ids(bool on_joining, int within_days, int refresh_months,
			  void (*fn)(void *ctx, const char *id), void *ctx)
{
	struct catalog_said said[2];
	size_t i, n = catalog_frequency(on_joining, within_days, refresh_months, said);

	for (i = 0; i < n; i++)
		fn(ctx, said[i].id);
}

static void course_ids(const struct catalog_course *co,
		       void (*fn)(void *ctx, const char *id), void *ctx)
{
	const struct {
		const char *part;
		int n;
	} parts[] = { { "goal", co->goals }, { "point", co->points }, { "do", co->dos },
		      { "dont", co->donts } };
	size_t k;
	int n;

	emit(fn, ctx, "course.%s.name", co->id);
	emit(fn, ctx, "course.%s.summary", co->id);
	frequency_ids(co->on_joining, co->within_days, co->refresh_months, fn, ctx);
	for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++)
		for (n = 1; n <= parts[k].n; n++)
			emit(fn, ctx, "course.%s.%s.%d", co->id, parts[k].part, n);
	for (n = 1; n <= co->quiz; n++) {
		emit(fn, ctx, "course.%s.quiz.%d.q", co->id, n);
		emit(fn, ctx, "course.%s.quiz.%d.a", co->id, n);
	}
}

static void scheme_ids(const struct req_scheme *s,
		       void (*fn)(void *ctx, const char *id), void *ctx)
{
	size_t k;

	emit(fn, ctx, "scheme.%s.name", s->id);
	emit(fn, ctx, "scheme.%s.applies", s->id);
	emit(fn, ctx, "label.scheme.%s", s->id);
	if (s->kind != SCHEME_REFERENCE)
		emit(fn, ctx, "scheme.%s.policy", s->id);
	for (k = 0; k < s->policy_items.n; k++)
		emit(fn, ctx, "scheme.%s.policy.%s", s->id, s->policy_items.v[k]);
	if (s->policy_note)
		emit(fn, ctx, "scheme.%s.policy.%s", s->id, s->policy_note);
	for (k = 0; k < s->npoints; k++)
		emit(fn, ctx, "scheme.%s.point.%s", s->id, s->points[k].id);
	for (k = 0; k < s->nexempts; k++)
		emit(fn, ctx, "scheme.%s.exempt.%s", s->id, s->exempts[k].id);
}

static void requirement_ids(const struct req_catalog *rc,
			    void (*fn)(void *ctx, const char *id), void *ctx)
{
	size_t i;

	for (i = 0; i < rc->nschemes; i++)
		scheme_ids(&rc->schemes[i], fn, ctx);
	for (i = 0; i < rc->nrequirements; i++) {
		emit(fn, ctx, "req.%s.title", rc->requirements[i].id);
		emit(fn, ctx, "req.%s.text", rc->requirements[i].id);
	}
	for (i = 0; i < rc->nrisks; i++) {
		emit(fn, ctx, "risk.%s.threat", rc->risks[i].id);
		emit(fn, ctx, "risk.%s.asset", rc->risks[i].id);
	}
	for (i = 0; i < rc->ntests; i++) {
		emit(fn, ctx, "test.%s.name", rc->tests[i].id);
		emit(fn, ctx, "test.%s.method", rc->tests[i].id);
		emit(fn, ctx, "test.%s.pass", rc->tests[i].id);
	}
	for (i = 0; i < rc->ndecisions; i++)
		emit(fn, ctx, "decision.%s", rc->decisions[i].id);
	for (i = 0; i < rc->rubric.nexposures; i++) {
		emit(fn, ctx, "rubric.exposure.%s", rc->rubric.exposures[i].id);
		emit(fn, ctx, "rubric.exposure.%s.text", rc->rubric.exposures[i].id);
	}
	for (i = 0; i < rc->rubric.nconsequences; i++) {
		emit(fn, ctx, "rubric.consequence.%s", rc->rubric.consequences[i].id);
		emit(fn, ctx, "rubric.consequence.%s.text", rc->rubric.consequences[i].id);
	}
	for (i = 0; i < rc->ndemands; i++) {
		emit(fn, ctx, "check.demand.%s", rc->demands[i].id);
		emit(fn, ctx, "check.demand.%s.hint", rc->demands[i].id);
	}
}

void catalog_message_ids(const struct catalog *c,
			 void (*fn)(void *ctx, const char *id), void *ctx)
{
	size_t i, j;

	for (i = 0; i < c->nvocabs; i++)
		for (j = 0; j < c->vocabs[i].nwords; j++)
			emit(fn, ctx, "%s.%s", c->vocabs[i].labels, c->vocabs[i].words[j].id);
	for (i = 0; i < c->nroles; i++) {
		emit(fn, ctx, "role.%s.name", c->roles[i].id);
		emit(fn, ctx, "role.%s.duty", c->roles[i].id);
	}
	for (i = 0; i < c->nactivities; i++) {
		emit(fn, ctx, "activity.%s.name", c->activities[i].id);
		emit(fn, ctx, "activity.%s.what", c->activities[i].id);
	}
	for (i = 0; i < c->nseparations; i++)
		emit(fn, ctx, "org.separate.%s", c->separations[i].id);
	for (i = 0; i < c->ncontacts; i++)
		emit(fn, ctx, "contact.%s", c->contacts[i].id);
	for (i = 0; i < c->nparties; i++)
		emit(fn, ctx, "party.%s.name", c->parties[i].id);
	for (i = 0; i < c->ncourses; i++)
		course_ids(&c->courses[i], fn, ctx);
	requirement_ids(c->requirements, fn, ctx);
}
