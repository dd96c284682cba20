/* derive_org.c - the organisation document's part of the view: the chart,
 * the responsibility matrix, each role's duties, the contact list and
 * what the matrix's rules found (raci.h), in the view's language. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "derive/derive.h"
#include "derive/derive_private.h"
#include "model/requirements.h"

/* The letters of a cell as printed: "A", "R", "A/R", "C", "I", or "". */
static void cell_letters(unsigned raci, char out[16])
{
	static const struct {
		unsigned bit;
		const char *letter;
	} order[] = { { RACI_A, "A" }, { RACI_R, "R" }, { RACI_C, "C" }, { RACI_I, "I" } };
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (raci & order[i].bit)
			n += (size_t)snprintf(out + n, 16 - n, "%s%s", n ? "/" : "", order[i].letter);
}

static const char *activity_message(struct ctx *c, const char *id, const char *part)
{

	return l10n_labelf(&c->kit, "activity.%s.%s", id, part);
}

static const char *measure_name(struct ctx *c, int measure)
{

	return l10n_labelf(&c->kit, "org.measure.%d", measure);
}

/* Adds text to the joined list b, as the message id over { k1: text,
 * k2: v2 } when id is given (k2 may be NULL). */
static int join_as(struct ctx *c, struct buf *b, const char *id, const char *k1,
		   const char *text, const char *k2, const char *v2)
{
	struct value *data, *marked;
	int rc;

	if (!id)
		return l10n_join_add(&c->kit, b, text);
	data = value_map();
	if (!data || value_map_set_string(data, k1, text) < 0 ||
	    (k2 && value_map_set_string(data, k2, v2) < 0)) {
		value_free(data);
		return -1;
	}
	if (!(marked = derive_format_text(c, id, data)))
		return -1;
	rc = l10n_join_add(&c->kit, b, value_get_string(marked));
	value_free(marked);
	return rc;
}

/* Names of the people who hold column col, joined, the lead marked
 * (org.holder.lead); for an everyone role the label "all staff"; NULL
 * when vacant. */
static struct value *holders_text(struct ctx *c, size_t col)
{
	const struct raci_role *r = &c->raci->roles[col];
	struct buf b = BUF_INIT;
	size_t i;

	if (r->everyone) {
		const char *all = l10n_label(&c->kit, "label.everyone");
		return all ? value_string(all) : NULL; /* missing: reported */
	}
	for (i = 0; i < r->npeople; i++)
		if (join_as(c, &b, i == r->lead && r->npeople > 1 ? "org.holder.lead" : NULL, "name",
			    derive_text(c, &c->p->people[r->people[i]].name), NULL, NULL) < 0)
			return NULL;
	return derive_join_value(&b);
}

/* Who stands in for each holder of column col (raci_deputy), joined; with
 * several holders each as org.deputy.for ("Kenta Suzuki (for Misaki
 * Sato)"); null when nobody does. */
static struct value *deputies_text(struct ctx *c, size_t col)
{
	const struct raci_role *r = &c->raci->roles[col];
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; !r->everyone && i < r->npeople; i++)
		if (r->deputies[i] != RACI_NOBODY &&
		    join_as(c, &b, r->npeople > 1 ? "org.deputy.for" : NULL, "deputy",
			    derive_text(c, &c->p->people[r->deputies[i]].name), "person",
			    derive_text(c, &c->p->people[r->people[i]].name)) < 0)
			return NULL;
	return derive_join_value(&b);
}

static struct value *emails_text(struct ctx *c, size_t col)
{
	const struct raci_role *r = &c->raci->roles[col];
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; !r->everyone && i < r->npeople; i++) {
		const char *email = c->p->people[r->people[i]].email;
		if (email && l10n_join_add(&c->kit, &b, email) < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

static long column_of(struct ctx *c, const char *role)
{
	size_t i;

	for (i = 0; i < c->raci->nroles; i++)
		if (strcmp(c->raci->roles[i].id, role) == 0)
			return (long)i;
	return -1;
}

static struct value *text_lines(struct value *lines, const char *s)
{
	struct value *l = value_map();

	if (!l || value_map_set_string(l, "text", s) < 0 || value_list_push(lines, l) < 0)
		return NULL;
	return lines;
}

/* A box of the chart: { id, parent, title, lines: [ { text } ] }. */
static struct value *chart_box(const char *prefix, const char *id, const char *parent,
			       const char *title)
{
	struct value *b = value_map();
	char bid[96], pid[96];

	snprintf(bid, sizeof(bid), "%s%s", prefix, id);
	snprintf(pid, sizeof(pid), "%s%s", prefix, parent ? parent : "");
	if (!b || value_map_set_string(b, "id", bid) < 0 ||
	    value_map_set_string(b, "parent", parent ? pid : NULL) < 0 ||
	    value_map_set_string(b, "title", title) < 0 ||
	    value_map_set(b, "lines", value_list()) < 0) {
		value_free(b);
		return NULL;
	}
	return b;
}

/* "Contact: PSIRT" under a box drawn apart. */
static int add_contact_line(struct ctx *c, struct value *box, const char *role)
{
	struct value *data = value_map(), *line;

	if (!data || value_map_set_string(data, "role", derive_role_name(c, role)) < 0) {
		value_free(data);
		return -1;
	}
	line = derive_format_text(c, "org.chart.contact", data);
	if (!line)
		return -1;
	if (!text_lines(value_map_get(box, "lines"), value_get_string(line))) {
		value_free(line);
		return -1;
	}
	value_free(line);
	return 0;
}

/* The roles' tree: every role but the everyone roles, a box each, under
 * the role it reports to (when that role is in the chart). */
static struct value *chart_roles(struct ctx *c)
{
	struct value *list = value_list();
	size_t i, k;

	if (!list)
		return NULL;
	for (i = 0; i < c->raci->nroles; i++) {
		const struct raci_role *r = &c->raci->roles[i];
		long up = r->reports_to ? column_of(c, r->reports_to) : -1;
		struct value *box, *lines;
		if (r->everyone)
			continue;
		box = chart_box("r-", r->id, up >= 0 ? r->reports_to : NULL,
				derive_role_name(c, r->id));
		if (!box || value_list_push(list, box) < 0)
			goto fail;
		lines = value_map_get(box, "lines");
		for (k = 0; k < r->npeople; k++)
			if (!text_lines(lines, derive_text(c, &c->p->people[r->people[k]].name)))
				goto fail;
		if (!r->npeople && !text_lines(lines, l10n_label(&c->kit, "label.vacant")))
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

static const char *contact_role(struct ctx *c, const char *contact)
{
	size_t i;

	for (i = 0; i < c->cat->ncontacts; i++)
		if (strcmp(c->cat->contacts[i].id, contact) == 0)
			return c->cat->contacts[i].role;
	return "security-manager";
}

static struct value *chart_suppliers(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < c->p->nsuppliers; i++) {
		const struct supplier *s = &c->p->suppliers[i];
		struct value *box = chart_box("s-", s->id, NULL, derive_text(c, &s->name));
		if (!box || value_list_push(list, box) < 0 ||
		    add_contact_line(c, box, contact_role(c, "suppliers")) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

static struct value *chart_parties(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < c->cat->nparties; i++) {
		const struct catalog_party *pt = &c->cat->parties[i];
		struct value *box;
		if (pt->when && !derive_any_product(c, pt->when))
			continue;
		box = chart_box("x-", pt->id, NULL, l10n_labelf(&c->kit, "party.%s.name", pt->id));
		if (!box || value_list_push(list, box) < 0 ||
		    add_contact_line(c, box, pt->contact) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* Columns of the matrix: roles with a letter in some row. */
static struct value *matrix_columns(struct ctx *c, struct buf *widths)
{
	struct value *list = value_list();
	size_t i;

	if (!list || buf_puts(widths, "9") < 0)
		goto fail;
	for (i = 0; i < c->raci->nroles; i++) {
		struct value *col;
		if (!c->raci->roles[i].in_matrix)
			continue;
		col = value_map();
		if (!col || value_list_push(list, col) < 0 ||
		    value_map_set_string(col, "name", derive_role_name(c, c->raci->roles[i].id)) < 0 ||
		    value_map_set(col, "holders", holders_text(c, i)) < 0 ||
		    buf_puts(widths, " 3") < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* The rows, grouped by measure: [ { number, name, activities: [ { name,
 * what, cells: [ { letters } ] } ] } ], measures without rows left out. */
static struct value *matrix_measures(struct ctx *c)
{
	struct value *list = value_list();
	int measure;
	size_t i, k;

	for (measure = 1; list && measure <= 6; measure++) {
		struct value *m = NULL, *acts = NULL;
		for (i = 0; i < c->raci->nrows; i++) {
			const struct raci_row *row = &c->raci->rows[i];
			struct value *a, *cells;
			if (row->activity->measure != measure)
				continue;
			if (!m) {
				if (!(m = value_map()) || value_list_push(list, m) < 0 ||
				    value_map_set(m, "activities", acts = value_list()) < 0 ||
				    value_map_set_number(m, "number", measure) < 0 ||
				    value_map_set_string(m, "name", measure_name(c, measure)) < 0)
					goto fail;
			}
			if (!(a = value_map()) || value_list_push(acts, a) < 0 ||
			    value_map_set(a, "cells", cells = value_list()) < 0 ||
			    value_map_set_string(a, "name", activity_message(c, row->activity->id, "name")) < 0 ||
			    value_map_set_string(a, "what", activity_message(c, row->activity->id, "what")) < 0)
				goto fail;
			for (k = 0; k < c->raci->nroles; k++) {
				struct value *cell;
				char letters[16];
				if (!c->raci->roles[k].in_matrix)
					continue;
				cell_letters(row->cells[k], letters);
				cell = value_map();
				if (!cell || value_list_push(cells, cell) < 0 ||
				    value_map_set_string(cell, "letters", letters) < 0)
					goto fail;
			}
		}
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* What one role does, by measure: [ { measure, items: [ { name, part } ] } ]
 * where part names its letters ("Accountable and responsible"). */
static struct value *role_duties(struct ctx *c, size_t col)
{
	static const struct {
		unsigned bits;
		const char *id;
	} parts[] = { { RACI_A | RACI_R, "org.part.ar" }, { RACI_A, "org.part.a" },
		      { RACI_R, "org.part.r" } };
	struct value *list = value_list();
	int measure;
	size_t i, k;

	for (measure = 1; list && measure <= 6; measure++) {
		struct value *m = NULL, *items = NULL;
		for (i = 0; i < c->raci->nrows; i++) {
			const struct raci_row *row = &c->raci->rows[i];
			unsigned cell = row->cells[col] & (RACI_A | RACI_R);
			struct value *item;
			if (row->activity->measure != measure || !cell)
				continue;
			if (!m) {
				if (!(m = value_map()) || value_list_push(list, m) < 0 ||
				    value_map_set(m, "items", items = value_list()) < 0 ||
				    value_map_set_string(m, "measure", measure_name(c, measure)) < 0)
					goto fail;
			}
			for (k = 0; parts[k].bits != cell; k++)
				;
			item = value_map();
			if (!item || value_list_push(items, item) < 0 ||
			    value_map_set_string(item, "name", activity_message(c, row->activity->id, "name")) < 0 ||
			    value_map_set_string(item, "part", l10n_label(&c->kit, parts[k].id)) < 0)
				goto fail;
		}
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

static struct value *roles_detail(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < c->raci->nroles; i++) {
		const struct raci_role *r = &c->raci->roles[i];
		struct value *v = value_map(), *duties;
		const char *summary;
		if (r->def) {
			summary = derive_text(c, &r->def->duties);
		} else {
			summary = l10n_labelf(&c->kit, "role.%s.duty", r->id);
		}
		if (!v || value_list_push(list, v) < 0)
			goto fail;
		duties = role_duties(c, i);
		if (value_map_set_string(v, "id", r->id) < 0 ||
		    value_map_set_string(v, "name", derive_role_name(c, r->id)) < 0 ||
		    value_map_set_string(v, "summary", summary) < 0 ||
		    value_map_set_bool(v, "has_duties", duties && value_list_len(duties) > 0) < 0 ||
		    value_map_set(v, "duties", duties) < 0 ||
		    value_map_set(v, "holders", holders_text(c, i)) < 0 ||
		    value_map_set_bool(v, "vacant", r->npeople == 0) < 0 ||
		    value_map_set(v, "deputies", deputies_text(c, i)) < 0 ||
		    value_map_set_string(v, "reports_to",
					 r->reports_to ? derive_role_name(c, r->reports_to) : NULL) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

static struct value *contacts(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < c->cat->ncontacts; i++) {
		const struct catalog_contact *ct = &c->cat->contacts[i];
		long col = column_of(c, ct->role);
		struct value *v = value_map();
		if (!v || value_list_push(list, v) < 0 || col < 0 ||
		    value_map_set_string(v, "matter", l10n_labelf(&c->kit, "contact.%s", ct->id)) < 0 ||
		    value_map_set_string(v, "role", derive_role_name(c, ct->role)) < 0 ||
		    value_map_set(v, "people", holders_text(c, (size_t)col)) < 0 ||
		    value_map_set(v, "emails", emails_text(c, (size_t)col)) < 0 ||
		    value_map_set(v, "deputies", deputies_text(c, (size_t)col)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* The activities a deputy would both do and approve while standing in
 * (raci_approves_own), joined. */
static struct value *approved_own(struct ctx *c, const struct raci_finding *f)
{
	struct buf b = BUF_INIT;
	size_t row;

	for (row = 0; row < c->raci->nrows; row++)
		if (raci_approves_own(c->raci, row, f->role, f->person, f->deputy) &&
		    l10n_join_add(&c->kit, &b, activity_message(c, c->raci->rows[row].activity->id, "name")) < 0)
			return NULL;
	return derive_join_value(&b);
}

/* The approving activities person both does and approves, joined. */
static struct value *self_approved(struct ctx *c, size_t person)
{
	struct buf b = BUF_INIT;
	size_t row;

	for (row = 0; row < c->raci->nrows; row++)
		if (raci_self_approves(c->raci, row, person) &&
		    l10n_join_add(&c->kit, &b, activity_message(c, c->raci->rows[row].activity->id, "name")) < 0)
			return NULL;
	return derive_join_value(&b);
}

/* One finding in words, and what to do about it: org.finding.<rule> and
 * org.action.<rule> over what it names. */
static int finding_words(struct ctx *c, const struct raci_finding *f, struct value *out)
{
	const struct raci_matrix *m = c->raci;
	const char *rule = raci_finding_key(m, f);
	struct value *data = value_map();
	int bad = !data;

	/* An error of the matrix (no one accountable, no role responsible)
	 * stops the run before anything is derived: findings here are gaps. */
	assert(!f->error);
	if (!bad && f->rule == RACI_COVER && !f->separation)
		bad = value_map_set(data, "activity", approved_own(c, f)) < 0;
	else if (!bad && f->rule == RACI_SELF)
		bad = value_map_set(data, "activity", self_approved(c, f->person)) < 0;
	else if (!bad && (f->rule == RACI_UNSTAFFED || f->rule == RACI_SEPARATION ||
			  f->rule == RACI_COVER))
		bad = value_map_set_string(data, "activity",
					   activity_message(c, m->rows[f->row].activity->id, "name")) < 0;
	if (!bad && (f->rule == RACI_VACANT || f->rule == RACI_DEPUTY || f->rule == RACI_COVER ||
		     f->rule == RACI_SELF))
		bad = value_map_set_string(data, "role", derive_role_name(c, m->roles[f->role].id)) < 0;
	if (!bad && f->rule == RACI_MEASURE)
		bad = value_map_set_string(data, "measure", measure_name(c, f->measure)) < 0;
	if (!bad && (f->rule == RACI_SEPARATION || f->rule == RACI_DEPUTY || f->rule == RACI_COVER ||
		     f->rule == RACI_SELF))
		bad = value_map_set_string(data, "person",
					   derive_text(c, &c->p->people[f->person].name)) < 0;
	if (!bad && f->rule == RACI_COVER)
		bad = value_map_set_string(data, "deputy",
					   derive_text(c, &c->p->people[f->deputy].name)) < 0;
	if (!bad && (f->rule == RACI_SEPARATION || f->rule == RACI_COVER) && f->separation) {
		bad = value_map_set_string(data, "first",
					   activity_message(c, m->rows[f->first_row].activity->id, "name")) < 0 ||
		      value_map_set_string(data, "why", l10n_labelf(&c->kit, "org.separate.%s", f->separation->id)) < 0;
	}
	if (bad || value_map_set_string(out, "rule", rule) < 0 ||
	    value_map_set_string(out, "role_id", f->rule == RACI_DEPUTY || f->rule == RACI_COVER ||
							     f->rule == RACI_SELF
						     ? m->roles[f->role].id : NULL) < 0 ||
	    value_map_set_string(out, "person_id", f->rule == RACI_DEPUTY || f->rule == RACI_COVER ||
							       f->rule == RACI_SELF
						       ? c->p->people[f->person].id : NULL) < 0 ||
	    value_map_set(out, "text", derive_format_textf(c, value_copy(data), "org.finding.%s", rule)) < 0 ||
	    value_map_set(out, "action", derive_format_textf(c, value_copy(data), "org.action.%s", rule)) < 0) {
		value_free(data);
		return -1;
	}
	value_free(data);
	return 0;
}

static struct value *findings(struct ctx *c)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < c->raci->nfindings; i++) {
		struct value *v = value_map();
		if (!v || value_list_push(list, v) < 0 ||
		    finding_words(c, &c->raci->findings[i], v) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

struct value *derive_org_view(struct ctx *c)
{
	struct value *org = value_map(), *chart, *list;
	struct buf widths = BUF_INIT;
	size_t n;

	if (!org || value_map_set(org, "chart", chart = value_map()) < 0 ||
	    value_map_set(chart, "boxes", chart_roles(c)) < 0 ||
	    value_map_set(chart, "suppliers", list = chart_suppliers(c)) < 0 ||
	    value_map_set_bool(chart, "has_suppliers", value_list_len(list) > 0) < 0 ||
	    value_map_set(chart, "parties", chart_parties(c)) < 0)
		goto fail;
	if (value_map_set(org, "columns", list = matrix_columns(c, &widths)) < 0)
		goto fail;
	n = value_list_len(list);
	if (value_map_set_number(org, "ncolumns", (double)n + 1) < 0 ||
	    value_map_set_string(org, "matrix_widths", buf_str(&widths)) < 0 ||
	    value_map_set(org, "measures", matrix_measures(c)) < 0 ||
	    value_map_set(org, "roles", roles_detail(c)) < 0 ||
	    value_map_set(org, "contacts", contacts(c)) < 0)
		goto fail;
	if (value_map_set(org, "findings", list = findings(c)) < 0 ||
	    value_map_set_bool(org, "has_findings", value_list_len(list) > 0) < 0)
		goto fail;
	buf_free(&widths);
	return org;
fail:
	buf_free(&widths);
	value_free(org);
	return NULL;
}
