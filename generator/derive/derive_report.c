/* derive_report.c - what `secpolgen check` reports: for each of the
 * guide's six measures, what the profile covers and what it still lacks,
 * with the element to add, in the view's language (derive.h). */
#include <stdio.h>
#include <string.h>

#include "base/date.h"

#include "derive/derive.h"
#include "derive/derive_private.h"
#include "model/requirements.h"

struct report {
	struct ctx *c;
	const struct value *view;
	struct value *items[7]; /* measures 1..6 */
	int gaps;
};

/* An item of measure m: message id over data (a map, taken), and for a
 * gap the hint message over the same data. */
static void item(struct report *r, int m, bool ok, const char *id, const char *hint,
		 struct value *data)
{
	struct value *v = value_map();

	if (!data)
		data = value_map();
	if (!v || !data || value_list_push(r->items[m], v) < 0 ||
	    value_map_set_bool(v, "ok", ok) < 0 ||
	    value_map_set(v, "hint", hint ? derive_format_text(r->c, hint, value_copy(data))
					  : value_null()) < 0 ||
	    value_map_set(v, "text", derive_format_text(r->c, id, data)) < 0) {
		if (!v)
			value_free(data);
		sp_fail(&r->c->kit.status, SP_EINPUT);
		return;
	}
	r->gaps += !ok;
}

static struct value *pairs(const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct value *m = value_map();

	if (!m || (k1 && value_map_set_string(m, k1, v1) < 0) ||
	    (k2 && value_map_set_string(m, k2, v2) < 0)) {
		value_free(m);
		return NULL;
	}
	return m;
}

static const char *str(const struct value *v, const char *path)
{
	char key[64];

	while (v && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		v = value_map_get(v, key);
		path += n + (path[n] == '.');
	}
	return value_get_string(v);
}

/* { role, people }: the role's name and its holders' names, joined. */
static struct value *holders(struct report *r, const struct raci_role *role, const char *name)
{
	struct buf b = BUF_INIT;
	struct value *v;
	size_t i;

	for (i = 0; i < role->npeople; i++)
		if (l10n_join_add(&r->c->kit, &b, derive_text(r->c, &r->c->p->people[role->people[i]].name)) < 0)
			return NULL;
	v = pairs("role", name, "people", buf_str(&b));
	buf_free(&b);
	return v;
}

static void measure1(struct report *r)
{
	const struct profile *p = r->c->p;

	if (p->approval.person)
		item(r, 1, true, "check.m1.approved", NULL,
		     pairs("name", str(r->view, "approval.name"), "date", str(r->view, "approval.date")));
	else
		item(r, 1, false, "check.m1.draft", "check.hint.approval", NULL);
	/* An overdue review never comes here: the security.txt of that
	 * revision has expired by then, which build, and so check, refuse
	 * (securitytxt.h). */
	item(r, 1, true, "check.m1.review", NULL,
	     pairs("date", str(r->view, "doc.next_review"), NULL, NULL));
}

/* The required roles held, their holders' deputies, the matrix's
 * warnings, the courses nobody takes. */
static void measure2(struct report *r)
{
	const struct raci_matrix *m = r->c->raci;
	const struct value *findings = value_map_get(value_map_get(r->view, "org"), "findings");
	const struct value *not_held = value_map_get(value_map_get(r->view, "training"), "not_held");
	size_t i;

	for (i = 0; i < m->nroles; i++) {
		const struct raci_role *role = &m->roles[i];
		const char *name = derive_role_name(r->c, role->id);
		if (!role->required)
			continue;
		if (!role->npeople) {
			item(r, 2, false, "check.m2.role-vacant", "check.hint.assign",
			     pairs("role", name, "id", role->id));
			continue;
		}
		item(r, 2, true, "check.m2.role-held", NULL, holders(r, role, name));
	}
	/* The organisation document's own findings, each once, in its
	 * words; the hint says what to change in the profile. */
	for (i = 0; i < value_list_len(findings); i++) {
		const struct value *f = value_list_at(findings, i);
		const char *person = str(f, "person_id");
		struct value *data = pairs("text", str(f, "text"), "id", person);
		if (data && person && value_map_set_string(data, "role", str(f, "role_id")) < 0) {
			value_free(data);
			data = NULL;
		}
		item(r, 2, false, "check.m2.finding",
		     !person ? "check.hint.raci"
			     : strcmp(str(f, "rule"), "self") == 0 ? "check.hint.self"
			     : strcmp(str(f, "rule"), "cover") == 0 ? "check.hint.cover"
								     : "check.hint.deputy",
		     data);
	}
	for (i = 0; i < value_list_len(not_held); i++)
		item(r, 2, false, "check.m2.course-not-held", "check.hint.course",
		     pairs("name", str(value_list_at(not_held, i), "name"),
			   "roles", str(value_list_at(not_held, i), "roles")));
}

static void product_items(struct report *r)
{
	const struct profile *p = r->c->p;
	size_t i;

	/* profile.rng asks for one product at least. */
	for (i = 0; i < p->nproducts; i++) {
		const struct product *pr = &p->products[i];
		const char *name = derive_text(r->c, &pr->name);
		if (!pr->intended_users.n)
			item(r, 3, false, "check.m3.no-users", "check.hint.users",
			     pairs("product", name, "id", pr->id));
		if (!pr->use_cases.n)
			item(r, 3, false, "check.m3.no-use-cases", "check.hint.use-cases",
			     pairs("product", name, "id", pr->id));
		if (pr->intended_users.n && pr->use_cases.n)
			item(r, 3, true, "check.m3.product", NULL, pairs("product", name, NULL, NULL));
		if (pr->update_method && strcmp(pr->update_method, "none") == 0)
			item(r, 4, false, "check.m4.no-update", "check.hint.update",
			     pairs("product", name, "id", pr->id));
		if (!pr->support_until)
			item(r, 6, false, "check.m6.no-support-end", "check.hint.support-end",
			     pairs("product", name, "id", pr->id));
	}
}

/* How many people are responsible (R) for activity. */
static size_t responsible(const struct raci_matrix *m, const char *activity)
{
	long row = raci_row_index(m, activity);
	size_t col, n = 0;

	for (col = 0; row >= 0 && col < m->nroles; col++)
		if (m->rows[row].cells[col] & RACI_R)
			n += m->roles[col].npeople;
	return n;
}

/* What requirements.xml gives each product, and the gaps its <demand>s
 * find: what the product's markets and features call for and the profile
 * does not record. */
static void product_duties(struct report *r)
{
	const struct profile *p = r->c->p;
	const struct req_catalog *rc = r->c->cat->requirements;
	const struct value *products = value_map_get(r->view, "products");
	size_t i, j;

	for (i = 0; i < p->nproducts; i++) {
		const struct product *pr = &p->products[i];
		const struct value *pv = value_list_at(products, i);
		const char *name = derive_text(r->c, &pr->name);
		struct value *data = pairs("product", name, "id", pr->id);
		const struct req_features *f;
		size_t high = 0;
		for (j = 0; j < value_list_len(value_map_get(pv, "risks")); j++)
			high += value_get_bool(value_map_get(value_list_at(value_map_get(pv, "risks"), j), "high"));
		if (!data || value_map_set_number(data, "requirements",
						  (double)value_list_len(value_map_get(pv, "requirements"))) < 0 ||
		    value_map_set_number(data, "risks", (double)value_list_len(value_map_get(pv, "risks"))) < 0 ||
		    value_map_set_number(data, "high", (double)high) < 0) {
			value_free(data);
			sp_fail(&r->c->kit.status, SP_EINPUT);
			return;
		}
		item(r, 3, true, "check.m3.requirements", NULL, data);
		f = derive_features(r->c, pr);
		for (j = 0; j < rc->ndemands; j++) {
			const struct req_demand *dm = &rc->demands[j];
			char mid[160], hint[170];
			struct value *dd;
			if (!requirements_holds(&dm->when, f) ||
			    (dm->support_months && !requirements_support_short(pr, dm->support_months)) ||
			    (dm->unowned && responsible(r->c->raci, dm->unowned)))
				continue;
			snprintf(mid, sizeof(mid), "check.demand.%s", dm->id);
			snprintf(hint, sizeof(hint), "check.demand.%s.hint", dm->id);
			dd = pairs("product", name, "id", pr->id);
			if (!dd || value_map_set_string(dd, "model", pr->model ? pr->model : name) < 0 ||
			    value_map_set(dd, "support_until", derive_format_iso(r->c, pr->support_until)) < 0 ||
			    value_map_set(dd, "sales_until", derive_format_iso(r->c, pr->sales_until)) < 0) {
				value_free(dd);
				sp_fail(&r->c->kit.status, SP_EINPUT);
				return;
			}
			item(r, dm->measure, false, mid, hint, dd);
		}
	}
}

/* Who holds each role the catalogue files under one of the guide's
 * measures (roles.xml, measure="…"), under that measure. */
static void role_items(struct report *r)
{
	size_t i;

	for (i = 0; i < r->c->raci->nroles; i++) {
		const struct raci_role *x = &r->c->raci->roles[i];
		if (!x->measure)
			continue;
		if (x->npeople)
			item(r, x->measure, true, "check.m2.role-held", NULL,
			     holders(r, x, derive_role_name(r->c, x->id)));
		else
			item(r, x->measure, false, "check.m2.role-vacant", "check.hint.assign",
			     pairs("role", derive_role_name(r->c, x->id), "id", x->id));
	}
}

/* A finding's list of numbers ("R3, R7"), grown by add_number. */
static int add_number(struct buf *b, size_t *count, char prefix, int n)
{
	(*count)++;
	return buf_printf(b, "%s%c%d", b->len ? ", " : "", prefix, n);
}

/* An item about product pr's records: message id (hint id.hint) over
 * { product, id, file, count, list } and more pairs. */
static void record_item(struct report *r, int m, const char *id, const struct product *pr,
			const char *name, size_t count, const struct buf *list, const char *k,
			const char *v)
{
	char hint[96], n[24];
	struct value *data = pairs("product", name, "id", pr->id);

	snprintf(hint, sizeof(hint), "%s.hint", id);
	snprintf(n, sizeof(n), "%zu", count);
	if (data && (value_map_set_string(data, "file", pr->records ? pr->records->path : NULL) < 0 ||
		     value_map_set_string(data, "count", n) < 0 ||
		     value_map_set_string(data, "list", list ? buf_str(list) : NULL) < 0 ||
		     (k && value_map_set_string(data, k, v) < 0))) {
		value_free(data);
		data = NULL;
	}
	if (!data) {
		sp_fail(&r->c->kit.status, SP_EINPUT);
		return;
	}
	item(r, m, false, id, hint, data);
}

/* What each product's records say is late, as of today: required
 * requirements not met while it is on sale, risks above the acceptance
 * line without a decision, decisions past their date, evidence older
 * than the review cycle, failed tests without a fix date; and a product
 * still on sale after its support has ended. */
static void record_findings(struct report *r)
{
	const struct profile *p = r->c->p;
	const struct req_catalog *rc = r->c->cat->requirements;
	struct date today, old;
	char today_iso[16], old_iso[16];
	size_t i, j;

	if (date_today(&today) < 0) {
		diag_error(r->c->d, NULL, 0, 0, "cannot read today's date");
		sp_fail(&r->c->kit.status, SP_EINPUT);
		return;
	}
	old = date_add_months(today, -p->review_months);
	snprintf(today_iso, sizeof(today_iso), "%04d-%02d-%02d", today.y, today.m, today.d);
	snprintf(old_iso, sizeof(old_iso), "%04d-%02d-%02d", old.y, old.m, old.d);
	for (i = 0; i < p->nproducts; i++) {
		const struct product *pr = &p->products[i];
		const char *name = derive_text(r->c, &pr->name);
		bool on_sale = !pr->sales_until || strcmp(pr->sales_until, today_iso) >= 0;
		struct buf unmet = BUF_INIT, risks = BUF_INIT, late = BUF_INIT, stale = BUF_INIT,
			   failed = BUF_INIT, unowned = BUF_INIT, high = BUF_INIT;
		size_t nunmet = 0, nrisks = 0, nlate = 0, nstale = 0, nfailed = 0, nunowned = 0,
		       nhigh = 0;
		size_t must = 0, must_met = 0;
		int n = 0, bad = 0;
		const struct req_features *f;
		char mm[24], mt[24], months[16];

		if (on_sale && pr->support_until && strcmp(pr->support_until, today_iso) < 0) {
			struct value *until = derive_format_iso(r->c, pr->support_until);
			record_item(r, 6, "check.records.unsupported", pr, name, 0, NULL, "support_until",
				    value_get_string(until));
			value_free(until);
		}
		f = derive_features(r->c, pr);
		if (!pr->records) {
			for (j = 0; j < rc->nrequirements; j++)
				must += rc->requirements[j].must && requirements_holds(&rc->requirements[j].when, f);
			snprintf(mt, sizeof(mt), "%zu", must);
			record_item(r, 4, "check.records.none", pr, name, 0, NULL, "must", mt);
			continue;
		}
		for (j = 0; j < rc->nrequirements; j++) {
			const struct req_requirement *q = &rc->requirements[j];
			const struct req_record *x;
			size_t k;
			const char *newest = NULL;
			if (!requirements_holds(&q->when, f))
				continue;
			n++;
			x = records_requirement(pr, q->id);
			must += q->must;
			must_met += q->must && x && (x->status == REC_MET || x->status == REC_NOT_APPLICABLE);
			if (q->must && on_sale && !(x && (x->status == REC_MET || x->status == REC_NOT_APPLICABLE)))
				bad |= add_number(&unmet, &nunmet, 'R', n) < 0;
			for (k = 0; x && k < x->nevidence; k++)
				if (!newest || strcmp(x->evidence[k].date, newest) > 0)
					newest = x->evidence[k].date;
			if (newest && (x->status == REC_MET || x->status == REC_PARTLY) &&
			    strcmp(newest, old_iso) < 0)
				bad |= add_number(&stale, &nstale, 'R', n) < 0;
		}
		for (j = 0, n = 0; j < rc->nrisks; j++) {
			const struct req_risk *q = &rc->risks[j];
			const struct risk_record *x;
			int e, co, l, im, rating;
			if (!requirements_holds(&q->when, f))
				continue;
			n++;
			x = records_risk(pr, q->id);
			requirements_score(rc, q, f, &e, &co, &l, &im);
			rating = x && x->likelihood ? requirements_rating(x->likelihood, x->impact)
						    : requirements_rating(l, im);
			if (rating > p->risk_line && !(x && x->decision != REC_UNDECIDED))
				bad |= add_number(&risks, &nrisks, 'T', n) < 0;
			/* The policy ships no product with a risk still High
			 * after its countermeasures, whatever was decided. */
			if (on_sale && x && x->likelihood && rating == 2)
				bad |= add_number(&high, &nhigh, 'T', n) < 0;
		}
		for (j = 0, n = 0; j < rc->ndecisions; j++) {
			const struct decision_record *x;
			if (!requirements_holds(&rc->decisions[j].when, f))
				continue;
			n++;
			x = records_decision(pr, rc->decisions[j].id);
			if (x && !x->answer.n && x->due && strcmp(x->due, today_iso) < 0)
				bad |= add_number(&late, &nlate, 'D', n) < 0;
			if (!(x && (x->answer.n || (x->owner && x->due))))
				bad |= add_number(&unowned, &nunowned, 'D', n) < 0;
		}
		for (j = 0, n = 0; j < rc->ntests; j++) {
			const struct test_record *x;
			if (!requirements_test_applies(rc, &rc->tests[j], f))
				continue;
			n++;
			x = records_test(pr, rc->tests[j].id);
			if (x && x->result == REC_FAILED && !x->fix_due)
				bad |= add_number(&failed, &nfailed, 'V', n) < 0;
		}
		snprintf(months, sizeof(months), "%d", p->review_months);
		if (bad)
			sp_fail(&r->c->kit.status, SP_EINPUT);
		snprintf(mm, sizeof(mm), "%zu", must_met);
		snprintf(mt, sizeof(mt), "%zu", must);
		if (nunmet)
			record_item(r, 4, "check.records.unmet", pr, name, nunmet, &unmet, "must", mt);
		if (nunowned)
			record_item(r, 3, "check.records.unowned", pr, name, nunowned, &unowned, NULL, NULL);
		if (nrisks)
			record_item(r, 3, "check.records.risks", pr, name, nrisks, &risks, NULL, NULL);
		if (nhigh)
			record_item(r, 4, "check.records.high-on-sale", pr, name, nhigh, &high, NULL, NULL);
		if (nlate)
			record_item(r, 3, "check.records.late-decisions", pr, name, nlate, &late, NULL, NULL);
		if (nstale)
			record_item(r, 5, "check.records.old-evidence", pr, name, nstale, &stale, "months", months);
		if (nfailed)
			record_item(r, 5, "check.records.failed-tests", pr, name, nfailed, &failed, NULL, NULL);
		{
			struct value *data = pairs("product", name, "must_met", mm), *upd;
			upd = derive_format_iso(r->c, pr->records->updated);
			if (!data || !upd || value_map_set_string(data, "must", mt) < 0 ||
			    value_map_set_string(data, "updated", value_get_string(upd)) < 0) {
				value_free(data);
				sp_fail(&r->c->kit.status, SP_EINPUT);
			} else {
				item(r, 3, true, "check.records.ok", NULL, data);
			}
			value_free(upd);
		}
		buf_free(&unmet);
		buf_free(&risks);
		buf_free(&late);
		buf_free(&stale);
		buf_free(&failed);
		buf_free(&unowned);
		buf_free(&high);
	}
}

static void measure6(struct report *r)
{
	const struct profile *p = r->c->p;
	size_t i;

	item(r, 6, true, "check.m6.window", NULL, pairs("email", p->vuln.email, NULL, NULL));
	if (!p->vuln.url)
		item(r, 6, false, "check.m6.no-url", "check.hint.url", NULL);
	if (!p->vuln.policy_url)
		item(r, 6, false, "check.m6.no-policy-url", "check.hint.policy-url", NULL);
	if (!p->company.website)
		item(r, 6, false, "check.m6.no-website", "check.hint.website", NULL);
	if (p->vuln.jpcert_date)
		item(r, 6, true, "check.m6.jpcert", NULL,
		     pairs("date", str(r->view, "vh.jpcert.date"), NULL, NULL));
	else
		item(r, 6, false, "check.m6.no-jpcert", "check.hint.jpcert", NULL);
	if (p->nadvisories && !p->vuln.advisories)
		item(r, 6, false, "check.m6.no-advisories-url", "check.hint.advisories-url", NULL);
	else if (p->nadvisories)
		item(r, 6, true, "check.m6.advisories", NULL,
		     pairs("url", p->vuln.advisories, "csaf", str(r->view, "vh.csaf")));
	if (!p->vuln.encryption)
		item(r, 6, false, "check.m6.no-encryption", "check.hint.encryption", NULL);
	for (i = 0; i < p->nsuppliers; i++)
		if (!p->suppliers[i].email)
			item(r, 6, false, "check.m6.supplier-no-email", "check.hint.supplier-email",
			     pairs("supplier", derive_text(r->c, &p->suppliers[i].name), "id",
				   p->suppliers[i].id));
}

int derive_report_view(struct ctx *c, const struct value *view, struct value **out)
{
	struct report r = { .c = c, .view = view };
	struct value *rep = value_map(), *list = NULL;
	int m;

	*out = NULL;
	for (m = 1; m <= 6; m++)
		if (!(r.items[m] = value_list()))
			goto fail;
	measure1(&r);
	measure2(&r);
	product_items(&r);
	role_items(&r);
	product_duties(&r);
	record_findings(&r);
	measure6(&r);
	if (l10n_failed(&c->kit) || !rep || value_map_set(rep, "measures", list = value_list()) < 0)
		goto fail;
	for (m = 1; m <= 6; m++) {
		struct value *v = value_map();
		size_t i, gaps = 0;
		for (i = 0; i < value_list_len(r.items[m]); i++)
			gaps += !value_get_bool(value_map_get(value_list_at(r.items[m], i), "ok"));
		if (!v || value_list_push(list, v) < 0 ||
		    value_map_set_number(v, "number", m) < 0 ||
		    value_map_set_string(v, "name", l10n_labelf(&c->kit, "org.measure.%d", m)) < 0 ||
		    value_map_set_bool(v, "complete", gaps == 0) < 0 ||
		    value_map_set_number(v, "gaps", (double)gaps) < 0 ||
		    value_map_set(v, "items", r.items[m]) < 0) {
			r.items[m] = NULL;
			goto fail;
		}
		r.items[m] = NULL;
	}
	if (value_map_set_number(rep, "gaps", r.gaps) < 0 ||
	    value_map_set_bool(rep, "complete", r.gaps == 0) < 0)
		goto fail;
	*out = rep;
	return r.gaps;
fail:
	for (m = 1; m <= 6; m++)
		value_free(r.items[m]);
	value_free(rep);
	return -1;
}
