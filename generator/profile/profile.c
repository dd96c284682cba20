/* profile.c - profile.xml -> model, every mistake reported with its place.
 *
 * The steps: read the bytes (capped); scan them for start tags, which gives
 * every element a column and refuses a DOCTYPE or deep nesting before any
 * parser sees them (profile_source.c); parse with libxml2 (no network, no
 * DTD, no entities); validate against profile.rng; then walk the tree once
 * more, checking its structure against the schema's own element and
 * attribute lists (profile_schema.c) and every value with a precise
 * message (profile_check.c), while filling the model here. libxml2's
 * validity errors are reported last, and only where the walk said nothing
 * more precise about the same element (profile_loader.c). */
#include "profile/profile.h"
#include "profile/records.h"

#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "model/advisory.h"
#include "model/catalog.h"
#include "profile/profile_loader.h"
#include "base/text.h"
#include "base/xmlutil.h"

/* ------------------------------------------------------------------ */
/* The sections of a profile                                           */
/* ------------------------------------------------------------------ */

static void read_company(struct loader *ld, xmlNodePtr x)
{
	struct company *c = &ld->p->company;

	c->fiscal_year_start = 4;
	if (!x) {
		c->paper = profile_strdup(ld, "a4");
		c->authoritative = profile_strdup(ld, "ja");
		return;
	}
	c->loc = profile_loc_of(ld, x);
	c->code = profile_read_shaped(ld, x, "code", SHAPE_CODE);
	c->employees = profile_read_int(ld, x, "employees", 0);
	c->fiscal_year_start = (int)profile_read_int(ld, x, "fiscal-year-start", 4);
	c->paper = profile_read_word(ld, x, "paper", "a4");
	c->authoritative = profile_read_word(ld, x, "authoritative-language", "ja");
	profile_read_ltext(ld, x, "name", &c->name);
	profile_read_ltext(ld, x, "address", &c->address);
	profile_read_ltext(ld, x, "classification", &c->classification);
	c->website = profile_read_shaped_text(ld, profile_first_kid(x, "website"), SHAPE_URL);
}

static void read_people(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "person", &p->npeople);
	const char **keys;
	size_t i;

	if (nodes && p->npeople > PROFILE_MAX_PEOPLE) {
		profile_err_elem(ld, nodes[PROFILE_MAX_PEOPLE], MARK_VALUE,
			 "more than %d people: a profile holds at most %d people, each with a "
			 "staff sheet in every language and format; list the staff these "
			 "documents concern", PROFILE_MAX_PEOPLE, PROFILE_MAX_PEOPLE);
		p->npeople = PROFILE_MAX_PEOPLE;
	}
	keys = profile_calloc(ld, p->npeople, sizeof(*keys));
	p->people = profile_calloc(ld, p->npeople, sizeof(*p->people));
	if (!p->people || !keys) {
		p->npeople = 0;
		goto out;
	}
	for (i = 0; i < p->npeople; i++) {
		struct person *pe = &p->people[i];
		xmlNodePtr x = nodes[i];

		pe->loc = profile_loc_of(ld, x);
		pe->id = profile_read_shaped(ld, x, "id", SHAPE_ID);
		pe->lang = profile_read_shaped(ld, x, "lang", SHAPE_LANG);
		pe->deputy = profile_read_shaped(ld, x, "deputy", SHAPE_ID);
		pe->joined = profile_read_date(ld, x, "joined");
		profile_read_ltext(ld, x, "name", &pe->name);
		profile_read_ltext(ld, x, "title", &pe->title);
		pe->email = profile_read_shaped_text(ld, profile_first_kid(x, "email"), SHAPE_EMAIL);
		keys[i] = pe->id;
	}
	rc = profile_index_build(ld, &ld->people, keys, p->npeople);
	keys = NULL;
	if (rc < 0)
		goto out;
	profile_report_duplicates(ld, &ld->people, nodes, "person id", "id");
	for (i = 0; i < p->npeople; i++) {
		const char *dep = p->people[i].deputy;
		profile_check_ref(ld, nodes[i], "deputy", dep, &ld->people, NULL, "person",
			  "defined people");
		/* Two people covering each other is how companies work;
		 * only standing in for oneself is a mistake. */
		if (dep && p->people[i].id && strcmp(dep, p->people[i].id) == 0)
			profile_err_attr(ld, nodes[i], "deputy",
				 "person \"%s\" is their own deputy (person/@deputy)", dep);
	}
out:
	free(keys);
	free(nodes);
}


static bool is_builtin(const struct strlist *l, const char *id)
{
	size_t i;

	for (i = 0; l && id && i < l->n; i++)
		if (strcmp(l->v[i], id) == 0)
			return true;
	return false;
}

static void read_role_defs(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "role", &p->nroles);
	const char **keys = profile_calloc(ld, p->nroles, sizeof(*keys));
	size_t *next = profile_calloc(ld, p->nroles, sizeof(*next)), i;

	p->roles = profile_calloc(ld, p->nroles, sizeof(*p->roles));
	if (!p->roles || !keys || !next) {
		p->nroles = 0;
		goto out;
	}
	for (i = 0; i < p->nroles; i++) {
		struct role_def *r = &p->roles[i];
		xmlNodePtr x = nodes[i];

		r->loc = profile_loc_of(ld, x);
		r->id = profile_read_shaped(ld, x, "id", SHAPE_ID);
		r->reports_to = profile_read_shaped(ld, x, "reports-to", SHAPE_ID);
		profile_read_ltext(ld, x, "name", &r->name);
		profile_read_ltext(ld, x, "duties", &r->duties);
		if (r->id && is_builtin(ld->builtin_roles, r->id))
			profile_err_attr(ld, x, "id",
				 "role \"%s\" is built in (role/@id); <assign> it as it is, or give your own role another id",
				 r->id);
		else
			keys[i] = r->id;
	}
	rc = profile_index_build(ld, &ld->roles, keys, p->nroles);
	keys = NULL;
	if (rc < 0)
		goto out;
	profile_report_duplicates(ld, &ld->roles, nodes, "role id", "id");
	for (i = 0; i < p->nroles; i++) {
		const char *to = p->roles[i].reports_to;
		profile_check_ref(ld, nodes[i], "reports-to", to, &ld->roles, ld->builtin_roles,
			  "role", "roles");
		next[i] = to && ld->roles.keys[i] ? profile_index_find(&ld->roles, to) : NONE;
	}
	profile_check_loops(ld, nodes, ld->roles.keys, next, p->nroles, "reports-to");
out:
	free(keys);
	free(next);
	free(nodes);
}

static void read_assignments(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "assign", &p->nassignments);
	char **pairs = profile_calloc(ld, p->nassignments, sizeof(*pairs));
	const char **keys = profile_calloc(ld, p->nassignments, sizeof(*keys));
	struct index seen = { 0 };
	size_t i, first;

	p->assignments = profile_calloc(ld, p->nassignments, sizeof(*p->assignments));
	if (!p->assignments || !pairs || !keys) {
		p->nassignments = 0;
		goto out;
	}
	for (i = 0; i < p->nassignments; i++) {
		struct assignment *a = &p->assignments[i];
		xmlNodePtr x = nodes[i];
		struct buf pair = BUF_INIT;

		a->loc = profile_loc_of(ld, x);
		a->role = profile_read_shaped(ld, x, "role", SHAPE_ID);
		a->person = profile_read_shaped(ld, x, "person", SHAPE_ID);
		a->since = profile_read_date(ld, x, "since");
		a->deputy = profile_read_shaped(ld, x, "deputy", SHAPE_ID);
		a->lead = profile_read_bool(ld, x, "lead");
		profile_check_ref(ld, x, "role", a->role, &ld->roles, ld->builtin_roles, "role", "roles");
		profile_check_ref(ld, x, "person", a->person, &ld->people, NULL, "person",
			  "defined people");
		profile_check_ref(ld, x, "deputy", a->deputy, &ld->people, NULL, "person",
			  "defined people");
		if (a->deputy && a->person && strcmp(a->deputy, a->person) == 0)
			profile_err_attr(ld, x, "deputy", "person \"%s\" cannot deputise for themselves (assign/@deputy)",
				 a->person);
		if (!a->role || !a->person)
			continue;
		if (buf_printf(&pair, "%s %s", a->role, a->person) < 0)
			ld->oom = true;
		keys[i] = pairs[i] = buf_detach(&pair, NULL);
	}
	rc = profile_index_build(ld, &seen, keys, p->nassignments);
	keys = NULL;
	if (rc < 0)
		goto out;
	for (i = 0; i < p->nassignments; i++)
		if (seen.keys[i] && (first = profile_index_find(&seen, seen.keys[i])) != i)
			profile_err_elem(ld, nodes[i], MARK_VALUE,
				 "person \"%s\" is assigned role \"%s\" twice; the first is on line %ld",
				 p->assignments[i].person, p->assignments[i].role,
				 profile_loc_of(ld, nodes[first]).line);
	for (i = 0; i < p->nassignments; i++)
		for (first = 0; p->assignments[i].lead && p->assignments[i].role && first < i; first++)
			if (p->assignments[first].lead && p->assignments[first].role &&
			    strcmp(p->assignments[first].role, p->assignments[i].role) == 0) {
				profile_err_attr(ld, nodes[i], "lead",
					 "role \"%s\" has two leads; the first is on line %ld (assign/@lead)",
					 p->assignments[i].role, p->assignments[first].loc.line);
				break;
			}
out:
	for (i = 0; pairs && i < p->nassignments; i++)
		free(pairs[i]);
	free(pairs);
	free(keys);
	profile_index_free(&seen);
	free(nodes);
}

/* "A", "R", "AR", "C", "I", or "-" for an empty cell; -1 otherwise (the
 * schema has said so already). */
static int raci_letters(const char *v)
{
	static const struct {
		const char *text;
		int bits;
	} forms[] = { { "A", RACI_A }, { "R", RACI_R }, { "AR", RACI_A | RACI_R },
		      { "RA", RACI_A | RACI_R }, { "C", RACI_C }, { "I", RACI_I },
		      { "-", 0 } };
	size_t i;

	for (i = 0; v && i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strcmp(v, forms[i].text) == 0)
			return forms[i].bits;
	return -1;
}

static void read_raci(struct loader *ld, xmlNodePtr sec)
{
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "raci", &p->nraci);
	struct index none = { 0 };
	size_t i, j;

	p->raci = profile_calloc(ld, p->nraci, sizeof(*p->raci));
	if (!p->raci) {
		p->nraci = 0;
		goto out;
	}
	for (i = 0; i < p->nraci; i++) {
		struct raci_override *r = &p->raci[i];
		xmlNodePtr x = nodes[i];
		char *value = profile_attr_dup(ld, x, "value");
		int bits = raci_letters(value);

		free(value);
		r->loc = profile_loc_of(ld, x);
		r->activity = profile_read_shaped(ld, x, "activity", SHAPE_ID);
		r->role = profile_read_shaped(ld, x, "role", SHAPE_ID);
		r->raci = bits > 0 ? (unsigned)bits : 0;
		profile_check_ref(ld, x, "activity", r->activity, &none, ld->builtin_activities,
			  "activity", "activities");
		profile_check_ref(ld, x, "role", r->role, &ld->roles, ld->builtin_roles, "role", "roles");
		for (j = 0; j < i && r->activity && r->role; j++)
			if (p->raci[j].activity && p->raci[j].role &&
			    strcmp(p->raci[j].activity, r->activity) == 0 &&
			    strcmp(p->raci[j].role, r->role) == 0) {
				profile_err_elem(ld, x, MARK_VALUE,
					 "the cell of role \"%s\" in activity \"%s\" is set twice; the first is on line %ld",
					 r->role, r->activity, p->raci[j].loc.line);
				break;
			}
	}
out:
	free(nodes);
}


/* A course's roles="a b": each a role, built in or the profile's own. */
static void read_course_roles(struct loader *ld, xmlNodePtr x, struct strlist *out)
{
	char *v = profile_attr_dup(ld, x, "roles");
	const char *p = v;
	size_t n = 0;

	for (; p && *p; p++)
		n += (p == v || p[-1] == ' ') && *p != ' ';
	out->v = profile_calloc(ld, n, sizeof(char *));
	for (p = v; out->v && p && *p;) {
		size_t len;
		char *id;
		while (*p == ' ')
			p++;
		if (!(len = strcspn(p, " ")))
			break;
		id = strndup(p, len);
		if (!id) {
			ld->oom = true;
			break;
		}
		profile_check_ref(ld, x, "roles", id, &ld->roles, ld->builtin_roles, "role", "roles");
		out->v[out->n++] = id;
		p += len;
	}
	free(v);
}

static void read_training(struct loader *ld, xmlNodePtr x)
{
	struct training *t = &ld->p->training;
	xmlNodePtr *nodes;
	size_t i, j;

	if (!x)
		return;
	t->loc = profile_loc_of(ld, x);
	t->fiscal_year = (int)profile_read_int(ld, x, "fiscal-year", 0);
	nodes = profile_kids_of(ld, x, "course", &t->ncourses);
	t->courses = profile_calloc(ld, t->ncourses, sizeof(*t->courses));
	if (!t->courses) {
		t->ncourses = 0;
		goto out;
	}
	for (i = 0; i < t->ncourses; i++) {
		struct course_def *c = &t->courses[i];
		xmlNodePtr n = nodes[i];
		char *hours = profile_attr_dup(ld, n, "hours");

		c->loc = profile_loc_of(ld, n);
		c->id = profile_read_shaped(ld, n, "id", SHAPE_ID);
		c->hours = hours ? strtod(hours, NULL) : 0;
		free(hours);
		c->month = (int)profile_read_int(ld, n, "month", 0);
		c->method = profile_read_word(ld, n, "method", NULL);
		c->instructor = profile_read_shaped(ld, n, "instructor", SHAPE_ID);
		profile_check_ref(ld, n, "instructor", c->instructor, &ld->people, NULL, "person",
			  "defined people");
		read_course_roles(ld, n, &c->roles);
		profile_read_ltext(ld, n, "name", &c->name);
		profile_read_ltext(ld, n, "summary", &c->summary);
		if (c->id && !is_builtin(ld->builtin_courses, c->id) &&
		    (!c->roles.n || c->hours <= 0 || !c->name.n))
			profile_err_elem(ld, n, MARK_VALUE,
				 "course \"%s\" is not a built-in course, so it needs roles, hours and a <name>",
				 c->id);
		for (j = 0; j < i && c->id; j++)
			if (t->courses[j].id && strcmp(t->courses[j].id, c->id) == 0) {
				profile_err_attr(ld, n, "id", "course \"%s\" is given twice; the first is on line %ld",
					 c->id, t->courses[j].loc.line);
				break;
			}
	}
out:
	free(nodes);
}

/* The product's <conformity> records, in the profile's order. */
static void read_conformity(struct loader *ld, xmlNodePtr x, struct product *pr)
{
	xmlNodePtr *nodes = profile_kids_of(ld, x, "conformity", &pr->nconformity);
	size_t i;

	pr->conformity = profile_calloc(ld, pr->nconformity, sizeof(*pr->conformity));
	if (!pr->conformity) {
		pr->nconformity = 0;
		goto out;
	}
	for (i = 0; i < pr->nconformity; i++) {
		struct conformity *c = &pr->conformity[i];
		c->loc = profile_loc_of(ld, nodes[i]);
		c->scheme = profile_read_word(ld, nodes[i], "scheme", NULL);
		c->route = profile_read_word(ld, nodes[i], "route", NULL);
		c->reference = profile_attr_dup(ld, nodes[i], "reference");
	}
out:
	free(nodes);
}

/* What a product's links allow: a path to the internet over a carrier or
 * a router needs an IP link, and any path needs some link. */
static void check_links(struct loader *ld, xmlNodePtr x, const struct product *pr)
{
	bool ip = false;
	size_t i;

	for (i = 0; ld->ip_links && i < pr->connectivity.n; i++)
		ip |= strlist_has(ld->ip_links, pr->connectivity.v[i]);
	if (pr->direct_connection && !ip)
		profile_err_attr(ld, x, "direct-connection",
			 "direct-connection=\"true\" needs an IP link in <connectivity> (%s): the terminal-equipment rule covers IP terminals only; "
			 "remove the attribute, or add the product's IP link", ld->ip_text);
	if (pr->internet && !ip && (strcmp(pr->internet, "direct") == 0 || strcmp(pr->internet, "router") == 0))
		profile_err_attr(ld, x, "internet",
			 "internet=\"%s\" needs an IP link in <connectivity> (%s); a device with only local radio links reaches the internet "
			 "through a gateway (internet=\"gateway\") or a phone (internet=\"phone\")",
			 pr->internet, ld->ip_text);
	if (pr->internet && !pr->connectivity.n && strcmp(pr->internet, "none") != 0)
		profile_err_attr(ld, x, "internet", "internet=\"%s\" needs a link in <connectivity>; a device "
			 "with no link has internet=\"none\"", pr->internet);
	if (pr->internet && pr->direct_connection && strcmp(pr->internet, "direct") != 0)
		profile_err_attr(ld, x, "direct-connection", "direct-connection=\"true\" contradicts "
			 "internet=\"%s\"; keep only internet=", pr->internet);
}

static void read_products(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "product", &p->nproducts);
	const char **keys;
	size_t i;

	if (nodes && p->nproducts > PROFILE_MAX_PRODUCTS) {
		profile_err_elem(ld, nodes[PROFILE_MAX_PRODUCTS], MARK_VALUE,
			 "more than %d products: each gets a document in every language and "
			 "format; split the profile by product line", PROFILE_MAX_PRODUCTS);
		p->nproducts = PROFILE_MAX_PRODUCTS;
	}
	keys = profile_calloc(ld, p->nproducts, sizeof(*keys));

	p->products = profile_calloc(ld, p->nproducts, sizeof(*p->products));
	if (!p->products || !keys) {
		p->nproducts = 0;
		goto out;
	}
	for (i = 0; i < p->nproducts; i++) {
		struct product *pr = &p->products[i];
		xmlNodePtr x = nodes[i];

		pr->loc = profile_loc_of(ld, x);
		pr->id = profile_read_shaped(ld, x, "id", SHAPE_ID);
		pr->category = profile_read_word(ld, x, "category", NULL);
		pr->update_method = profile_read_word(ld, x, "update", NULL);
		pr->support_until = profile_read_date(ld, x, "support-until");
		pr->sales_until = profile_read_date(ld, x, "sales-until");
		pr->internet = profile_read_word(ld, x, "internet", NULL);
		pr->direct_connection = profile_read_bool(ld, x, "direct-connection");
		profile_read_ltext(ld, x, "name", &pr->name);
		pr->model = profile_read_text(ld, profile_first_kid(x, "model"));
		profile_read_words(ld, profile_first_kid(x, "connectivity"), NSHAPES, &pr->connectivity);
		profile_read_words(ld, profile_first_kid(x, "interfaces"), NSHAPES, &pr->interfaces);
		profile_read_words(ld, profile_first_kid(x, "data"), NSHAPES, &pr->data);
		profile_read_words(ld, profile_first_kid(x, "markets"), NSHAPES, &pr->markets);
		profile_read_words(ld, profile_first_kid(x, "customers"), NSHAPES, &pr->customers);
		read_conformity(ld, x, pr);
		profile_read_ltext(ld, x, "intended-users", &pr->intended_users);
		profile_read_ltext(ld, x, "use-cases", &pr->use_cases);
		check_links(ld, x, pr);
		keys[i] = pr->id;
	}
	rc = profile_index_build(ld, &ld->products, keys, p->nproducts);
	keys = NULL;
	if (rc < 0)
		goto out;
	profile_report_duplicates(ld, &ld->products, nodes, "product id", "id");
out:
	free(keys);
	free(nodes);
}

/* <products> of a supplier or an operator (what): ids of products the
 * profile defines. */
static void read_product_ids(struct loader *ld, xmlNodePtr list, const char *what,
			     struct strlist *out)
{
	struct buf names = BUF_INIT;
	size_t j, shown = 0;

	profile_read_words(ld, list, SHAPE_ID, out);
	for (j = 0; j < out->n; j++) {
		const char *w = out->v[j];
		if (!shape_ok(&ld->shapes, SHAPE_ID, w) || profile_index_find(&ld->products, w) != NONE)
			continue;
		if (!names.len)
			profile_key_names(ld, ld->products.keys, ld->products.nkeys, &shown, &names);
		profile_err_word(ld, list, w, profile_nth_of(out, j),
			 "product \"%s\" is not defined (%s/products); defined products: %s", w, what,
			 shown ? buf_str(&names) : "none");
	}
	buf_free(&names);
}

static void read_suppliers(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "supplier", &p->nsuppliers);
	const char **keys = profile_calloc(ld, p->nsuppliers, sizeof(*keys));
	struct index ids = { 0 };
	size_t i;

	p->suppliers = profile_calloc(ld, p->nsuppliers, sizeof(*p->suppliers));
	if (!p->suppliers || !keys) {
		p->nsuppliers = 0;
		goto out;
	}
	for (i = 0; i < p->nsuppliers; i++) {
		struct supplier *s = &p->suppliers[i];
		xmlNodePtr x = nodes[i], list = profile_first_kid(x, "products");

		s->loc = profile_loc_of(ld, x);
		s->id = profile_read_shaped(ld, x, "id", SHAPE_ID);
		s->country = profile_read_shaped(ld, x, "country", SHAPE_COUNTRY);
		profile_read_ltext(ld, x, "name", &s->name);
		profile_read_ltext(ld, x, "scope", &s->scope);
		s->email = profile_read_shaped_text(ld, profile_first_kid(x, "email"), SHAPE_EMAIL);
		read_product_ids(ld, list, "supplier", &s->products);
		keys[i] = s->id;
	}
	rc = profile_index_build(ld, &ids, keys, p->nsuppliers);
	keys = NULL;
	if (rc < 0)
		goto out;
	profile_report_duplicates(ld, &ids, nodes, "supplier id", "id");
out:
	profile_index_free(&ids);
	free(keys);
	free(nodes);
}

/* <economic-operators>: who acts for the company in the EU or the UK. */
static void read_operators(struct loader *ld, xmlNodePtr sec)
{
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "operator", &p->noperators);
	size_t i;

	p->operators = profile_calloc(ld, p->noperators, sizeof(*p->operators));
	if (!p->operators) {
		p->noperators = 0;
		goto out;
	}
	for (i = 0; i < p->noperators; i++) {
		struct operator *o = &p->operators[i];
		xmlNodePtr x = nodes[i], list = profile_first_kid(x, "products");

		o->loc = profile_loc_of(ld, x);
		o->kind = profile_read_word(ld, x, "kind", NULL);
		o->country = profile_read_word(ld, x, "country", NULL);
		profile_read_ltext(ld, x, "name", &o->name);
		o->email = profile_read_shaped_text(ld, profile_first_kid(x, "email"), SHAPE_EMAIL);
		read_product_ids(ld, list, "operator", &o->products);
	}
out:
	free(nodes);
}

/* Whether x's word attribute attr (dflt when absent) is word. */
static bool word_is(struct loader *ld, xmlNodePtr x, const char *attr, const char *dflt,
		    const char *word)
{
	char *w = profile_read_word(ld, x, attr, dflt);
	bool is = w && strcmp(w, word) == 0;

	free(w);
	return is;
}

static void read_vuln(struct loader *ld, xmlNodePtr x)
{
	struct vuln_handling *v = &ld->p->vuln;

	static const char *const bands[] = { "critical", "high", "medium", "low" };
	static const int band_days[] = { 30, 60, 90, 180 };
	xmlNodePtr t, reg;
	size_t i;

	v->acknowledge_days = 3;
	v->triage_days = 10;
	v->fix_days = 90;
	v->embargo_days = 90;
	v->update_days = 30;
	v->credit = true;
	v->firmware_covered = true;
	for (i = 0; i < 4; i++)
		v->fix_targets[i] = band_days[i];
	if (!x)
		return;
	v->loc = profile_loc_of(ld, x);
	v->acknowledge_days = (int)profile_read_int(ld, x, "acknowledge-days", 3);
	v->triage_days = (int)profile_read_int(ld, x, "triage-days", 10);
	v->fix_days = (int)profile_read_int(ld, x, "fix-days", 90);
	v->embargo_days = (int)profile_read_int(ld, x, "embargo-days", 90);
	v->update_days = (int)profile_read_int(ld, x, "update-days", 30);
	v->credit = word_is(ld, x, "credit", "yes", "yes");
	v->firmware_covered = word_is(ld, x, "firmware-analysis", "covered", "covered");
	v->duty_phone = profile_read_text(ld, profile_first_kid(x, "duty-phone"));
	t = profile_first_kid(x, "fix-targets");
	v->fix_targets[2] = v->fix_days;
	if (t && profile_attr_node(t, "medium") && profile_attr_node(x, "fix-days"))
		profile_err_attr(ld, t, "medium",
				 "the medium band's target is given twice, here and as fix-days on "
				 "<vulnerability-handling>; keep one");
	for (i = 0; t && i < 4; i++)
		v->fix_targets[i] = (int)profile_read_int(ld, t, bands[i], v->fix_targets[i]);
	v->fix_days = v->fix_targets[2];
	for (i = 1; t && i < 4; i++)
		if (v->fix_targets[i - 1] > v->fix_targets[i])
			profile_err_attr(ld, t, bands[i - 1],
					 "%s=\"%d\" is longer than %s=\"%d\": a more severe "
					 "vulnerability is fixed sooner, not later",
					 bands[i - 1], v->fix_targets[i - 1], bands[i],
					 v->fix_targets[i]);
	v->encryption = profile_read_shaped_text(ld, profile_first_kid(x, "encryption"), SHAPE_URL);
	v->acknowledgments = profile_read_shaped_text(ld, profile_first_kid(x, "acknowledgments"),
						      SHAPE_URL);
	if (v->acknowledgments && !v->credit)
		profile_err_elem(ld, profile_first_kid(x, "acknowledgments"), MARK_VALUE,
				 "<acknowledgments> names a page that thanks reporters, but credit=\"no\" "
				 "says reporters are not named; drop one of the two");
	v->advisories = profile_read_shaped_text(ld, profile_first_kid(x, "advisories"), SHAPE_URL);
	if ((reg = profile_first_kid(x, "jpcert-registration"))) {
		v->jpcert_date = profile_read_date(ld, reg, "date");
		v->jpcert_kind = profile_read_word(ld, reg, "kind", NULL);
	}
	if (v->acknowledge_days > v->triage_days)
		profile_err_attr(ld, x, "acknowledge-days",
			 "acknowledge-days (%d) is more than triage-days (%d): a report is acknowledged before it is assessed",
			 v->acknowledge_days, v->triage_days);
	v->email = profile_read_shaped_text(ld, profile_first_kid(x, "email"), SHAPE_EMAIL);
	v->url = profile_read_shaped_text(ld, profile_first_kid(x, "url"), SHAPE_URL);
	v->policy_url = profile_read_shaped_text(ld, profile_first_kid(x, "policy-url"), SHAPE_URL);
	profile_read_words(ld, profile_first_kid(x, "languages"), SHAPE_LANG, &v->languages);
}

/* Revision numbers compared part by part: 1.10 comes after 1.9. */
static int revision_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		char *ea, *eb;
		long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
		if (x != y)
			return x < y ? -1 : 1;
		a = *ea == '.' ? ea + 1 : ea;
		b = *eb == '.' ? eb + 1 : eb;
	}
	return 0;
}

/* A revision's changes= or adds=: document ids, "kind:item" naming a
 * product or a person the profile defines. */
static void read_document_refs(struct loader *ld, xmlNodePtr x, const char *attr,
			       struct strlist *out)
{
	static const char *const kinds[] = { "policy", "organization", "training",
					     "verification", "vulnerability-policy", "psirt",
					     "product", "staff", "course", "cra-report", NULL };
	char *v = profile_attr_dup(ld, x, attr), tmp[TEXT_CLIP_SIZE];
	size_t i, k, n;

	if (!v)
		return;
	if (strlist_split(v, out) < 0)
		ld->oom = true;
	free(v);
	for (i = 0; i < out->n; i++) {
		const char *w = out->v[i], *item = strchr(w, ':');
		const struct index *ix = NULL;
		n = item ? (size_t)(item - w) : strlen(w);
		for (k = 0; kinds[k] && (strlen(kinds[k]) != n || strncmp(w, kinds[k], n) != 0); k++)
			;
		if (!kinds[k] || (item && !shape_ok(&ld->shapes, SHAPE_ID, item + 1))) {
			profile_err_attr(ld, x, attr, "invalid document \"%s\" (revision/@%s); expected policy, organization, training, verification, vulnerability-policy, psirt, or product, staff, course or cra-report with :ID for one sheet",
				 text_clip(w, tmp), attr);
			continue;
		}
		if (!item)
			continue;
		if (k < 6)
			profile_err_attr(ld, x, attr, "\"%s\": the %s is one document; write %s alone (revision/@%s)",
				 w, kinds[k], kinds[k], attr);
		if (strncmp(w, "product:", 8) == 0 || strncmp(w, "cra-report:", 11) == 0)
			ix = &ld->products;
		else if (strncmp(w, "staff:", 6) == 0)
			ix = &ld->people;
		if (ix && profile_index_find(ix, item + 1) == NONE)
			profile_err_attr(ld, x, attr, "\"%s\": no %s \"%s\" is defined (revision/@%s)", w,
				 ix == &ld->people ? "person" : "product", item + 1, attr);
	}
}

/* A revision's <change> elements; the documents they name are changed
 * by it (added to its changes=). */
static void read_doc_changes(struct loader *ld, xmlNodePtr x, struct revision *r)
{
	size_t n, i, k;
	xmlNodePtr *nodes = profile_kids_of(ld, x, "change", &n);

	r->doc_changes = profile_calloc(ld, n, sizeof(*r->doc_changes));
	for (i = 0; nodes && r->doc_changes && i < n; i++) {
		struct revision_change *ch = &r->doc_changes[r->ndoc_changes++];
		read_document_refs(ld, nodes[i], "documents", &ch->documents);
		profile_read_ltext(ld, nodes[i], "summary", &ch->summary);
		for (k = 0; k < ch->documents.n; k++)
			if (!strlist_has(&r->changes, ch->documents.v[k]) &&
			    strlist_push(&r->changes, ch->documents.v[k]) < 0)
				ld->oom = true;
	}
	free(nodes);
}

static void read_revisions(struct loader *ld, xmlNodePtr sec)
{
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "revision", &p->nrevisions);
	const struct revision *last_date = NULL, *last_number = NULL;
	size_t i;

	p->revisions = profile_calloc(ld, p->nrevisions, sizeof(*p->revisions));
	if (!p->revisions) {
		p->nrevisions = 0;
		goto out;
	}
	for (i = 0; i < p->nrevisions; i++) {
		struct revision *r = &p->revisions[i];
		xmlNodePtr x = nodes[i];

		r->loc = profile_loc_of(ld, x);
		r->number = profile_read_shaped(ld, x, "number", SHAPE_REVISION);
		r->date = profile_read_date(ld, x, "date");
		r->author = profile_read_shaped(ld, x, "author", SHAPE_ID);
		read_document_refs(ld, x, "changes", &r->changes);
		read_document_refs(ld, x, "adds", &r->adds);
		profile_read_ltext(ld, x, "summary", &r->summary);
		read_doc_changes(ld, x, r);
		profile_check_ref(ld, x, "author", r->author, &ld->people, NULL, "person",
			  "defined people");
		if (r->number && last_number && revision_cmp(r->number, last_number->number) <= 0)
			profile_err_attr(ld, x, "number",
				 "revision %s does not come after revision %s (line %ld); list revisions oldest first, each with a greater number",
				 r->number, last_number->number, last_number->loc.line);
		if (r->date && last_date && strcmp(r->date, last_date->date) < 0)
			profile_err_attr(ld, x, "date",
				 "revision %s is dated %s, before revision %s (%s, line %ld); list revisions oldest first",
				 r->number ? r->number : "?", r->date,
				 last_date->number ? last_date->number : "?", last_date->date,
				 last_date->loc.line);
		last_number = r->number ? r : last_number;
		last_date = r->date ? r : last_date;
	}
out:
	free(nodes);
}

static void read_one_approval(struct loader *ld, xmlNodePtr x, struct approval *a)
{
	a->loc = profile_loc_of(ld, x);
	a->person = profile_read_shaped(ld, x, "person", SHAPE_ID);
	a->date = profile_read_date(ld, x, "date");
	a->reviewer = profile_read_shaped(ld, x, "reviewer", SHAPE_ID);
	profile_check_ref(ld, x, "person", a->person, &ld->people, NULL, "person", "defined people");
	profile_check_ref(ld, x, "reviewer", a->reviewer, &ld->people, NULL, "person", "defined people");
	read_document_refs(ld, x, "documents", &a->documents);
}

/* The <approval> elements: at most one for the whole set (no documents=),
 * any number for named documents. */
static void read_approvals(struct loader *ld, xmlNodePtr root)
{
	struct profile *p = ld->p;
	size_t n, i, k = 0;
	xmlNodePtr *nodes = profile_kids_of(ld, root, "approval", &n);
	bool set = false;

	p->approvals = profile_calloc(ld, n, sizeof(*p->approvals));
	for (i = 0; nodes && p->approvals && i < n; i++) {
		if (!xmlHasProp(nodes[i], (const xmlChar *)"documents")) {
			if (set) {
				profile_err_elem(ld, nodes[i], MARK_VALUE,
					 "a second <approval> without documents=; the first, for the whole set, is on line %ld",
					 p->approval.loc.line);
				continue;
			}
			read_one_approval(ld, nodes[i], &p->approval);
			set = true;
			continue;
		}
		read_one_approval(ld, nodes[i], &p->approvals[k++]);
	}
	p->napprovals = k;
	free(nodes);
}

static void read_messages(struct loader *ld, xmlNodePtr sec)
{
	int rc;
	struct profile *p = ld->p;
	xmlNodePtr *nodes = profile_kids_of(ld, sec, "message", &p->noverrides);
	char **pairs = profile_calloc(ld, p->noverrides, sizeof(*pairs));
	const char **keys = profile_calloc(ld, p->noverrides, sizeof(*keys));
	struct index seen = { 0 };
	size_t i, first;

	p->overrides = profile_calloc(ld, p->noverrides, sizeof(*p->overrides));
	if (!p->overrides || !pairs || !keys) {
		p->noverrides = 0;
		goto out;
	}
	for (i = 0; i < p->noverrides; i++) {
		struct message_override *o = &p->overrides[i];
		xmlNodePtr x = nodes[i];
		struct buf pair = BUF_INIT;

		o->loc = profile_loc_of(ld, x);
		o->lang = profile_read_shaped(ld, x, "xml:lang", SHAPE_LANG);
		o->id = profile_read_shaped(ld, x, "id", SHAPE_MESSAGE_ID);
		o->text = profile_read_text(ld, x);
		if (!o->lang || !o->id)
			continue;
		if (buf_printf(&pair, "%s %s", o->lang, o->id) < 0)
			ld->oom = true;
		keys[i] = pairs[i] = buf_detach(&pair, NULL);
	}
	rc = profile_index_build(ld, &seen, keys, p->noverrides);
	keys = NULL;
	if (rc < 0)
		goto out;
	for (i = 0; i < p->noverrides; i++)
		if (seen.keys[i] && (first = profile_index_find(&seen, seen.keys[i])) != i)
			profile_err_attr(ld, nodes[i], "id",
				 "message \"%s\" is given twice in language \"%s\"; the first is on line %ld",
				 p->overrides[i].id, p->overrides[i].lang,
				 profile_loc_of(ld, nodes[first]).line);
out:
	for (i = 0; pairs && i < p->noverrides; i++)
		free(pairs[i]);
	free(pairs);
	free(keys);
	profile_index_free(&seen);
	free(nodes);
}

static void read_profile(struct loader *ld, xmlNodePtr root)
{
	struct profile *p = ld->p;
	xmlNodePtr roles = profile_first_kid(root, "roles"), review = profile_first_kid(root, "review");
	xmlNodePtr accept = profile_first_kid(root, "risk-acceptance");
	char *version = profile_read_word(ld, root, "version", NULL);
	char *lang = profile_read_shaped(ld, root, "xml:lang", SHAPE_LANG), *line;

	free(version);
	free(lang);
	read_company(ld, profile_first_kid(root, "company"));
	read_people(ld, profile_first_kid(root, "people"));
	read_role_defs(ld, roles);
	read_assignments(ld, roles);
	read_raci(ld, roles);
	read_products(ld, profile_first_kid(root, "products"));
	read_suppliers(ld, profile_first_kid(root, "suppliers"));
	read_operators(ld, profile_first_kid(root, "economic-operators"));
	read_vuln(ld, profile_first_kid(root, "vulnerability-handling"));
	p->review_months = review ? (int)profile_read_int(ld, review, "months", 12) : 12;
	line = accept ? profile_read_word(ld, accept, "up-to", NULL) : NULL;
	p->risk_line = line && strcmp(line, "medium") == 0;
	free(line);
	read_training(ld, profile_first_kid(root, "training"));
	read_revisions(ld, profile_first_kid(root, "revisions"));
	read_approvals(ld, root);
	read_messages(ld, profile_first_kid(root, "messages"));
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

/* The schema compiled for validation, and its root element known. 0, or
 * -1 after adding errors to ld->d (libxml2's, through
 * profile_on_xml_error, then "cannot load the profile schema"). */
static int load_schema(struct loader *ld)
{
	ld->valid = rng_compile(ld->rng, profile_on_xml_error, ld);
	if (ld->valid && ld->rng->n > 0)
		return 0;
	diag_error(ld->d, ld->rng->path, 0, 0, "cannot load the profile schema");
	return -1;
}

/* 0, or -1 after adding an error to ld->d or setting ld->oom. */
static int compile_shapes(struct loader *ld)
{
	int rc = shape_compile(&ld->shapes, ld->d);

	ld->oom |= rc == SP_ENOMEM;
	return rc < 0 ? -1 : 0;
}

int profile_parse(struct loader *ld)
{
	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	size_t before = ld->d->errors;
	bool ok;

	if (!pc) {
		ld->oom = true;
		return -1;
	}
	/* No network, no DTD loading, no entity substitution: the scan has
	 * already refused any DOCTYPE; these hold even if it missed one. */
	ld->doc = xmlCtxtReadMemory(pc, ld->src.text, (int)ld->src.len, ld->path,
				    "UTF-8", XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	ok = ld->doc && pc->wellFormed;
	xmlFreeParserCtxt(pc);
	if (ok && (ld->doc->intSubset || ld->doc->extSubset)) {
		profile_add_error(ld, 1, 1, ld->src.what ? "a records file must not contain a DOCTYPE (DTDs and entities are not supported)"
							  : "a profile must not contain a DOCTYPE (DTDs and entities are not supported)");
		ok = false;
	}
	if (ok) {
		/* Without a URL, libxml2 does not walk every preceding node for
		 * XInclude markers on each validity error (quadratic). */
		xmlFree((xmlChar *)ld->doc->URL);
		ld->doc->URL = NULL;
	} else {
		if (ld->d->errors == before)
			profile_add_error(ld, 0, 0, ld->src.what ? "the records file is not well-formed XML"
							 : "the profile is not well-formed XML");
		xmlFreeDoc(ld->doc);
		ld->doc = NULL;
		return -1;
	}
	return 0;
}

xmlNodePtr profile_validate(struct loader *ld, xmlRelaxNGPtr valid, const char *ns,
			    const char *name)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(valid);
	xmlNodePtr root;

	if (!vc) {
		ld->oom = true;
		return NULL;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, profile_on_xml_error, ld);
	xmlRelaxNGValidateDoc(vc, ld->doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (profile_src_link(&ld->src, ld->doc) < 0) {
		ld->oom = true;
		return NULL;
	}
	root = xmlDocGetRootElement(ld->doc);
	if (!xmlutil_is(root, ns, name)) {
		profile_err_elem(ld, root, MARK_UNKNOWN,
			 "the root element must be <%s xmlns=\"%s\">, not <%s%s%s%s>", name, ns,
			 NAME(root), root->ns ? " xmlns=\"" : "",
			 root->ns ? (const char *)root->ns->href : "", root->ns ? "\"" : "");
		return NULL;
	}
	return root;
}

struct profile *profile_load(const char *path, const struct profile_builtins *builtins,
			     struct diag *d)
{
	struct loader ld;
	struct profile *p = NULL;
	size_t before = d->errors, i;
	xmlNodePtr root;
	struct buf ip_text = BUF_INIT;

	assert(builtins && builtins->rng);
	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.d = d;
	ld.builtin_roles = &builtins->roles;
	ld.builtin_activities = &builtins->activities;
	ld.builtin_courses = &builtins->courses;
	ld.ip_links = &builtins->ip_links;
	ld.rng = builtins->rng;
	for (i = 0; ld.ip_links && i < ld.ip_links->n; i++)
		if (buf_printf(&ip_text, "%s%s", i ? ", " : "", ld.ip_links->v[i]) < 0)
			ld.oom = true;
	ld.ip_text = buf_str(&ip_text);
	if (profile_src_read(&ld.src, path, d) < 0 || profile_src_scan(&ld.src, path, d) < 0)
		goto out;

	/* libxml2 2.9 has no per-context handler for the parser: the global
	 * one is set here and restored before returning. */
	xmlSetStructuredErrorFunc(&ld, profile_on_xml_error);
	if (profile_parse(&ld) < 0 || load_schema(&ld) < 0 || compile_shapes(&ld) < 0)
		goto out;
	ld.p = calloc(1, sizeof(*ld.p));
	if (!ld.p || !(ld.p->path = strdup(path))) {
		ld.oom = true;
		goto out;
	}
	if (!(root = profile_validate(&ld, ld.valid, PROFILE_NS, "profile")))
		goto out;
	profile_check_tree(&ld, root, 0);
	read_profile(&ld, root);
	profile_report_rng_errors(&ld, before);
out:
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ld.oom)
		diag_error(d, path, 0, 0, "out of memory while reading the profile");
	if (d->errors == before && !ld.oom && ld.p) {
		p = ld.p;
		ld.p = NULL;
	}
	profile_loader_free(&ld);
	buf_free(&ip_text);
	return p;
}

/* ------------------------------------------------------------------ */
/* The model                                                           */
/* ------------------------------------------------------------------ */

void profile_free(struct profile *p)
{
	size_t i, j, k;

	if (!p)
		return;
	free(p->path);
	free(p->company.code);
	ltext_free(&p->company.name);
	ltext_free(&p->company.address);
	ltext_free(&p->company.classification);
	free(p->company.website);
	free(p->company.paper);
	free(p->company.authoritative);
	for (i = 0; i < p->npeople; i++) {
		free(p->people[i].id);
		ltext_free(&p->people[i].name);
		ltext_free(&p->people[i].title);
		free(p->people[i].email);
		free(p->people[i].lang);
		free(p->people[i].deputy);
		free(p->people[i].joined);
	}
	free(p->people);
	for (i = 0; i < p->nroles; i++) {
		free(p->roles[i].id);
		ltext_free(&p->roles[i].name);
		ltext_free(&p->roles[i].duties);
		free(p->roles[i].reports_to);
	}
	free(p->roles);
	for (i = 0; i < p->nassignments; i++) {
		free(p->assignments[i].role);
		free(p->assignments[i].person);
		free(p->assignments[i].since);
		free(p->assignments[i].deputy);
	}
	free(p->assignments);
	for (i = 0; i < p->training.ncourses; i++) {
		struct course_def *c = &p->training.courses[i];
		free(c->id);
		strlist_free(&c->roles);
		free(c->method);
		free(c->instructor);
		ltext_free(&c->name);
		ltext_free(&c->summary);
	}
	free(p->training.courses);
	for (i = 0; i < p->nraci; i++) {
		free(p->raci[i].activity);
		free(p->raci[i].role);
	}
	free(p->raci);
	for (i = 0; i < p->nadvisories; i++)
		advisory_free(p->advisories[i]);
	free(p->advisories);
	for (i = 0; i < p->nproducts; i++) {
		struct product *pr = &p->products[i];
		free(pr->id);
		ltext_free(&pr->name);
		free(pr->model);
		free(pr->category);
		strlist_free(&pr->connectivity);
		strlist_free(&pr->interfaces);
		strlist_free(&pr->data);
		free(pr->update_method);
		free(pr->internet);
		strlist_free(&pr->customers);
		free(pr->support_until);
		free(pr->sales_until);
		strlist_free(&pr->markets);
		for (j = 0; j < pr->nconformity; j++) {
			free(pr->conformity[j].scheme);
			free(pr->conformity[j].route);
			free(pr->conformity[j].reference);
		}
		free(pr->conformity);
		ltext_free(&pr->intended_users);
		ltext_free(&pr->use_cases);
		records_free(pr->records);
	}
	free(p->products);
	for (i = 0; i < p->nsuppliers; i++) {
		free(p->suppliers[i].id);
		ltext_free(&p->suppliers[i].name);
		ltext_free(&p->suppliers[i].scope);
		free(p->suppliers[i].email);
		free(p->suppliers[i].country);
		strlist_free(&p->suppliers[i].products);
	}
	free(p->suppliers);
	for (i = 0; i < p->noperators; i++) {
		free(p->operators[i].kind);
		free(p->operators[i].country);
		ltext_free(&p->operators[i].name);
		free(p->operators[i].email);
		strlist_free(&p->operators[i].products);
	}
	free(p->operators);
	free(p->vuln.email);
	free(p->vuln.url);
	free(p->vuln.policy_url);
	free(p->vuln.duty_phone);
	free(p->vuln.encryption);
	free(p->vuln.acknowledgments);
	free(p->vuln.advisories);
	free(p->vuln.jpcert_date);
	free(p->vuln.jpcert_kind);
	strlist_free(&p->vuln.languages);
	for (i = 0; i < p->nrevisions; i++) {
		free(p->revisions[i].number);
		free(p->revisions[i].date);
		free(p->revisions[i].author);
		strlist_free(&p->revisions[i].changes);
		strlist_free(&p->revisions[i].adds);
		for (k = 0; k < p->revisions[i].ndoc_changes; k++) {
			strlist_free(&p->revisions[i].doc_changes[k].documents);
			ltext_free(&p->revisions[i].doc_changes[k].summary);
		}
		free(p->revisions[i].doc_changes);
		ltext_free(&p->revisions[i].summary);
	}
	free(p->revisions);
	free(p->approval.person);
	free(p->approval.date);
	free(p->approval.reviewer);
	strlist_free(&p->approval.documents);
	for (i = 0; i < p->napprovals; i++) {
		free(p->approvals[i].person);
		free(p->approvals[i].date);
		free(p->approvals[i].reviewer);
		strlist_free(&p->approvals[i].documents);
	}
	free(p->approvals);
	for (i = 0; i < p->noverrides; i++) {
		free(p->overrides[i].lang);
		free(p->overrides[i].id);
		free(p->overrides[i].text);
	}
	free(p->overrides);
	free(p);
}
