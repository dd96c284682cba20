/* model.c - what every stage asks of the model (model.h): texts in a
 * language, word lists, and the things of a profile by their ids. */
#include "model/model.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"

const char *profile_effective_date(const struct profile *p)
{
	if (p->nrevisions)
		return p->revisions[p->nrevisions - 1].date;
	return p->approval.date;
}

int strlist_split(const char *s, struct strlist *l)
{
	size_t n = 0;
	const char *p;

	for (p = s; *p; p++)
		n += (p == s || p[-1] == ' ') && *p != ' ';
	l->v = calloc(n ? n : 1, sizeof(char *));
	if (!l->v)
		return -1;
	while (*s) {
		size_t len;
		while (*s == ' ')
			s++;
		len = strcspn(s, " ");
		if (!len)
			break;
		if (!(l->v[l->n] = strndup(s, len)))
			return -1;
		l->n++;
		s += len;
	}
	return 0;
}

int strlist_push(struct strlist *l, const char *w)
{
	char **v = realloc(l->v, (l->n + 2) * sizeof(*v));

	if (!v)
		return -1;
	l->v = v;
	if (!(v[l->n] = strdup(w)))
		return -1;
	l->n++;
	return 0;
}

bool strlist_has(const struct strlist *l, const char *w)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], w) == 0)
			return true;
	return false;
}

const char *ltext_get(const struct ltext *t, const char *lang)
{
	const char *want[] = { lang, "en", "ja" };
	size_t i, w;

	if (!t || t->n == 0)
		return NULL;
	for (w = 0; w < sizeof(want) / sizeof(want[0]); w++)
		for (i = 0; want[w] && i < t->n; i++)
			if (t->v[i].lang && t->v[i].text && strcmp(t->v[i].lang, want[w]) == 0)
				return t->v[i].text;
	return t->v[0].text;
}

void ltext_free(struct ltext *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].lang);
		free(t->v[i].text);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

void strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* The lookups by id that model.h declares. */
ARRAY_LOOKUP(profile_person, struct profile, struct person, people, npeople, id)
ARRAY_LOOKUP(profile_role, struct profile, struct role_def, roles, nroles, id)
ARRAY_LOOKUP(profile_product, struct profile, struct product, products, nproducts, id)
ARRAY_LOOKUP(profile_supplier, struct profile, struct supplier, suppliers, nsuppliers, id)
ARRAY_LOOKUP(profile_course, struct profile, struct course_def, training.courses,
	     training.ncourses, id)

/* A product's records: those lookups, through its records (none: NULL). */
static ARRAY_LOOKUP(req_record_find, struct records, struct req_record, reqs, nreqs, id)
static ARRAY_LOOKUP(risk_record_find, struct records, struct risk_record, risks, nrisks, id)
static ARRAY_LOOKUP(decision_record_find, struct records, struct decision_record, decisions,
	     ndecisions, id)
static ARRAY_LOOKUP(test_record_find, struct records, struct test_record, tests, ntests, id)

const struct req_record *records_requirement(const struct product *pr, const char *id)
{
	return pr->records ? req_record_find(pr->records, id) : NULL;
}

const struct risk_record *records_risk(const struct product *pr, const char *id)
{
	return pr->records ? risk_record_find(pr->records, id) : NULL;
}

const struct decision_record *records_decision(const struct product *pr, const char *id)
{
	return pr->records ? decision_record_find(pr->records, id) : NULL;
}

const struct test_record *records_test(const struct product *pr, const char *id)
{
	return pr->records ? test_record_find(pr->records, id) : NULL;
}
