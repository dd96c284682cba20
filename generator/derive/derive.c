/* derive.c - model -> view. All the decisions the documents show are made
 * here, once: who holds which role, which laws and schemes apply to which
 * product, the effective and review dates, the labels in the language. */
#include "derive/derive.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "derive/derive_private.h"
#include "template/mustache.h"
#include "derive/raci.h"
#include "model/requirements.h"


/* The joined list as a value: a string, or null when it is empty. Frees
 * b. */
struct value *derive_join_value(struct buf *b)
{
	struct value *v = b->len ? value_string(buf_str(b)) : value_null();

	buf_free(b);
	return v;
}

/* Joins the labels of words of a word list (vocab) with the language's
 * list separator; a null value for an empty list. */
static struct value *joined_labels(struct ctx *c, const struct strlist *l,
				   const char *vocab)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l10n_join_add(&c->kit, &b, l10n_word(&c->kit, vocab, l->v[i])) < 0)
			return NULL;
	return derive_join_value(&b);
}

/* A text the kit made as a view value; NULL stays NULL (the kit has
 * reported why). Frees s. */
static struct value *text_value(char *s)
{
	struct value *v = s ? value_string(s) : NULL;

	free(s);
	return v;
}

struct value *derive_format_text(struct ctx *c, const char *id, struct value *data)
{
	return text_value(l10n_format(&c->kit, id, data));
}

struct value *derive_format_textf(struct ctx *c, struct value *data, const char *fmt, ...)
{
	va_list ap;
	char *id;
	struct value *v;

	va_start(ap, fmt);
	id = l10n_vid(&c->kit, fmt, ap);
	va_end(ap);
	if (!id) {
		value_free(data);
		return NULL;
	}
	v = derive_format_text(c, id, data);
	free(id);
	return v;
}

struct value *derive_format_date(struct ctx *c, struct date dt)
{
	return text_value(l10n_date(&c->kit, dt));
}

struct value *derive_format_iso(struct ctx *c, const char *iso)
{
	return iso ? text_value(l10n_date_iso(&c->kit, iso)) : value_null();
}

struct value *derive_format_count(struct ctx *c, const char *unit, int n)
{
	return text_value(l10n_count(&c->kit, unit, n));
}

const char *derive_text(struct ctx *c, const struct ltext *t)
{
	return ltext_get(t, c->lang);
}

/* A role's name in the language: the catalogue's message, or the
 * profile's own wording for a custom role. */
const char *derive_role_name(struct ctx *c, const char *id)
{
	const struct role_def *r = profile_role(c->p, id);

	if (r)
		return derive_text(c, &r->name);
	return l10n_labelf(&c->kit, "role.%s.name", id);
}

static struct value *person_roles(struct ctx *c, const struct person *pp)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < c->p->nassignments; i++) {
		const struct assignment *a = &c->p->assignments[i];
		if (strcmp(a->person, pp->id) == 0 && l10n_join_add(&c->kit, &b, derive_role_name(c, a->role)) < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

struct value *derive_person_view(struct ctx *c, const struct person *pp)
{
	struct value *v = value_map();

	if (!v)
		return NULL;
	if (value_map_set_string(v, "id", pp->id) < 0 ||
	    value_map_set_string(v, "name", derive_text(c, &pp->name)) < 0 ||
	    value_map_set_string(v, "title", derive_text(c, &pp->title)) < 0 ||
	    value_map_set_string(v, "email", pp->email) < 0 ||
	    value_map_set(v, "roles", person_roles(c, pp)) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

/* The first holder of a role, as a person view, or null. */
/* The person who holds role: its lead, else the first assigned. */
static struct value *holder(struct ctx *c, const char *role)
{
	const struct assignment *first = NULL;
	const struct person *pp;
	size_t i;

	for (i = 0; i < c->p->nassignments; i++) {
		const struct assignment *a = &c->p->assignments[i];
		if (strcmp(a->role, role) != 0)
			continue;
		if (!first || a->lead)
			first = a;
		if (a->lead)
			break;
	}
	pp = first ? profile_person(c->p, first->person) : NULL;
	return pp ? derive_person_view(c, pp) : value_null();
}

static struct value *role_view(struct ctx *c, const char *id, const char *name,
			       const char *duty, const char *reports_to,
			       int custom, bool everyone)
{
	struct value *v = value_map(), *holders = value_list();
	struct buf names = BUF_INIT;
	size_t i;

	if (!v || !holders)
		goto fail;
	/* A role of all staff is not assigned: it names no one in particular. */
	if (everyone) {
		const char *all = l10n_label(&c->kit, "label.everyone");
		if (!all || buf_puts(&names, all) < 0)
			goto fail;
	}
	for (i = 0; !everyone && i < c->p->nassignments; i++) {
		const struct assignment *a = &c->p->assignments[i];
		const struct person *pp;
		if (strcmp(a->role, id) != 0 || !(pp = profile_person(c->p, a->person)))
			continue;
		if (l10n_join_add(&c->kit, &names, derive_text(c, &pp->name)) < 0 ||
		    value_list_push(holders, derive_person_view(c, pp)) < 0)
			goto fail;
	}
	if (value_map_set_string(v, "id", id) < 0 ||
	    value_map_set_string(v, "name", name) < 0 ||
	    value_map_set_string(v, "duty", duty) < 0 ||
	    value_map_set_bool(v, "vacant", !everyone && value_list_len(holders) == 0) < 0 ||
	    value_map_set_string(v, "holders_text", names.len ? buf_str(&names) : NULL) < 0 ||
	    value_map_set(v, "holders", holders) < 0)
		goto fail_v;
	holders = NULL;
	if (value_map_set_bool(v, "custom", custom) < 0 ||
	    value_map_set_string(v, "reports_to",
				 reports_to ? derive_role_name(c, reports_to) : NULL) < 0)
		goto fail_v;
	buf_free(&names);
	return v;
fail:
	value_free(holders);
fail_v:
	value_free(v);
	buf_free(&names);
	return NULL;
}

/* The roles in the matrix's order: built-in, the profile's own, then the
 * roles of all staff. */
static struct value *roles_view(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < c->raci->nroles; i++) {
		const struct raci_role *r = &c->raci->roles[i];
		const char *name, *duty;
		if (r->def) {
			name = derive_text(c, &r->def->name);
			duty = derive_text(c, &r->def->duties);
		} else {
			name = l10n_labelf(&c->kit, "role.%s.name", r->id);
			if (!(duty = l10n_labelf(&c->kit, "role.%s.duty", r->id)))
				goto fail;
		}
		if (!name || value_list_push(list, role_view(c, r->id, name, duty, r->reports_to,
							     r->def != NULL, r->everyone)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

static struct value *supplier_names_for(struct ctx *c, const char *product)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < c->p->nsuppliers; i++) {
		const struct supplier *s = &c->p->suppliers[i];
		if (strlist_has(&s->products, product) && l10n_join_add(&c->kit, &b, derive_text(c, &s->name)) < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

static struct value *product_view(struct ctx *c, const struct product *pr)
{
	struct value *v = value_map();

	if (!v || value_map_set_string(v, "id", pr->id) < 0 ||
	    value_map_set_string(v, "name", derive_text(c, &pr->name)) < 0 ||
	    value_map_set_string(v, "model", pr->model) < 0 ||
	    value_map_set_string(v, "category", l10n_word(&c->kit, "category", pr->category)) < 0 ||
	    value_map_set(v, "connectivity", joined_labels(c, &pr->connectivity, "connectivity")) < 0 ||
	    value_map_set(v, "interfaces", joined_labels(c, &pr->interfaces, "interfaces")) < 0 ||
	    value_map_set(v, "data", joined_labels(c, &pr->data, "data")) < 0 ||
	    value_map_set(v, "customers", joined_labels(c, &pr->customers, "customers")) < 0 ||
	    value_map_set(v, "support_until", derive_format_iso(c, pr->support_until)) < 0 ||
	    value_map_set(v, "sales_until", derive_format_iso(c, pr->sales_until)) < 0 ||
	    value_map_set(v, "markets", joined_labels(c, &pr->markets, "markets")) < 0 ||
	    value_map_set_string(v, "intended_users", derive_text(c, &pr->intended_users)) < 0 ||
	    value_map_set_string(v, "use_cases", derive_text(c, &pr->use_cases)) < 0 ||
	    value_map_set(v, "suppliers_text", supplier_names_for(c, pr->id)) < 0 ||
	    derive_product_details(c, pr, v) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

/* A country by its name in the language (label.country.<code>) when the
 * catalogues have one, else by its ISO 3166 code; NULL for NULL. */
static const char *country_name(struct ctx *c, const char *code)
{
	char id[64];

	if (!code)
		return NULL;
	snprintf(id, sizeof(id), "label.country.%s", code);
	return messages_raw(c->msgs, id) ? l10n_label(&c->kit, id) : code;
}

static struct value *supplier_view(struct ctx *c, const struct supplier *s)
{
	struct value *v = value_map();
	struct buf b = BUF_INIT;
	size_t i, j;

	if (!v)
		goto fail;
	for (i = 0; i < s->products.n; i++)
		for (j = 0; j < c->p->nproducts; j++)
			if (strcmp(c->p->products[j].id, s->products.v[i]) == 0 &&
			    l10n_join_add(&c->kit, &b, derive_text(c, &c->p->products[j].name)) < 0)
				goto fail;
	if (value_map_set_string(v, "id", s->id) < 0 ||
	    value_map_set_string(v, "name", derive_text(c, &s->name)) < 0 ||
	    value_map_set_string(v, "scope", derive_text(c, &s->scope)) < 0 ||
	    value_map_set_string(v, "email", s->email) < 0 ||
	    value_map_set_string(v, "country", country_name(c, s->country)) < 0 ||
	    value_map_set_string(v, "products", b.len ? buf_str(&b) : NULL) < 0)
		goto fail;
	buf_free(&b);
	return v;
fail:
	value_free(v);
	buf_free(&b);
	return NULL;
}

static struct value *vuln_view(struct ctx *c)
{
	const struct vuln_handling *h = &c->p->vuln;
	struct value *v = value_map();

	if (!v)
		return NULL;
	if (value_map_set_string(v, "email", h->email) < 0 ||
	    value_map_set_string(v, "url", h->url) < 0 ||
	    value_map_set_string(v, "policy_url", h->policy_url) < 0 ||
	    value_map_set_number(v, "acknowledge_days", h->acknowledge_days) < 0 ||
	    value_map_set_number(v, "triage_days", h->triage_days) < 0 ||
	    value_map_set_number(v, "fix_days", h->fix_days) < 0 ||
	    value_map_set(v, "acknowledge", derive_format_count(c, "format.business-days", h->acknowledge_days)) < 0 ||
	    value_map_set(v, "triage", derive_format_count(c, "format.business-days", h->triage_days)) < 0 ||
	    value_map_set(v, "fix", derive_format_count(c, "format.calendar-days", h->fix_days)) < 0 ||
	    value_map_set(v, "target_critical", derive_format_count(c, "format.calendar-days",
								  h->fix_targets[0])) < 0 ||
	    value_map_set(v, "target_low", derive_format_count(c, "format.calendar-days",
							     h->fix_targets[3])) < 0 ||
	    value_map_set(v, "languages", joined_labels(c, &h->languages, "languages")) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

/* The holders of role, joined (roles[].holders_text), or null: the
 * PSIRT as the handouts name it, every member. */
static struct value *role_holders_text(const struct value *view, const char *role)
{
	const struct value *roles = value_map_get(view, "roles");
	size_t i;

	for (i = 0; i < value_list_len(roles); i++) {
		const struct value *r = value_list_at(roles, i);
		if (strcmp(value_get_string(value_map_get(r, "id")), role) == 0)
			return value_copy(value_map_get(r, "holders_text"));
	}
	return value_null();
}

static struct value *company_view(struct ctx *c)
{
	const struct company *co = &c->p->company;
	const char *name = derive_text(c, &co->name);
	const char *other = NULL;
	struct value *v = value_map();
	size_t i;

	for (i = 0; i < co->name.n; i++)
		if (strcmp(co->name.v[i].lang, c->lang) != 0 &&
		    strcmp(co->name.v[i].text, name) != 0) {
			other = co->name.v[i].text;
			break;
		}
	if (!v || value_map_set_string(v, "name", name) < 0 ||
	    value_map_set_string(v, "other_name", other) < 0 ||
	    value_map_set_string(v, "address", derive_text(c, &co->address)) < 0 ||
	    value_map_set_string(v, "website", co->website) < 0 ||
	    value_map_set(v, "employees", co->employees > 0 ? value_number((double)co->employees)
							    : value_null()) < 0 ||
	    value_map_set_string(v, "code", co->code) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

static const char *next_iso(struct date d, char out[16])
{
	snprintf(out, 16, "%04d-%02d-%02d", d.y, d.m, d.d);
	return out;
}

/* The header of a document whose newest revision is the profile's
 * revision rev: its number and effective date; the next review, which
 * is the whole set's (every document is reviewed with the policy). */
static struct value *doc_view(struct ctx *c, size_t rev)
{
	const char *set_iso = profile_effective_date(c->p);
	const char *iso = rev < c->p->nrevisions && c->p->revisions[rev].date
				  ? c->p->revisions[rev].date : set_iso;
	struct value *v = value_map();
	struct date dt, set;
	char iso_next[16];

	if (!v)
		return NULL;
	if (!iso || date_parse(iso, &dt) < 0 || date_parse(set_iso, &set) < 0) {
		diag_error(c->d, c->p->path, 0, 0,
			   "the profile needs a <revision> with a date (the documents' effective date)");
		sp_fail(&c->kit.status, SP_EINPUT);
		value_free(v);
		return NULL;
	}
	if (value_map_set_string(v, "revision", rev < c->p->nrevisions
			? c->p->revisions[rev].number : "1.0") < 0 ||
	    value_map_set(v, "date", derive_format_date(c, dt)) < 0 ||
	    value_map_set_string(v, "iso_date", iso) < 0 ||
	    value_map_set(v, "next_review", derive_format_date(c, date_add_months(set, c->p->review_months))) < 0 ||
	    value_map_set_string(v, "next_review_iso", next_iso(date_add_months(set, c->p->review_months), iso_next)) < 0 ||
	    value_map_set_string(v, "classification", derive_text(c, &c->p->company.classification)) < 0 ||
	    value_map_set_number(v, "review_months", c->p->review_months) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

/* Whether the list of a revision's changes= or adds= names document id
 * (of item, or NULL): the id alone (the document, or every sheet of that
 * kind) or id:item. */
static bool names_document(const struct strlist *l, const char *id, const char *item)
{
	size_t i, n = strlen(id);

	for (i = 0; i < l->n; i++) {
		const char *w = l->v[i];
		if (strncmp(w, id, n) != 0)
			continue;
		if (w[n] == '\0' || (item && w[n] == ':' && strcmp(w + n + 1, item) == 0))
			return true;
	}
	return false;
}

/* A document's number: the company code upper-cased, "SEC", the
 * catalogue's number, and an item's id (AKB-SEC-06-nc-200). */
static void doc_number(struct ctx *c, const struct catalog_document *d, const char *item,
		       char out[160])
{
	char code[32];
	const char *src = c->p->company.code ? c->p->company.code : "doc";
	size_t j;

	for (j = 0; src[j] && j + 1 < sizeof(code); j++)
		code[j] = (src[j] >= 'a' && src[j] <= 'z') ? (char)(src[j] - 'a' + 'A') : src[j];
	code[j] = '\0';
	snprintf(out, 160, "%s-SEC-%s%s%s", code, d->number, item ? "-" : "", item ? item : "");
}

static struct value *numbers_view(struct ctx *c)
{
	struct value *v = value_map();
	size_t i, j;

	if (!v)
		return NULL;
	for (i = 0; i < c->cat->ndocuments; i++) {
		char num[160], key[64];
		doc_number(c, &c->cat->documents[i], NULL, num);
		/* "vulnerability-policy" as numbers.vulnerability_policy, like the
		 * view's other keys. */
		snprintf(key, sizeof(key), "%s", c->cat->documents[i].id);
		for (j = 0; key[j]; j++)
			if (key[j] == '-')
				key[j] = '_';
		if (value_map_set_string(v, key, num) < 0) {
			value_free(v);
			return NULL;
		}
	}
	return v;
}

/* The approval that covers document id (of item): one whose documents=
 * names it, else the set's; NULL when there is none (a draft). */
const struct approval *derive_approval_of(const struct profile *p, const char *id,
					  const char *item)
{
	size_t i;

	for (i = 0; i < p->napprovals; i++)
		if (names_document(&p->approvals[i].documents, id, item))
			return p->approvals[i].person && p->approvals[i].date ? &p->approvals[i] : NULL;
	return p->approval.person && p->approval.date ? &p->approval : NULL;
}

/* A line of the cover: { label, value, iso }; takes value. */
static int add_field(struct ctx *c, struct value *fields, const char *label_id,
		     struct value *value, const char *iso)
{
	struct value *f = value_map();

	if (!value || value_list_push(fields, f) < 0 ||
	    value_map_set_string(f, "label", l10n_label(&c->kit, label_id)) < 0 ||
	    value_map_set_string(f, "iso", iso) < 0) {
		value_free(value);
		return -1;
	}
	return value_map_set(f, "value", value);
}

/* A column of the sign-off block: { label, title, name, date }, the last
 * three null where the block is signed by hand. */
static int add_step(struct ctx *c, struct value *steps, const char *label_id,
		    const char *title, const char *name, const char *iso)
{
	struct value *st = value_map();

	return value_list_push(steps, st) < 0 ||
	       value_map_set_string(st, "label", l10n_label(&c->kit, label_id)) < 0 ||
	       value_map_set_string(st, "title", title) < 0 ||
	       value_map_set_string(st, "name", name) < 0 ||
	       value_map_set(st, "date", iso ? derive_format_iso(c, iso) : value_null()) < 0 ? -1 : 0;
}

static int add_person_step(struct ctx *c, struct value *steps, const char *label_id,
			   const struct person *who, const char *iso)
{
	return add_step(c, steps, label_id, who ? derive_text(c, &who->title) : NULL,
			who ? derive_text(c, &who->name) : NULL, iso);
}

/* "Prepared": whoever holds a role responsible for d's prepared-by
 * activity (one person with their title; several by name), else the
 * author of the newest revision. */
static int add_preparer(struct ctx *c, struct value *steps, const struct catalog_document *d,
			const struct revision *newest)
{
	const struct raci_matrix *m = c->raci;
	long row = d->prepared_by ? raci_row_index(m, d->prepared_by) : -1;
	struct buf b = BUF_INIT;
	size_t col, k, n = 0, only = 0;
	struct value *names;
	int rc;

	for (col = 0; row >= 0 && col < m->nroles; col++) {
		if (m->roles[col].everyone || !(m->rows[row].cells[col] & RACI_R))
			continue;
		for (k = 0; k < m->roles[col].npeople; k++) {
			size_t who = m->roles[col].people[k], seen;
			for (seen = 0; seen < col && !raci_holds(m, seen, who); seen++)
				;
			if (seen < col && (m->rows[row].cells[seen] & RACI_R) && !m->roles[seen].everyone)
				continue; /* named already, under another role */
			only = who, n++;
			if (l10n_join_add(&c->kit, &b, derive_text(c, &c->p->people[who].name)) < 0)
				return -1;
		}
	}
	if (n == 0) {
		buf_free(&b);
		return add_person_step(c, steps, "doc.signoff.prepared",
				       profile_person(c->p, newest->author), NULL);
	}
	if (n == 1) {
		buf_free(&b);
		return add_person_step(c, steps, "doc.signoff.prepared", &c->p->people[only], NULL);
	}
	names = derive_join_value(&b);
	rc = names ? add_step(c, steps, "doc.signoff.prepared", NULL, value_get_string(names), NULL)
		   : -1;
	value_free(names);
	return rc;
}

/* A message over { n: text }: format.hours, training.freq.within, and
 * the revision number as format.version ("第1.1版", "1.1") and
 * doc.version-line ("第1.1版", "Revision 1.1") write it. */
struct value *derive_format_n(struct ctx *c, const char *id, const char *n)
{
	struct value *data = value_map();

	if (!data || value_map_set_string(data, "n", n) < 0) {
		value_free(data);
		return NULL;
	}
	return derive_format_text(c, id, data);
}

/* The name of the person id, or NULL. */
static const char *name_of(struct ctx *c, const char *id)
{
	const struct person *pp = profile_person(c->p, id);

	return pp ? derive_text(c, &pp->name) : NULL;
}

/* What the cover of document d (of item) shows and who signs it off, by
 * its kind (documents.xml), into doc: fields, steps, number, version,
 * version_line (none for a public document, whose footer shows only
 * its pages), draft, approver. entry is the revision that first issued
 * it, last the newest that changed it. */
static int header_view(struct ctx *c, const struct catalog_document *d, const char *item,
		       size_t entry, size_t last, struct value *doc)
{
	const struct profile *p = c->p;
	const struct approval *a = derive_approval_of(p, d->history_of ? d->history_of : d->id, item);
	const struct revision *first = &p->revisions[entry], *newest = &p->revisions[last];
	struct value *fields = value_list(), *steps = value_list();
	char number[160];
	bool rule = strcmp(d->kind, "rule") == 0, plan = strcmp(d->kind, "plan") == 0;
	bool sheet = strcmp(d->kind, "sheet") == 0, public = strcmp(d->kind, "public") == 0;
	bool changed = last != entry;
	int bad = value_map_set(doc, "fields", fields) < 0 || value_map_set(doc, "steps", steps) < 0;

	doc_number(c, d, item, number);
	bad = bad || value_map_set_string(doc, "number", number) < 0 ||
	      value_map_set(doc, "version", derive_format_n(c, "format.version", newest->number)) < 0 ||
	      value_map_set(doc, "version_line", public ? value_null()
				: derive_format_n(c, "doc.version-line", newest->number)) < 0 ||
	      value_map_set_bool(doc, "draft", !a) < 0 ||
	      value_map_set_bool(doc, "has_steps", rule || plan) < 0 ||
	      value_map_set_string(doc, "approver", a ? name_of(c, a->person) : NULL) < 0;
	if (!bad && public)
		bad = add_field(c, fields, "doc.label.published", derive_format_iso(c, first->date),
				first->date) < 0 ||
		      (changed && add_field(c, fields, "doc.label.updated",
					    derive_format_iso(c, newest->date), newest->date) < 0);
	if (bad || public)
		return bad ? -1 : 0;
	bad = add_field(c, fields, "doc.label.number", value_string(number), NULL) < 0;
	if (!bad && (rule || plan))
		bad = add_field(c, fields, "doc.label.revision",
				value_copy(value_map_get(doc, "version")), NULL) < 0 ||
		      add_field(c, fields, rule ? "doc.label.established" : "doc.label.prepared",
				derive_format_iso(c, first->date), first->date) < 0 ||
		      (changed && add_field(c, fields, rule ? "doc.label.amended" : "doc.label.revised",
					    derive_format_iso(c, newest->date), newest->date) < 0) ||
		      (rule && add_field(c, fields, a ? "doc.label.date" : "doc.label.planned-date",
					 derive_format_iso(c, newest->date), newest->date) < 0);
	if (!bad && sheet)
		bad = add_field(c, fields, "doc.label.issued", derive_format_iso(c, newest->date),
				newest->date) < 0;
	if (!bad && p->company.classification.n)
		bad = add_field(c, fields, "doc.label.classification",
				value_string(derive_text(c, &p->company.classification)), NULL) < 0;
	if (!bad && (rule || plan))
		bad = add_field(c, fields, "doc.label.next-review",
				value_copy(value_map_get(doc, "next_review")),
				value_get_string(value_map_get(doc, "next_review_iso"))) < 0;
	if (!bad && sheet) {
		/* Sheets and handouts are issued by the product security
		 * manager, who plans the training (activities.xml). */
		const char *name = value_get_string(value_map_get(value_map_get(c->view,
						"security_manager"), "name"));
		bad = name && add_field(c, fields, "doc.label.issuer", value_string(name), NULL) < 0;
	}
	if (bad || sheet)
		return bad ? -1 : 0;
	/* Approved, reviewed (when the approval names a reviewer, or to be
	 * filled in on a draft), prepared: as a Japanese seal block reads. */
	return add_person_step(c, steps, "doc.signoff.approved",
			       a ? profile_person(p, a->person) : NULL, a ? a->date : NULL) < 0 ||
	       ((!a || a->reviewer) &&
		add_person_step(c, steps, "doc.signoff.reviewed",
				a ? profile_person(p, a->reviewer) : NULL, NULL) < 0) ||
	       add_preparer(c, steps, d, newest) < 0 ? -1 : 0;
}

/* What revision r changed in document id (of item): the summary of a
 * <change> that names it, else the revision's. */
static const struct ltext *own_summary(const struct revision *r, const char *id,
				       const char *item)
{
	size_t i;

	for (i = 0; i < r->ndoc_changes; i++)
		if (names_document(&r->doc_changes[i].documents, id, item))
			return &r->doc_changes[i].summary;
	return &r->summary;
}

struct value *derive_language_view(struct ctx *c, bool only)
{
	const char *original = c->p->company.authoritative ? c->p->company.authoritative : "ja";
	bool translation = strcmp(c->lang, original) != 0;
	struct value *v = value_map(), *data = value_map();

	if (!v || !data ||
	    value_map_set_string(data, "original", l10n_word(&c->kit, "languages", original)) < 0 ||
	    value_map_set_string(v, "label", l10n_label(&c->kit, "doc.label.language")) < 0 ||
	    value_map_set_bool(v, "translation", translation) < 0 ||
	    value_map_set_string(v, "original", l10n_word(&c->kit, "languages", original)) < 0 ||
	    value_map_set(v, "value", derive_format_text(c, only ? "doc.language.only"
								 : translation ? "doc.language.translation"
									       : "doc.language.original",
							 value_copy(data))) < 0) {
		value_free(data);
		value_free(v);
		return NULL;
	}
	value_free(data);
	return v;
}

/* One document's own history: { doc, revisions }. It starts at the
 * revision whose adds= names it (else the first) and holds, after that,
 * only the revisions that changed it: those whose changes= names it, and
 * full editions (neither changes= nor adds=). Its number and date are
 * those of the newest it holds; doc also holds its cover (header_view).
 * A document with history-of= keeps that one's history. */
static struct value *history_view(struct ctx *c, const struct catalog_document *d,
				  const char *item, bool only)
{
	const struct profile *p = c->p;
	const char *id = d->history_of ? d->history_of : d->id;
	struct value *h = value_map(), *list = value_list(), *doc;
	size_t i, entry = 0, last = 0;
	bool added = false;

	if (!h || value_map_set(h, "revisions", list) < 0)
		goto fail;
	for (i = 0; i < p->nrevisions && !added; i++)
		if (names_document(&p->revisions[i].adds, id, item))
			entry = i, added = true;
	for (i = entry; i < p->nrevisions; i++) {
		const struct revision *r = &p->revisions[i];
		struct value *v;
		if (i != entry && (r->changes.n || r->adds.n) && !names_document(&r->changes, id, item))
			continue;
		v = value_map();
		if (value_list_push(list, v) < 0 ||
		    value_map_set(v, "number", derive_format_n(c, "format.version", r->number)) < 0 ||
		    value_map_set(v, "date", derive_format_iso(c, r->date)) < 0 ||
		    value_map_set_string(v, "author", name_of(c, r->author)) < 0 ||
		    value_map_set_string(v, "summary", i == entry && added
				? l10n_label(&c->kit, "doc.revisions.first-issue")
				: derive_text(c, own_summary(r, id, item))) < 0)
			goto fail;
		last = i;
	}
	if (value_map_set(h, "doc", doc = doc_view(c, last)) < 0 ||
	    (p->nrevisions && header_view(c, d, item, entry, last, doc) < 0) ||
	    value_map_set(doc, "language", derive_language_view(c, only)) < 0)
		goto fail;
	return h;
fail:
	value_free(h);
	return NULL;
}

/* Each document's history: view.histories.<id> for a single document,
 * item.histories.<id> for one of a list's; the policy's header as
 * policy_doc (a staff sheet names the revision of the policy it
 * acknowledges). */
static int histories(struct ctx *c, struct value *view)
{
	struct value *all = value_map();
	size_t i, k;

	c->view = view;
	if (value_map_set(view, "histories", all) < 0)
		return -1;
	for (i = 0; i < c->cat->ndocuments; i++) {
		const struct catalog_document *d = &c->cat->documents[i];
		struct value *list = d->each ? value_map_get(view, d->each) : NULL;
		bool advisory = strcmp(d->kind, "advisory") == 0;
		if (!d->each && value_map_set(all, d->id, history_view(c, d, NULL, false)) < 0)
			return -1;
		for (k = 0; k < value_list_len(list); k++) {
			struct value *item = value_list_at(list, k), *mine;
			if (!(mine = value_map_get(item, "histories")) &&
			    value_map_set(item, "histories", mine = value_map()) < 0)
				return -1;
			const char *id = value_get_string(value_map_get(item, "id"));
			/* An item with a language is written in that one only
			 * (a staff sheet in its holder's, the CRA forms in
			 * English): it is a translation of nothing. */
			bool only = value_get_string(value_map_get(item, "lang")) != NULL;
			if (value_map_set(mine, d->id, advisory ? derive_advisory_history(c, id)
								: history_view(c, d, id, only)) < 0)
				return -1;
		}
	}
	return value_map_set(view, "policy_doc",
			     value_copy(value_map_get(value_map_get(all, "policy"), "doc")));
}

static struct value *approval_view(struct ctx *c)
{
	const struct person *pp = profile_person(c->p, c->p->approval.person);
	struct value *v;

	if (!pp || !c->p->approval.date)
		return value_null();
	v = value_map();
	if (!v || value_map_set_string(v, "name", derive_text(c, &pp->name)) < 0 ||
	    value_map_set_string(v, "title", derive_text(c, &pp->title)) < 0 ||
	    value_map_set(v, "date", derive_format_iso(c, c->p->approval.date)) < 0) {
		value_free(v);
		return NULL;
	}
	return v;
}

enum names { PRODUCTS, SUPPLIERS };

/* The products' or the suppliers' names, joined; null when none. */
static struct value *names_of(struct ctx *c, enum names which)
{
	struct buf b = BUF_INIT;
	size_t i, n = which == PRODUCTS ? c->p->nproducts : c->p->nsuppliers;

	for (i = 0; i < n; i++) {
		const struct ltext *t = which == PRODUCTS ? &c->p->products[i].name
							  : &c->p->suppliers[i].name;
		if (l10n_join_add(&c->kit, &b, derive_text(c, t)) < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

int derive_ctx_features(struct ctx *c)
{
	size_t i;

	if (!(c->features = calloc(c->p->nproducts + 1, sizeof(*c->features))))
		return -1;
	for (i = 0; i < c->p->nproducts; i++)
		requirements_features(c->cat, c->p, &c->p->products[i], &c->features[i]);
	return 0;
}

const struct req_features *derive_features(const struct ctx *c, const struct product *pr)
{
	return &c->features[pr - c->p->products];
}

bool derive_any_product(const struct ctx *c, const char *word)
{
	size_t i;

	for (i = 0; i < c->p->nproducts; i++)
		if (requirements_has(&c->features[i], word))
			return true;
	return false;
}

struct value *derive_view(const struct profile *p, const struct catalog *cat,
			  const struct messages *msgs, const char *lang,
			  struct diag *d)
{
	struct ctx c = { .p = p, .cat = cat, .msgs = msgs, .lang = lang, .d = d,
			 .kit = l10n_kit(msgs, cat, p->path, d) };
	struct value *view = value_map(), *list = NULL, *approval;
	static const char *const market_keys[][2] = { { "JP", "jp" }, { "EU", "eu" },
						       { "UK", "uk" }, { "US", "us" } };
	int markets[4] = { 0 };
	size_t i, j;

	c.raci = raci_build(p, cat);
	c.tests_used = calloc(cat->requirements->ntests + 1, 1);
	if (!c.raci || !c.tests_used || derive_ctx_features(&c) < 0 || !view || value_map_set_string(view, "lang", lang) < 0 ||
	    value_map_set(view, "company", company_view(&c)) < 0 ||
	    value_map_set(view, "doc", doc_view(&c, p->nrevisions ? p->nrevisions - 1 : 0)) < 0 ||
	    value_map_set(view, "numbers", numbers_view(&c)) < 0 ||
	    value_map_set(view, "executive", holder(&c, "executive")) < 0 ||
	    value_map_set(view, "security_manager", holder(&c, "security-manager")) < 0 ||
	    value_map_set(view, "psirt", holder(&c, "psirt")) < 0)
		goto fail;
	if (value_map_set_borrowed(view, "risk_line", l10n_labelf(&c.kit, "label.risk-line.%s",
								   p->risk_line ? "medium" : "low")) < 0)
		goto fail;
	approval = approval_view(&c);
	if (!approval || value_map_set_bool(view, "draft", value_type(approval) == VALUE_NULL) < 0 ||
	    value_map_set(view, "approval", approval) < 0)
		goto fail;

	if (!(list = value_list()))
		goto fail;
	for (i = 0; i < p->npeople; i++)
		if (value_list_push(list, derive_person_view(&c, &p->people[i])) < 0)
			goto fail;
	if (value_map_set(view, "people", list) < 0)
		goto fail_nolist;
	list = NULL;
	if (value_map_set(view, "roles", roles_view(&c)) < 0 ||
	    value_map_set(view, "org", derive_org_view(&c)) < 0 ||
	    value_map_set(view, "psirt_names", role_holders_text(view, "psirt")) < 0)
		goto fail;

	if (!(list = value_list()))
		goto fail;
	for (i = 0; i < p->nproducts; i++) {
		for (j = 0; j < 4; j++)
			markets[j] |= strlist_has(&p->products[i].markets, market_keys[j][0]);
		if (value_list_push(list, product_view(&c, &p->products[i])) < 0)
			goto fail;
	}
	if (value_map_set(view, "products", list) < 0)
		goto fail_nolist;
	list = NULL;
	list = value_map();
	if (value_map_set_bool(view, "has_products", p->nproducts > 0) < 0 ||
	    value_map_set(view, "markets", list) < 0)
		goto fail_nolist;
	for (j = 0; j < 4; j++)
		if (value_map_set_bool(list, market_keys[j][1], markets[j]) < 0)
			goto fail_nolist;
	if (derive_laws_view(&c, view) < 0)
		goto fail_nolist;

	if (!(list = value_list()))
		goto fail;
	for (i = 0; i < p->nsuppliers; i++)
		if (value_list_push(list, supplier_view(&c, &p->suppliers[i])) < 0)
			goto fail;
	if (value_map_set(view, "suppliers", list) < 0)
		goto fail_nolist;
	list = NULL;
	if (value_map_set_bool(view, "has_suppliers", p->nsuppliers > 0) < 0 ||
	    value_map_set(view, "vuln", vuln_view(&c)) < 0 ||
	    value_map_set(view, "verification", derive_verification_view(&c)) < 0 ||
	    value_map_set(view, "disclosure", derive_disclosure_view(&c)) < 0 ||
	    value_map_set(view, "advisories", derive_advisories_view(&c)) < 0 ||
	    value_map_set(view, "cra_forms", derive_cra_forms_view(&c)) < 0 ||
	    value_map_set(view, "revisions", value_list()) < 0)
		goto fail_nolist;
	if (value_map_set(view, "vh", derive_psirt_view(&c, view)) < 0)
		goto fail_nolist;
	if (value_map_set(view, "products_text", names_of(&c, PRODUCTS)) < 0 ||
	    value_map_set(view, "suppliers_text", names_of(&c, SUPPLIERS)) < 0 ||
	    l10n_failed(&c.kit) || derive_training_view(&c, view) < 0 || histories(&c, view) < 0)
		goto fail_nolist;
	if (l10n_failed(&c.kit))
		goto fail_nolist;
	raci_free(c.raci);
	free(c.tests_used);
	free(c.features);
	return view;
fail:
	value_free(list);
fail_nolist:
	if (!l10n_failed(&c.kit) && d->errors == 0)
		diag_error(d, p->path, 0, 0, "out of memory while preparing the documents");
	else if (!l10n_failed(&c.kit))
		diag_error(d, p->path, 0, 0, "cannot prepare the documents");
	raci_free(c.raci);
	free(c.tests_used);
	free(c.features);
	value_free(view);
	return NULL;
}

struct value *derive_report(const struct profile *p, const struct catalog *cat,
			    const struct messages *msgs, const char *lang, struct diag *d)
{
	struct ctx c = { .p = p, .cat = cat, .msgs = msgs, .lang = lang, .d = d,
			 .kit = l10n_kit(msgs, cat, p->path, d) };
	struct value *view = derive_view(p, cat, msgs, lang, d), *rep = NULL;

	if (!view)
		return NULL;
	c.raci = raci_build(p, cat);
	if (!c.raci || derive_ctx_features(&c) < 0 || derive_report_view(&c, view, &rep) < 0 ||
	    value_map_set(rep, "lang", value_copy(value_map_get(view, "lang"))) < 0 ||
	    value_map_set(rep, "company", value_copy(value_map_get(view, "company"))) < 0 ||
	    value_map_set(rep, "doc", value_copy(value_map_get(view, "doc"))) < 0 ||
	    value_map_set(rep, "draft", value_copy(value_map_get(view, "draft"))) < 0 ||
	    value_map_set(rep, "approval", value_copy(value_map_get(view, "approval"))) < 0) {
		if (d->errors == 0)
			diag_error(d, p->path, 0, 0, "cannot prepare the report");
		value_free(rep);
		rep = NULL;
	}
	raci_free(c.raci);
	free(c.tests_used);
	free(c.features);
	value_free(view);
	return rep;
}
