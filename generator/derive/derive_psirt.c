/* derive_psirt.c - what the PSIRT works with (derive_private.h): the
 * procedure's view (severity bands and targets, who reports what to
 * whom, which products go which way), each advisory as a document and
 * its own history, and the CRA report forms of the products sold in the
 * EU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive/derive.h"
#include "derive/derive_private.h"
#include "derive/securitytxt.h"
#include "model/advisory.h"
#include "model/requirements.h"
#include "profile/profile.h"

/* The CVSS qualitative bands, most severe first, as the specifications
 * of v3.1 (section 5) and v4.0 define them; vuln_handling.fix_targets
 * is in this order. */
static const struct band {
	const char *id;
	const char *range;
} bands[] = {
	{ "critical", "9.0–10.0" },
	{ "high", "7.0–8.9" },
	{ "medium", "4.0–6.9" },
	{ "low", "0.1–3.9" },
};

static const char *const severity_ids[] = { "none", "low", "medium", "high", "critical" };

/* The fix target of a severity, in calendar days (none: the low band's). */
static int target_days(const struct profile *p, enum cvss_severity s)
{
	switch (s) {
	case CVSS_SEV_CRITICAL:
		return p->vuln.fix_targets[0];
	case CVSS_SEV_HIGH:
		return p->vuln.fix_targets[1];
	case CVSS_SEV_MEDIUM:
		return p->vuln.fix_targets[2];
	default:
		return p->vuln.fix_targets[3];
	}
}

/* Products of p whose features hold word, joined by the language's
 * list; null when none. by_model: their models (NC-200), else names. */
static struct value *products_with(struct ctx *c, const char *word, bool by_model)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < c->p->nproducts; i++) {
		const struct product *pr = &c->p->products[i];
		if (word && !requirements_has(derive_features(c, pr), word))
			continue;
		if (l10n_join_add(&c->kit, &b, by_model && pr->model ? pr->model
								     : derive_text(c, &pr->name)) < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

/* The numbers of the CRA report forms ("AKB-SEC-11-nc-200"), joined;
 * null when no product is sold in the EU. */
static struct value *form_numbers(struct ctx *c, const struct value *view)
{
	const char *base = value_get_string(value_map_get(value_map_get(view, "numbers"),
							  "cra_report"));
	struct buf b = BUF_INIT, one = BUF_INIT;
	size_t i;

	for (i = 0; base && i < c->p->nproducts; i++) {
		const struct product *pr = &c->p->products[i];
		if (!requirements_has(derive_features(c, pr), "cra"))
			continue;
		buf_reset(&one);
		if (buf_printf(&one, "%s-%s", base, pr->id) < 0 ||
		    l10n_join_add(&c->kit, &b, buf_str(&one)) < 0) {
			buf_free(&one);
			buf_free(&b);
			return NULL;
		}
	}
	buf_free(&one);
	return derive_join_value(&b);
}

/* A person's name in the language, or NULL. */
static const char *person_name(struct ctx *c, const char *id)
{
	const struct person *pp = id ? profile_person(c->p, id) : NULL;

	return pp ? derive_text(c, &pp->name) : NULL;
}

static const char *person_name(struct ctx *c, const char *id);

/* The assignment of role that leads it (lead="true", else the first),
 * or NULL. */
static const struct assignment *lead_of(const struct profile *p, const char *role)
{
	const struct assignment *lead = NULL;
	size_t i;

	for (i = 0; i < p->nassignments; i++) {
		const struct assignment *a = &p->assignments[i];
		if (strcmp(a->role, role) == 0 && (!lead || (a->lead && !lead->lead)))
			lead = a;
	}
	return lead;
}

/* Who stands in for the holder of a role: the assignment's deputy, else
 * the person's own; NULL when none. */
static const char *deputy_of(const struct profile *p, const struct assignment *a)
{
	const struct person *pp = a ? profile_person(p, a->person) : NULL;

	return a && a->deputy ? a->deputy : pp ? pp->deputy : NULL;
}

/* The people around the PSIRT the procedure names: the product security
 * manager, the development lead, who decides when the executive cannot
 * be reached (the executive's deputy; null when the profile names none,
 * and the texts then defer to the company's rules of authority, as the
 * organisation chart does), and a second person for an assessment of personal data (the
 * product security manager, else, when that is the PSIRT lead, the
 * quality assurance lead or the development lead). */
static int around_psirt(struct ctx *c, struct value *v)
{
	const struct profile *p = c->p;
	const struct assignment *psirt = lead_of(p, "psirt"), *sm = lead_of(p, "security-manager");
	const struct assignment *qa = lead_of(p, "qa-lead"), *dev = lead_of(p, "development-lead");
	const struct assignment *ex = lead_of(p, "executive");
	const char *stand_in = deputy_of(p, ex), *second = sm ? sm->person : NULL;

	if (second && psirt && strcmp(second, psirt->person) == 0)
		second = qa ? qa->person : dev ? dev->person : NULL;
	return value_map_set_string(v, "manager", sm ? person_name(c, sm->person) : NULL) < 0 ||
	       value_map_set_string(v, "development", dev ? person_name(c, dev->person) : NULL) < 0 ||
	       value_map_set_string(v, "stand_in", person_name(c, stand_in)) < 0 ||
	       value_map_set_string(v, "second", person_name(c, second)) < 0 ? -1 : 0;
}

/* The PSIRT's lead (the assignment with lead="true", else the first),
 * the lead's deputy in the role, every member joined, and who submits an
 * early warning when neither the lead nor the deputy can: the member on
 * duty when the team has others (fallback null), else the product
 * security manager when that is a third person, else the executive. */
static int psirt_people(struct ctx *c, struct value *v)
{
	const struct assignment *lead = NULL;
	const struct assignment *sm = lead_of(c->p, "security-manager"), *ex = lead_of(c->p, "executive");
	struct buf all = BUF_INIT;
	const char *deputy = NULL, *fallback = NULL;
	size_t i, n = 0, others;

	for (i = 0; i < c->p->nassignments; i++) {
		const struct assignment *a = &c->p->assignments[i];
		if (strcmp(a->role, "psirt") != 0)
			continue;
		n++;
		if (!lead || (a->lead && !lead->lead))
			lead = a;
		if (l10n_join_add(&c->kit, &all, person_name(c, a->person)) < 0)
			return -1;
	}
	if (lead) {
		const struct person *pp = profile_person(c->p, lead->person);
		deputy = lead->deputy ? lead->deputy : pp ? pp->deputy : NULL;
	}
	others = n - (lead != NULL);
	for (i = 0; deputy && i < c->p->nassignments; i++)
		if (strcmp(c->p->assignments[i].role, "psirt") == 0 &&
		    strcmp(c->p->assignments[i].person, deputy) == 0) {
			others--;
			break;
		}
	if (lead && !others) {
		if (sm && strcmp(sm->person, lead->person) != 0 &&
		    (!deputy || strcmp(sm->person, deputy) != 0))
			fallback = sm->person;
		else if (ex)
			fallback = ex->person;
	}
	return value_map_set_string(v, "lead", lead ? person_name(c, lead->person) : NULL) < 0 ||
	       value_map_set_string(v, "fallback", person_name(c, fallback)) < 0 ||
	       value_map_set_bool(v, "team", n > 1) < 0 ||
	       value_map_set_string(v, "deputy", person_name(c, deputy)) < 0 ||
	       value_map_set(v, "members", derive_join_value(&all)) < 0 ? -1 : 0;
}

/* The Member State whose CSIRT receives the CRA reports (Art. 14(7)):
 * of the first kind of operator in the Article's order that the company
 * has, the operator acting for the most products sold in the EU (the
 * first named on a tie). NULL when the profile names none. */
static const struct operator *csirt_operator(struct ctx *c)
{
	static const char *const order[] = { "main-establishment", "authorised-representative",
					     "importer", "distributor" };
	size_t k, i, j;

	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		const struct operator *best = NULL;
		size_t best_n = 0;
		for (i = 0; i < c->p->noperators; i++) {
			const struct operator *o = &c->p->operators[i];
			size_t n = 0;
			if (!o->kind || strcmp(o->kind, order[k]) != 0)
				continue;
			for (j = 0; j < c->p->nproducts; j++) {
				const struct product *pr = &c->p->products[j];
				if (requirements_has(derive_features(c, pr), "cra") &&
				    (!o->products.n || strlist_has(&o->products, pr->id)))
					n++;
			}
			if (!best || n > best_n)
				best = o, best_n = n;
		}
		if (best)
			return best;
	}
	return NULL;
}

static struct value *operator_view(struct ctx *c, const struct operator *o)
{
	struct value *v;

	if (!o)
		return value_null();
	v = value_map();
	if (!v || value_map_set_string(v, "name", derive_text(c, &o->name)) < 0 ||
	    value_map_set_string(v, "kind", l10n_word(&c->kit, "operator", o->kind)) < 0 ||
	    value_map_set_bool(v, "main", strcmp(o->kind, "main-establishment") == 0) < 0 ||
	    value_map_set_bool(v, "representative", strcmp(o->kind, "authorised-representative") == 0) < 0 ||
	    value_map_set_bool(v, "importer", strcmp(o->kind, "importer") == 0) < 0 ||
	    value_map_set_bool(v, "distributor", strcmp(o->kind, "distributor") == 0) < 0 ||
	    value_map_set_string(v, "country", l10n_word(&c->kit, "operator-country", o->country)) < 0 ||
	    value_map_set_string(v, "email", o->email) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

static const struct operator *operator_of_kind(const struct profile *p, const char *kind)
{
	size_t i;

	for (i = 0; i < p->noperators; i++)
		if (p->operators[i].kind && strcmp(p->operators[i].kind, kind) == 0)
			return &p->operators[i];
	return NULL;
}

/* The vulnerability register's columns (export: the CSV's header), as
 * { name, meaning }, from the messages psirt.register.col.<id>. */
static const char *const register_cols[] = {
	"id", "received", "source", "reporter", "products", "versions", "summary", "cvss",
	"severity", "exploited", "aware", "due", "status", "cve", "early-warning", "notification",
	"final-report", "personal-data", "fixed", "advisory", "closed",
};

size_t derive_register_ncols(void)
{
	return sizeof(register_cols) / sizeof(register_cols[0]);
}

const char *derive_register_col(size_t i)
{
	return register_cols[i];
}

static struct value *register_view(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < derive_register_ncols(); i++) {
		struct value *col = value_map();
		if (value_list_push(list, col) < 0 ||
		    value_map_set_string(col, "name", l10n_labelf(&c->kit, "psirt.register.col.%s",
								   register_cols[i])) < 0 ||
		    value_map_set_string(col, "meaning", l10n_labelf(&c->kit,
								      "psirt.register.meaning.%s",
								      register_cols[i])) < 0) {
			value_free(list);
			return NULL;
		}
	}
	return list;
}

static const char *str(const struct value *map, const char *key)
{
	const char *s = value_get_string(value_map_get(map, key));

	return s ? s : "";
}

/* One cell of the register for vulnerability v of advisory a, appended
 * to t: what column col records of a published advisory. The columns
 * the advisory cannot know (source, aware, the CRA reports, personal
 * data, closed) are left empty for the PSIRT to fill. */
static int register_cell(struct ctx *c, struct buf *t, const char *col, const struct value *a,
			 const struct value *v)
{
	const struct value *aff = value_map_get(v, "affected"), *fix = value_map_get(v, "fixed");
	const struct value *scores = value_map_get(v, "scores");
	const char *to;
	size_t j;

	if (strcmp(col, "received") == 0)
		return buf_puts(t, str(v, "reported_iso"));
	if (strcmp(col, "reporter") == 0)
		return buf_puts(t, str(v, "credit"));
	if (strcmp(col, "products") == 0) {
		for (j = 0; j < value_list_len(aff); j++)
			if ((j && buf_puts(t, "; ") < 0) ||
			    buf_puts(t, str(value_list_at(aff, j), "model")) < 0)
				return -1;
		return 0;
	}
	if (strcmp(col, "versions") == 0) {
		if (!(to = l10n_label(&c->kit, "psirt.register.range-separator")))
			return -1;
		for (j = 0; j < value_list_len(aff); j++) {
			const struct value *x = value_list_at(aff, j);
			bool one = value_get_bool(value_map_get(x, "one"));
			if (buf_printf(t, "%s%s %s%s%s", j ? "; " : "", str(x, "model"), str(x, "from"),
				       one ? "" : to, one ? "" : str(x, "to")) < 0)
				return -1;
		}
		return 0;
	}
	if (strcmp(col, "summary") == 0)
		return buf_puts(t, str(v, "title"));
	if (strcmp(col, "cvss") == 0)
		return value_list_len(scores) ? buf_puts(t, str(value_list_at(scores, 0), "vector")) : 0;
	if (strcmp(col, "severity") == 0)
		return buf_puts(t, str(v, "severity_word"));
	if (strcmp(col, "exploited") == 0) {
		const char *w = l10n_label(&c->kit, value_get_bool(value_map_get(v, "exploited"))
							    ? "psirt.register.value.yes"
							    : "psirt.register.value.no");
		return w ? buf_puts(t, w) : -1;
	}
	if (strcmp(col, "due") == 0)
		return buf_puts(t, str(v, "due_iso"));
	if (strcmp(col, "status") == 0) {
		const char *w = l10n_label(&c->kit, "psirt.register.value.published");
		return w ? buf_puts(t, w) : -1;
	}
	if (strcmp(col, "cve") == 0)
		return buf_printf(t, "%s%s%s", str(v, "cve"), *str(v, "cve") && *str(v, "jvn") ? " / " : "",
				  str(v, "jvn"));
	if (strcmp(col, "fixed") == 0) {
		for (j = 0; j < value_list_len(fix); j++)
			if (buf_printf(t, "%s%s %s", j ? "; " : "", str(value_list_at(fix, j), "model"),
				       str(value_list_at(fix, j), "version")) < 0)
				return -1;
		return 0;
	}
	if (strcmp(col, "advisory") == 0)
		return buf_printf(t, "%s (%s)", str(a, "number"), str(a, "published_iso"));
	return 0;
}

/* The register's rows for the export, one a vulnerability of every
 * published advisory: lists of strings in the order of register_cols. */
static struct value *register_rows(struct ctx *c, const struct value *advisories)
{
	struct value *rows = value_list();
	struct buf t = BUF_INIT;
	size_t i, k, col;

	for (i = 0; rows && i < value_list_len(advisories); i++) {
		const struct value *a = value_list_at(advisories, i);
		const struct value *vulns = value_map_get(a, "vulns");
		for (k = 0; k < value_list_len(vulns); k++) {
			struct value *row = value_list();
			if (value_list_push(rows, row) < 0)
				goto fail;
			for (col = 0; col < derive_register_ncols(); col++) {
				buf_reset(&t);
				if (register_cell(c, &t, register_cols[col], a, value_list_at(vulns, k)) < 0 ||
				    value_list_push(row, value_string(buf_str(&t))) < 0)
					goto fail;
			}
		}
	}
	buf_free(&t);
	return rows;
fail:
	buf_free(&t);
	value_free(rows);
	return NULL;
}

static struct value *bands_view(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < sizeof(bands) / sizeof(bands[0]); i++) {
		struct value *b = value_map();
		if (value_list_push(list, b) < 0 ||
		    value_map_set_string(b, "severity", l10n_labelf(&c->kit, "label.severity.%s",
								     bands[i].id)) < 0 ||
		    value_map_set_string(b, "range", bands[i].range) < 0 ||
		    value_map_set(b, "target", derive_format_count(c, "format.calendar-days",
								   c->p->vuln.fix_targets[i])) < 0) {
			value_free(list);
			return NULL;
		}
	}
	return list;
}

/* The CSAF provider metadata's address: https://<host of the company's
 * website>/.well-known/csaf/provider-metadata.json (CSAF 2.0, 7.1.9). */
int derive_csaf_metadata_url(const struct profile *p, struct buf *out)
{
	if (!p->vuln.advisories || !p->nadvisories)
		return -1;
	return securitytxt_well_known(out, p->company.website, "csaf/provider-metadata.json");
}

struct value *derive_psirt_view(struct ctx *c, const struct value *view)
{
	const struct vuln_handling *h = &c->p->vuln;
	struct value *v = value_map(), *jp = NULL;
	struct buf csaf = BUF_INIT;
	bool eu = derive_any_product(c, "cra");
	bool personal = derive_any_product(c, "appi") || derive_any_product(c, "gdpr");

	if (!v)
		return NULL;
	if (h->jpcert_date) {
		jp = value_map();
		if (!jp || value_map_set(v, "jpcert", jp) < 0 ||
		    value_map_set(jp, "date", derive_format_iso(c, h->jpcert_date)) < 0 ||
		    value_map_set_string(jp, "kind", l10n_labelf(&c->kit, "psirt.jpcert.kind.%s",
								  h->jpcert_kind ? h->jpcert_kind
										 : "general")) < 0)
			goto fail;
	} else if (value_map_set(v, "jpcert", value_null()) < 0) {
		goto fail;
	}
	if (value_map_set(v, "bands", bands_view(c)) < 0 ||
	    value_map_set(v, "embargo", derive_format_count(c, "format.calendar-days",
							   h->embargo_days)) < 0 ||
	    value_map_set(v, "update", derive_format_count(c, "format.calendar-days",
							  h->update_days)) < 0 ||
	    value_map_set_bool(v, "credit", h->credit) < 0 ||
	    value_map_set_bool(v, "firmware_covered", h->firmware_covered) < 0 ||
	    value_map_set_string(v, "encryption", h->encryption) < 0 ||
	    value_map_set_string(v, "acknowledgments", h->acknowledgments) < 0 ||
	    value_map_set_string(v, "advisories", h->advisories) < 0 ||
	    value_map_set_string(v, "csaf", derive_csaf_metadata_url(c->p, &csaf) == 0
						    ? buf_str(&csaf) : NULL) < 0 ||
	    value_map_set_number(v, "nadvisories", (double)c->p->nadvisories) < 0 ||
	    psirt_people(c, v) < 0 || around_psirt(c, v) < 0 ||
	    value_map_set_string(v, "phone", h->duty_phone) < 0 ||
	    value_map_set(v, "executive", value_copy(value_map_get(view, "executive"))) < 0 ||
	    value_map_set(v, "products", products_with(c, NULL, true)) < 0 ||
	    value_map_set(v, "cloud", products_with(c, "cloud", true)) < 0 ||
	    value_map_set(v, "business", products_with(c, "business", true)) < 0 ||
	    value_map_set_bool(v, "has_eu", eu) < 0 ||
	    value_map_set(v, "eu_products", products_with(c, "cra", true)) < 0 ||
	    value_map_set(v, "cra_forms", form_numbers(c, view)) < 0 ||
	    value_map_set(v, "csirt", operator_view(c, csirt_operator(c))) < 0 ||
	    value_map_set_bool(v, "has_personal", personal) < 0 ||
	    value_map_set(v, "appi_products", products_with(c, "appi", true)) < 0 ||
	    value_map_set(v, "gdpr_products", products_with(c, "gdpr", true)) < 0 ||
	    value_map_set(v, "gdpr_rep", operator_view(c, operator_of_kind(c->p,
									  "gdpr-representative"))) < 0 ||
	    value_map_set(v, "register", register_view(c)) < 0 ||
	    value_map_set(v, "register_rows",
			  register_rows(c, value_map_get(view, "advisories"))) < 0)
		goto fail;
	buf_free(&csaf);
	return v;
fail:
	buf_free(&csaf);
	value_free(v);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Advisories                                                          */
/* ------------------------------------------------------------------ */

static const struct product *product_of(const struct profile *p, const char *id)
{
	return id ? profile_product(p, id) : NULL;
}

static struct value *score_view(struct ctx *c, const struct adv_score *s, const char *version)
{
	struct value *v = value_map();
	char score[8];

	cvss_format_score(s->cvss.score, score);
	if (!v || value_map_set_string(v, "version", version) < 0 ||
	    value_map_set_string(v, "vector", s->vector) < 0 ||
	    value_map_set_string(v, "score", score) < 0 ||
	    value_map_set_string(v, "severity", l10n_labelf(&c->kit, "label.severity.%s",
							     severity_ids[s->cvss.severity])) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

static struct value *vuln_view(struct ctx *c, const struct adv_vuln *x)
{
	struct value *v = value_map(), *scores = value_list(), *affected = value_list(),
		     *fixed = value_list(), *data;
	enum cvss_severity sev;
	int score;
	char num[8];
	size_t i;

	if (!v || !scores || !affected || !fixed)
		goto fail;
	if (value_map_set(v, "scores", scores) < 0) {
		scores = NULL;
		goto fail;
	}
	if (x->v4.vector && value_list_push(scores, score_view(c, &x->v4, "CVSS v4.0")) < 0)
		goto fail;
	if (x->v3.vector && value_list_push(scores, score_view(c, &x->v3,
			x->v3.cvss.version == CVSS_V3_0 ? "CVSS v3.0" : "CVSS v3.1")) < 0)
		goto fail;
	if (value_map_set(v, "affected", affected) < 0) {
		affected = NULL;
		goto fail;
	}
	for (i = 0; i < x->naffected; i++) {
		const struct adv_range *r = &x->affected[i];
		const struct product *pr = product_of(c->p, r->product);
		struct value *a = value_map();
		const char *fix = NULL;
		size_t k;
		for (k = 0; k < x->nfixed; k++)
			if (strcmp(x->fixed[k].product, r->product) == 0)
				fix = x->fixed[k].version;
		if (value_list_push(affected, a) < 0 ||
		    value_map_set_string(a, "fixed_version", fix) < 0 ||
		    value_map_set_string(a, "product", pr ? derive_text(c, &pr->name) : r->product) < 0 ||
		    value_map_set_string(a, "model", pr ? pr->model : NULL) < 0 ||
		    value_map_set_string(a, "from", r->from) < 0 ||
		    value_map_set_string(a, "to", r->to) < 0 ||
		    value_map_set_bool(a, "one", strcmp(r->from, r->to) == 0) < 0)
			goto fail;
	}
	if (value_map_set(v, "fixed", fixed) < 0) {
		fixed = NULL;
		goto fail;
	}
	for (i = 0; i < x->nfixed; i++) {
		const struct product *pr = product_of(c->p, x->fixed[i].product);
		struct value *f = value_map();
		if (value_list_push(fixed, f) < 0 ||
		    value_map_set_string(f, "product", pr ? derive_text(c, &pr->name)
							  : x->fixed[i].product) < 0 ||
		    value_map_set_string(f, "version", x->fixed[i].version) < 0 ||
		    value_map_set_bool(f, "automatic", x->fixed[i].install &&
					   strcmp(x->fixed[i].install, "automatic") == 0) < 0 ||
		    value_map_set_bool(f, "manual", x->fixed[i].install &&
					strcmp(x->fixed[i].install, "manual") == 0) < 0 ||
		    value_map_set_string(f, "model", pr && pr->model ? pr->model
								  : x->fixed[i].product) < 0)
			goto fail;
	}
	sev = advisory_severity(x, &score);
	cvss_format_score(score, num);
	data = value_map();
	if (!data || value_map_set_string(data, "score", num) < 0 ||
	    value_map_set_string(data, "version", x->v4.vector ? "v4.0"
						  : x->v3.cvss.version == CVSS_V3_0 ? "v3.0" : "v3.1") < 0 ||
	    value_map_set_string(data, "severity", l10n_labelf(&c->kit, "label.severity.%s",
								severity_ids[sev])) < 0) {
		value_free(data);
		goto fail;
	}
	{
		/* When the fix was due: the report's day and its severity's
		 * target (an exploited one is handled as Critical). */
		struct date rep;
		char due[16] = "";
		if (x->reported && date_parse(x->reported, &rep) == 0) {
			struct date d = date_add_days(rep, target_days(c->p, x->exploited
								      ? CVSS_SEV_CRITICAL : sev));
			snprintf(due, sizeof(due), "%04d-%02d-%02d", d.y, d.m, d.d);
		}
		if (value_map_set_string(v, "due_iso", due[0] ? due : NULL) < 0 ||
		    value_map_set_string(v, "severity_word",
					 l10n_labelf(&c->kit, "label.severity.%s",
						     severity_ids[x->exploited ? CVSS_SEV_CRITICAL
									       : sev])) < 0 ||
		    value_map_set_string(v, "reported_iso", x->reported) < 0)
			goto fail;
	}
	if (value_map_set_string(v, "title", derive_text(c, &x->title)) < 0 ||
	    value_map_set_string(v, "description", derive_text(c, &x->description)) < 0 ||
	    value_map_set_string(v, "workaround", derive_text(c, &x->workaround)) < 0 ||
	    value_map_set_string(v, "credit", derive_text(c, &x->credit)) < 0 ||
	    value_map_set_string(v, "cve", x->cve) < 0 ||
	    value_map_set_string(v, "jvn", x->jvn) < 0 ||
	    value_map_set_string(v, "cwe", x->cwe) < 0 ||
	    value_map_set(v, "reported", derive_format_iso(c, x->reported)) < 0 ||
	    value_map_set_bool(v, "exploited", x->exploited) < 0 ||
	    value_map_set(v, "rating", derive_format_text(c, "advisory.rating", data)) < 0)
		goto fail;
	return v;
fail:
	value_free(scores);
	value_free(affected);
	value_free(fixed);
	value_free(v);
	return NULL;
}

static struct value *advisory_view(struct ctx *c, const struct advisory *a)
{
	struct value *v = value_map(), *vulns = value_list();
	const char *first = a->nrevisions ? a->revisions[0].date : NULL;
	const char *last = a->nrevisions ? a->revisions[a->nrevisions - 1].date : NULL;
	struct buf products = BUF_INIT;
	size_t i, k, j;

	if (!v || !vulns || value_map_set(v, "vulns", vulns) < 0) {
		value_free(vulns);
		goto fail;
	}
	for (i = 0; i < a->nvulns; i++)
		if (value_list_push(vulns, vuln_view(c, &a->vulns[i])) < 0)
			goto fail;
	/* The products it concerns, each once, in the profile's order. */
	for (j = 0; j < c->p->nproducts; j++) {
		const struct product *pr = &c->p->products[j];
		bool named = false;
		for (i = 0; i < a->nvulns && !named; i++)
			for (k = 0; k < a->vulns[i].naffected && !named; k++)
				named = strcmp(a->vulns[i].affected[k].product, pr->id) == 0;
		if (named && l10n_join_add(&c->kit, &products, derive_text(c, &pr->name)) < 0)
			goto fail;
	}
	{
		struct buf url = BUF_INIT;
		int bad = 0;
		if (derive_csaf_metadata_url(c->p, &url) == 0) {
			url.len -= strlen("provider-metadata.json");
			url.data[url.len] = '\0';
			bad = advisory_csaf_path(&url, a) < 0;
		}
		bad = bad || value_map_set_string(v, "csaf_url", url.len ? buf_str(&url) : NULL) < 0;
		buf_free(&url);
		if (bad)
			goto fail;
	}
	if (value_map_set_string(v, "id", a->slug) < 0 ||
	    value_map_set_string(v, "number", a->id) < 0 ||
	    value_map_set_string(v, "title", derive_text(c, &a->title)) < 0 ||
	    value_map_set_string(v, "summary", derive_text(c, &a->summary)) < 0 ||
	    value_map_set_bool(v, "interim", a->interim) < 0 ||
	    value_map_set(v, "published", derive_format_iso(c, first)) < 0 ||
	    value_map_set_string(v, "published_iso", first) < 0 ||
	    value_map_set(v, "updated", derive_format_iso(c, last)) < 0 ||
	    value_map_set_bool(v, "was_updated", a->nrevisions > 1) < 0 ||
	    value_map_set(v, "products", derive_join_value(&products)) < 0 ||
	    value_map_set_bool(v, "many", a->nvulns > 1) < 0)
		goto fail;
	return v;
fail:
	buf_free(&products);
	value_free(v);
	return NULL;
}

struct value *derive_advisories_view(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < c->p->nadvisories; i++)
		if (value_list_push(list, advisory_view(c, c->p->advisories[i])) < 0) {
			value_free(list);
			return NULL;
		}
	return list;
}

/* The advisory's own history and cover: its revisions, not the
 * profile's (an advisory is published and updated on its own days). */
struct value *derive_advisory_history(struct ctx *c, const char *slug)
{
	const struct advisory *a = NULL;
	const struct approval *ap;
	struct value *h = value_map(), *list = value_list(), *doc = value_map(), *fields = value_list();
	const char *first, *last;
	size_t i;

	for (i = 0; i < c->p->nadvisories; i++)
		if (strcmp(c->p->advisories[i]->slug, slug) == 0)
			a = c->p->advisories[i];
	if (!h || !list || !doc || !fields || !a || !a->nrevisions) {
		value_free(list);
		value_free(doc);
		value_free(fields);
		goto fail;
	}
	if (value_map_set(h, "revisions", list) < 0) {
		value_free(doc);
		value_free(fields);
		goto fail;
	}
	if (value_map_set(h, "doc", doc) < 0) {
		value_free(fields);
		goto fail;
	}
	if (value_map_set(doc, "fields", fields) < 0)
		goto fail;
	for (i = 0; i < a->nrevisions; i++) {
		const struct adv_revision *r = &a->revisions[i];
		struct value *e = value_map();
		if (value_list_push(list, e) < 0 ||
		    value_map_set_number(e, "number", r->number) < 0 ||
		    value_map_set(e, "date", derive_format_iso(c, r->date)) < 0 ||
		    value_map_set_string(e, "summary", derive_text(c, &r->summary)) < 0)
			goto fail;
	}
	first = a->revisions[0].date;
	last = a->revisions[a->nrevisions - 1].date;
	ap = derive_approval_of(c->p, "advisory", slug);
	if (value_map_set(doc, "date", derive_format_iso(c, last)) < 0 ||
	    value_map_set_string(doc, "iso_date", last) < 0 ||
	    value_map_set_number(doc, "revision", a->revisions[a->nrevisions - 1].number) < 0 ||
	    value_map_set_bool(doc, "draft", !ap) < 0 ||
	    value_map_set_bool(doc, "has_steps", false) < 0 ||
	    value_map_set(doc, "version_line", value_null()) < 0 ||
	    value_map_set(doc, "language", derive_language_view(c, false)) < 0 ||
	    value_map_set_string(doc, "approver", ap ? person_name(c, ap->person) : NULL) < 0 ||
	    value_map_set_string(doc, "number", a->id) < 0)
		goto fail;
	{
		struct value *f;
		const char *labels[] = { "advisory.field.id", "advisory.field.published",
					 "advisory.field.updated" };
		const char *isos[] = { NULL, first, last };
		for (i = 0; i < (a->nrevisions > 1 ? 3u : 2u); i++) {
			f = value_map();
			if (value_list_push(fields, f) < 0 ||
			    value_map_set_string(f, "label", l10n_label(&c->kit, labels[i])) < 0 ||
			    value_map_set_string(f, "iso", isos[i]) < 0 ||
			    value_map_set(f, "value", isos[i] ? derive_format_iso(c, isos[i])
							      : value_string(a->id)) < 0)
				goto fail;
		}
	}
	return h;
fail:
	value_free(h);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* CRA report forms                                                    */
/* ------------------------------------------------------------------ */

/* The Member States where the company knows pr is made available: those
 * of its economic operators that act for it (not a GDPR
 * representative), as "Germany (Rhein Smart Home GmbH, importer)",
 * joined; null when none. */
static struct value *known_states(struct ctx *c, const struct product *pr)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < c->p->noperators; i++) {
		const struct operator *o = &c->p->operators[i];
		struct value *data, *text;
		int bad;
		if (!o->kind || strcmp(o->kind, "gdpr-representative") == 0 ||
		    (o->products.n && !strlist_has(&o->products, pr->id)))
			continue;
		data = value_map();
		if (!data ||
		    value_map_set_string(data, "country",
					 l10n_word(&c->kit, "operator-country", o->country)) < 0 ||
		    value_map_set_string(data, "name", derive_text(c, &o->name)) < 0 ||
		    value_map_set_string(data, "kind", l10n_word(&c->kit, "operator", o->kind)) < 0) {
			value_free(data);
			buf_free(&b);
			return NULL;
		}
		text = derive_format_text(c, "cra.member-state", data);
		bad = !text || l10n_join_add(&c->kit, &b, value_get_string(text)) < 0;
		value_free(text);
		if (bad) {
			buf_free(&b);
			return NULL;
		}
	}
	return derive_join_value(&b);
}

/* The product's category under the CRA, as the message id's last part:
 * its Annex III point, or default. */
static const char *cra_category(const struct req_features *f)
{
	static const char *const points[] = { "class-ii", "class-i-12", "class-i-16", "class-i-17",
					      "class-i-18", "class-i-19" };
	char word[32];
	size_t i;

	for (i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
		snprintf(word, sizeof(word), "cra-%s", points[i]);
		if (requirements_has(f, word))
			return points[i];
	}
	return "default";
}

/* One form a product sold in the EU: its facts, for the three reports
 * of Art. 14. English: item.lang = "en" (the reports go to a CSIRT of
 * the Union and to ENISA). */
struct value *derive_cra_forms_view(struct ctx *c)
{
	struct value *list = value_list();
	const struct operator *o = csirt_operator(c);
	size_t i;

	for (i = 0; list && i < c->p->nproducts; i++) {
		const struct product *pr = &c->p->products[i];
		const struct req_features *f = derive_features(c, pr);
		struct value *v;
		if (!requirements_has(f, "cra"))
			continue;
		v = value_map();
		if (value_list_push(list, v) < 0 || value_map_set_string(v, "id", pr->id) < 0 ||
		    value_map_set_string(v, "lang", "en") < 0 ||
		    value_map_set_string(v, "name", derive_text(c, &pr->name)) < 0 ||
		    value_map_set_string(v, "model", pr->model) < 0 ||
		    value_map_set(v, "support_until", derive_format_iso(c, pr->support_until)) < 0 ||
		    value_map_set_string(v, "category", l10n_labelf(&c->kit, "cra.category.%s",
								     cra_category(f))) < 0 ||
		    value_map_set(v, "member_states", known_states(c, pr)) < 0 ||
		    value_map_set(v, "csirt", operator_view(c, o)) < 0) {
			value_free(list);
			return NULL;
		}
	}
	return list;
}
