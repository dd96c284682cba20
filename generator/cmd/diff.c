/* diff.c - what changed between two revisions of a profile, in sentences
 * (diff.h). Each sentence is a message rendered like derive.c's format
 * messages: strict Mustache over a small map, then unescaped. */
#include "cmd/diff.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/xmlutil.h"
#include "model/catalog.h"
#include "base/date.h"
#include "base/status.h"
#include "l10n/l10n.h"
#include "l10n/messages.h"
#include "model/model.h"
#include "template/mustache.h"
#include "profile/profile.h"
#include "profile/records.h"
#include "model/requirements.h"
#include "base/text.h"
#include "template/value.h"

/* profile.rng's limit on a <summary> (text-medium), in characters. */
#define SUMMARY_MAX 1000

/* A growable list of strings. */
struct strvec {
	char **v;
	size_t n, cap;
};

static int strvec_push(struct strvec *l, char *s)
{
	char **v = array_grow(l->v, &l->cap, l->n, sizeof(*v));

	if (!v)
		return -1;
	l->v = v;
	l->v[l->n++] = s;
	return 0;
}

/* One language's comparison of the two profiles. */
struct dctx {
	const struct profile *a; /* old */
	const struct profile *b; /* new */
	const struct catalog *cat;
	const char *lang;
	struct diag *d;
	struct l10n kit;    /* the language's words (l10n.h) */
	struct strvec pool; /* every string made on the way; owned */
	struct strvec said; /* the sentences, in order; borrowed from pool */
	int status;         /* the first failure (base/status.h); its error is in d */
	bool records;       /* say what moved in the products' records (text only:
			     * a revision's summary is the profile's) */
};

static void dctx_free(struct dctx *c)
{
	size_t i;

	for (i = 0; i < c->pool.n; i++)
		free(c->pool.v[i]);
	free(c->pool.v);
	free(c->said.v);
}

static void nomem(struct dctx *c)
{
	if (c->status != SP_ENOMEM)
		diag_error(c->d, NULL, 0, 0, "out of memory");
	c->status = SP_ENOMEM;
}

/* Whether anything has failed, here or in the kit. */
static int failed(const struct dctx *c)
{
	return c->status != SP_OK || l10n_failed(&c->kit);
}

/* Takes s (malloc'd; NULL after a failed allocation) into the pool.
 * Borrowed until dctx_free. */
static char *keep(struct dctx *c, char *s)
{
	if (!s || strvec_push(&c->pool, s) < 0) {
		free(s);
		nomem(c);
		return NULL;
	}
	return s;
}

/* As keep, for a text the kit made: NULL is a failure it has reported. */
static char *kept(struct dctx *c, char *s)
{
	return s ? keep(c, s) : NULL;
}

static int same(const char *x, const char *y)
{
	return x == y || (x && y && strcmp(x, y) == 0);
}

static int has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

/* The same words, in any order. */
static int same_set(const struct strlist *x, const struct strlist *y)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (!has(y, x->v[i]))
			return 0;
	for (i = 0; i < y->n; i++)
		if (!has(x, y->v[i]))
			return 0;
	return 1;
}

/* The same text in every language, in any order. */
static int same_ltext(const struct ltext *x, const struct ltext *y)
{
	size_t i, j;

	if (x->n != y->n)
		return 0;
	for (i = 0; i < x->n; i++) {
		for (j = 0; j < y->n; j++)
			if (same(x->v[i].lang, y->v[j].lang))
				break;
		if (j == y->n || !same(x->v[i].text, y->v[j].text))
			return 0;
	}
	return 1;
}

/* Message id rendered over data as plain text (borrowed from the pool);
 * frees data. NULL after an error. */
static char *render(struct dctx *c, const char *id, struct value *data)
{
	return kept(c, l10n_format(&c->kit, id, data));
}

/* A map of string values: vars("old", x, "new", y, NULL). A NULL value
 * (after an error) is stored as null. NULL on allocation failure. */
static struct value *vars(const char *key, ...)
{
	struct value *m = value_map();
	va_list ap;

	va_start(ap, key);
	for (; m && key; key = va_arg(ap, const char *))
		if (value_map_set_string(m, key, va_arg(ap, const char *)) < 0) {
			value_free(m);
			m = NULL;
		}
	va_end(ap);
	return m;
}

/* Adds one change. A name that ends a sentence may bring its own full
 * stop ("Co., Ltd."): one is enough. */
static void say(struct dctx *c, const char *id, struct value *data)
{
	char *s = render(c, id, data);
	size_t n = s ? strlen(s) : 0;

	if (n >= 2 && s[n - 1] == '.' && s[n - 2] == '.' && (n == 2 || s[n - 3] != '.'))
		s[n - 1] = '\0';
	if (s && strvec_push(&c->said, s) < 0)
		nomem(c);
}

/* Joins items with the language's list separator; NULL when there are
 * none. */
static const char *join(struct dctx *c, const char *const *items, size_t n)
{
	return kept(c, l10n_join(&c->kit, items, n));
}

static const char *or_unset(struct dctx *c, const char *s)
{
	return s ? s : l10n_label(&c->kit, "diff.unset");
}

static const char *or_none(struct dctx *c, const char *s)
{
	return s ? s : l10n_label(&c->kit, "diff.none");
}

/* Two texts that differ (same_ltext is false), as they read before and
 * after: in the language asked for, or else in the first language whose
 * text changed (so that a change to the English name alone still shows
 * in Japanese). */
static void changed_texts(struct dctx *c, const struct ltext *x,
			  const struct ltext *y, const char **was, const char **now)
{
	const char *lang = c->lang;
	size_t i;

	if (same(ltext_get(x, lang), ltext_get(y, lang))) {
		for (i = 0; i < y->n && same(ltext_get(x, y->v[i].lang), y->v[i].text); i++)
			;
		if (i < y->n)
			lang = y->v[i].lang;
		for (i = 0; lang == c->lang && i < x->n; i++)
			if (!same(x->v[i].text, ltext_get(y, x->v[i].lang)))
				lang = x->v[i].lang;
	}
	*was = or_unset(c, ltext_get(x, lang));
	*now = or_unset(c, ltext_get(y, lang));
}

/* A person's name as the new profile gives it, else the old one. */
static const char *person_name(struct dctx *c, const char *id)
{
	const struct person *pp = profile_person(c->b, id);

	if (!pp)
		pp = profile_person(c->a, id);
	return pp ? ltext_get(&pp->name, c->lang) : id;
}

/* A role's name: the company's own (new profile, else old), else the
 * catalogue's message. */
static const char *role_name(struct dctx *c, const char *id)
{
	const struct role_def *r = profile_role(c->b, id);

	if (!r)
		r = profile_role(c->a, id);
	return r ? ltext_get(&r->name, c->lang) : l10n_labelf(&c->kit, "role.%s.name", id);
}

static const char *product_name(struct dctx *c, const char *id)
{
	const struct product *pr = profile_product(c->b, id);

	if (!pr)
		pr = profile_product(c->a, id);
	return pr ? ltext_get(&pr->name, c->lang) : id;
}

/* The labels of the words of l that minus (may be NULL) lacks, joined;
 * NULL when there are none. */
static const char *word_labels(struct dctx *c, const char *vocab,
			       const struct strlist *l, const struct strlist *minus)
{
	const char **items = calloc(l->n + 1, sizeof(*items));
	const char *s;
	size_t i, n = 0;

	if (!items) {
		nomem(c);
		return NULL;
	}
	for (i = 0; i < l->n; i++)
		if (!minus || !has(minus, l->v[i]))
			items[n++] = l10n_word(&c->kit, vocab, l->v[i]);
	s = join(c, items, n);
	free(items);
	return s;
}

/* The names of products (ids), joined; NULL for none. */
static const char *product_names(struct dctx *c, const struct strlist *ids)
{
	const char **items = calloc(ids->n + 1, sizeof(*items));
	const char *s;
	size_t i;

	if (!items) {
		nomem(c);
		return NULL;
	}
	for (i = 0; i < ids->n; i++)
		items[i] = product_name(c, ids->v[i]);
	s = join(c, items, ids->n);
	free(items);
	return s;
}

/* A YYYY-MM-DD date in the language's format (format.date); diff.unset
 * for NULL. */
static const char *date_text(struct dctx *c, const char *iso)
{
	return iso ? kept(c, l10n_date_iso(&c->kit, iso)) : l10n_label(&c->kit, "diff.unset");
}

/* "3 business days": the message unit.one or unit.other over n. */
static const char *count_text(struct dctx *c, const char *unit, double n)
{
	return kept(c, l10n_count(&c->kit, unit, n));
}

/* <company>. */
static void diff_company(struct dctx *c)
{
	const struct company *x = &c->a->company, *y = &c->b->company;
	const char *was, *now;

	if (!same_ltext(&x->name, &y->name)) {
		changed_texts(c, &x->name, &y->name, &was, &now);
		say(c, "diff.company.name", vars("old", was, "new", now, NULL));
	}
	if (!same(x->code, y->code))
		say(c, "diff.company.code", vars("old", x->code, "new", y->code, NULL));
	if (x->fiscal_year_start != y->fiscal_year_start)
		say(c, "diff.company.fiscal-year-start",
		    vars("old", l10n_labelf(&c->kit, "format.month.%d", x->fiscal_year_start),
			 "new", l10n_labelf(&c->kit, "format.month.%d", y->fiscal_year_start), NULL));
	if (!same_ltext(&x->classification, &y->classification)) {
		changed_texts(c, &x->classification, &y->classification, &was, &now);
		say(c, "diff.company.classification", vars("old", was, "new", now, NULL));
	}
}

/* <people>: who came, who left, and what changed about the others. */
static void diff_people(struct dctx *c)
{
	size_t i;

	for (i = 0; i < c->b->npeople; i++) {
		const struct person *y = &c->b->people[i];
		const struct person *x = profile_person(c->a, y->id);
		const char *name = ltext_get(&y->name, c->lang), *was, *now;

		if (!x) {
			say(c, "diff.person.added",
			    vars("name", name, "title", ltext_get(&y->title, c->lang), NULL));
			continue;
		}
		if (!same_ltext(&x->name, &y->name)) {
			changed_texts(c, &x->name, &y->name, &was, &now);
			say(c, "diff.person.name", vars("old", was, "new", now, NULL));
		}
		if (!same_ltext(&x->title, &y->title)) {
			changed_texts(c, &x->title, &y->title, &was, &now);
			say(c, "diff.person.title",
			    vars("name", name, "old", was, "new", now, NULL));
		}
		if (!same(x->email, y->email))
			say(c, "diff.person.email", vars("name", name,
							 "old", or_unset(c, x->email),
							 "new", or_unset(c, y->email), NULL));
		if (!same(x->deputy, y->deputy))
			say(c, "diff.person.deputy",
			    vars("name", name,
				 "old", or_none(c, x->deputy ? person_name(c, x->deputy) : NULL),
				 "new", or_none(c, y->deputy ? person_name(c, y->deputy) : NULL),
				 NULL));
	}
	for (i = 0; i < c->a->npeople; i++)
		if (!profile_person(c->b, c->a->people[i].id))
			say(c, "diff.person.removed",
			    vars("name", ltext_get(&c->a->people[i].name, c->lang), NULL));
}

/* The company's own <role>s. */
static void diff_role_defs(struct dctx *c)
{
	size_t i;

	for (i = 0; i < c->b->nroles; i++) {
		const struct role_def *y = &c->b->roles[i];
		const struct role_def *x = profile_role(c->a, y->id);
		const char *name = ltext_get(&y->name, c->lang), *was, *now;

		if (!x) {
			say(c, "diff.role-def.added", vars("role", name, NULL));
			continue;
		}
		if (!same_ltext(&x->name, &y->name)) {
			changed_texts(c, &x->name, &y->name, &was, &now);
			say(c, "diff.role-def.renamed", vars("old", was, "new", now, NULL));
		}
		if (!same_ltext(&x->duties, &y->duties))
			say(c, "diff.role-def.duties", vars("role", name, NULL));
		if (!same(x->reports_to, y->reports_to))
			say(c, "diff.role-def.reports-to",
			    vars("role", name,
				 "old", or_none(c, x->reports_to ? role_name(c, x->reports_to) : NULL),
				 "new", or_none(c, y->reports_to ? role_name(c, y->reports_to) : NULL),
				 NULL));
	}
	for (i = 0; i < c->a->nroles; i++)
		if (!profile_role(c->b, c->a->roles[i].id))
			say(c, "diff.role-def.removed",
			    vars("role", ltext_get(&c->a->roles[i].name, c->lang), NULL));
}

static const struct assignment *assignment_of(const struct profile *p, const char *role,
					      const char *person)
{
	size_t i;

	for (i = 0; i < p->nassignments; i++)
		if (strcmp(p->assignments[i].role, role) == 0 &&
		    strcmp(p->assignments[i].person, person) == 0)
			return &p->assignments[i];
	return NULL;
}

static int holds(const struct profile *p, const char *role, const char *person)
{
	return assignment_of(p, role, person) != NULL;
}

/* A holder who stays: a deputy of their own in the role, or the lead,
 * given or taken away. */
static void diff_assignment(struct dctx *c, const char *role, const struct assignment *x,
			    const struct assignment *y)
{
	const char *name = role_name(c, role), *who = person_name(c, y->person);

	if (!same(x->deputy, y->deputy))
		say(c, "diff.role.deputy",
		    vars("role", name, "person", who,
			 "old", or_none(c, x->deputy ? person_name(c, x->deputy) : NULL),
			 "new", or_none(c, y->deputy ? person_name(c, y->deputy) : NULL), NULL));
	if (x->lead != y->lead)
		say(c, y->lead ? "diff.role.lead" : "diff.role.no-lead",
		    vars("role", name, "person", who, NULL));
}

/* Who holds role now: newcomers replace leavers one for one, in the
 * profiles' order; the rest are appointed, also hold it, or left it. */
static void diff_holders(struct dctx *c, const char *role)
{
	const struct profile *a = c->a, *b = c->b;
	const char **gone = calloc(a->nassignments + 1, sizeof(*gone));
	const char **came = calloc(b->nassignments + 1, sizeof(*came));
	const char *name = role_name(c, role);
	size_t ngone = 0, ncame = 0, nstay = 0, i;

	if (!gone || !came) {
		nomem(c);
		goto out;
	}
	for (i = 0; i < a->nassignments; i++)
		if (strcmp(a->assignments[i].role, role) == 0 &&
		    !holds(b, role, a->assignments[i].person))
			gone[ngone++] = person_name(c, a->assignments[i].person);
	for (i = 0; i < b->nassignments; i++) {
		if (strcmp(b->assignments[i].role, role) != 0)
			continue;
		if (holds(a, role, b->assignments[i].person)) {
			nstay++;
			diff_assignment(c, role, assignment_of(a, role, b->assignments[i].person),
					&b->assignments[i]);
		} else
			came[ncame++] = person_name(c, b->assignments[i].person);
	}
	for (i = 0; i < ncame && i < ngone; i++)
		say(c, "diff.role.replaced",
		    vars("role", name, "old", gone[i], "new", came[i], NULL));
	for (; i < ncame; i++)
		say(c, nstay || i ? "diff.role.also" : "diff.role.appointed",
		    vars("role", name, "person", came[i], NULL));
	if (ngone > ncame && nstay == 0 && ncame == 0)
		say(c, "diff.role.vacant", vars("role", name, "people", join(c, gone, ngone), NULL));
	else
		for (i = ncame; i < ngone; i++)
			say(c, "diff.role.left", vars("role", name, "person", gone[i], NULL));
out:
	free(gone);
	free(came);
}

/* A role's letters in an activity: the profile's <raci>, else the
 * catalogue's cell. */
static unsigned raci_cell(const struct profile *p, const struct catalog *cat,
			  const char *activity, const char *role)
{
	const struct catalog_activity *act = catalog_activity(cat, activity);
	size_t i;

	for (i = 0; i < p->nraci; i++)
		if (strcmp(p->raci[i].activity, activity) == 0 &&
		    strcmp(p->raci[i].role, role) == 0)
			return p->raci[i].raci;
	for (i = 0; act && i < act->ncells; i++) /* one a role; role NULL when empty */
		if (act->cells[i].role && strcmp(act->cells[i].role, role) == 0)
			return act->cells[i].raci;
	return 0;
}

static const char *raci_text(struct dctx *c, unsigned bits)
{
	static const struct {
		unsigned bit;
		const char *id;
	} parts[] = { { RACI_A, "diff.raci.a" }, { RACI_R, "diff.raci.r" },
		      { RACI_C, "diff.raci.c" }, { RACI_I, "diff.raci.i" } };
	const char *items[4];
	size_t i, n = 0;

	if (bits == 0)
		return l10n_label(&c->kit, "diff.raci.none");
	if (bits == (RACI_A | RACI_R))
		return l10n_label(&c->kit, "diff.raci.ar");
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (bits & parts[i].bit)
			items[n++] = l10n_label(&c->kit, parts[i].id);
	return join(c, items, n);
}

/* 1 when the cell (activity, role) is first named by p->raci[at]. */
static int first_raci(const struct profile *p, size_t at)
{
	size_t i;

	for (i = 0; i < at; i++)
		if (strcmp(p->raci[i].activity, p->raci[at].activity) == 0 &&
		    strcmp(p->raci[i].role, p->raci[at].role) == 0)
			return 0;
	return 1;
}

static void diff_raci_cell(struct dctx *c, const char *activity, const char *role)
{
	unsigned x = raci_cell(c->a, c->cat, activity, role);
	unsigned y = raci_cell(c->b, c->cat, activity, role);

	if (x != y)
		say(c, "diff.raci", vars("activity", l10n_labelf(&c->kit, "activity.%s.name", activity),
					 "role", role_name(c, role),
					 "old", raci_text(c, x), "new", raci_text(c, y), NULL));
}

/* <roles>: the company's own, who holds which, the matrix's cells. */
static void diff_roles(struct dctx *c)
{
	const struct profile *a = c->a, *b = c->b;
	size_t i, j;

	diff_role_defs(c);
	/* Roles in the order the new profile assigns them, then the old. */
	for (i = 0; i < b->nassignments; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(b->assignments[j].role, b->assignments[i].role) == 0)
				break;
		if (j == i)
			diff_holders(c, b->assignments[i].role);
	}
	for (i = 0; i < a->nassignments; i++) {
		const char *role = a->assignments[i].role;
		for (j = 0; j < b->nassignments; j++)
			if (strcmp(b->assignments[j].role, role) == 0)
				break;
		if (j < b->nassignments)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(a->assignments[j].role, role) == 0)
				break;
		if (j == i)
			diff_holders(c, role);
	}
	for (i = 0; i < b->nraci; i++)
		if (first_raci(b, i))
			diff_raci_cell(c, b->raci[i].activity, b->raci[i].role);
	for (i = 0; i < a->nraci; i++) {
		for (j = 0; j < b->nraci; j++)
			if (strcmp(b->raci[j].activity, a->raci[i].activity) == 0 &&
			    strcmp(b->raci[j].role, a->raci[i].role) == 0)
				break;
		if (j == b->nraci && first_raci(a, i))
			diff_raci_cell(c, a->raci[i].activity, a->raci[i].role);
	}
}

/* A word list of a product that changed: "from … to …". */
static void diff_words(struct dctx *c, const char *id, const char *product,
		       const char *vocab, const struct strlist *x,
		       const struct strlist *y)
{
	if (!same_set(x, y))
		say(c, id, vars("product", product,
				"old", or_none(c, word_labels(c, vocab, x, NULL)),
				"new", or_none(c, word_labels(c, vocab, y, NULL)), NULL));
}

/* Whether p has a <conformity> like r (same scheme, route and reference). */
static bool has_record(const struct product *p, const struct conformity *r)
{
	size_t i;

	for (i = 0; i < p->nconformity; i++)
		if (same(p->conformity[i].scheme, r->scheme) && same(p->conformity[i].route, r->route) &&
		    same(p->conformity[i].reference, r->reference))
			return true;
	return false;
}

/* The <conformity> records of y that x lacks, one sentence each. */
static void diff_records(struct dctx *c, const char *name, const struct product *x,
			 const struct product *y, const char *id)
{
	size_t i;

	for (i = 0; i < y->nconformity; i++) {
		const struct conformity *r = &y->conformity[i];
		if (!r->scheme || has_record(x, r))
			continue;
		say(c, id, vars("product", name, "record", l10n_word(&c->kit, "conformity", r->scheme),
				"detail", r->reference ? r->reference
					  : r->route ? l10n_word(&c->kit, "route", r->route) : or_none(c, NULL),
				NULL));
	}
}

/* <products>. */
static void diff_products(struct dctx *c)
{
	size_t i;

	for (i = 0; i < c->b->nproducts; i++) {
		const struct product *y = &c->b->products[i];
		const struct product *x = profile_product(c->a, y->id);
		const char *name = ltext_get(&y->name, c->lang), *s;

		if (!x) {
			say(c, "diff.product.added",
			    vars("product", name,
				 "markets", word_labels(c, "markets", &y->markets, NULL), NULL));
			continue;
		}
		if ((s = word_labels(c, "markets", &y->markets, &x->markets)))
			say(c, "diff.product.markets-added", vars("product", name, "markets", s, NULL));
		if ((s = word_labels(c, "markets", &x->markets, &y->markets)))
			say(c, "diff.product.markets-removed", vars("product", name, "markets", s, NULL));
		diff_words(c, "diff.product.connectivity", name, "connectivity",
			   &x->connectivity, &y->connectivity);
		diff_words(c, "diff.product.interfaces", name, "interfaces",
			   &x->interfaces, &y->interfaces);
		diff_words(c, "diff.product.data", name, "data", &x->data, &y->data);
		if (!same(x->update_method, y->update_method))
			say(c, "diff.product.update",
			    vars("product", name,
				 "old", l10n_word(&c->kit, "update", x->update_method),
				 "new", l10n_word(&c->kit, "update", y->update_method), NULL));
		if (!same(x->support_until, y->support_until))
			say(c, "diff.product.support-until",
			    vars("product", name, "old", date_text(c, x->support_until),
				 "new", date_text(c, y->support_until), NULL));
		if (strcmp(requirements_internet(c->cat, x), requirements_internet(c->cat, y)) != 0)
			say(c, "diff.product.internet",
			    vars("product", name,
				 "old", l10n_word(&c->kit, "internet", requirements_internet(c->cat, x)),
				 "new", l10n_word(&c->kit, "internet", requirements_internet(c->cat, y)), NULL));
		if (!same(x->category, y->category))
			say(c, "diff.product.category",
			    vars("product", name, "old", l10n_word(&c->kit, "category", x->category),
				 "new", l10n_word(&c->kit, "category", y->category), NULL));
		if (!same(x->sales_until, y->sales_until))
			say(c, "diff.product.sales-until",
			    vars("product", name, "old", date_text(c, x->sales_until),
				 "new", date_text(c, y->sales_until), NULL));
		diff_words(c, "diff.product.customers", name, "customers", &x->customers, &y->customers);
		diff_records(c, name, x, y, "diff.product.record-added");
		diff_records(c, name, y, x, "diff.product.record-removed");
	}
	for (i = 0; i < c->a->nproducts; i++)
		if (!profile_product(c->b, c->a->products[i].id))
			say(c, "diff.product.removed",
			    vars("product", ltext_get(&c->a->products[i].name, c->lang), NULL));
}

/* ---- The products' records (records.h) ---------------------------- */

static const char *const status_ids[] = { "met", "partly", "not-yet", "not-applicable" };
static const char *const result_ids[] = { "planned", "passed", "failed" };

/* "R3 Changeable credentials": item id's number among what applies to
 * product pr of the new profile (prefix and the catalogue's list), and
 * its title (message title_fmt over the id). */
static const char *item_label(struct dctx *c, const struct product *pr, char prefix,
			      const char *id, const char *title_fmt)
{
	const struct req_catalog *rc = c->cat->requirements;
	struct req_features f;
	struct buf b = BUF_INIT;
	size_t i;
	int n = 0;

	requirements_features(c->cat, c->b, pr, &f);
	for (i = 0; prefix == 'R' && i < rc->nrequirements; i++)
		if (requirements_holds(&rc->requirements[i].when, &f) &&
		    (++n, strcmp(rc->requirements[i].id, id) == 0))
			break;
	for (i = 0; prefix == 'T' && i < rc->nrisks; i++)
		if (requirements_holds(&rc->risks[i].when, &f) && (++n, strcmp(rc->risks[i].id, id) == 0))
			break;
	for (i = 0; prefix == 'V' && i < rc->ntests; i++)
		if (requirements_test_applies(rc, &rc->tests[i], &f) &&
		    (++n, strcmp(rc->tests[i].id, id) == 0))
			break;
	if (buf_printf(&b, "%c%d", prefix, n) < 0) {
		nomem(c);
		return NULL;
	}
	/* A risk has no title: its number and what it threatens. */
	if (prefix == 'T') {
		char *s = render(c, "diff.records.risk-label",
				 vars("n", buf_str(&b), "asset", l10n_labelf(&c->kit, title_fmt, id), NULL));
		buf_free(&b);
		return s;
	}
	if (buf_printf(&b, " %s", l10n_labelf(&c->kit, title_fmt, id)) < 0) {
		nomem(c);
		return NULL;
	}
	return keep(c, buf_detach(&b, NULL));
}

/* The newest date of a requirement's evidence, or NULL. */
static const char *newest_evidence(const struct req_record *q)
{
	const char *d = NULL;
	size_t i;

	for (i = 0; q && i < q->nevidence; i++)
		if (!d || strcmp(q->evidence[i].date, d) > 0)
			d = q->evidence[i].date;
	return d;
}

/* What moved in the records of product y (x: the same product in the old
 * profile, or NULL): each requirement's status, each risk's decision, each
 * decision taken, each test's result. */
static void diff_product_records(struct dctx *c, const struct product *x, const struct product *y)
{
	const char *name = ltext_get(&y->name, c->lang);
	const struct records *ry = y->records;
	char qid[96];
	size_t i;

	if (!ry) {
		if (x && x->records)
			say(c, "diff.records.dropped", vars("product", name, NULL));
		return;
	}
	if (!x || !x->records)
		say(c, "diff.records.started", vars("product", name, "updated", date_text(c, ry->updated), NULL));
	for (i = 0; i < ry->nreqs; i++) {
		const struct req_record *q = &ry->reqs[i];
		const struct req_record *o = x ? records_requirement(x, q->id) : NULL;
		const char *was = o ? l10n_labelf(&c->kit, "label.record.status.%s", status_ids[o->status])
				    : l10n_label(&c->kit, "label.record.status.none");
		if (o && o->status == q->status)
			continue;
		if (q->status == REC_MET)
			say(c, "diff.records.met",
			    vars("product", name, "requirement", item_label(c, y, 'R', q->id, "req.%s.title"),
				 "date", date_text(c, newest_evidence(q)), "old", was, NULL));
		else if (o || q->status == REC_NOT_APPLICABLE)
			say(c, "diff.records.status",
			    vars("product", name, "requirement", item_label(c, y, 'R', q->id, "req.%s.title"),
				 "new", l10n_labelf(&c->kit, "label.record.status.%s", status_ids[q->status]),
				 "old", was, NULL));
	}
	for (i = 0; i < ry->nrisks; i++) {
		const struct risk_record *k = &ry->risks[i];
		const struct risk_record *o = x ? records_risk(x, k->id) : NULL;
		const char *risk;
		if ((o ? o->decision : REC_UNDECIDED) == k->decision && (!o || (same(o->by, k->by) &&
		    same(o->date, k->date) && same(o->until, k->until) && same(o->owner, k->owner) &&
		    same(o->due, k->due))))
			continue;
		risk = item_label(c, y, 'T', k->id, "risk.%s.asset");
		if (k->decision == REC_ACCEPT)
			say(c, k->until ? "diff.records.risk-accepted-until" : "diff.records.risk-accepted",
			    vars("product", name, "risk", risk, "by", person_name(c, k->by),
				 "date", date_text(c, k->date), "until", date_text(c, k->until), NULL));
		else if (k->decision == REC_TREAT)
			say(c, "diff.records.risk-treat",
			    vars("product", name, "risk", risk, "by", person_name(c, k->by),
				 "date", date_text(c, k->date), "owner", person_name(c, k->owner),
				 "due", date_text(c, k->due), NULL));
		else
			say(c, "diff.records.risk-undecided", vars("product", name, "risk", risk, NULL));
	}
	for (i = 0; i < ry->ndecisions; i++) {
		const struct decision_record *k = &ry->decisions[i];
		const struct decision_record *o = x ? records_decision(x, k->id) : NULL;
		if (!k->answer.n || (o && o->answer.n && same_ltext(&o->answer, &k->answer)))
			continue;
		snprintf(qid, sizeof(qid), "decision.%s", k->id);
		say(c, "diff.records.decided",
		    vars("product", name,
			 "question", render(c, qid, vars("model", y->model ? y->model : name, NULL)),
			 "by", person_name(c, k->by), "date", date_text(c, k->date),
			 "answer", ltext_get(&k->answer, c->lang), NULL));
	}
	for (i = 0; i < ry->ntests; i++) {
		const struct test_record *k = &ry->tests[i];
		const struct test_record *o = x ? records_test(x, k->id) : NULL;
		if (k->result == REC_PLANNED || (o && o->result == k->result && same(o->date, k->date)))
			continue;
		say(c, k->result == REC_FAILED ? "diff.records.test-failed" : "diff.records.test-passed",
		    vars("product", name, "test", item_label(c, y, 'V', k->id, "test.%s.name"),
			 "date", date_text(c, k->date),
			 "old", o ? l10n_labelf(&c->kit, "label.record.result.%s", result_ids[o->result])
				  : l10n_label(&c->kit, "label.record.result.none"), NULL));
	}
}

/* The records of every product of the new profile. */
static void diff_all_records(struct dctx *c)
{
	size_t i;

	for (i = 0; i < c->b->nproducts; i++)
		diff_product_records(c, profile_product(c->a, c->b->products[i].id), &c->b->products[i]);
}

/* Whether p has an economic operator of that kind, country and name. */
static bool has_operator(struct dctx *c, const struct profile *p, const struct operator *o)
{
	size_t i;

	for (i = 0; i < p->noperators; i++)
		if (same(p->operators[i].kind, o->kind) && same(p->operators[i].country, o->country) &&
		    same(ltext_get(&p->operators[i].name, c->lang), ltext_get(&o->name, c->lang)))
			return true;
	return false;
}

/* <economic-operators>: who was appointed, who no longer acts. */
static void diff_operators(struct dctx *c)
{
	size_t i, k;

	for (k = 0; k < 2; k++) {
		const struct profile *from = k ? c->a : c->b, *other = k ? c->b : c->a;
		for (i = 0; i < from->noperators; i++) {
			const struct operator *o = &from->operators[i];
			if (!o->kind || has_operator(c, other, o))
				continue;
			say(c, k ? "diff.operator.removed" : "diff.operator.added",
			    vars("name", ltext_get(&o->name, c->lang), "kind", l10n_word(&c->kit, "operator", o->kind),
				 "country", l10n_word(&c->kit, "operator-country", o->country), NULL));
		}
	}
}

/* <suppliers>. */
static void diff_suppliers(struct dctx *c)
{
	size_t i;

	for (i = 0; i < c->b->nsuppliers; i++) {
		const struct supplier *y = &c->b->suppliers[i];
		const struct supplier *x = profile_supplier(c->a, y->id);
		const char *name = ltext_get(&y->name, c->lang), *was, *now;

		if (!x) {
			say(c, "diff.supplier.added",
			    vars("supplier", name, "scope", ltext_get(&y->scope, c->lang), NULL));
			continue;
		}
		if (!same_ltext(&x->scope, &y->scope)) {
			changed_texts(c, &x->scope, &y->scope, &was, &now);
			say(c, "diff.supplier.scope", vars("supplier", name, "new", now, NULL));
		}
		if (!same_set(&x->products, &y->products))
			say(c, "diff.supplier.products",
			    vars("supplier", name, "old", or_none(c, product_names(c, &x->products)),
				 "new", or_none(c, product_names(c, &y->products)), NULL));
	}
	for (i = 0; i < c->a->nsuppliers; i++)
		if (!profile_supplier(c->b, c->a->suppliers[i].id))
			say(c, "diff.supplier.removed",
			    vars("supplier", ltext_get(&c->a->suppliers[i].name, c->lang), NULL));
}

static void diff_days(struct dctx *c, const char *id, const char *unit, int x, int y)
{
	if (x != y)
		say(c, id, vars("old", count_text(c, unit, x), "new", count_text(c, unit, y), NULL));
}

static void diff_address(struct dctx *c, const char *id, const char *x, const char *y)
{
	if (!same(x, y))
		say(c, id, vars("old", or_unset(c, x), "new", or_unset(c, y), NULL));
}

/* <vulnerability-handling>. */
static void diff_vuln(struct dctx *c)
{
	const struct vuln_handling *x = &c->a->vuln, *y = &c->b->vuln;

	diff_address(c, "diff.vuln.email", x->email, y->email);
	diff_address(c, "diff.vuln.url", x->url, y->url);
	diff_address(c, "diff.vuln.policy-url", x->policy_url, y->policy_url);
	if (!same_set(&x->languages, &y->languages))
		say(c, "diff.vuln.languages",
		    vars("old", or_none(c, word_labels(c, "languages", &x->languages, NULL)),
			 "new", or_none(c, word_labels(c, "languages", &y->languages, NULL)),
			 NULL));
	diff_days(c, "diff.vuln.acknowledge", "format.business-days",
		  x->acknowledge_days, y->acknowledge_days);
	diff_days(c, "diff.vuln.triage", "format.business-days", x->triage_days, y->triage_days);
	diff_days(c, "diff.vuln.fix", "format.calendar-days", x->fix_days, y->fix_days);
}

/* <review>. */
static void diff_review(struct dctx *c)
{
	diff_days(c, "diff.review", "diff.months", c->a->review_months, c->b->review_months);
}

/* A course's name: the profile's own wording (new, else old), else the
 * catalogue's message. */
static const char *course_name(struct dctx *c, const char *id)
{
	const struct course_def *y = profile_course(c->b, id), *x = profile_course(c->a, id);

	if (y && y->name.n)
		return ltext_get(&y->name, c->lang);
	if (x && x->name.n)
		return ltext_get(&x->name, c->lang);
	return l10n_labelf(&c->kit, "course.%s.name", id);
}

/* One <course> in either profile: a course of the company's own comes
 * or goes; for the others, the settings the profile gives (unset: the
 * catalogue's, diff.standard). */
static void diff_course(struct dctx *c, const char *id)
{
	const struct course_def *x = profile_course(c->a, id), *y = profile_course(c->b, id);
	const char *name = course_name(c, id), *standard = l10n_label(&c->kit, "diff.standard");
	double hx = x ? x->hours : 0, hy = y ? y->hours : 0;
	int mx = x ? x->month : 0, my = y ? y->month : 0;
	const char *ix = x ? x->instructor : NULL, *iy = y ? y->instructor : NULL;

	if (!catalog_course(c->cat, id) && (!x || !y)) {
		say(c, x ? "diff.course.removed" : "diff.course.added",
		    vars("course", name, NULL));
		return;
	}
	if (hx != hy)
		say(c, "diff.course.hours",
		    vars("course", name,
			 "old", hx > 0 ? count_text(c, "format.hours", hx) : standard,
			 "new", hy > 0 ? count_text(c, "format.hours", hy) : standard, NULL));
	if (mx != my)
		say(c, "diff.course.month",
		    vars("course", name, "old", mx ? l10n_labelf(&c->kit, "format.month.%d", mx) : standard,
			 "new", my ? l10n_labelf(&c->kit, "format.month.%d", my) : standard, NULL));
	if (!same(ix, iy))
		say(c, "diff.course.instructor",
		    vars("course", name, "old", ix ? person_name(c, ix) : standard,
			 "new", iy ? person_name(c, iy) : standard, NULL));
}

static const char *fiscal_year_text(struct dctx *c, int year)
{
	return year ? kept(c, l10n_format_n(&c->kit, "format.fiscal-year", year)) : l10n_label(&c->kit, "diff.unset");
}

/* <training>. */
static void diff_training(struct dctx *c)
{
	const struct training *x = &c->a->training, *y = &c->b->training;
	size_t i;

	if (x->fiscal_year != y->fiscal_year)
		say(c, "diff.training.fiscal-year",
		    vars("old", fiscal_year_text(c, x->fiscal_year),
			 "new", fiscal_year_text(c, y->fiscal_year), NULL));
	for (i = 0; i < y->ncourses; i++)
		diff_course(c, y->courses[i].id);
	for (i = 0; i < x->ncourses; i++)
		if (!profile_course(c->b, x->courses[i].id))
			diff_course(c, x->courses[i].id);
}

static int has_revision(const struct profile *p, const char *number)
{
	size_t i;

	for (i = 0; i < p->nrevisions; i++)
		if (strcmp(p->revisions[i].number, number) == 0)
			return 1;
	return 0;
}

/* <revisions>. */
static void diff_revisions(struct dctx *c)
{
	size_t i;

	for (i = 0; i < c->b->nrevisions; i++)
		if (!has_revision(c->a, c->b->revisions[i].number))
			say(c, "diff.revision.added",
			    vars("number", c->b->revisions[i].number, NULL));
	for (i = 0; i < c->a->nrevisions; i++)
		if (!has_revision(c->b, c->a->revisions[i].number))
			say(c, "diff.revision.removed",
			    vars("number", c->a->revisions[i].number, NULL));
}

/* <approval>. */
static void diff_approval(struct dctx *c)
{
	const struct approval *x = &c->a->approval, *y = &c->b->approval;

	if (y->person && (!same(x->person, y->person) || !same(x->date, y->date)))
		say(c, "diff.approval.approved",
		    vars("person", person_name(c, y->person), "date", date_text(c, y->date), NULL));
	else if (!y->person && x->person)
		say(c, "diff.approval.withdrawn", vars(NULL));
}

/* Every change, in the order of the profile. 0 ok, -1 after an error. */
static int collect(struct dctx *c)
{
	diff_company(c);
	diff_people(c);
	diff_roles(c);
	diff_products(c);
	if (c->records)
		diff_all_records(c);
	diff_suppliers(c);
	diff_operators(c);
	diff_vuln(c);
	diff_review(c);
	diff_training(c);
	diff_revisions(c);
	diff_approval(c);
	return failed(c) ? -1 : 0;
}

/* One line a change, or the line that says there are none: a name
 * holding a line break does not make a second one. */
static int write_text(struct dctx *c, struct buf *out)
{
	size_t i;

	if (c->said.n == 0) {
		const char *s = render(c, "diff.none-changed", vars(NULL));
		return s && text_put_one_line(out, s, false) == 0 && buf_putc(out, '\n') == 0 ? 0 : -1;
	}
	for (i = 0; i < c->said.n; i++)
		if (buf_puts(out, "- ") < 0 || text_put_one_line(out, c->said.v[i], false) < 0 ||
		    buf_putc(out, '\n') < 0)
			return -1;
	return 0;
}

/* The changes as one paragraph: sentences joined by diff.join. */
static const char *summary(struct dctx *c)
{
	const char *s;
	size_t i;

	if (c->said.n == 0)
		return render(c, "diff.none-changed", vars(NULL));
	s = c->said.v[0];
	for (i = 1; s && i < c->said.n; i++)
		s = render(c, "diff.join", vars("first", s, "second", c->said.v[i], NULL));
	return s;
}

/* <!-- s -->, on its own line; "--" may not occur in a comment. */
static int put_comment(struct buf *out, const char *s)
{
	if (!s || buf_puts(out, "      <!-- ") < 0)
		return -1;
	for (; *s; s++)
		if (buf_putc(out, *s) < 0 ||
		    (s[0] == '-' && (s[1] == '-' || s[1] == '\0') && buf_putc(out, ' ') < 0))
			return -1;
	return buf_puts(out, " -->\n");
}

static int put_summary(struct dctx *note, struct dctx *c, struct buf *out)
{
	const char *s = summary(c);
	size_t n;

	if (!s)
		return -1;
	n = text_utf8_len(s);
	if (n > SUMMARY_MAX) {
		struct value *data = value_map();
		if (data && (value_map_set_number(data, "n", (double)n) < 0 ||
			     value_map_set_number(data, "max", SUMMARY_MAX) < 0)) {
			value_free(data);
			data = NULL;
		}
		if (put_comment(out, render(note, "diff.draft.too-long", data)) < 0)
			return -1;
	}
	return buf_printf(out, "      <summary xml:lang=\"%s\">", c->lang) < 0 ||
	       xmlutil_put_xml(out, s, false) < 0 || buf_puts(out, "</summary>\n") < 0 ? -1 : 0;
}

/* The number after last: its second part plus one (1.1 -> 1.2, 2 -> 2.1,
 * 1.2.3 -> 1.3), at most three digits a part (1.999 -> 2.0). */
static void next_revision(const char *last, long *major, long *minor)
{
	char *end;

	*major = strtol(last, &end, 10);
	*minor = *end == '.' ? strtol(end + 1, NULL, 10) + 1 : 1;
	if (*minor > 999) {
		++*major;
		*minor = 0;
	}
}

/* The draft <revision>: note speaks the language asked for (comments),
 * ja and en are the two summaries' runs. */
static int write_revision(struct dctx *note, struct dctx *ja, struct dctx *en,
			  struct buf *out)
{
	const struct profile *b = note->b;
	const struct revision *last;
	const char *author, *date, *why;
	long major, minor;
	size_t i;

	assert(b->nrevisions > 0); /* profile.rng asks for one */
	last = &b->revisions[b->nrevisions - 1];
	next_revision(last->number, &major, &minor);
	author = last->author;
	for (i = 0; i < b->nassignments; i++)
		if (strcmp(b->assignments[i].role, "security-manager") == 0) {
			author = b->assignments[i].person;
			break;
		}
	/* YYYY-MM-DD dates sort as strings; the later one keeps the
	 * revisions in order. */
	if (b->approval.date && strcmp(b->approval.date, last->date) >= 0) {
		date = b->approval.date;
		why = render(note, "diff.draft.date-approval", vars(NULL));
	} else {
		date = last->date;
		why = render(note, "diff.draft.date-revision", vars("number", last->number, NULL));
	}
	if (buf_printf(out, "    <revision number=\"%ld.%ld\" date=\"", major, minor) < 0 ||
	    xmlutil_put_xml(out, date, true) < 0 || buf_puts(out, "\" author=\"") < 0 ||
	    xmlutil_put_xml(out, author, true) < 0 || buf_puts(out, "\">\n") < 0 ||
	    put_comment(out, render(note, "diff.draft.paste",
				    vars("number", last->number, NULL))) < 0 ||
	    put_comment(out, why) < 0 ||
	    put_summary(note, ja, out) < 0 || put_summary(note, en, out) < 0 ||
	    buf_puts(out, "    </revision>\n") < 0)
		return -1;
	return 0;
}

/* The messages of lang, with the profile's own wording on top. NULL
 * after adding errors to d. */
static struct messages *load_messages(const char *datadir, const char *lang,
				      const struct profile *p, struct diag *d)
{
	struct buf path = BUF_INIT;
	struct messages *m = NULL;
	size_t i;

	if (buf_printf(&path, "%s/locales/%s.xlf", datadir, lang) < 0) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	m = messages_load(buf_str(&path), lang, d);
	buf_free(&path);
	for (i = 0; m && i < p->noverrides; i++) {
		const struct message_override *ov = &p->overrides[i];
		if (strcmp(ov->lang, lang) == 0 &&
		    messages_override(m, ov->id, ov->text, p->path, ov->loc.line,
				      ov->loc.col, d) < 0) {
			messages_free(m);
			m = NULL;
		}
	}
	return m;
}

int diff_run(const char *old_path, const char *new_path, const char *datadir,
	     const char *lang, enum diff_format format, struct buf *out,
	     struct diag *d)
{
	/* The language asked for, then the two summaries' languages. */
	const char *langs[3] = { lang, "ja", "en" };
	struct dctx cx[3];
	struct messages *msgs[3] = { NULL, NULL, NULL };
	struct catalog *cat = NULL;
	struct profile *a = NULL, *b = NULL;
	struct buf path = BUF_INIT;
	size_t i, nlangs = format == DIFF_REVISION ? 3 : 1;
	int rc = SP_EINPUT;

	memset(cx, 0, sizeof(cx));
	if (!messages_lang_ok(lang)) {
		diag_error(d, NULL, 0, 0, "\"%s\" is not a language tag", lang);
		goto out;
	}
	if (buf_printf(&path, "%s/policy-templates", datadir) < 0)
		goto nomem;
	cat = catalog_load(buf_str(&path), d);
	if (!cat)
		goto out;
	/* Both, so that every error of either is reported. */
	a = profile_load(old_path, &cat->builtins, d);
	b = profile_load(new_path, &cat->builtins, d);
	if (!a || !b)
		goto out;
	/* And their records, beside each (records.h). */
	for (i = 0; i < 2; i++) {
		char *dir = records_default_dir(i ? new_path : old_path);
		int bad;
		if (!dir)
			goto nomem;
		bad = records_load(i ? b : a, cat, dir, false, d) < 0;
		free(dir);
		if (bad)
			goto out;
	}
	for (i = 0; i < nlangs; i++) {
		msgs[i] = load_messages(datadir, langs[i], b, d);
		if (!msgs[i])
			goto out;
		cx[i] = (struct dctx){ .a = a, .b = b, .cat = cat, .lang = langs[i], .d = d,
				       .kit = l10n_kit(msgs[i], cat, b->path, d) };
	}
	if (format == DIFF_TEXT) {
		cx[0].records = true;
		if (collect(&cx[0]) < 0)
			goto out;
		if (write_text(&cx[0], out) < 0)
			goto fail;
	} else {
		if (collect(&cx[1]) < 0 || collect(&cx[2]) < 0)
			goto out;
		if (write_revision(&cx[0], &cx[1], &cx[2], out) < 0)
			goto fail;
	}
	rc = SP_OK;
	goto out;
fail:
	for (i = 0; i < nlangs; i++)
		if (failed(&cx[i]))
			goto out; /* already reported */
nomem:
	diag_error(d, NULL, 0, 0, "out of memory");
	rc = SP_ENOMEM;
out:
	for (i = 0; i < 3; i++) {
		dctx_free(&cx[i]);
		messages_free(msgs[i]);
	}
	profile_free(a);
	profile_free(b);
	catalog_free(cat);
	buf_free(&path);
	return rc;
}
