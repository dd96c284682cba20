/* derive_product.c - the view of each product's laws and schemes,
 * requirements, risks, tests and open questions (requirements.h decides
 * what applies: this file only shows it), and of the policy's laws, the
 * verification plan and the disclosure policy that gather them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive/derive_private.h"
#include "l10n/cite.h"
#include "model/requirements.h"
#include "derive/securitytxt.h"
#include "base/text.h"

/* label.scheme-status.<id> by enum req_scheme_kind, then for a scheme
 * shown as not applying. */
static const char *const status_ids[] = { "mandatory", "voluntary", "reference", "exempt" };
static const char *const stage_ids[REQ_NSTAGES] = { "design-review", "pre-release", "each-update" };
static const char *const level_ids[] = { "low", "medium", "high" };
/* The focus items of the policy's product summary, by feature. */
static const char *const focus_ids[] = { "personal", "sensing", "cloud", "suppliers", NULL };

/* What the texts about one product may name ({{name}}, {{update}} …). */
struct product_texts {
	struct ctx *c;
	const struct product *pr;
	const struct req_features *f;
	struct value *fmt; /* the data the texts render over */
	struct rec_tally tally; /* what its records say (derive_records.c) */
};

/* The message whose id a printf format makes, as text over the product's
 * data; a message without tags is taken as it is. NULL after an error. */
static struct value *text_of(struct product_texts *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static struct value *text_of(struct product_texts *t, const char *fmt, ...)
{
	struct value *v = NULL;
	const char *s;
	va_list ap;
	char *id;

	va_start(ap, fmt);
	id = l10n_vid(&t->c->kit, fmt, ap);
	va_end(ap);
	if (!id || !(s = l10n_label(&t->c->kit, id)))
		goto out;
	/* Messages outlive the view: share their bytes. */
	if (!strstr(s, "{{"))
		v = value_string_borrowed(s);
	else
		v = derive_format_text(t->c, id, value_copy(t->fmt));
out:
	free(id);
	return v;
}

/* text_of the id made of kind, item and part ("req", "sbom", "title"). */
static struct value *part_text(struct product_texts *t, const char *kind, const char *item,
			       const char *part)
{

	return text_of(t, "%s.%s.%s", kind, item, part);
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
		if (l10n_join_add(&c->kit, &roles, derive_role_name(c, r->id)) < 0)
			goto fail;
		for (k = 0; k < r->npeople; k++) {
			if (named[r->people[k]])
				continue;
			named[r->people[k]] = true;
			if (l10n_join_add(&c->kit, &names, derive_text(c, &c->p->people[r->people[k]].name)) < 0)
				goto fail;
		}
	}
	free(named);
	named = NULL;
	if (!names.len && buf_puts(&names, l10n_label(&c->kit, "label.vacant")) < 0)
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
		if (!num[i] || !strlist_has(ids, rc->requirements[i].id))
			continue;
		/* Codes, not words: ", " in every language, so that a narrow
		 * column breaks a list between its numbers, never inside one. */
		if (buf_printf(&b, "%sR%d", b.len ? ", " : "", num[i]) < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

/* Whether a source of scheme s is shown for the product: the scheme
 * applies, or it is shown as not applying and the source says why. */
static bool source_shown(const struct req_scheme *s, const struct req_source *src,
			 const struct req_features *f)
{
	if (requirements_applies(s, f))
		return !src->exempt;
	return src->exempt && requirements_exempt(s, f) >= 0;
}

static struct value *requirement_view(struct product_texts *t, const struct req_requirement *r, int n)
{
	struct ctx *c = t->c;
	struct value *v = value_map();
	struct buf text = BUF_INIT;
	char num[16];
	size_t i;
	bool by_law = false;

	if (!v)
		goto fail;
	for (i = 0; i < r->nsources; i++) {
		const struct req_source *s = &r->sources[i];
		const struct req_scheme *sc = requirements_scheme(c->cat->requirements, s->scheme);
		struct buf both = BUF_INIT;
		const char *name;
		if (!source_shown(sc, s, t->f))
			continue;
		/* A law that applies to the product imposes it: no exception
		 * under the policy can waive it. */
		by_law |= sc->kind == SCHEME_LAW && !s->exempt && requirements_applies(sc, t->f);
		if (!(name = l10n_labelf(&c->kit, "scheme.%s.name", s->scheme)))
			goto fail;
		if (cite_write(&both, c->lang, sc->cite, name, s->ref) < 0 ||
		    l10n_join_add(&c->kit, &text, buf_str(&both)) < 0) {
			buf_free(&both);
			goto fail;
		}
		buf_free(&both);
	}
	snprintf(num, sizeof(num), "R%d", n);
	if (value_map_set_string(v, "n", num) < 0 || value_map_set_string(v, "id", r->id) < 0 ||
	    value_map_set(v, "title", part_text(t, "req", r->id, "title")) < 0 ||
	    value_map_set(v, "text", part_text(t, "req", r->id, "text")) < 0 ||
	    value_map_set_bool(v, "must", r->must) < 0 ||
	    value_map_set_bool(v, "by_law", r->must && by_law) < 0 ||
	    value_map_set_borrowed(v, "level", l10n_labelf(&c->kit, "%s%s", "label.requirement.", r->must ? "must" : "should")) < 0 ||
	    value_map_set(v, "sources_text", derive_join_value(&text)) < 0 ||
	    derive_record_requirement(c, t->pr, r, v, &t->tally) < 0)
		goto fail;
	return v;
fail:
	buf_free(&text);
	value_free(v);
	return NULL;
}

static struct value *risk_view(struct product_texts *t, const struct req_risk *r, const int *num, int n)
{
	struct ctx *c = t->c;
	const struct req_rubric *rb = &c->cat->requirements->rubric;
	struct value *v = value_map();
	int e, co, l, im, rating;
	char id[16];

	requirements_score(c->cat->requirements, r, t->f, &e, &co, &l, &im);
	rating = requirements_rating(l, im);
	snprintf(id, sizeof(id), "T%d", n);
	if (!v || value_map_set_string(v, "n", id) < 0 || value_map_set_string(v, "id", r->id) < 0 ||
	    value_map_set(v, "threat", part_text(t, "risk", r->id, "threat")) < 0 ||
	    value_map_set(v, "asset", part_text(t, "risk", r->id, "asset")) < 0 ||
	    value_map_set_borrowed(v, "exposure", l10n_labelf(&c->kit, "%s%s", "rubric.exposure.", rb->exposures[e].id)) < 0 ||
	    value_map_set_borrowed(v, "consequence", l10n_labelf(&c->kit, "%s%s", "rubric.consequence.", rb->consequences[co].id)) < 0 ||
	    value_map_set_borrowed(v, "likelihood", l10n_labelf(&c->kit, "%s%s", "label.level.", level_ids[l - 1])) < 0 ||
	    value_map_set_borrowed(v, "impact", l10n_labelf(&c->kit, "%s%s", "label.level.", level_ids[im - 1])) < 0 ||
	    value_map_set_borrowed(v, "rating", l10n_labelf(&c->kit, "%s%s", "label.level.", level_ids[rating])) < 0 ||
	    value_map_set_bool(v, "high", rating == 2) < 0 ||
	    value_map_set(v, "counters", numbers_of(c, &r->counters, num)) < 0 ||
	    derive_record_risk(c, t->pr, r, rating, v, &t->tally) < 0) {
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
		if ((stages & (1u << k)) && l10n_join_add(&c->kit, &b, l10n_labelf(&c->kit, "%s%s", "label.stage.", stage_ids[k])) < 0)
			return NULL;
	return derive_join_value(&b);
}

static struct value *test_view(struct product_texts *t, const struct req_test *x, const int *num, int n)
{
	struct ctx *c = t->c;
	struct value *v = value_map();
	char id[16];

	snprintf(id, sizeof(id), "V%d", n);
	if (!v || value_map_set_string(v, "n", id) < 0 || value_map_set_string(v, "id", x->id) < 0 ||
	    value_map_set(v, "name", part_text(t, "test", x->id, "name")) < 0 ||
	    value_map_set(v, "requirements", numbers_of(c, &x->requirements, num)) < 0 ||
	    value_map_set(v, "stages", stages_text(c, x->stages)) < 0 ||
	    owners(c, x->activity, v) < 0 || derive_record_test(c, t->pr, x, v, &t->tally) < 0) {
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

/* The economic operator that decides a point with operators: the first
 * kind in the point's order that acts for the product. Borrowed. */
static const struct operator *deciding_operator(const struct profile *p, const struct product *pr,
						const struct req_point *pt)
{
	size_t k, i;

	for (k = 0; k < pt->operators.n; k++)
		for (i = 0; i < p->noperators; i++) {
			const struct operator *o = &p->operators[i];
			if (o->kind && strcmp(o->kind, pt->operators.v[k]) == 0 &&
			    (!o->products.n || strlist_has(&o->products, pr->id)))
				return o;
		}
	return NULL;
}

/* What the scheme means for the product, a paragraph each: its applies
 * message, then each point that holds. */
static struct value *scheme_paragraphs(struct product_texts *t, const struct req_scheme *s)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i <= s->npoints; i++) {
		const struct req_point *pt = i ? &s->points[i - 1] : NULL;
		const struct operator *o = NULL;
		struct value *p;
		if (pt && !requirements_holds(&pt->when, t->f))
			continue;
		if (pt && pt->operators.n && !(o = deciding_operator(t->c->p, t->pr, pt)))
			continue;
		if (pt && pt->support_months &&
		    (!t->pr->sales_until || !t->pr->support_until ||
		     requirements_support_short(t->pr, pt->support_months)))
			continue;
		if (o && (value_map_set_string(t->fmt, "operator_country",
					       l10n_word(&t->c->kit, "operator-country", o->country)) < 0 ||
			  value_map_set_string(t->fmt, "operator_kind",
					       l10n_word(&t->c->kit, "operator", o->kind)) < 0 ||
			  value_map_set_string(t->fmt, "operator_name", derive_text(t->c, &o->name)) < 0))
			goto fail;
		p = value_map();
		if (value_list_push(list, p) < 0 ||
		    value_map_set(p, "text", pt ? text_of(t, "scheme.%s.point.%s", s->id, pt->id)
					     : text_of(t, "scheme.%s.applies", s->id)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* Every scheme shown for the product: the laws and voluntary schemes that
 * apply, the references, and the ones shown as not applying with why. */
static struct value *schemes_detail(struct product_texts *t)
{
	const struct req_catalog *rc = t->c->cat->requirements;
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < rc->nschemes; i++) {
		const struct req_scheme *s = &rc->schemes[i];
		bool applies = requirements_applies(s, t->f);
		int ex = requirements_exempt(s, t->f);
		struct value *sv;
		if (!applies && ex < 0)
			continue;
		sv = value_map();
		if (value_list_push(list, sv) < 0 || value_map_set_string(sv, "id", s->id) < 0 ||
		    value_map_set_borrowed(sv, "name", l10n_labelf(&t->c->kit, "%s%s", "label.scheme.", s->id)) < 0 ||
		    value_map_set_borrowed(sv, "edition", derive_text(t->c, &s->edition)) < 0 ||
		    value_map_set_borrowed(sv, "status", l10n_labelf(&t->c->kit, "%s%s", "label.scheme-status.",
								       status_ids[applies ? s->kind : 3])) < 0 ||
		    value_map_set_bool(sv, "mandatory", applies && s->kind == SCHEME_LAW) < 0 ||
		    value_map_set_bool(sv, "applies", applies) < 0)
			goto fail;
		if (applies) {
			if (value_map_set(sv, "paragraphs", scheme_paragraphs(t, s)) < 0)
				goto fail;
		} else {
			struct value *paras = value_list(), *p = value_map();
			if (value_list_push(paras, p) < 0 ||
			    value_map_set(p, "text", text_of(t, "scheme.%s.exempt.%s", s->id,
							     s->exempts[ex].id)) < 0) {
				value_free(paras);
				goto fail;
			}
			if (value_map_set(sv, "paragraphs", paras) < 0)
				goto fail;
		}
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* The laws and voluntary schemes that apply, as { id, name } and joined. */
static int applying_schemes(struct product_texts *t, struct value *v)
{
	const struct req_catalog *rc = t->c->cat->requirements;
	struct value *list = value_list();
	struct buf names = BUF_INIT;
	size_t i;

	for (i = 0; list && i < rc->nschemes; i++) {
		const struct req_scheme *s = &rc->schemes[i];
		const char *name;
		struct value *sv;
		if (s->kind == SCHEME_REFERENCE || !requirements_applies(s, t->f))
			continue;
		name = l10n_labelf(&t->c->kit, "%s%s", "label.scheme.", s->id);
		sv = value_map();
		if (value_list_push(list, sv) < 0 || value_map_set_string(sv, "id", s->id) < 0 ||
		    value_map_set_string(sv, "name", name) < 0 || l10n_join_add(&t->c->kit, &names, name) < 0)
			goto fail;
	}
	if (value_map_set(v, "schemes", list) < 0) {
		list = NULL;
		goto fail;
	}
	return value_map_set(v, "schemes_text", derive_join_value(&names));
fail:
	value_free(list);
	buf_free(&names);
	return -1;
}

/* The policy's summary of the product: how it reaches the internet, how
 * it is updated, then what its features call for. */
static struct value *focus_view(struct product_texts *t, size_t high)
{
	struct value *list = value_list(), *fmt = t->fmt;
	const char *const first[] = { "internet", requirements_internet(t->c->cat, t->pr), "update",
				      requirements_update(t->c->cat, t->pr) };
	size_t i;

	for (i = 0; list && i < 2; i++) {
		if (value_list_push(list, text_of(t, "policy.requirements.focus.%s.%s", first[2 * i], first[2 * i + 1])) < 0)
			goto fail;
	}
	for (i = 0; list && focus_ids[i]; i++) {
		if (!requirements_has(t->f, focus_ids[i]))
			continue;
		if (value_list_push(list, text_of(t, "policy.requirements.focus.%s", focus_ids[i])) < 0)
			goto fail;
	}
	if (list && value_map_set_number(fmt, "high", (double)high) == 0 &&
	    /* No count: the policy is approved once a revision, and the
	     * number of high risks changes with each assessment. */
	    value_list_push(list, text_of(t, high == 0 ? "policy.requirements.focus.no-high-risks"
						  : "policy.requirements.focus.high-risks")) < 0)
		goto fail;
	return list;
fail:
	/* A text that could not be made (a message override that does not
	 * render) stops the list, which is freed with what it holds. */
	value_free(list);
	return NULL;
}

/* Each <conformity> record as ref_<scheme> (its reference, or the
 * scheme's label without one; '-' written '_'), and the CRA route as
 * cra_route. */
static int record_data(struct ctx *c, const struct product *pr, struct value *m)
{
	size_t i, k;

	for (i = 0; i < pr->nconformity; i++) {
		const struct conformity *r = &pr->conformity[i];
		char key[80];
		if (!r->scheme)
			continue;
		snprintf(key, sizeof(key), "ref_%s", r->scheme);
		for (k = 0; key[k]; k++)
			key[k] = key[k] == '-' ? '_' : key[k];
		if (value_map_set_string(m, key, r->reference ? r->reference
							       : l10n_word(&c->kit, "conformity", r->scheme)) < 0)
			return -1;
		if (r->route && strcmp(r->scheme, "cra") == 0 &&
		    value_map_set_string(m, "cra_route", l10n_word(&c->kit, "route", r->route)) < 0)
			return -1;
	}
	return 0;
}

/* The data the product's texts render over. */
static struct value *texts_data(struct ctx *c, const struct product *pr)
{
	struct value *m = value_map();

	if (!m || value_map_set_string(m, "name", derive_text(c, &pr->name)) < 0 ||
	    /* The sheet names the product once, in its introduction: its
	     * texts say "the product" (本製品). */
	    value_map_set_string(m, "model", l10n_label(&c->kit, "product.this")) < 0 ||
	    value_map_set_string(m, "update", l10n_word(&c->kit, "update", requirements_update(c->cat, pr))) < 0 ||
	    value_map_set_string(m, "internet", l10n_word(&c->kit, "internet", requirements_internet(c->cat, pr))) < 0 ||
	    value_map_set_string(m, "company", derive_text(c, &c->p->company.name)) < 0 ||
	    value_map_set(m, "support_until", derive_format_iso(c, pr->support_until)) < 0 ||
	    value_map_set(m, "sales_until", derive_format_iso(c, pr->sales_until)) < 0 ||
	    record_data(c, pr, m) < 0) {
		value_free(m);
		return NULL;
	}
	return m;
}

/* Adds test x, number n, and its result to the "tests" of each
 * requirement it verifies (reqs, numbered by num): "V3 Failed", joined,
 * so that a requirement's status stands beside what was tested of it. */
static int tests_of(struct product_texts *t, const struct req_test *x, int n, const int *num,
		    struct value *reqs)
{
	static const char *const result_ids[] = { "planned", "passed", "failed" };
	const struct req_catalog *rc = t->c->cat->requirements;
	const struct test_record *k = records_test(t->pr, x->id);
	const char *word = k ? l10n_labelf(&t->c->kit, "label.record.result.%s", result_ids[k->result])
			     : l10n_label(&t->c->kit, "label.record.result.none");
	char item[160];
	size_t j;

	snprintf(item, sizeof(item), "V%d %s", n, word ? word : "");
	for (j = 0; j < x->requirements.n; j++) {
		const struct req_requirement *r = requirements_find(rc, x->requirements.v[j]);
		struct value *rv;
		struct buf b = BUF_INIT;
		const char *had;
		if (!r || !num[r - rc->requirements])
			continue;
		rv = value_list_at(reqs, (size_t)num[r - rc->requirements] - 1);
		had = value_get_string(value_map_get(rv, "tests"));
		if ((had && (buf_puts(&b, had) < 0 || buf_puts(&b, l10n_label(&t->c->kit, "record.evidence.join")) < 0)) ||
		    buf_puts(&b, item) < 0 || value_map_set(rv, "tests", derive_join_value(&b)) < 0)
			return -1;
	}
	return 0;
}

static int add_items(struct product_texts *t, struct value *v)
{
	const struct req_catalog *rc = t->c->cat->requirements;
	struct value *reqs = value_list(), *risks = value_list(), *tests = value_list(),
		     *decisions = value_list();
	int *num = calloc(rc->nrequirements + 1, sizeof(int)), n = 0, nr = 0, nt = 0;
	size_t i, j, high = 0, nd = 0;
	const struct approval *a;
	const struct person *approver;
	int rc_ = -1;

	if (!num || !reqs || !risks || !tests || !decisions)
		goto out;
	for (i = 0; i < rc->nrequirements; i++) {
		if (!requirements_holds(&rc->requirements[i].when, t->f))
			continue;
		num[i] = ++n;
		if (value_list_push(reqs, requirement_view(t, &rc->requirements[i], n)) < 0)
			goto out;
	}
	for (i = 0; i < rc->nrisks; i++) {
		struct value *rv;
		if (!requirements_holds(&rc->risks[i].when, t->f))
			continue;
		rv = risk_view(t, &rc->risks[i], num, ++nr);
		high += rv && value_get_bool(value_map_get(rv, "high"));
		if (value_list_push(risks, rv) < 0)
			goto out;
	}
	for (i = 0; i < rc->ntests; i++) {
		const struct req_test *x = &rc->tests[i];
		if (!requirements_holds(&x->when, t->f))
			continue;
		for (j = 0; j < x->requirements.n; j++) {
			const struct req_requirement *r = requirements_find(rc, x->requirements.v[j]);
			if (r && num[r - rc->requirements])
				break;
		}
		if (j == x->requirements.n)
			continue;
		t->c->tests_used[i] = 1;
		if (value_list_push(tests, test_view(t, x, num, ++nt)) < 0)
			goto out;
		if (t->pr->records && tests_of(t, x, nt, num, reqs) < 0)
			goto out;
	}
	a = derive_approval_of(t->c->p, "product", t->pr->id);
	approver = a ? profile_person(t->c->p, a->person) : NULL;
	for (i = 0; i < rc->ndecisions; i++) {
		struct value *dv;
		char id[16];
		if (!requirements_holds(&rc->decisions[i].when, t->f))
			continue;
		dv = value_map();
		snprintf(id, sizeof(id), "D%zu", ++nd);
		if (value_list_push(decisions, dv) < 0 || value_map_set_string(dv, "n", id) < 0 ||
		    value_map_set_string(dv, "id", rc->decisions[i].id) < 0 ||
		    value_map_set(dv, "text", text_of(t, "decision.%s", rc->decisions[i].id)) < 0 ||
		    derive_record_decision(t->c, t->pr, &rc->decisions[i],
					   approver ? derive_text(t->c, &approver->name) : NULL, dv,
					   &t->tally) < 0)
			goto out;
	}
	rc_ = 0;
	if (set_list(v, "focus", "has_focus", focus_view(t, high)) < 0)
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
	if (value_map_set(v, "records", derive_records_view(t->c, t->pr, &t->tally)) < 0)
		rc_ = -1;
out:
	free(num);
	value_free(reqs);
	value_free(risks);
	value_free(tests);
	value_free(decisions);
	return rc_;
}

int derive_product_details(struct ctx *c, const struct product *pr, struct value *v)
{
	struct product_texts *t = calloc(1, sizeof(*t));
	const char *update, *internet;
	int rc = -1;

	if (!t)
		return -1;
	t->c = c;
	t->pr = pr;
	t->f = derive_features(c, pr);
	update = requirements_update(c->cat, pr);
	internet = requirements_internet(c->cat, pr);
	if (!(t->fmt = texts_data(c, pr)))
		goto out;
	if (set_list(v, "schemes_detail", "has_schemes", schemes_detail(t)) < 0 ||
	    applying_schemes(t, v) < 0 || add_items(t, v) < 0 ||
	    value_map_set_string(v, "update", l10n_word(&c->kit, "update", update)) < 0 ||
	    value_map_set_string(v, "internet", l10n_word(&c->kit, "internet", internet)) < 0 ||
	    value_map_set_bool(v, "eu", requirements_has(t->f, "eu")) < 0 ||
	    value_map_set_bool(v, "jp", requirements_has(t->f, "jp")) < 0 ||
	    value_map_set_bool(v, "network", requirements_has(t->f, "network")) < 0 ||
	    value_map_set_bool(v, "updatable", requirements_has(t->f, "updatable")) < 0)
		goto out;
	rc = 0;
out:
	value_free(t->fmt);
	free(t);
	return rc;
}

/* A law's paragraph in the policy and the points listed under it, over
 * its own entry (name, products). */
static int law_texts(struct ctx *c, const struct req_scheme *s, struct value *lv)
{
	struct value *items = value_list();
	size_t k;

	if (!items || value_map_set(lv, "body", derive_format_textf(c, value_copy(lv), "scheme.%s.policy", s->id)) < 0) {
		value_free(items);
		return -1;
	}
	for (k = 0; k < s->policy_items.n; k++) {
		struct value *it = value_map();
		if (value_list_push(items, it) < 0 ||
		    value_map_set(it, "text", derive_format_textf(c, value_copy(lv), "scheme.%s.policy.%s", s->id, s->policy_items.v[k])) < 0) {
			value_free(items);
			return -1;
		}
	}
	if (value_map_set_bool(lv, "has_items", s->policy_items.n > 0) < 0) {
		value_free(items);
		return -1;
	}
	if (value_map_set(lv, "items", items) < 0)
		return -1;
	if (!s->policy_note)
		return value_map_set(lv, "note", value_null());
	return value_map_set(lv, "note", derive_format_textf(c, value_copy(lv), "scheme.%s.policy.%s", s->id, s->policy_note));
}

/* The rubric as the product sheets show it: a row a level, high first,
 * with the exposures and consequences that reach it. */
static struct value *rubric_view(struct ctx *c)
{
	const struct req_rubric *rb = &c->cat->requirements->rubric;
	struct value *rows = value_list();
	int level;
	size_t i, k;

	for (level = 3; rows && level >= 1; level--) {
		struct value *row = value_map(), *cols[2] = { value_list(), value_list() };
		static const char *const keys[] = { "likelihood", "impact" };
		if (value_list_push(rows, row) < 0 ||
		    value_map_set_string(row, "level", l10n_labelf(&c->kit, "%s%s", "label.level.", level_ids[level - 1])) < 0)
			goto fail_cols;
		for (k = 0; k < 2; k++) {
			const struct req_grade *g = k ? rb->consequences : rb->exposures;
			size_t n = k ? rb->nconsequences : rb->nexposures;
			for (i = 0; cols[k] && i < n; i++) {
				struct value *it;
				if (g[i].level != level)
					continue;
				it = value_map();
				if (value_list_push(cols[k], it) < 0 ||
				    value_map_set_string(it, "label", l10n_labelf(&c->kit, "rubric.%s.%s", k ? "consequence" : "exposure", g[i].id)) < 0)
					goto fail_cols;
				if (value_map_set_string(it, "text", l10n_labelf(&c->kit, "rubric.%s.%s.text", k ? "consequence" : "exposure", g[i].id)) < 0)
					goto fail_cols;
			}
			if (value_map_set(row, keys[k], cols[k]) < 0) {
				cols[k] = NULL;
				goto fail_cols;
			}
			cols[k] = NULL;
		}
		continue;
fail_cols:
		value_free(cols[0]);
		value_free(cols[1]);
		value_free(rows);
		return NULL;
	}
	return rows;
}

/* The laws and voluntary schemes that apply to any product, in the
 * catalogue's order, each with the products it applies to. */
int derive_laws_view(struct ctx *c, struct value *view)
{
	const struct req_catalog *rc = c->cat->requirements;
	struct value *laws = value_list(), *flags = value_map();
	const struct req_features *f = c->features;
	size_t i, k;
	int ret = -1;

	if (!laws || !flags)
		goto out;
	for (i = 0; i < rc->nschemes; i++) {
		const struct req_scheme *s = &rc->schemes[i];
		struct buf names = BUF_INIT, key = BUF_INIT;
		struct value *lv;
		bool any = false;
		for (k = 0; k < c->p->nproducts; k++) {
			if (!requirements_applies(s, &f[k]))
				continue;
			any = true;
			if (l10n_join_add(&c->kit, &names, derive_text(c, &c->p->products[k].name)) < 0)
				goto out;
		}
		if (buf_puts(&key, s->id) < 0)
			goto out;
		for (k = 0; k < key.len; k++)
			key.data[k] = key.data[k] == '-' ? '_' : key.data[k];
		if (value_map_set_bool(flags, buf_str(&key), any) < 0) {
			buf_free(&key);
			buf_free(&names);
			goto out;
		}
		buf_free(&key);
		if (!any || s->kind == SCHEME_REFERENCE) {
			buf_free(&names);
			continue;
		}
		lv = value_map();
		if (value_list_push(laws, lv) < 0 || value_map_set_string(lv, "id", s->id) < 0 ||
		    value_map_set_string(lv, "name", l10n_labelf(&c->kit, "%s%s", "label.scheme.", s->id)) < 0 ||
		    value_map_set_string(lv, "edition", derive_text(c, &s->edition)) < 0 ||
		    value_map_set(lv, "products", derive_join_value(&names)) < 0 ||
		    value_map_set_bool(lv, "mandatory", s->kind == SCHEME_LAW) < 0 ||
		    law_texts(c, s, lv) < 0)
			goto out;
	}
	if (value_map_set_bool(view, "has_laws", value_list_len(laws) > 0) < 0 ||
	    value_map_set(view, "rubric", rubric_view(c)) < 0)
		goto out;
	ret = value_map_set(view, "laws", laws);
	laws = NULL;
	if (ret == 0)
		ret = value_map_set(view, "schemes", flags);
	flags = NULL;
out:
	value_free(laws);
	value_free(flags);
	return ret;
}

/* Every test that applies to some product, once, in the catalogue's
 * order: what the verification plan describes before its per-product
 * tables. */
static struct value *tests_catalogue(struct ctx *c)
{
	const struct req_catalog *rc = c->cat->requirements;
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < rc->ntests; i++) {
		static const char *const parts[] = { "name", "method", "pass" };
		struct value *tv;
		size_t k;
		if (!c->tests_used[i])
			continue;
		tv = value_map();
		if (value_list_push(list, tv) < 0 ||
		    value_map_set(tv, "stages", stages_text(c, rc->tests[i].stages)) < 0)
			goto fail;
		for (k = 0; k < 3; k++) {
			if (value_map_set_borrowed(tv, parts[k], l10n_labelf(&c->kit, "test.%s.%s", rc->tests[i].id, parts[k])) < 0)
				goto fail;
		}
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

struct value *derive_verification_view(struct ctx *c)
{
	struct value *v = value_map(), *stages = value_list();
	size_t k;

	for (k = 0; v && stages && k < REQ_NSTAGES; k++) {
		struct value *s = value_map();
		if (value_list_push(stages, s) < 0 || value_map_set_string(s, "id", stage_ids[k]) < 0 ||
		    value_map_set_string(s, "name", l10n_labelf(&c->kit, "%s%s", "label.stage.", stage_ids[k])) < 0)
			goto fail;
	}
	if (!v || !stages)
		goto fail;
	if (value_map_set(v, "stages", stages) < 0) {
		stages = NULL;
		goto fail;
	}
	stages = NULL;
	if (owners(c, "verify", v) < 0 || value_map_set(v, "tests", tests_catalogue(c)) < 0)
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
	size_t i;

	for (i = 0; v && support && i < c->p->nproducts; i++) {
		const struct product *pr = &c->p->products[i];
		struct value *s = value_map();
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
	if (value_map_set_bool(v, "eu", derive_any_product(c, "cra")) < 0 ||
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
