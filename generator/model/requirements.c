/* requirements.c - the product security catalogue and what applies to a
 * product (requirements.h). */
#include "model/requirements.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/array.h"
#include "model/catalog.h"
#include "base/date.h"
#include "base/status.h"
#include "base/xmlutil.h"

/* The features this file derives (requirements.h). */
static const char *const derived_features[] = { "network", "direct", "behind-router", "via-gateway",
	"via-phone", "offline", "internet", "update-ota", "update-app", "update-gateway",
	"update-wired", "no-update", "updatable", "suppliers", "sales-until", "eu-operator", NULL };
/* The profile's word lists whose words (and traits) are features. */
static const char *const word_lists[] = { "connectivity", "interfaces", "data", "customers",
					  "category", "markets", NULL };
static const char *const stage_ids[REQ_NSTAGES] = { "design-review", "pre-release", "each-update" };

struct loading {
	const struct catalog *cat;
	struct req_catalog *rc;
	const char *path;
	struct diag *d;
	xmlNodePtr root;
};

/* An attribute split into words; an absent one is an empty list. */
static int words_attr(xmlNodePtr x, const char *name, struct strlist *l)
{
	char *v = xmlutil_attr(x, name);
	int rc = strlist_split(v ? v : "", l);

	free(v);
	return rc;
}

static bool in_vocab(const struct catalog *cat, const char *list, const char *w, size_t n)
{
	const struct catalog_vocab *v = catalog_vocab(cat, list);
	size_t i, k;

	for (i = 0; v && i < v->nwords; i++) {
		const char *id = v->words[i].id;
		for (k = 0; k < n && id[k] && tolower((unsigned char)id[k]) == w[k]; k++)
			;
		if (k == n && !id[k])
			return true;
	}
	return false;
}

/* Whether any word list holds w as a word or a trait. */
static bool profile_word(const struct catalog *cat, const char *w)
{
	size_t i, j, k;

	for (i = 0; word_lists[i]; i++) {
		const struct catalog_vocab *v = catalog_vocab(cat, word_lists[i]);
		if (in_vocab(cat, word_lists[i], w, strlen(w)))
			return true;
		for (j = 0; v && j < v->nwords; j++)
			for (k = 0; k < v->words[j].tags.n; k++)
				if (strcmp(v->words[j].tags.v[k], w) == 0)
					return true;
	}
	return false;
}

/* record:<scheme>[:<route>] and eu-operator:<kind>. */
static bool record_word(const struct catalog *cat, const char *w)
{
	const char *colon;

	if (strncmp(w, "record:", 7) == 0) {
		w += 7;
		colon = strchr(w, ':');
		if (!colon)
			return in_vocab(cat, "conformity", w, strlen(w));
		return in_vocab(cat, "conformity", w, (size_t)(colon - w)) &&
		       in_vocab(cat, "route", colon + 1, strlen(colon + 1));
	}
	if (strncmp(w, "eu-operator:", 12) == 0)
		return in_vocab(cat, "operator", w + 12, strlen(w + 12));
	return false;
}

/* A feature a condition may name: derived here, a profile word or trait,
 * a record, a <feature> or a <scheme> of the file (any order). */
static bool known_feature(const struct loading *ld, const char *w)
{
	xmlNodePtr n;
	size_t i;

	for (i = 0; derived_features[i]; i++)
		if (strcmp(derived_features[i], w) == 0)
			return true;
	if (profile_word(ld->cat, w) || record_word(ld->cat, w))
		return true;
	for (n = ld->root->children; n; n = n->next) {
		char *id;
		bool same;
		if (!xmlutil_is(n, CATALOG_NS, "feature") && !xmlutil_is(n, CATALOG_NS, "scheme"))
			continue;
		id = xmlutil_attr(n, "id");
		same = id && strcmp(id, w) == 0;
		free(id);
		if (same)
			return true;
	}
	return false;
}

/* when=, any= and not= of x. As every reader of this file: SP_OK,
 * SP_ENOMEM, or SP_EINPUT after naming the mistake (an unknown feature)
 * in d. */
static int read_condition(const struct loading *ld, xmlNodePtr x, struct req_condition *c)
{
	const struct strlist *lists[3] = { &c->all, &c->any, &c->none };
	size_t i, k;

	if (words_attr(x, "when", &c->all) < 0 || words_attr(x, "any", &c->any) < 0 ||
	    words_attr(x, "not", &c->none) < 0)
		return SP_ENOMEM;
	for (k = 0; k < 3; k++)
		for (i = 0; i < lists[k]->n; i++)
			if (!known_feature(ld, lists[k]->v[i])) {
				diag_error(ld->d, ld->path, xmlGetLineNo(x), 0,
					   "unknown product feature \"%s\"", lists[k]->v[i]);
				return SP_EINPUT;
			}
	return 0;
}

static void condition_free(struct req_condition *c)
{
	strlist_free(&c->all);
	strlist_free(&c->any);
	strlist_free(&c->none);
}

static size_t count_kids(xmlNodePtr x, const char *name)
{
	xmlNodePtr n;
	size_t count = 0;

	for (n = x->children; n; n = n->next)
		count += xmlutil_is(n, CATALOG_NS, name);
	return count;
}

/* The ids of x's children called name, with their conditions: points and
 * exempts of a scheme. */
static int read_points(const struct loading *ld, xmlNodePtr x, struct req_scheme *s)
{
	xmlNodePtr n;
	int rc;

	s->points = calloc(count_kids(x, "point") + 1, sizeof(*s->points));
	s->exempts = calloc(count_kids(x, "exempt") + 1, sizeof(*s->exempts));
	if (!s->points || !s->exempts)
		return SP_ENOMEM;
	for (n = x->children; n; n = n->next) {
		char **id;
		struct req_condition *c;
		if (xmlutil_is(n, CATALOG_NS, "point")) {
			struct req_point *p = &s->points[s->npoints++];
			id = &p->id;
			c = &p->when;
			bool bad = false;
			if (words_attr(n, "operators", &p->operators) < 0)
				return SP_ENOMEM;
			p->support_months = xmlutil_int_attr(n, "support-months", 0, 1, 600, &bad);
			if (bad) {
				diag_error(ld->d, ld->path, xmlGetLineNo(n), 0, "<point> support-months: 1 to 600");
				return SP_EINPUT;
			}
		} else if (xmlutil_is(n, CATALOG_NS, "exempt")) {
			struct req_exempt *e = &s->exempts[s->nexempts++];
			id = &e->id;
			c = &e->when;
		} else {
			continue;
		}
		if (!(*id = xmlutil_attr(n, "id"))) {
			diag_error(ld->d, ld->path, xmlGetLineNo(n), 0, "<%s> needs an id", (const char *)n->name);
			return SP_EINPUT;
		}
		if ((rc = read_condition(ld, n, c)) < 0)
			return rc;
	}
	return 0;
}

static int read_scheme(const struct loading *ld, struct req_scheme *s, xmlNodePtr x)
{
	static const char *const kinds[] = { "law", "voluntary", "reference" };
	char *kind = xmlutil_attr(x, "kind");
	xmlNodePtr n;
	size_t k;
	int rc;

	s->id = xmlutil_attr(x, "id");
	for (k = 0; kind && k < 3 && strcmp(kinds[k], kind) != 0; k++)
		;
	free(kind);
	if (!s->id || !kind || k == 3) {
		diag_error(ld->d, ld->path, xmlGetLineNo(x), 0,
			   "<scheme> needs an id and kind=\"law\", \"voluntary\" or \"reference\"");
		return SP_EINPUT;
	}
	s->kind = (enum req_scheme_kind)k;
	if ((rc = read_condition(ld, x, &s->when)) < 0)
		return rc;
	if (words_attr(x, "policy-items", &s->policy_items) < 0)
		return SP_ENOMEM;
	s->policy_note = xmlutil_attr(x, "policy-note");
	{
		static const char *const cites[] = { "codes", "law", "items", "titles" };
		char *cite = xmlutil_attr(x, "cite");
		bool given = cite != NULL;
		for (k = 0; cite && k < 4 && strcmp(cites[k], cite) != 0; k++)
			;
		free(cite);
		if (given && k == 4) {
			diag_error(ld->d, ld->path, xmlGetLineNo(x), 0,
				   "<scheme cite> is \"codes\", \"law\", \"items\" or \"titles\"");
			return SP_EINPUT;
		}
		s->cite = given ? (enum req_cite)k : REQ_CITE_CODES;
	}
	s->edition.v = calloc(count_kids(x, "edition") + 1, sizeof(*s->edition.v));
	if (!s->edition.v)
		return SP_ENOMEM;
	for (n = x->children; n; n = n->next) {
		struct ltext_item *it;
		if (!xmlutil_is(n, CATALOG_NS, "edition"))
			continue;
		it = &s->edition.v[s->edition.n++];
		it->lang = (char *)xmlNodeGetLang(n);
		it->text = xmlutil_text(n);
		if (!it->text)
			return SP_ENOMEM;
	}
	return read_points(ld, x, s);
}

static int read_requirement(const struct loading *ld, struct req_requirement *r, xmlNodePtr x)
{
	char *level = xmlutil_attr(x, "level");
	xmlNodePtr n;
	int rc = SP_EINPUT;

	r->id = xmlutil_attr(x, "id");
	if (!r->id || !level || (strcmp(level, "must") != 0 && strcmp(level, "should") != 0)) {
		diag_error(ld->d, ld->path, xmlGetLineNo(x), 0,
			   "<requirement> needs an id and level=\"must\" or \"should\"");
		goto out;
	}
	r->must = strcmp(level, "must") == 0;
	if ((rc = read_condition(ld, x, &r->when)) < 0)
		goto out;
	rc = SP_ENOMEM;
	r->sources = calloc(count_kids(x, "source") + 1, sizeof(*r->sources));
	if (!r->sources)
		goto out;
	for (n = x->children; n; n = n->next) {
		struct req_source *s;
		char *exempt;
		if (!xmlutil_is(n, CATALOG_NS, "source"))
			continue;
		s = &r->sources[r->nsources++];
		s->scheme = xmlutil_attr(n, "scheme");
		s->ref = xmlutil_attr(n, "ref");
		exempt = xmlutil_attr(n, "exempt");
		s->exempt = exempt && strcmp(exempt, "true") == 0;
		free(exempt);
		if (!s->scheme || !s->ref) {
			diag_error(ld->d, ld->path, xmlGetLineNo(n), 0, "<source> needs a scheme and a ref");
			rc = SP_EINPUT;
			goto out;
		}
	}
	rc = 0;
out:
	free(level);
	return rc;
}

/* <exposure id level/> or <consequence id level/> of <rubric>. */
static int read_rubric(const struct loading *ld, xmlNodePtr x, struct req_rubric *r)
{
	xmlNodePtr n;

	r->exposures = calloc(count_kids(x, "exposure") + 1, sizeof(*r->exposures));
	r->consequences = calloc(count_kids(x, "consequence") + 1, sizeof(*r->consequences));
	if (!r->exposures || !r->consequences)
		return SP_ENOMEM;
	for (n = x->children; n; n = n->next) {
		struct req_grade *g;
		bool bad = false;
		if (xmlutil_is(n, CATALOG_NS, "exposure"))
			g = &r->exposures[r->nexposures++];
		else if (xmlutil_is(n, CATALOG_NS, "consequence"))
			g = &r->consequences[r->nconsequences++];
		else
			continue;
		g->id = xmlutil_attr(n, "id");
		g->level = xmlutil_int_attr(n, "level", 0, 1, 3, &bad);
		if (!g->id || bad || !g->level) {
			diag_error(ld->d, ld->path, xmlGetLineNo(n), 0,
				   "<%s> needs an id and a level of 1 to 3", (const char *)n->name);
			return SP_EINPUT;
		}
	}
	return 0;
}

/* The rubric index of x's attribute attr into *grade, -1 when absent:
 * SP_OK, or SP_EINPUT (reported) when it names nothing in the rubric. */
static int grade_attr(const struct loading *ld, xmlNodePtr x, const char *attr, bool exposure,
		      int *grade)
{
	const struct req_rubric *r = &ld->rc->rubric;
	const struct req_grade *g = exposure ? r->exposures : r->consequences;
	size_t i, n = exposure ? r->nexposures : r->nconsequences;
	char *v = xmlutil_attr(x, attr);

	*grade = -1;
	if (!v)
		return SP_OK;
	for (i = 0; i < n && strcmp(g[i].id, v) != 0; i++)
		;
	if (i == n)
		diag_error(ld->d, ld->path, xmlGetLineNo(x), 0,
			   "%s \"%s\" is not in the <rubric> (which must come before the risks)", attr, v);
	else
		*grade = (int)i;
	free(v);
	return i == n ? SP_EINPUT : SP_OK;
}

/* x's exposure and consequence, both looked at (each mistake reported). */
static int grades(const struct loading *ld, xmlNodePtr x, int *exposure, int *consequence)
{
	int e = grade_attr(ld, x, "exposure", true, exposure);
	int c = grade_attr(ld, x, "consequence", false, consequence);

	return e < 0 ? e : c;
}

static int read_risk(const struct loading *ld, struct req_risk *r, xmlNodePtr x)
{
	xmlNodePtr n;
	int rc;

	r->id = xmlutil_attr(x, "id");
	if (grades(ld, x, &r->exposure, &r->consequence) < 0)
		return SP_EINPUT;
	if (!r->id || r->exposure < 0 || r->consequence < 0) {
		diag_error(ld->d, ld->path, xmlGetLineNo(x), 0,
			   "<risk> needs an id, an exposure and a consequence of the <rubric>");
		return SP_EINPUT;
	}
	if ((rc = read_condition(ld, x, &r->when)) < 0)
		return rc;
	if (words_attr(x, "counters", &r->counters) < 0)
		return SP_ENOMEM;
	r->cases = calloc(count_kids(x, "case") + 1, sizeof(*r->cases));
	if (!r->cases)
		return SP_ENOMEM;
	for (n = x->children; n; n = n->next) {
		struct req_case *c;
		if (!xmlutil_is(n, CATALOG_NS, "case"))
			continue;
		c = &r->cases[r->ncases++];
		if (grades(ld, n, &c->exposure, &c->consequence) < 0)
			return SP_EINPUT;
		if ((rc = read_condition(ld, n, &c->when)) < 0)
			return rc;
	}
	return 0;
}

static int read_test(const struct loading *ld, struct req_test *t, xmlNodePtr x)
{
	struct strlist stages = { NULL, 0 };
	size_t i, k;
	int rc = SP_ENOMEM;

	t->id = xmlutil_attr(x, "id");
	t->activity = xmlutil_attr(x, "activity");
	if (words_attr(x, "requirements", &t->requirements) < 0 || words_attr(x, "stages", &stages) < 0)
		goto out;
	rc = SP_EINPUT;
	if (!t->id || !t->activity || !catalog_activity(ld->cat, t->activity) || !t->requirements.n ||
	    !stages.n) {
		diag_error(ld->d, ld->path, xmlGetLineNo(x), 0,
			   "<test> needs an id, requirements, stages and an activity of activities.xml");
		goto out;
	}
	for (i = 0; i < stages.n; i++) {
		for (k = 0; k < REQ_NSTAGES && strcmp(stage_ids[k], stages.v[i]) != 0; k++)
			;
		if (k == REQ_NSTAGES) {
			diag_error(ld->d, ld->path, xmlGetLineNo(x), 0, "test \"%s\": unknown stage \"%s\"",
				   t->id, stages.v[i]);
			goto out;
		}
		t->stages |= 1u << k;
	}
	rc = read_condition(ld, x, &t->when);
out:
	strlist_free(&stages);
	return rc;
}

static int read_demand(const struct loading *ld, struct req_demand *dm, xmlNodePtr x)
{
	bool bad = false;

	dm->id = xmlutil_attr(x, "id");
	dm->measure = xmlutil_int_attr(x, "measure", 0, 1, 6, &bad);
	dm->support_months = xmlutil_int_attr(x, "support-months", 0, 1, 600, &bad);
	dm->unowned = xmlutil_attr(x, "unowned");
	if (!dm->id || bad || !dm->measure || (dm->unowned && !catalog_activity(ld->cat, dm->unowned))) {
		diag_error(ld->d, ld->path, xmlGetLineNo(x), 0,
			   "<demand> needs an id and a measure of 1 to 6 (support-months: 1 to 600; "
			   "unowned: an activity of activities.xml)");
		return SP_EINPUT;
	}
	return read_condition(ld, x, &dm->when);
}

static int read_simple(const struct loading *ld, char **id, struct req_condition *c, xmlNodePtr x)
{
	if (!(*id = xmlutil_attr(x, "id"))) {
		diag_error(ld->d, ld->path, xmlGetLineNo(x), 0, "<%s> needs an id", (const char *)x->name);
		return SP_EINPUT;
	}
	return read_condition(ld, x, c);
}

/* Whether ids[0..n) (at stride bytes apart) has id before position i. */
#define ID_AT(base, stride, k) (*(char *const *)((const char *)(base) + (k) * (stride)))
static bool twice(const void *base, size_t stride, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (strcmp(ID_AT(base, stride, k), ID_AT(base, stride, i)) == 0)
			return true;
	return false;
}

/* Every id named once (a <feature> may be given several times), every
 * reference to something defined. */
static int check_references(const struct req_catalog *rc, const char *path, struct diag *d)
{
	static const struct {
		const char *what;
		size_t off, noff, size;
	} kinds[] = {
		{ "scheme", offsetof(struct req_catalog, schemes), offsetof(struct req_catalog, nschemes),
		  sizeof(struct req_scheme) },
		{ "requirement", offsetof(struct req_catalog, requirements),
		  offsetof(struct req_catalog, nrequirements), sizeof(struct req_requirement) },
		{ "risk", offsetof(struct req_catalog, risks), offsetof(struct req_catalog, nrisks),
		  sizeof(struct req_risk) },
		{ "test", offsetof(struct req_catalog, tests), offsetof(struct req_catalog, ntests),
		  sizeof(struct req_test) },
		{ "decision", offsetof(struct req_catalog, decisions), offsetof(struct req_catalog, ndecisions),
		  sizeof(struct req_decision) },
		{ "demand", offsetof(struct req_catalog, demands), offsetof(struct req_catalog, ndemands),
		  sizeof(struct req_demand) },
	};
	size_t i, j, k;
	int bad = 0;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const void *base = *(void *const *)((const char *)rc + kinds[k].off);
		size_t n = *(const size_t *)((const char *)rc + kinds[k].noff);
		for (i = 0; i < n; i++)
			if (twice(base, kinds[k].size, i)) {
				diag_error(d, path, 0, 0, "%s \"%s\" is defined twice", kinds[k].what,
					   ID_AT(base, kinds[k].size, i));
				bad = 1;
			}
	}
	for (i = 0; i < rc->nrequirements; i++) {
		const struct req_requirement *r = &rc->requirements[i];
		for (j = 0; j < r->nsources; j++)
			if (!requirements_scheme(rc, r->sources[j].scheme)) {
				diag_error(d, path, 0, 0, "requirement \"%s\": unknown scheme \"%s\"", r->id,
					   r->sources[j].scheme);
				bad = 1;
			}
	}
	for (i = 0; i < rc->nrisks; i++)
		for (j = 0; j < rc->risks[i].counters.n; j++)
			if (!requirements_find(rc, rc->risks[i].counters.v[j])) {
				diag_error(d, path, 0, 0, "risk \"%s\": unknown requirement \"%s\"",
					   rc->risks[i].id, rc->risks[i].counters.v[j]);
				bad = 1;
			}
	for (i = 0; i < rc->ntests; i++)
		for (j = 0; j < rc->tests[i].requirements.n; j++)
			if (!requirements_find(rc, rc->tests[i].requirements.v[j])) {
				diag_error(d, path, 0, 0, "test \"%s\": unknown requirement \"%s\"",
					   rc->tests[i].id, rc->tests[i].requirements.v[j]);
				bad = 1;
			}
	return bad ? -1 : 0;
}

/* Calls fn for every condition of the catalogue. */
static void each_condition(struct req_catalog *rc, void (*fn)(void *ctx, struct req_condition *c),
			   void *ctx)
{
	size_t i, j;

	for (i = 0; i < rc->nfeatures; i++)
		fn(ctx, &rc->features[i].when);
	for (i = 0; i < rc->nschemes; i++) {
		fn(ctx, &rc->schemes[i].when);
		for (j = 0; j < rc->schemes[i].npoints; j++)
			fn(ctx, &rc->schemes[i].points[j].when);
		for (j = 0; j < rc->schemes[i].nexempts; j++)
			fn(ctx, &rc->schemes[i].exempts[j].when);
	}
	for (i = 0; i < rc->nrequirements; i++)
		fn(ctx, &rc->requirements[i].when);
	for (i = 0; i < rc->nrisks; i++) {
		fn(ctx, &rc->risks[i].when);
		for (j = 0; j < rc->risks[i].ncases; j++)
			fn(ctx, &rc->risks[i].cases[j].when);
	}
	for (i = 0; i < rc->ntests; i++)
		fn(ctx, &rc->tests[i].when);
	for (i = 0; i < rc->ndecisions; i++)
		fn(ctx, &rc->decisions[i].when);
	for (i = 0; i < rc->ndemands; i++)
		fn(ctx, &rc->demands[i].when);
}

struct word_set {
	struct strlist w;
	int oom;
};

static void collect_words(void *ctx, struct req_condition *c)
{
	struct word_set *ws = ctx;
	const struct strlist *lists[3] = { &c->all, &c->any, &c->none };
	size_t k, i;

	for (k = 0; k < 3; k++)
		for (i = 0; i < lists[k]->n; i++) {
			char **v = realloc(ws->w.v, (ws->w.n + 1) * sizeof(*v));
			if (!v) {
				ws->oom = 1;
				return;
			}
			ws->w.v = v;
			ws->w.v[ws->w.n++] = lists[k]->v[i];
		}
}

static int cmp_word(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The bit of word w, or -1 when no condition names it. */
static long word_bit(const struct req_catalog *rc, const char *w)
{
	char *const *hit = rc->nwords ? bsearch(&w, rc->words, rc->nwords, sizeof(*rc->words), cmp_word) : NULL;

	return hit ? (long)(hit - rc->words) : -1;
}

static void set_bits(const struct req_catalog *rc, const struct strlist *l, uint64_t *bits)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		long b = word_bit(rc, l->v[i]);
		bits[b / 64] |= (uint64_t)1 << (b % 64);
	}
}

static void compile_one(void *ctx, struct req_condition *c)
{
	const struct req_catalog *rc = ctx;

	set_bits(rc, &c->all, c->all_bits);
	set_bits(rc, &c->any, c->any_bits);
	set_bits(rc, &c->none, c->none_bits);
}

/* The catalogue's words, sorted and each once (borrowed from the
 * conditions), and every condition as bit sets over them. */
static int compile_conditions(struct req_catalog *rc, const char *path, struct diag *d)
{
	struct word_set ws = { { NULL, 0 }, 0 };
	size_t i, n = 0;

	each_condition(rc, collect_words, &ws);
	if (ws.oom) {
		free(ws.w.v);
		diag_error(d, path, 0, 0, "out of memory while reading the requirements");
		return -1;
	}
	if (ws.w.n)
		qsort(ws.w.v, ws.w.n, sizeof(*ws.w.v), cmp_word);
	for (i = 0; i < ws.w.n; i++)
		if (!n || strcmp(ws.w.v[n - 1], ws.w.v[i]) != 0)
			ws.w.v[n++] = ws.w.v[i];
	if (n > REQ_WORDS * 64) {
		free(ws.w.v);
		diag_error(d, path, 0, 0, "the conditions name %zu features; at most %d are supported", n,
			   REQ_WORDS * 64);
		return -1;
	}
	rc->words = ws.w.v;
	rc->nwords = n;
	each_condition(rc, compile_one, rc);
	return 0;
}

static int read_item(struct loading *ld, xmlNodePtr n)
{
	struct req_catalog *rc = ld->rc;

	if (xmlutil_is(n, CATALOG_NS, "feature")) {
		struct req_feature *f = &rc->features[rc->nfeatures++];
		return read_simple(ld, &f->id, &f->when, n);
	}
	if (xmlutil_is(n, CATALOG_NS, "scheme"))
		return read_scheme(ld, &rc->schemes[rc->nschemes++], n);
	if (xmlutil_is(n, CATALOG_NS, "rubric"))
		return read_rubric(ld, n, &rc->rubric);
	if (xmlutil_is(n, CATALOG_NS, "requirement"))
		return read_requirement(ld, &rc->requirements[rc->nrequirements++], n);
	if (xmlutil_is(n, CATALOG_NS, "risk"))
		return read_risk(ld, &rc->risks[rc->nrisks++], n);
	if (xmlutil_is(n, CATALOG_NS, "test"))
		return read_test(ld, &rc->tests[rc->ntests++], n);
	if (xmlutil_is(n, CATALOG_NS, "decision")) {
		struct req_decision *dc = &rc->decisions[rc->ndecisions++];
		return read_simple(ld, &dc->id, &dc->when, n);
	}
	if (xmlutil_is(n, CATALOG_NS, "demand"))
		return read_demand(ld, &rc->demands[rc->ndemands++], n);
	diag_error(ld->d, ld->path, xmlGetLineNo(n), 0, "unexpected <%s>", (const char *)n->name);
	return SP_EINPUT;
}

struct req_catalog *requirements_load(const char *path, const struct catalog *cat,
				      struct diag *d)
{
	struct loading ld = { .cat = cat, .path = path, .d = d };
	xmlDocPtr x = xmlutil_read_file(path, d);
	xmlNodePtr n;
	size_t count = 0, before = d->errors;
	int ok = 0;

	if (!x)
		return NULL;
	ld.root = xmlDocGetRootElement(x);
	if (!xmlutil_is(ld.root, CATALOG_NS, "requirements")) {
		diag_error(d, path, 1, 1, "expected <requirements xmlns=\"%s\">", CATALOG_NS);
		goto out;
	}
	for (n = ld.root->children; n; n = n->next)
		count += n->type == XML_ELEMENT_NODE;
	ld.rc = calloc(1, sizeof(*ld.rc));
	if (!ld.rc || !(ld.rc->features = calloc(count + 1, sizeof(*ld.rc->features))) ||
	    !(ld.rc->schemes = calloc(count + 1, sizeof(*ld.rc->schemes))) ||
	    !(ld.rc->requirements = calloc(count + 1, sizeof(*ld.rc->requirements))) ||
	    !(ld.rc->risks = calloc(count + 1, sizeof(*ld.rc->risks))) ||
	    !(ld.rc->tests = calloc(count + 1, sizeof(*ld.rc->tests))) ||
	    !(ld.rc->decisions = calloc(count + 1, sizeof(*ld.rc->decisions))) ||
	    !(ld.rc->demands = calloc(count + 1, sizeof(*ld.rc->demands))))
		goto oom;
	for (n = ld.root->children; n; n = n->next) {
		int r;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		r = read_item(&ld, n);
		if (r == SP_ENOMEM && d->errors == before)
			goto oom;
		if (r < 0)
			goto out;
	}
	if (check_references(ld.rc, path, d) < 0)
		goto out;
	if (compile_conditions(ld.rc, path, d) < 0)
		goto out;
	ok = 1;
	goto out;
oom:
	diag_error(d, path, 0, 0, "out of memory while reading the requirements");
out:
	xmlFreeDoc(x);
	if (!ok) {
		requirements_free(ld.rc);
		ld.rc = NULL;
	}
	return ld.rc;
}

void requirements_free(struct req_catalog *rc)
{
	size_t i, j;

	if (!rc)
		return;
	for (i = 0; i < rc->nfeatures; i++) {
		free(rc->features[i].id);
		condition_free(&rc->features[i].when);
	}
	for (i = 0; i < rc->nschemes; i++) {
		struct req_scheme *s = &rc->schemes[i];
		free(s->id);
		condition_free(&s->when);
		for (j = 0; j < s->edition.n; j++) {
			xmlFree(s->edition.v[j].lang);
			free(s->edition.v[j].text);
		}
		free(s->edition.v);
		for (j = 0; j < s->npoints; j++) {
			free(s->points[j].id);
			condition_free(&s->points[j].when);
			strlist_free(&s->points[j].operators);
		}
		free(s->points);
		for (j = 0; j < s->nexempts; j++) {
			free(s->exempts[j].id);
			condition_free(&s->exempts[j].when);
		}
		free(s->exempts);
		strlist_free(&s->policy_items);
		free(s->policy_note);
	}
	for (i = 0; i < rc->rubric.nexposures; i++)
		free(rc->rubric.exposures[i].id);
	for (i = 0; i < rc->rubric.nconsequences; i++)
		free(rc->rubric.consequences[i].id);
	free(rc->rubric.exposures);
	free(rc->rubric.consequences);
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
		for (j = 0; j < r->ncases; j++)
			condition_free(&r->cases[j].when);
		free(r->cases);
	}
	for (i = 0; i < rc->ntests; i++) {
		free(rc->tests[i].id);
		free(rc->tests[i].activity);
		condition_free(&rc->tests[i].when);
		strlist_free(&rc->tests[i].requirements);
	}
	for (i = 0; i < rc->ndecisions; i++) {
		free(rc->decisions[i].id);
		condition_free(&rc->decisions[i].when);
	}
	for (i = 0; i < rc->ndemands; i++) {
		free(rc->demands[i].id);
		free(rc->demands[i].unowned);
		condition_free(&rc->demands[i].when);
	}
	free(rc->features);
	free(rc->schemes);
	free(rc->requirements);
	free(rc->risks);
	free(rc->tests);
	free(rc->decisions);
	free(rc->demands);
	free(rc->words);
	free(rc);
}

bool requirements_has(const struct req_features *f, const char *w)
{
	long b = f->rc ? word_bit(f->rc, w) : -1;
	size_t i;

	if (b >= 0)
		return (f->bits[b / 64] >> (b % 64)) & 1;
	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i], w) == 0)
			return true;
	return false;
}

/* Adds w; a word a condition names also gets its bit (and is added once;
 * the others may repeat, which requirements_has does not mind). */
static void add_feature(struct req_features *f, const char *w)
{
	long b = word_bit(f->rc, w);

	if (b >= 0) {
		if ((f->bits[b / 64] >> (b % 64)) & 1)
			return;
		f->bits[b / 64] |= (uint64_t)1 << (b % 64);
	}
	if (f->n < REQ_MAX_FEATURES)
		f->v[f->n++] = w;
}

/* A feature made of parts ("record:" "giteki"), kept in f's store. */
static void add_composed(struct req_features *f, const char *a, const char *b, const char *c,
			 const char *d)
{
	const char *parts[] = { a, b, c, d };
	size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1, k, at = 0;
	char *s = f->store + f->used;

	if (f->used + n > sizeof(f->store))
		return;
	for (k = 0; k < 4; k++) {
		memcpy(s + at, parts[k], strlen(parts[k]));
		at += strlen(parts[k]);
	}
	s[at] = '\0';
	f->used += n;
	add_feature(f, s);
}

/* The words of l from word list name, and each word's traits. */
static void add_words(const struct catalog *cat, struct req_features *f, const char *name,
		      const struct strlist *l)
{
	const struct catalog_vocab *v = catalog_vocab(cat, name);
	size_t i, j, k;

	for (i = 0; i < l->n; i++) {
		add_feature(f, l->v[i]);
		for (j = 0; v && j < v->nwords; j++)
			if (strcmp(v->words[j].id, l->v[i]) == 0)
				for (k = 0; k < v->words[j].tags.n; k++)
					add_feature(f, v->words[j].tags.v[k]);
	}
}

static bool has_trait_word(const struct catalog *cat, const char *name, const struct strlist *l,
			   const char *tag)
{
	const struct catalog_vocab *v = catalog_vocab(cat, name);
	size_t i, j;

	for (i = 0; i < l->n; i++)
		for (j = 0; v && j < v->nwords; j++)
			if (strcmp(v->words[j].id, l->v[i]) == 0 && strlist_has(&v->words[j].tags, tag))
				return true;
	return false;
}

const char *requirements_internet(const struct catalog *cat, const struct product *pr)
{
	if (pr->internet)
		return pr->internet;
	if (pr->direct_connection)
		return "direct";
	if (!pr->connectivity.n)
		return "none";
	/* A device with its own SIM, or a router, sits on the carrier's
	 * network; any other IP device sits behind a router. */
	if (has_trait_word(cat, "connectivity", &pr->connectivity, "cellular") ||
	    (pr->category && strcmp(pr->category, "router") == 0 &&
	     has_trait_word(cat, "connectivity", &pr->connectivity, "ip")))
		return "direct";
	if (has_trait_word(cat, "connectivity", &pr->connectivity, "ip"))
		return "router";
	/* Local radio only: it reaches the maker's cloud, if at all, through
	 * the phone that runs its app or through a gateway. */
	if (!strlist_has(&pr->interfaces, "cloud"))
		return "none";
	return strlist_has(&pr->interfaces, "mobile-app") ? "phone" : "gateway";
}

const char *requirements_update(const struct catalog *cat, const struct product *pr)
{
	if (!pr->update_method || strcmp(pr->update_method, "local") != 0)
		return pr->update_method ? pr->update_method : "none";
	/* update="local" of older profiles: through the app over a local
	 * radio when it has both, otherwise by someone at the device. */
	if (strlist_has(&pr->interfaces, "mobile-app") &&
	    has_trait_word(cat, "connectivity", &pr->connectivity, "radio") &&
	    !has_trait_word(cat, "connectivity", &pr->connectivity, "ip"))
		return "app";
	return "wired";
}

/* The economic operators that act for pr. */
static bool acts_for(const struct operator *o, const struct product *pr)
{
	return !o->products.n || strlist_has(&o->products, pr->id);
}

static void base_features(const struct catalog *cat, const struct profile *p,
			  const struct product *pr, struct req_features *f)
{
	static const char *const paths[][2] = { { "direct", "direct" }, { "router", "behind-router" },
		{ "gateway", "via-gateway" }, { "phone", "via-phone" }, { "none", "offline" } };
	static const char *const updates[][2] = { { "ota", "update-ota" }, { "app", "update-app" },
		{ "gateway", "update-gateway" }, { "wired", "update-wired" }, { "none", "no-update" } };
	static const char *const markets[][2] = { { "JP", "jp" }, { "EU", "eu" }, { "UK", "uk" },
		{ "US", "us" } };
	const char *internet = requirements_internet(cat, pr), *update = requirements_update(cat, pr);
	struct strlist category = { (char **)&pr->category, pr->category ? 1 : 0 };
	size_t i, j;

	if (pr->connectivity.n)
		add_feature(f, "network");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (strcmp(internet, paths[i][0]) == 0)
			add_feature(f, paths[i][1]);
	if (strcmp(internet, "none") != 0)
		add_feature(f, "internet");
	for (i = 0; i < sizeof(updates) / sizeof(updates[0]); i++)
		if (strcmp(update, updates[i][0]) == 0)
			add_feature(f, updates[i][1]);
	if (strcmp(update, "none") != 0)
		add_feature(f, "updatable");
	for (i = 0; i < pr->markets.n; i++)
		for (j = 0; j < sizeof(markets) / sizeof(markets[0]); j++)
			if (strcmp(pr->markets.v[i], markets[j][0]) == 0)
				add_feature(f, markets[j][1]);
	for (i = 0; i < p->nsuppliers; i++)
		if (strlist_has(&p->suppliers[i].products, pr->id))
			add_feature(f, "suppliers");
	if (pr->sales_until)
		add_feature(f, "sales-until");
	for (i = 0; i < pr->nconformity; i++) {
		const struct conformity *c = &pr->conformity[i];
		if (!c->scheme)
			continue;
		add_composed(f, "record:", c->scheme, "", "");
		if (c->route)
			add_composed(f, "record:", c->scheme, ":", c->route);
	}
	for (i = 0; i < p->noperators; i++)
		if (p->operators[i].kind && acts_for(&p->operators[i], pr)) {
			add_feature(f, "eu-operator");
			add_composed(f, "eu-operator:", p->operators[i].kind, "", "");
		}
	add_words(cat, f, "connectivity", &pr->connectivity);
	add_words(cat, f, "interfaces", &pr->interfaces);
	add_words(cat, f, "data", &pr->data);
	add_words(cat, f, "category", &category);
	if (pr->customers.n) {
		add_words(cat, f, "customers", &pr->customers);
	} else {
		static char *consumer[] = { (char *)"consumer" };
		struct strlist dflt = { consumer, 1 };
		add_words(cat, f, "customers", &dflt);
	}
}

void requirements_features(const struct catalog *cat, const struct profile *p,
			   const struct product *pr, struct req_features *out)
{
	const struct req_catalog *rc = cat->requirements;
	size_t i;

	out->n = 0;
	out->used = 0;
	out->rc = rc;
	memset(out->bits, 0, sizeof(out->bits));
	base_features(cat, p, pr, out);
	for (i = 0; i < rc->nfeatures; i++)
		if (requirements_holds(&rc->features[i].when, out))
			add_feature(out, rc->features[i].id);
	for (i = 0; i < rc->nschemes; i++)
		if (requirements_holds(&rc->schemes[i].when, out))
			add_feature(out, rc->schemes[i].id);
}

bool requirements_holds(const struct req_condition *c, const struct req_features *f)
{
	bool any = false, wanted = false;
	size_t k;

	for (k = 0; k < REQ_WORDS; k++) {
		if ((c->all_bits[k] & f->bits[k]) != c->all_bits[k] || (c->none_bits[k] & f->bits[k]))
			return false;
		any |= (c->any_bits[k] & f->bits[k]) != 0;
		wanted |= c->any_bits[k] != 0;
	}
	return any || !wanted;
}

bool requirements_applies(const struct req_scheme *s, const struct req_features *f)
{
	return requirements_has(f, s->id);
}

int requirements_exempt(const struct req_scheme *s, const struct req_features *f)
{
	size_t i;

	if (requirements_applies(s, f))
		return -1;
	for (i = 0; i < s->nexempts; i++)
		if (requirements_holds(&s->exempts[i].when, f))
			return (int)i;
	return -1;
}

bool requirements_any_product(const struct catalog *cat, const struct profile *p,
			      const char *scheme)
{
	struct req_features f;
	size_t i;

	for (i = 0; i < p->nproducts; i++) {
		requirements_features(cat, p, &p->products[i], &f);
		if (requirements_has(&f, scheme))
			return true;
	}
	return false;
}

void requirements_score(const struct req_catalog *rc, const struct req_risk *r,
			const struct req_features *f, int *exposure, int *consequence,
			int *likelihood, int *impact)
{
	const struct req_grade *ex = rc->rubric.exposures, *co = rc->rubric.consequences;
	int e = r->exposure, c = r->consequence;
	size_t i;

	for (i = 0; i < r->ncases; i++) {
		const struct req_case *k = &r->cases[i];
		if (!requirements_holds(&k->when, f))
			continue;
		if (k->exposure >= 0 && ex[k->exposure].level > ex[e].level)
			e = k->exposure;
		if (k->consequence >= 0 && co[k->consequence].level > co[c].level)
			c = k->consequence;
	}
	*exposure = e;
	*consequence = c;
	*likelihood = ex[e].level;
	*impact = co[c].level;
}

bool requirements_support_short(const struct product *pr, int months)
{
	struct date until, last;

	if (!pr->support_until || !pr->sales_until || date_parse(pr->support_until, &until) < 0 ||
	    date_parse(pr->sales_until, &last) < 0)
		return false;
	/* Supported through the day before the anniversary is whole years. */
	return date_cmp(until, date_add_days(date_add_months(last, months), -1)) < 0;
}

int requirements_rating(int likelihood, int impact)
{
	int s = likelihood * impact;

	return s >= 6 ? 2 : s >= 3 ? 1 : 0;
}

ARRAY_LOOKUP(requirements_scheme, struct req_catalog, struct req_scheme, schemes, nschemes, id)
ARRAY_LOOKUP(requirements_find, struct req_catalog, struct req_requirement, requirements,
	     nrequirements, id)
ARRAY_LOOKUP(requirements_risk, struct req_catalog, struct req_risk, risks, nrisks, id)
ARRAY_LOOKUP(requirements_test, struct req_catalog, struct req_test, tests, ntests, id)
ARRAY_LOOKUP(requirements_decision, struct req_catalog, struct req_decision, decisions,
	     ndecisions, id)

bool requirements_test_applies(const struct req_catalog *rc, const struct req_test *t,
			       const struct req_features *f)
{
	size_t j;

	if (!requirements_holds(&t->when, f))
		return false;
	for (j = 0; j < t->requirements.n; j++) {
		const struct req_requirement *r = requirements_find(rc, t->requirements.v[j]);
		if (r && requirements_holds(&r->when, f))
			return true;
	}
	return false;
}
