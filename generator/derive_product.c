/* derive_product.c - the view of each product's requirements, risks,
 * tests and open questions (requirements.h decides what applies), and of
 * the verification plan and the disclosure policy that gather them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive_private.h"
#include "requirements.h"
#include "securitytxt.h"

/* How a scheme stands for a product: not shown, a legal duty, a
 * voluntary scheme it may join, or a baseline it is measured against. */
/* label.scheme-status.<id> by enum req_scheme_kind. */
static const char *const status_ids[] = { "mandatory", "voluntary", "reference" };
static const char *const stage_ids[REQ_NSTAGES] = { "design-review", "pre-release", "each-update" };
static const char *const level_ids[] = { "low", "medium", "high" };

/* Whether the sheet of pr shows scheme s: a reference always, a law or a
 * voluntary scheme where it applies to pr. */
static bool scheme_shown(struct ctx *c, const struct product *pr, const struct req_scheme *s)
{
	return s->kind == SCHEME_REFERENCE || derive_product_scheme(c, pr, s->id);
}

/* A message about one item: its id's part (title, text …). Borrowed. */
static const char *part_label(struct ctx *c, const char *kind, const char *id, const char *part)
{
	char mid[200];

	snprintf(mid, sizeof(mid), "%s.%s.%s", kind, id, part);
	return derive_label(c, mid);
}

/* The same as a value; NULL (the caller fails) when the message is
 * missing, which derive_label has reported. */
static struct value *item_text(struct ctx *c, const char *kind, const char *id, const char *part)
{
	const char *s = part_label(c, kind, id, part);

	return s ? value_string(s) : NULL;
}



/* The names of the people responsible (R) for activity, joined, and the
 * names of their roles; vacant when nobody is. */
static int owners(struct ctx *c, const char *activity, struct value *v)
{
	const struct raci_matrix *m = c->raci;
	struct buf names = BUF_INIT, roles = BUF_INIT;
	bool *named = calloc(c->p->npeople + 1, sizeof(bool)); /* one person, two roles */
	long row = raci_row_index(m, activity);
	size_t col, k;

	if (!named)
		goto fail;
	for (col = 0; row >= 0 && col < m->nroles; col++) {
		const struct raci_role *r = &m->roles[col];
		if (!(m->rows[row].cells[col] & RACI_R))
			continue;
		if (derive_join_add(c, &roles, derive_role_name(c, r->id)) < 0)
			goto fail;
		for (k = 0; k < r->npeople; k++) {
			if (named[r->people[k]])
				continue;
			named[r->people[k]] = true;
			if (derive_join_add(c, &names, derive_text(c, &c->p->people[r->people[k]].name)) < 0)
				goto fail;
		}
	}
	free(named);
	named = NULL;
	if (!names.len && buf_puts(&names, derive_label(c, "label.vacant")) < 0)
		goto fail;
	if (value_map_set(v, "owner", derive_join_value(&names)) < 0 ||
	    value_map_set(v, "owner_role", derive_join_value(&roles)) < 0)
		return -1;
	return 0;
fail:
	free(named);
	buf_free(&names);
	buf_free(&roles);
	return -1;
}

/* The numbers ("R1, R3") of the requirements in ids that apply; num[i]
 * is requirement i's number, 0 when it does not apply. */
static struct value *numbers_of(struct ctx *c, const struct strlist *ids, const int *num)
{
	const struct req_catalog *rc = c->cat->requirements;
	struct buf b = BUF_INIT;
	size_t i;

	/* In the catalogue's order, which is the order of the numbers. */
	for (i = 0; i < rc->nrequirements; i++) {
		size_t k;
		for (k = 0; k < ids->n && strcmp(ids->v[k], rc->requirements[i].id) != 0; k++)
			;
		if (k == ids->n || !num[i])
			continue;
		/* Codes, not words: ", " in every language, so that a narrow
		 * column breaks a list between its numbers, never inside one. */
		if (buf_printf(&b, "%sR%d", b.len ? ", " : "", num[i]) < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

static struct value *requirement_view(struct ctx *c, const struct product *pr,
				      const struct req_requirement *r, int n)
{
	struct value *v = value_map(), *sources = value_list();
	struct buf text = BUF_INIT;
	char num[16];
	size_t i;

	if (!v || !sources)
		goto fail;
	for (i = 0; i < r->nsources; i++) {
		const struct req_source *s = &r->sources[i];
		struct value *sv;
		const char *name;
		char both[256];
		if (!scheme_shown(c, pr, requirements_scheme(c->cat->requirements, s->scheme)))
			continue;
		name = part_label(c, "scheme", s->scheme, "name");
		if (!name)
			goto fail;
		snprintf(both, sizeof(both), "%s %s", name, s->ref);
		sv = value_map();
		if (value_list_push(sources, sv) < 0 || value_map_set_string(sv, "scheme", name) < 0 ||
		    value_map_set_string(sv, "ref", s->ref) < 0 || derive_join_add(c, &text, both) < 0)
			goto fail;
	}
	snprintf(num, sizeof(num), "R%d", n);
	if (value_map_set(v, "sources", sources) < 0) {
		sources = NULL;
		goto fail;
	}
	sources = NULL;
	if (value_map_set_string(v, "n", num) < 0 || value_map_set_string(v, "id", r->id) < 0 ||
	    value_map_set(v, "title", item_text(c, "req", r->id, "title")) < 0 ||
	    value_map_set(v, "text", item_text(c, "req", r->id, "text")) < 0 ||
	    value_map_set_bool(v, "must", r->must) < 0 ||
	    value_map_set_string(v, "level", derive_label_of(c, "label.requirement.", r->must ? "must" : "should")) < 0 ||
	    value_map_set(v, "sources_text", derive_join_value(&text)) < 0)
		goto fail;
	return v;
fail:
	buf_free(&text);
	value_free(sources);
	value_free(v);
	return NULL;
}

static struct value *risk_view(struct ctx *c, const struct req_risk *r, const struct req_features *f,
			       const int *num, int n)
{
	struct value *v = value_map();
	int l, im, rating;
	char id[16];

	requirements_score(r, f, &l, &im);
	rating = requirements_rating(l, im);
	snprintf(id, sizeof(id), "T%d", n);
	if (!v || value_map_set_string(v, "n", id) < 0 || value_map_set_string(v, "id", r->id) < 0 ||
	    value_map_set(v, "threat", item_text(c, "risk", r->id, "threat")) < 0 ||
	    value_map_set(v, "asset", item_text(c, "risk", r->id, "asset")) < 0 ||
	    value_map_set_string(v, "likelihood", derive_label_of(c, "label.level.", level_ids[l - 1])) < 0 ||
	    value_map_set_string(v, "impact", derive_label_of(c, "label.level.", level_ids[im - 1])) < 0 ||
	    value_map_set_string(v, "rating", derive_label_of(c, "label.level.", level_ids[rating])) < 0 ||
	    value_map_set_bool(v, "high", rating == 2) < 0 ||
	    value_map_set(v, "counters", numbers_of(c, &r->counters, num)) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

static struct value *stages_text(struct ctx *c, unsigned stages)
{
	struct buf b = BUF_INIT;
	size_t k;

	for (k = 0; k < REQ_NSTAGES; k++)
		if ((stages & (1u << k)) && derive_join_add(c, &b, derive_label_of(c, "label.stage.", stage_ids[k])) < 0)
			return NULL;
	return derive_join_value(&b);
}

static struct value *test_view(struct ctx *c, const struct req_test *t, const int *num, int n)
{
	struct value *v = value_map();
	char id[16];

	snprintf(id, sizeof(id), "V%d", n);
	if (!v || value_map_set_string(v, "n", id) < 0 || value_map_set_string(v, "id", t->id) < 0 ||
	    value_map_set(v, "name", item_text(c, "test", t->id, "name")) < 0 ||
	    value_map_set(v, "method", item_text(c, "test", t->id, "method")) < 0 ||
	    value_map_set(v, "pass", item_text(c, "test", t->id, "pass")) < 0 ||
	    value_map_set(v, "requirements", numbers_of(c, &t->requirements, num)) < 0 ||
	    value_map_set(v, "stages", stages_text(c, t->stages)) < 0 ||
	    value_map_set_bool(v, "design_review", t->stages & STAGE_DESIGN_REVIEW) < 0 ||
	    value_map_set_bool(v, "pre_release", t->stages & STAGE_PRE_RELEASE) < 0 ||
	    value_map_set_bool(v, "each_update", t->stages & STAGE_EACH_UPDATE) < 0 ||
	    owners(c, t->activity, v) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

/* Sets key to list and has to whether it has items; owns list. */
static int set_list(struct value *v, const char *key, const char *has, struct value *list)
{
	if (!list)
		return -1;
	if (value_map_set_bool(v, has, value_list_len(list) > 0) < 0) {
		value_free(list);
		return -1;
	}
	return value_map_set(v, key, list);
}

static struct value *schemes_detail(struct ctx *c, const struct product *pr, const struct value *v)
{
	const struct req_catalog *rc = c->cat->requirements;
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < rc->nschemes; i++) {
		const struct req_scheme *s = &rc->schemes[i];
		struct value *sv;
		char mid[160];
		if (!scheme_shown(c, pr, s))
			continue;
		snprintf(mid, sizeof(mid), "scheme.%s.applies", s->id);
		sv = value_map();
		if (value_list_push(list, sv) < 0 || value_map_set_string(sv, "id", s->id) < 0 ||
		    value_map_set_string(sv, "name", part_label(c, "scheme", s->id, "name")) < 0 ||
		    value_map_set_string(sv, "edition", derive_text(c, &s->edition)) < 0 ||
		    value_map_set_string(sv, "status", derive_label_of(c, "label.scheme-status.", status_ids[s->kind])) < 0 ||
		    value_map_set_bool(sv, "mandatory", s->kind == SCHEME_LAW) < 0 ||
		    value_map_set(sv, "text", derive_format_text(c, mid, value_copy(v))) < 0) {
			value_free(list);
			return NULL;
		}
	}
	return list;
}

int derive_product_details(struct ctx *c, const struct product *pr, struct value *v)
{
	const struct req_catalog *rc = c->cat->requirements;
	struct value *reqs = value_list(), *risks = value_list(), *tests = value_list(),
		     *decisions = value_list();
	struct req_features f;
	int *num = calloc(rc->nrequirements + 1, sizeof(int)), n = 0, nr = 0, nt = 0;
	size_t i, j;
	int rc_ = -1;

	requirements_features(c->cat, c->p, pr, &f);
	if (!num || !reqs || !risks || !tests || !decisions)
		goto out;
	for (i = 0; i < rc->nrequirements; i++) {
		if (!requirements_holds(&rc->requirements[i].when, &f))
			continue;
		num[i] = ++n;
		if (value_list_push(reqs, requirement_view(c, pr, &rc->requirements[i], n)) < 0)
			goto out;
	}
	for (i = 0; i < rc->nrisks; i++)
		if (requirements_holds(&rc->risks[i].when, &f) &&
		    value_list_push(risks, risk_view(c, &rc->risks[i], &f, num, ++nr)) < 0)
			goto out;
	for (i = 0; i < rc->ntests; i++) {
		const struct req_test *t = &rc->tests[i];
		for (j = 0; j < t->requirements.n; j++) {
			const struct req_requirement *r = requirements_find(rc, t->requirements.v[j]);
			if (r && num[r - rc->requirements])
				break;
		}
		if (j < t->requirements.n && value_list_push(tests, test_view(c, t, num, ++nt)) < 0)
			goto out;
	}
	for (i = 0; i < rc->ndecisions; i++) {
		struct value *dv;
		char mid[160];
		if (!requirements_holds(&rc->decisions[i].when, &f))
			continue;
		snprintf(mid, sizeof(mid), "decision.%s", rc->decisions[i].id);
		dv = value_map();
		if (value_list_push(decisions, dv) < 0 ||
		    value_map_set(dv, "text", derive_format_text(c, mid, value_copy(v))) < 0)
			goto out;
	}
	rc_ = 0;
	if (set_list(v, "schemes_detail", "has_schemes", schemes_detail(c, pr, v)) < 0)
		rc_ = -1;
	if (set_list(v, "requirements", "has_requirements", reqs) < 0)
		rc_ = -1;
	reqs = NULL;
	if (set_list(v, "risks", "has_risks", risks) < 0)
		rc_ = -1;
	risks = NULL;
	if (set_list(v, "tests", "has_tests", tests) < 0)
		rc_ = -1;
	tests = NULL;
	if (set_list(v, "decisions", "has_decisions", decisions) < 0)
		rc_ = -1;
	decisions = NULL;
	if (value_map_set_bool(v, "eu", strlist_has(&pr->markets, "EU")) < 0 ||
	    value_map_set_bool(v, "jp", strlist_has(&pr->markets, "JP")) < 0 ||
	    value_map_set_bool(v, "updatable", strcmp(pr->update_method, "none") != 0) < 0)
		rc_ = -1;
out:
	free(num);
	value_free(reqs);
	value_free(risks);
	value_free(tests);
	value_free(decisions);
	return rc_;
}

struct value *derive_verification_view(struct ctx *c)
{
	struct value *v = value_map(), *stages = value_list();
	size_t k;

	for (k = 0; v && stages && k < REQ_NSTAGES; k++) {
		struct value *s = value_map();
		if (value_list_push(stages, s) < 0 || value_map_set_string(s, "id", stage_ids[k]) < 0 ||
		    value_map_set_string(s, "name", derive_label_of(c, "label.stage.", stage_ids[k])) < 0)
			goto fail;
	}
	if (!v || !stages)
		goto fail;
	if (value_map_set(v, "stages", stages) < 0) {
		stages = NULL;
		goto fail;
	}
	stages = NULL;
	if (owners(c, "verify", v) < 0)
		goto fail;
	return v;
fail:
	value_free(stages);
	value_free(v);
	return NULL;
}

struct value *derive_disclosure_view(struct ctx *c)
{
	struct value *v = value_map(), *support = value_list();
	struct buf url = BUF_INIT;
	struct date ex;
	bool eu = false;
	size_t i;

	for (i = 0; v && support && i < c->p->nproducts; i++) {
		const struct product *pr = &c->p->products[i];
		struct value *s = value_map();
		eu |= strlist_has(&pr->markets, "EU");
		if (value_list_push(support, s) < 0 ||
		    value_map_set_string(s, "name", derive_text(c, &pr->name)) < 0 ||
		    value_map_set_string(s, "model", pr->model) < 0 ||
		    value_map_set(s, "until", derive_format_iso(c, pr->support_until)) < 0)
			goto fail;
	}
	if (!v || !support)
		goto fail;
	if (value_map_set(v, "products_support", support) < 0) {
		support = NULL;
		goto fail;
	}
	support = NULL;
	if (value_map_set_bool(v, "eu", eu) < 0 ||
	    value_map_set(v, "security_txt",
			  securitytxt_canonical(&url, c->p->company.website) == 0
				  ? value_string(buf_str(&url)) : value_null()) < 0 ||
	    value_map_set(v, "expires", securitytxt_expires(c->p, &ex) == 0
						? derive_format_date(c, ex) : value_null()) < 0)
		goto fail;
	buf_free(&url);
	return v;
fail:
	buf_free(&url);
	value_free(support);
	value_free(v);
	return NULL;
}

void derive_product_message_ids(const struct catalog *cat,
				void (*fn)(void *ctx, const char *id), void *ctx)
{
	static const char *const parts[][4] = { { "req", "title", "text", NULL },
						{ "risk", "threat", "asset", NULL },
						{ "test", "name", "method", "pass" } };
	const struct req_catalog *rc = cat->requirements;
	char id[200];
	size_t i, k, j;

	for (i = 0; i < rc->nschemes; i++) {
		snprintf(id, sizeof(id), "scheme.%s.name", rc->schemes[i].id);
		fn(ctx, id);
		snprintf(id, sizeof(id), "scheme.%s.applies", rc->schemes[i].id);
		fn(ctx, id);
	}
	for (k = 0; k < 3; k++) {
		size_t n = k == 0 ? rc->nrequirements : k == 1 ? rc->nrisks : rc->ntests;
		for (i = 0; i < n; i++) {
			const char *item = k == 0 ? rc->requirements[i].id
					   : k == 1 ? rc->risks[i].id : rc->tests[i].id;
			for (j = 1; j < 4 && parts[k][j]; j++) {
				snprintf(id, sizeof(id), "%s.%s.%s", parts[k][0], item, parts[k][j]);
				fn(ctx, id);
			}
		}
	}
	for (i = 0; i < rc->ndecisions; i++) {
		snprintf(id, sizeof(id), "decision.%s", rc->decisions[i].id);
		fn(ctx, id);
	}
	for (k = 0; k < REQ_NSTAGES; k++) {
		snprintf(id, sizeof(id), "label.stage.%s", stage_ids[k]);
		fn(ctx, id);
	}
	for (k = 0; k < 3; k++) {
		snprintf(id, sizeof(id), "label.level.%s", level_ids[k]);
		fn(ctx, id);
		snprintf(id, sizeof(id), "label.scheme-status.%s", status_ids[k]);
		fn(ctx, id);
	}
	fn(ctx, "label.requirement.must");
	fn(ctx, "label.requirement.should");
}
