/* requirements.c - the requirements catalogue and what applies to a
 * product (requirements.h). */
#include "requirements.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "catalog.h"
#include "xmlutil.h"

static const char *const fixed_features[] = { "network", "ip", "direct", "personal", "sensing",
	"updatable", "ota", "local-update", "no-update", "jp", "eu", "uk", "us", "suppliers", NULL };
static const char *const word_lists[] = { "connectivity", "interfaces", "data", NULL };
static const char *const stage_ids[REQ_NSTAGES] = { "design-review", "pre-release", "each-update" };

/* An attribute split into words; an absent one is an empty list. */
static int words_attr(xmlNodePtr x, const char *name, struct strlist *l)
{
	char *v = xmlutil_attr(x, name);
	int rc = strlist_split(v ? v : "", l);

	free(v);
	return rc;
}

static bool known_feature(const struct catalog *cat, const char *w)
{
	size_t i, j;

	for (i = 0; fixed_features[i]; i++)
		if (strcmp(fixed_features[i], w) == 0)
			return true;
	for (i = 0; word_lists[i]; i++) {
		const struct catalog_vocab *v = catalog_vocab(cat, word_lists[i]);
		for (j = 0; v && j < v->nwords; j++)
			if (strcmp(v->words[j].id, w) == 0)
				return true;
	}
	return false;
}

/* when= and any= of x; 0, -1 out of memory, -2 an unknown feature (named
 * in d). */
static int read_condition(const struct catalog *cat, xmlNodePtr x, struct req_condition *c,
			  const char *path, struct diag *d)
{
	size_t i;

	if (words_attr(x, "when", &c->all) < 0 || words_attr(x, "any", &c->any) < 0)
		return -1;
	for (i = 0; i < c->all.n + c->any.n; i++) {
		const char *w = i < c->all.n ? c->all.v[i] : c->any.v[i - c->all.n];
		if (!known_feature(cat, w)) {
			diag_error(d, path, xmlGetLineNo(x), 0, "unknown product feature \"%s\"", w);
			return -2;
		}
	}
	return 0;
}

static void condition_free(struct req_condition *c)
{
	strlist_free(&c->all);
	strlist_free(&c->any);
}

static int read_scheme(struct req_scheme *s, xmlNodePtr x)
{
	xmlNodePtr n;
	size_t count = 0;

	static const char *const kinds[] = { "law", "voluntary", "reference" };
	char *kind = xmlutil_attr(x, "kind");
	size_t k;

	s->id = xmlutil_attr(x, "id");
	for (k = 0; kind && k < 3 && strcmp(kinds[k], kind) != 0; k++)
		;
	free(kind);
	if (!kind || k == 3)
		return -2;
	s->kind = (enum req_scheme_kind)k;
	for (n = x->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, "edition");
	s->edition.v = calloc(count ? count : 1, sizeof(*s->edition.v));
	if (!s->edition.v)
		return -1;
	for (n = x->children; n; n = n->next) {
		struct ltext_item *it;
		if (!xmlutil_is(n, CATALOG_NS, "edition"))
			continue;
		it = &s->edition.v[s->edition.n++];
		it->lang = (char *)xmlNodeGetLang(n);
		it->text = xmlutil_text(n);
		if (!it->text)
			return -1;
	}
	return 0;
}

static int read_requirement(const struct catalog *cat, struct req_requirement *r, xmlNodePtr x,
			    const char *path, struct diag *d)
{
	char *level = xmlutil_attr(x, "level");
	xmlNodePtr n;
	size_t count = 0;
	int rc = -1;

	r->id = xmlutil_attr(x, "id");
	if (!r->id || !level || (strcmp(level, "must") != 0 && strcmp(level, "should") != 0)) {
		diag_error(d, path, xmlGetLineNo(x), 0, "<requirement> needs an id and level=\"must\" or \"should\"");
		goto out;
	}
	r->must = strcmp(level, "must") == 0;
	if ((rc = read_condition(cat, x, &r->when, path, d)) < 0)
		goto out;
	rc = -1;
	for (n = x->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, "source");
	r->sources = calloc(count ? count : 1, sizeof(*r->sources));
	if (!r->sources)
		goto out;
	for (n = x->children; n; n = n->next) {
		struct req_source *s;
		if (!xmlutil_is(n, CATALOG_NS, "source"))
			continue;
		s = &r->sources[r->nsources++];
		s->scheme = xmlutil_attr(n, "scheme");
		s->ref = xmlutil_attr(n, "ref");
		if (!s->scheme || !s->ref) {
			diag_error(d, path, xmlGetLineNo(n), 0, "<source> needs a scheme and a ref");
			goto out;
		}
	}
	rc = 0;
out:
	free(level);
	return rc;
}

static int read_risk(const struct catalog *cat, struct req_risk *r, xmlNodePtr x,
		     const char *path, struct diag *d)
{
	xmlNodePtr n;
	size_t count = 0;
	bool bad = false;

	r->id = xmlutil_attr(x, "id");
	r->likelihood = xmlutil_int_attr(x, "likelihood", 0, 1, 3, &bad);
	r->impact = xmlutil_int_attr(x, "impact", 0, 1, 3, &bad);
	if (!r->id || bad || !r->likelihood || !r->impact) {
		diag_error(d, path, xmlGetLineNo(x), 0, "<risk> needs an id, and a likelihood and impact of 1 to 3");
		return -2;
	}
	if (read_condition(cat, x, &r->when, path, d) < 0 || words_attr(x, "counters", &r->counters) < 0)
		return -1;
	for (n = x->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, "raise");
	r->raises = calloc(count ? count : 1, sizeof(*r->raises));
	if (!r->raises)
		return -1;
	for (n = x->children; n; n = n->next) {
		struct req_raise *ra;
		if (!xmlutil_is(n, CATALOG_NS, "raise"))
			continue;
		ra = &r->raises[r->nraises++];
		ra->likelihood = xmlutil_int_attr(n, "likelihood", 0, 0, 2, &bad);
		ra->impact = xmlutil_int_attr(n, "impact", 0, 0, 2, &bad);
		if (bad) {
			diag_error(d, path, xmlGetLineNo(n), 0, "<raise> adds 0 to 2");
			return -2;
		}
		if (read_condition(cat, n, &ra->when, path, d) < 0)
			return -1;
	}
	return 0;
}

static int read_test(const struct catalog *cat, struct req_test *t, xmlNodePtr x,
		     const char *path, struct diag *d)
{
	struct strlist stages = { NULL, 0 };
	size_t i, k;
	int rc = -1;

	t->id = xmlutil_attr(x, "id");
	t->activity = xmlutil_attr(x, "activity");
	if (words_attr(x, "requirements", &t->requirements) < 0 || words_attr(x, "stages", &stages) < 0)
		goto out;
	if (!t->id || !t->activity || !catalog_activity(cat, t->activity) || !t->requirements.n ||
	    !stages.n) {
		diag_error(d, path, xmlGetLineNo(x), 0,
			   "<test> needs an id, requirements, stages and an activity of activities.xml");
		goto out;
	}
	for (i = 0; i < stages.n; i++) {
		for (k = 0; k < REQ_NSTAGES && strcmp(stage_ids[k], stages.v[i]) != 0; k++)
			;
		if (k == REQ_NSTAGES) {
			diag_error(d, path, xmlGetLineNo(x), 0, "test \"%s\": unknown stage \"%s\"", t->id,
				   stages.v[i]);
			goto out;
		}
		t->stages |= 1u << k;
	}
	rc = 0;
out:
	strlist_free(&stages);
	return rc;
}

/* Every id named once, every reference to something defined. */
static int check_references(const struct req_catalog *rc, const char *path, struct diag *d)
{
	size_t i, j;
	int bad = 0;

	for (i = 0; i < rc->nschemes; i++)
		if (requirements_scheme(rc, rc->schemes[i].id) != &rc->schemes[i]) {
			diag_error(d, path, 0, 0, "scheme \"%s\" is defined twice", rc->schemes[i].id);
			bad = 1;
		}
	for (i = 0; i < rc->nrequirements; i++) {
		const struct req_requirement *r = &rc->requirements[i];
		if (requirements_find(rc, r->id) != r) {
			diag_error(d, path, 0, 0, "requirement \"%s\" is defined twice", r->id);
			bad = 1;
		}
		for (j = 0; j < r->nsources; j++)
			if (!requirements_scheme(rc, r->sources[j].scheme)) {
				diag_error(d, path, 0, 0, "requirement \"%s\": unknown scheme \"%s\"", r->id,
					   r->sources[j].scheme);
				bad = 1;
			}
	}
	for (i = 0; i < rc->nrisks; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(rc->risks[j].id, rc->risks[i].id) == 0) {
				diag_error(d, path, 0, 0, "risk \"%s\" is defined twice", rc->risks[i].id);
				bad = 1;
			}
		for (j = 0; j < rc->risks[i].counters.n; j++)
			if (!requirements_find(rc, rc->risks[i].counters.v[j])) {
				diag_error(d, path, 0, 0, "risk \"%s\": unknown requirement \"%s\"",
					   rc->risks[i].id, rc->risks[i].counters.v[j]);
				bad = 1;
			}
	}
	for (i = 0; i < rc->ntests; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(rc->tests[j].id, rc->tests[i].id) == 0) {
				diag_error(d, path, 0, 0, "test \"%s\" is defined twice", rc->tests[i].id);
				bad = 1;
			}
		for (j = 0; j < rc->tests[i].requirements.n; j++)
			if (!requirements_find(rc, rc->tests[i].requirements.v[j])) {
				diag_error(d, path, 0, 0, "test \"%s\": unknown requirement \"%s\"",
					   rc->tests[i].id, rc->tests[i].requirements.v[j]);
				bad = 1;
			}
	}
	for (i = 0; i < rc->ndecisions; i++)
		for (j = 0; j < i; j++)
			if (strcmp(rc->decisions[j].id, rc->decisions[i].id) == 0) {
				diag_error(d, path, 0, 0, "decision \"%s\" is defined twice", rc->decisions[i].id);
				bad = 1;
			}
	return bad ? -1 : 0;
}

struct req_catalog *requirements_load(const char *path, const struct catalog *cat,
				      struct diag *d)
{
	struct req_catalog *rc = NULL;
	xmlDocPtr x = xmlutil_read_file(path, d);
	xmlNodePtr root, n;
	size_t count = 0;
	int ok = 0;

	if (!x)
		return NULL;
	root = xmlDocGetRootElement(x);
	if (!xmlutil_is(root, CATALOG_NS, "requirements")) {
		diag_error(d, path, 1, 1, "expected <requirements xmlns=\"%s\">", CATALOG_NS);
		goto out;
	}
	for (n = root->children; n; n = n->next)
		count += n->type == XML_ELEMENT_NODE;
	rc = calloc(1, sizeof(*rc));
	if (!rc || !(rc->schemes = calloc(count + 1, sizeof(*rc->schemes))) ||
	    !(rc->requirements = calloc(count + 1, sizeof(*rc->requirements))) ||
	    !(rc->risks = calloc(count + 1, sizeof(*rc->risks))) ||
	    !(rc->tests = calloc(count + 1, sizeof(*rc->tests))) ||
	    !(rc->decisions = calloc(count + 1, sizeof(*rc->decisions))))
		goto oom;
	for (n = root->children; n; n = n->next) {
		int r = 0;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlutil_is(n, CATALOG_NS, "scheme")) {
			r = read_scheme(&rc->schemes[rc->nschemes++], n);
			if (r == -2 || (r == 0 && !rc->schemes[rc->nschemes - 1].id)) {
				diag_error(d, path, xmlGetLineNo(n), 0,
					   "<scheme> needs an id and kind=\"law\", \"voluntary\" or \"reference\"");
				goto out;
			}
		} else if (xmlutil_is(n, CATALOG_NS, "requirement")) {
			r = read_requirement(cat, &rc->requirements[rc->nrequirements++], n, path, d);
		} else if (xmlutil_is(n, CATALOG_NS, "risk")) {
			r = read_risk(cat, &rc->risks[rc->nrisks++], n, path, d);
		} else if (xmlutil_is(n, CATALOG_NS, "test")) {
			r = read_test(cat, &rc->tests[rc->ntests++], n, path, d);
		} else if (xmlutil_is(n, CATALOG_NS, "decision")) {
			struct req_decision *dc = &rc->decisions[rc->ndecisions++];
			dc->id = xmlutil_attr(n, "id");
			if (!dc->id) {
				diag_error(d, path, xmlGetLineNo(n), 0, "<decision> needs an id");
				goto out;
			}
			r = read_condition(cat, n, &dc->when, path, d);
		} else {
			diag_error(d, path, xmlGetLineNo(n), 0, "unexpected <%s>", (const char *)n->name);
			goto out;
		}
		if (r == -1 && d->errors == 0)
			goto oom;
		if (r < 0)
			goto out;
	}
	if (check_references(rc, path, d) < 0)
		goto out;
	ok = 1;
	goto out;
oom:
	diag_error(d, path, 0, 0, "out of memory while reading the requirements");
out:
	xmlFreeDoc(x);
	if (!ok) {
		requirements_free(rc);
		rc = NULL;
	}
	return rc;
}

void requirements_free(struct req_catalog *rc)
{
	size_t i, j;

	if (!rc)
		return;
	for (i = 0; i < rc->nschemes; i++) {
		free(rc->schemes[i].id);
		for (j = 0; j < rc->schemes[i].edition.n; j++) {
			xmlFree(rc->schemes[i].edition.v[j].lang);
			free(rc->schemes[i].edition.v[j].text);
		}
		free(rc->schemes[i].edition.v);
	}
	for (i = 0; i < rc->nrequirements; i++) {
		struct req_requirement *r = &rc->requirements[i];
		free(r->id);
		condition_free(&r->when);
		for (j = 0; j < r->nsources; j++) {
			free(r->sources[j].scheme);
			free(r->sources[j].ref);
		}
		free(r->sources);
	}
	for (i = 0; i < rc->nrisks; i++) {
		struct req_risk *r = &rc->risks[i];
		free(r->id);
		condition_free(&r->when);
		strlist_free(&r->counters);
		for (j = 0; j < r->nraises; j++)
			condition_free(&r->raises[j].when);
		free(r->raises);
	}
	for (i = 0; i < rc->ntests; i++) {
		free(rc->tests[i].id);
		free(rc->tests[i].activity);
		strlist_free(&rc->tests[i].requirements);
	}
	for (i = 0; i < rc->ndecisions; i++) {
		free(rc->decisions[i].id);
		condition_free(&rc->decisions[i].when);
	}
	free(rc->schemes);
	free(rc->requirements);
	free(rc->risks);
	free(rc->tests);
	free(rc->decisions);
	free(rc);
}

static void add_feature(struct req_features *f, const char *w)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i], w) == 0)
			return;
	if (f->n < REQ_MAX_FEATURES)
		f->v[f->n++] = w;
}

static void add_words(struct req_features *f, const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		add_feature(f, l->v[i]);
}

void requirements_features(const struct catalog *cat, const struct profile *p,
			   const struct product *pr, struct req_features *out)
{
	static const char *const markets[][2] = { { "JP", "jp" }, { "EU", "eu" }, { "UK", "uk" },
						  { "US", "us" } };
	size_t i, j;

	out->n = 0;
	if (pr->connectivity.n)
		add_feature(out, "network");
	if (pr->direct_connection)
		add_feature(out, "direct");
	for (i = 0; i < pr->connectivity.n; i++)
		if (catalog_traits(cat, "connectivity", pr->connectivity.v[i]) & TRAIT_IP)
			add_feature(out, "ip");
	for (i = 0; i < pr->data.n; i++) {
		unsigned t = catalog_traits(cat, "data", pr->data.v[i]);
		if (t & TRAIT_PERSONAL)
			add_feature(out, "personal");
		if (t & TRAIT_SENSING)
			add_feature(out, "sensing");
	}
	if (strcmp(pr->update_method, "none") == 0) {
		add_feature(out, "no-update");
	} else {
		add_feature(out, "updatable");
		add_feature(out, strcmp(pr->update_method, "ota") == 0 ? "ota" : "local-update");
	}
	for (i = 0; i < pr->markets.n; i++)
		for (j = 0; j < sizeof(markets) / sizeof(markets[0]); j++)
			if (strcmp(pr->markets.v[i], markets[j][0]) == 0)
				add_feature(out, markets[j][1]);
	for (i = 0; i < p->nsuppliers; i++)
		for (j = 0; j < p->suppliers[i].products.n; j++)
			if (strcmp(p->suppliers[i].products.v[j], pr->id) == 0)
				add_feature(out, "suppliers");
	add_words(out, &pr->connectivity);
	add_words(out, &pr->interfaces);
	add_words(out, &pr->data);
}

static bool has_feature(const struct req_features *f, const char *w)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i], w) == 0)
			return true;
	return false;
}

bool requirements_holds(const struct req_condition *c, const struct req_features *f)
{
	size_t i;

	for (i = 0; i < c->all.n; i++)
		if (!has_feature(f, c->all.v[i]))
			return false;
	for (i = 0; i < c->any.n; i++)
		if (has_feature(f, c->any.v[i]))
			return true;
	return c->any.n == 0;
}

void requirements_score(const struct req_risk *r, const struct req_features *f,
			int *likelihood, int *impact)
{
	int l = r->likelihood, im = r->impact;
	size_t i;

	for (i = 0; i < r->nraises; i++)
		if (requirements_holds(&r->raises[i].when, f)) {
			l += r->raises[i].likelihood;
			im += r->raises[i].impact;
		}
	*likelihood = l > 3 ? 3 : l;
	*impact = im > 3 ? 3 : im;
}

int requirements_rating(int likelihood, int impact)
{
	int s = likelihood * impact;

	return s >= 6 ? 2 : s >= 3 ? 1 : 0;
}

const struct req_scheme *requirements_scheme(const struct req_catalog *rc, const char *id)
{
	size_t i;

	for (i = 0; i < rc->nschemes; i++)
		if (rc->schemes[i].id && strcmp(rc->schemes[i].id, id) == 0)
			return &rc->schemes[i];
	return NULL;
}

const struct req_requirement *requirements_find(const struct req_catalog *rc, const char *id)
{
	size_t i;

	for (i = 0; i < rc->nrequirements; i++)
		if (rc->requirements[i].id && strcmp(rc->requirements[i].id, id) == 0)
			return &rc->requirements[i];
	return NULL;
}
