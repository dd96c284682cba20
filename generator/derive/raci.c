/* raci.c - the responsibility matrix: the catalogue's rows, the profile's
 * changes, the roles with their people, and the rules of raci.h. */
#include "derive/raci.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/requirements.h"

static const char *const rule_names[] = {
	[RACI_ACCOUNTABLE] = "accountable", [RACI_RESPONSIBLE] = "responsible",
	[RACI_UNSTAFFED] = "unstaffed",     [RACI_MEASURE] = "measure",
	[RACI_VACANT] = "vacant",           [RACI_SEPARATION] = "separation",
	[RACI_DEPUTY] = "deputy",           [RACI_COVER] = "cover",
	[RACI_SELF] = "self",
};

/* The variants of a rule's finding that have words of their own. */
static const char *const variant_names[] = { "lead-deputy", "approve-own" };

const char *raci_finding_key(const struct raci_matrix *m, const struct raci_finding *f)
{
	if (f->rule == RACI_DEPUTY && m->roles[f->role].npeople > 1)
		return variant_names[0];
	if (f->rule == RACI_COVER && !f->separation)
		return variant_names[1];
	return rule_names[f->rule];
}

static long role_index(const struct raci_matrix *m, const char *id)
{
	size_t i;

	for (i = 0; i < m->nroles; i++)
		if (strcmp(m->roles[i].id, id) == 0)
			return (long)i;
	return -1;
}

static long person_index(const struct profile *p, const char *id)
{
	const struct person *pp = profile_person(p, id);

	return pp ? (long)(pp - p->people) : -1;
}

/* Columns: built-in roles but the everyone roles, the profile's own, then
 * the everyone roles (all staff reads best as the last column). */
static int add_roles(struct raci_matrix *m, const struct profile *p,
		     const struct catalog *cat)
{
	size_t i, pass;

	m->roles = calloc(cat->nroles + p->nroles + 1, sizeof(*m->roles));
	if (!m->roles)
		return -1;
	for (pass = 0; pass < 3; pass++) {
		if (pass == 1) {
			for (i = 0; i < p->nroles; i++) {
				struct raci_role *r = &m->roles[m->nroles++];
				r->id = p->roles[i].id;
				r->reports_to = p->roles[i].reports_to;
				r->def = &p->roles[i];
			}
			continue;
		}
		for (i = 0; i < cat->nroles; i++) {
			struct raci_role *r;
			if (cat->roles[i].everyone != (pass == 2))
				continue;
			r = &m->roles[m->nroles++];
			r->id = cat->roles[i].id;
			r->reports_to = cat->roles[i].reports_to;
			r->everyone = cat->roles[i].everyone;
			r->required = cat->roles[i].required;
			r->measure = cat->roles[i].measure;
		}
	}
	for (i = 0; i < m->nroles; i++) {
		struct raci_role *r = &m->roles[i];
		size_t k;
		r->people = calloc(p->npeople + 1, sizeof(*r->people));
		r->deputies = calloc(p->npeople + 1, sizeof(*r->deputies));
		r->lead = RACI_NOBODY;
		if (!r->people || !r->deputies)
			return -1;
		for (k = 0; k < p->npeople; k++)
			if (r->everyone)
				r->deputies[r->npeople] = RACI_NOBODY, r->people[r->npeople++] = k;
		for (k = 0; !r->everyone && k < p->nassignments; k++) {
			const struct assignment *a = &p->assignments[k];
			long who = person_index(p, a->person), dep;
			if (who < 0 || strcmp(a->role, r->id) != 0)
				continue;
			/* The assignment's own deputy, else the person's. */
			dep = person_index(p, a->deputy ? a->deputy
					       : p->people[who].deputy ? p->people[who].deputy : "");
			if (a->lead)
				r->lead = r->npeople;
			r->deputies[r->npeople] = dep >= 0 && dep != who ? (size_t)dep : RACI_NOBODY;
			r->people[r->npeople++] = (size_t)who;
		}
	}
	return 0;
}

/* Whether person holds a role marked with letter (RACI_R, RACI_A) in
 * row r. */
static bool has_letter(const struct raci_matrix *m, const struct raci_row *r,
		       size_t person, unsigned letter)
{
	size_t col;

	for (col = 0; col < m->nroles; col++)
		if ((r->cells[col] & letter) && raci_holds(m, col, person))
			return true;
	return false;
}

static bool is_responsible(const struct raci_matrix *m, const struct raci_row *r,
			   size_t person)
{
	return has_letter(m, r, person, RACI_R);
}

static int add_rows(struct raci_matrix *m, const struct profile *p,
		    const struct catalog *cat)
{
	size_t i, k;

	m->rows = calloc(cat->nactivities + 1, sizeof(*m->rows));
	if (!m->rows)
		return -1;
	for (i = 0; i < cat->nactivities; i++) {
		const struct catalog_activity *a = &cat->activities[i];
		struct raci_row *row;
		if (a->when && !requirements_any_product(cat, p, a->when))
			continue;
		row = &m->rows[m->nrows++];
		row->activity = a;
		row->cells = calloc(m->nroles + 1, sizeof(*row->cells));
		if (!row->cells)
			return -1;
		for (k = 0; k < a->ncells; k++) {
			long col = a->cells[k].role ? role_index(m, a->cells[k].role) : -1;
			if (col >= 0)
				row->cells[col] = a->cells[k].raci;
		}
		for (k = 0; k < p->nraci; k++) {
			const struct raci_override *o = &p->raci[k];
			long col;
			if (!o->activity || !o->role || strcmp(o->activity, a->id) != 0 ||
			    (col = role_index(m, o->role)) < 0)
				continue;
			row->cells[col] = o->raci;
			row->changed = o->loc;
		}
	}
	for (i = 0; i < m->nrows; i++)
		for (k = 0; k < m->nroles; k++)
			if (m->rows[i].cells[k])
				m->roles[k].in_matrix = true;
	return 0;
}

static struct raci_finding *add_finding(struct raci_matrix *m, size_t *cap,
					enum raci_rule rule, bool error)
{
	struct raci_finding *f;

	if (m->nfindings == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		f = realloc(m->findings, ncap * sizeof(*f));
		if (!f)
			return NULL;
		m->findings = f;
		*cap = ncap;
	}
	f = &m->findings[m->nfindings++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->error = error;
	return f;
}

/* People responsible for row r: the holders of its R roles, each once;
 * returns how many, with the first in *only. */
static size_t responsible_people(const struct raci_matrix *m, const struct raci_row *r,
				 const struct profile *p, size_t *only)
{
	size_t person, col, n = 0;

	for (person = 0; person < p->npeople; person++)
		for (col = 0; col < m->nroles; col++)
			if ((r->cells[col] & RACI_R) && raci_holds(m, col, person)) {
				if (n++ == 0)
					*only = person;
				break;
			}
	return n;
}

/* Where person was given a role that is R in row r: the <assign>. */
static struct loc assign_loc(const struct raci_matrix *m, const struct raci_row *r,
			     const struct profile *p, size_t person)
{
	size_t k;
	struct loc none = { 0, 0 };

	for (k = 0; k < p->nassignments; k++) {
		long col = role_index(m, p->assignments[k].role);
		if (col >= 0 && (r->cells[col] & RACI_R) &&
		    strcmp(p->assignments[k].person, p->people[person].id) == 0)
			return p->assignments[k].loc;
	}
	return none;
}

/* Where person was given role: the <assign>, or where the person is. */
static struct loc role_assign_loc(const struct profile *p, const char *role,
				  const char *person)
{
	size_t k;
	struct loc none = { 0, 0 };

	for (k = 0; k < p->nassignments; k++)
		if (strcmp(p->assignments[k].role, role) == 0 &&
		    strcmp(p->assignments[k].person, person) == 0)
			return p->assignments[k].loc;
	return none;
}

long raci_row_index(const struct raci_matrix *m, const char *activity)
{
	size_t i;

	for (i = 0; i < m->nrows; i++)
		if (strcmp(m->rows[i].activity->id, activity) == 0)
			return (long)i;
	return -1;
}

/* Whether a COVER finding was made already for this role and person:
 * for a <separate> pair, in row (another pair with the same second
 * activity); for approving one's own work (row RACI_NOBODY), in any row,
 * as one finding lists all the work. */
static bool cover_found(const struct raci_matrix *m, size_t row, size_t col, size_t person)
{
	size_t i;

	for (i = 0; i < m->nfindings; i++) {
		const struct raci_finding *f = &m->findings[i];
		if (f->rule == RACI_COVER && f->role == col && f->person == person &&
		    (row == RACI_NOBODY ? !f->separation : f->separation && f->row == row))
			return true;
	}
	return false;
}

bool raci_approves_own(const struct raci_matrix *m, size_t row, size_t col, size_t person,
		       size_t deputy)
{
	const struct raci_row *r = &m->rows[row];

	if (!r->activity->approves || m->roles[col].everyone)
		return false;
	/* A deputy who approves this work of their own always is found by
	 * the self-approval rule, whoever is away. */
	if (raci_self_approves(m, row, deputy))
		return false;
	/* For the approver: the deputy does the work. */
	if ((r->cells[col] & RACI_A) && is_responsible(m, r, deputy) &&
	    !is_responsible(m, r, person))
		return true;
	/* For someone who does the work: the deputy approves it, and would
	 * then be the only one doing it. */
	return (r->cells[col] & RACI_R) && has_letter(m, r, deputy, RACI_A) &&
	       !has_letter(m, r, person, RACI_A);
}

bool raci_self_approves(const struct raci_matrix *m, size_t row, size_t person)
{
	const struct raci_row *r = &m->rows[row];

	return r->activity->approves && is_responsible(m, r, person) &&
	       has_letter(m, r, person, RACI_A);
}

/* The deputy rules: every role needs cover (a second holder or a
 * deputy), and no deputy stands in for work that checks their own. */
static int check_cover(struct raci_matrix *m, const struct profile *p,
		       const struct catalog *cat, size_t *cap)
{
	struct raci_finding *f;
	size_t i, k, col;

	for (col = 0; col < m->nroles; col++) {
		const struct raci_role *r = &m->roles[col];
		bool optional = false;
		if (r->everyone || r->npeople == 0)
			continue;
		for (i = 0; i < cat->nroles; i++)
			if (strcmp(cat->roles[i].id, r->id) == 0)
				optional = cat->roles[i].deputy_optional;
		/* One holder without a deputy; or a lead without one (the
		 * others hold the role, but nobody is named to lead it). */
		k = r->npeople == 1 ? 0 : r->lead;
		if (optional || k == RACI_NOBODY || r->deputies[k] != RACI_NOBODY)
			continue;
		if (!(f = add_finding(m, cap, RACI_DEPUTY, false)))
			return -1;
		f->role = col, f->person = r->people[k];
		f->loc = role_assign_loc(p, r->id, p->people[r->people[k]].id);
	}
	/* Standing in, approving one's own work: for the approver (the
	 * accountable role) of work one does, or doing the work of someone
	 * whose work one approves. One finding a holder and deputy. */
	for (i = 0; i < m->nrows; i++) {
		if (!m->rows[i].activity->approves)
			continue;
		for (col = 0; col < m->nroles; col++) {
			const struct raci_role *r = &m->roles[col];
			for (k = 0; !r->everyone && k < r->npeople; k++) {
				size_t dep = r->deputies[k];
				if (dep == RACI_NOBODY || !raci_approves_own(m, i, col, r->people[k], dep) ||
				    cover_found(m, RACI_NOBODY, col, r->people[k]))
					continue;
				if (!(f = add_finding(m, cap, RACI_COVER, false)))
					return -1;
				f->row = i, f->first_row = i;
				f->role = col, f->person = r->people[k], f->deputy = dep;
				f->separation = NULL;
				f->loc = role_assign_loc(p, r->id, p->people[r->people[k]].id);
			}
		}
	}
	/* Approving one's own work at all times, not only when standing
	 * in: one finding a person, at the first such activity, under the
	 * accountable role they hold there. */
	for (k = 0; k < p->npeople; k++) {
		for (i = 0; i < m->nrows && !raci_self_approves(m, i, k); i++)
			;
		if (i == m->nrows)
			continue;
		for (col = 0; col < m->nroles; col++)
			if ((m->rows[i].cells[col] & RACI_A) && raci_holds(m, col, k))
				break;
		if (col == m->nroles)
			continue;
		if (!(f = add_finding(m, cap, RACI_SELF, false)))
			return -1;
		f->row = i, f->first_row = i, f->role = col, f->person = k;
		f->separation = NULL;
		f->loc = role_assign_loc(p, m->roles[col].id, p->people[k].id);
	}
	for (i = 0; i < 2 * cat->nseparations; i++) {
		/* Both ways: standing in for the verifier (the second
		 * activity) or for the developer (the first). */
		const struct catalog_separation *s = &cat->separations[i / 2];
		long first = raci_row_index(m, i % 2 ? s->second : s->first),
		     second = raci_row_index(m, i % 2 ? s->first : s->second);
		if (first < 0 || second < 0)
			continue;
		for (col = 0; col < m->nroles; col++) {
			const struct raci_role *r = &m->roles[col];
			if (!(m->rows[second].cells[col] & RACI_R) || r->everyone)
				continue;
			for (k = 0; k < r->npeople; k++) {
				size_t dep = r->deputies[k];
				if (dep == RACI_NOBODY ||
				    !is_responsible(m, &m->rows[first], dep) ||
				    is_responsible(m, &m->rows[first], r->people[k]) ||
				    cover_found(m, (size_t)second, col, r->people[k]))
					continue;
				if (!(f = add_finding(m, cap, RACI_COVER, false)))
					return -1;
				f->row = (size_t)second, f->first_row = (size_t)first;
				f->role = col, f->person = r->people[k], f->deputy = dep;
				f->separation = s;
				f->loc = role_assign_loc(p, r->id, p->people[r->people[k]].id);
			}
		}
	}
	return 0;
}

static int check_rules(struct raci_matrix *m, const struct profile *p,
		       const struct catalog *cat)
{
	size_t cap = 0, i, k, only = 0;
	struct raci_finding *f;
	int measure;
	bool staffed[7] = { false }, present[7] = { false };

	for (i = 0; i < m->nrows; i++) {
		const struct raci_row *r = &m->rows[i];
		size_t na = 0, nr = 0;
		for (k = 0; k < m->nroles; k++) {
			na += (r->cells[k] & RACI_A) != 0;
			nr += (r->cells[k] & RACI_R) != 0;
		}
		if (na != 1) {
			if (!(f = add_finding(m, &cap, RACI_ACCOUNTABLE, true)))
				return -1;
			f->row = i, f->count = na, f->loc = r->changed;
		}
		if (nr == 0) {
			if (!(f = add_finding(m, &cap, RACI_RESPONSIBLE, true)))
				return -1;
			f->row = i, f->loc = r->changed;
		}
		present[r->activity->measure] = true;
		if (nr > 0 && responsible_people(m, r, p, &only) == 0) {
			if (!(f = add_finding(m, &cap, RACI_UNSTAFFED, false)))
				return -1;
			f->row = i, f->loc = r->changed;
		} else if (nr > 0) {
			staffed[r->activity->measure] = true;
		}
	}
	for (measure = 1; measure <= 6; measure++) {
		if (!present[measure] || staffed[measure])
			continue;
		if (!(f = add_finding(m, &cap, RACI_MEASURE, false)))
			return -1;
		f->measure = measure;
	}
	for (k = 0; k < m->nroles; k++) {
		if (m->roles[k].npeople)
			continue;
		if (!(f = add_finding(m, &cap, RACI_VACANT, false)))
			return -1;
		f->role = k;
		if (m->roles[k].def)
			f->loc = m->roles[k].def->loc;
	}
	for (i = 0; i < cat->nseparations; i++) {
		const struct catalog_separation *s = &cat->separations[i];
		long first = raci_row_index(m, s->first), second = raci_row_index(m, s->second);
		size_t person;
		if (first < 0 || second < 0 ||
		    responsible_people(m, &m->rows[second], p, &only) != 1)
			continue;
		person = only;
		if (!is_responsible(m, &m->rows[first], person))
			continue;
		if (!(f = add_finding(m, &cap, RACI_SEPARATION, false)))
			return -1;
		f->row = (size_t)second, f->first_row = (size_t)first;
		f->person = person, f->separation = s;
		f->loc = assign_loc(m, &m->rows[second], p, person);
	}
	return check_cover(m, p, cat, &cap);
}

struct raci_matrix *raci_build(const struct profile *p, const struct catalog *cat)
{
	struct raci_matrix *m = calloc(1, sizeof(*m));

	if (!m || add_roles(m, p, cat) < 0 || add_rows(m, p, cat) < 0 ||
	    check_rules(m, p, cat) < 0) {
		raci_free(m);
		return NULL;
	}
	return m;
}

void raci_free(struct raci_matrix *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nroles; i++) {
		free(m->roles[i].people);
		free(m->roles[i].deputies);
	}
	free(m->roles);
	for (i = 0; i < m->nrows; i++)
		free(m->rows[i].cells);
	free(m->rows);
	free(m->findings);
	free(m);
}

bool raci_holds(const struct raci_matrix *m, size_t col, size_t person)
{
	size_t i;

	for (i = 0; i < m->roles[col].npeople; i++)
		if (m->roles[col].people[i] == person)
			return true;
	return false;
}

size_t raci_deputy(const struct raci_matrix *m, size_t col, size_t person)
{
	size_t i;

	for (i = 0; i < m->roles[col].npeople; i++)
		if (m->roles[col].people[i] == person)
			return m->roles[col].deputies[i];
	return RACI_NOBODY;
}

void raci_report(const struct raci_matrix *m, const struct profile *p,
		 struct diag *d)
{
	size_t i;

	for (i = 0; i < m->nfindings; i++) {
		const struct raci_finding *f = &m->findings[i];
		const char *act = f->row < m->nrows ? m->rows[f->row].activity->id : "";
		enum diag_level kind = f->error ? DIAG_ERROR : DIAG_WARNING;
		long line = f->loc.line, col = f->loc.col;

		switch (f->rule) {
		case RACI_ACCOUNTABLE:
			diag_add(d, kind, p->path, line, col,
				 "activity \"%s\" has %zu accountable roles (A); it needs exactly one [raci:%s]",
				 act, f->count, rule_names[f->rule]);
			break;
		case RACI_RESPONSIBLE:
			diag_add(d, kind, p->path, line, col,
				 "activity \"%s\" has no responsible role (R); give it one with <raci value=\"R\"> [raci:%s]",
				 act, rule_names[f->rule]);
			break;
		case RACI_UNSTAFFED:
			diag_add(d, kind, p->path, line, col,
				 "nobody is responsible for activity \"%s\": no one holds a role marked R in it [raci:%s]",
				 act, rule_names[f->rule]);
			break;
		case RACI_MEASURE:
			diag_add(d, kind, p->path, line, col,
				 "nobody is responsible for any activity of measure %d of the METI guide [raci:%s]",
				 f->measure, rule_names[f->rule]);
			break;
		case RACI_VACANT:
			diag_add(d, kind, p->path, line, col,
				 "no one holds role \"%s\"; <assign> it to a person [raci:%s]",
				 m->roles[f->role].id, rule_names[f->rule]);
			break;
		case RACI_SEPARATION:
			diag_add(d, kind, p->path, line, col,
				 "%s is responsible for \"%s\" and is the only person responsible for \"%s\"; these duties should be separated [raci:%s]",
				 p->people[f->person].id, m->rows[f->first_row].activity->id,
				 act, rule_names[f->rule]);
			break;
		case RACI_DEPUTY:
			diag_add(d, kind, p->path, line, col,
				 "%s holds role \"%s\" alone and has no deputy in it; give the <assign> a deputy, or the person one [raci:%s]",
				 p->people[f->person].id, m->roles[f->role].id, rule_names[f->rule]);
			break;
		case RACI_COVER:
			if (!f->separation) {
				diag_add(d, kind, p->path, line, col,
					 "%s stands in for %s as \"%s\" and would both do and approve \"%s\"; name another deputy [raci:%s]",
					 p->people[f->deputy].id, p->people[f->person].id,
					 m->roles[f->role].id, act, rule_names[f->rule]);
				break;
			}
			diag_add(d, kind, p->path, line, col,
				 "%s stands in for %s as \"%s\" in \"%s\" but is responsible for \"%s\"; name another deputy [raci:%s]",
				 p->people[f->deputy].id, p->people[f->person].id, m->roles[f->role].id,
				 act, m->rows[f->first_row].activity->id, rule_names[f->rule]);
			break;
		case RACI_SELF:
			diag_add(d, kind, p->path, line, col,
				 "%s both does and approves \"%s\" (a role responsible for it, and \"%s\", accountable); have someone else hold \"%s\", or make another role accountable with <raci> [raci:%s]",
				 p->people[f->person].id, act, m->roles[f->role].id, m->roles[f->role].id,
				 rule_names[f->rule]);
			break;
		default:
			assert(false);
		}
	}
}
