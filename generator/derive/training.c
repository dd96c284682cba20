/* training.c - the training plan (training.h): the courses with the
 * profile's changes, who takes them, the months, the deadlines. */
#include "derive/training.h"

#include <stdlib.h>
#include <string.h>

static enum course_method method_of(const char *s, enum course_method dflt)
{
	if (!s)
		return dflt;
	if (strcmp(s, "workshop") == 0)
		return METHOD_WORKSHOP;
	if (strcmp(s, "e-learning") == 0)
		return METHOD_ELEARNING;
	return METHOD_ON_THE_JOB;
}

/* The course as this company runs it: the catalogue's, with the
 * profile's changes; or the profile's own (yearly, attendance). */
static void fill_course(struct training_course *c, const struct catalog_course *b,
			const struct course_def *def)
{
	c->builtin = b;
	c->def = def;
	c->id = b ? b->id : def->id;
	c->roles = def && def->roles.n ? &def->roles : &b->roles;
	c->hours = def && def->hours > 0 ? def->hours : b ? b->hours : 1;
	c->method = method_of(def ? def->method : NULL, b ? b->method : METHOD_WORKSHOP);
	c->on_joining = b && b->on_joining;
	c->within_days = b ? b->within_days : 0;
	c->refresh_months = b ? b->refresh_months : 12;
	c->check = b ? b->check : CHECK_ATTENDANCE;
	c->pass_mark = b ? b->pass_mark : 0;
	c->keep_years = b ? b->keep_years : 3;
	c->instructor = def ? def->instructor : NULL;
}

/* Longer than this, a workshop starts in the morning and breaks for lunch. */
#define AFTERNOON_HOURS 4

int training_start_minute(const struct training_course *c)
{
	return c->hours > AFTERNOON_HOURS ? 9 * 60 + 30 : 13 * 60 + 30;
}

int training_minutes(const struct training_course *c)
{
	return (int)(c->hours * 60 + 0.5) + (c->hours > AFTERNOON_HOURS ? 60 : 0);
}

bool training_takes(const struct training_course *c, size_t person)
{
	size_t i;

	for (i = 0; i < c->npeople; i++)
		if (c->people[i] == person)
			return true;
	return false;
}

/* Whether person holds a role responsible (R) for one of the course's
 * activities: a duty, not a title, decides (a reviewer of designs takes
 * the design course whatever their role is called). */
static bool has_duty(const struct training_course *c, const struct raci_matrix *m,
		     size_t person)
{
	const struct strlist *acts = c->builtin ? &c->builtin->activities : NULL;
	size_t i, col;
	long row;

	for (i = 0; acts && i < acts->n; i++) {
		if ((row = raci_row_index(m, acts->v[i])) < 0)
			continue;
		for (col = 0; col < m->nroles; col++)
			if (!m->roles[col].everyone && (m->rows[row].cells[col] & RACI_R) &&
			    raci_holds(m, col, person))
				return true;
	}
	return false;
}

/* Who takes c: the holders of its roles and of the roles responsible for
 * its activities, each once, in profile order; and how many attend: a
 * course for all staff counts the company's headcount (the people named
 * in the profile are some of them). */
static int add_people(struct training_course *c, const struct profile *p,
		      const struct raci_matrix *m)
{
	size_t person, i, col;
	bool everyone = false;

	c->people = calloc(p->npeople + 1, sizeof(*c->people));
	if (!c->people)
		return -1;
	for (person = 0; person < p->npeople; person++) {
		bool takes = has_duty(c, m, person);
		for (i = 0; i < c->roles->n && !takes; i++) {
			for (col = 0; col < m->nroles && strcmp(m->roles[col].id, c->roles->v[i]); col++)
				;
			takes = col < m->nroles && raci_holds(m, col, person);
		}
		if (takes)
			c->people[c->npeople++] = person;
	}
	for (i = 0; i < c->roles->n; i++)
		for (col = 0; col < m->nroles; col++)
			everyone |= m->roles[col].everyone && strcmp(m->roles[col].id, c->roles->v[i]) == 0;
	c->attendees = c->npeople;
	if (everyone && p->company.employees > 0 && (size_t)p->company.employees > c->attendees)
		c->attendees = (size_t)p->company.employees;
	return 0;
}

static int fixed_month(const struct training_plan *t, const struct training_course *c)
{
	if (c->def && c->def->month)
		return (c->def->month - t->start_month + 12) % 12;
	if (c->builtin && c->builtin->month)
		return c->builtin->month - 1;
	return -1;
}

/* How far month m is from the nearest month that already has a session
 * (going round the year); 12 when none has. */
static int distance(const struct training_plan *t, int m)
{
	int d, best = 12;

	for (d = 0; d < 12; d++)
		if (t->load[d] > 0) {
			int gap = m > d ? m - d : d - m;
			if (12 - gap < gap)
				gap = 12 - gap;
			if (gap < best)
				best = gap;
		}
	return best;
}

/* Places the sessions of c: every 12 / n months from the fixed month, or
 * from the offset whose months carry the least load so far and, among
 * those, lie farthest from the sessions placed (the earliest on a tie):
 * so the year fills evenly rather than from its start. */
static void place(struct training_plan *t, struct training_course *c)
{
	int n = c->refresh_months > 0 && c->refresh_months < 12 ? 12 / c->refresh_months : 1;
	int step = 12 / n, best = fixed_month(t, c), best_gap = -1, o, k;
	double best_load = 0;

	if (!c->npeople)
		return;
	if (best < 0) {
		for (o = 0; o < step; o++) {
			double sum = 0;
			int gap = 12;
			for (k = 0; k < n; k++) {
				sum += t->load[o + k * step];
				if (distance(t, o + k * step) < gap)
					gap = distance(t, o + k * step);
			}
			if (best < 0 || sum < best_load || (sum == best_load && gap > best_gap)) {
				best = o;
				best_load = sum;
				best_gap = gap;
			}
		}
	}
	for (k = 0; k < n; k++) {
		int month = (best + k * step) % 12;
		c->months[c->nmonths++] = month;
		t->load[month] += c->hours * (double)c->attendees;
	}
}

static void schedule(struct training_plan *t)
{
	size_t *order = malloc((t->ncourses + 1) * sizeof(*order));
	size_t i, j;

	if (!order) {
		for (i = 0; i < t->ncourses; i++)
			place(t, &t->courses[i]);
		return;
	}
	for (i = 0; i < t->ncourses; i++)
		order[i] = i;
	/* Fixed months first, then the heaviest; a stable insertion sort. */
	for (i = 1; i < t->ncourses; i++) {
		size_t v = order[i];
		const struct training_course *c = &t->courses[v];
		double w = c->hours * (double)c->attendees;
		bool fixed = fixed_month(t, c) >= 0;
		for (j = i; j > 0; j--) {
			const struct training_course *d = &t->courses[order[j - 1]];
			bool dfixed = fixed_month(t, d) >= 0;
			double dw = d->hours * (double)d->attendees;
			if (dfixed || (!fixed && dw >= w))
				break;
			order[j] = order[j - 1];
		}
		order[j] = v;
	}
	for (i = 0; i < t->ncourses; i++)
		place(t, &t->courses[order[i]]);
	free(order);
}

static bool in_year(const struct training_plan *t, struct date d)
{
	struct date from = { t->fiscal_year, t->start_month, 1 };
	struct date to = date_add_months(from, 12);

	return date_cmp(d, from) >= 0 && date_cmp(d, to) < 0;
}

/* The day person took a role of c during the year, the earliest; or the
 * day they joined, for an on-joining course. */
static bool became(const struct training_plan *t, const struct profile *p,
		   const struct training_course *c, size_t person, struct date *when)
{
	const struct person *pe = &p->people[person];
	struct date d;
	bool found = false;
	size_t i, k;

	if (pe->joined && date_parse(pe->joined, &d) == 0 && in_year(t, d)) {
		*when = d;
		return true;
	}
	for (i = 0; i < p->nassignments; i++) {
		const struct assignment *a = &p->assignments[i];
		if (!a->since || strcmp(a->person, pe->id) != 0 || date_parse(a->since, &d) < 0 ||
		    !in_year(t, d))
			continue;
		for (k = 0; k < c->roles->n; k++)
			if (strcmp(c->roles->v[k], a->role) == 0 && (!found || date_cmp(d, *when) < 0)) {
				*when = d;
				found = true;
			}
	}
	return found && !c->on_joining;
}

static int add_deadlines(struct training_plan *t, const struct profile *p)
{
	size_t person, i, cap = 0;

	for (person = 0; person < p->npeople; person++)
		for (i = 0; i < t->ncourses; i++) {
			const struct training_course *c = &t->courses[i];
			struct date when;
			if (!c->within_days || !training_takes(c, person) ||
			    !became(t, p, c, person, &when))
				continue;
			if (t->ndeadlines == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				struct training_deadline *v = realloc(t->deadlines, ncap * sizeof(*v));
				if (!v)
					return -1;
				t->deadlines = v;
				cap = ncap;
			}
			t->deadlines[t->ndeadlines++] = (struct training_deadline){
				person, i, date_add_days(when, c->within_days) };
		}
	return 0;
}

/* The fiscal year holding the effective date (the last revision's). */
static int default_year(const struct profile *p)
{
	struct date d;
	const char *iso = profile_effective_date(p);
	int start = p->company.fiscal_year_start ? p->company.fiscal_year_start : 4;

	if (date_parse(iso, &d) < 0)
		return 2000;
	return d.m >= start ? d.y : d.y - 1;
}

struct training_plan *training_plan(const struct profile *p, const struct catalog *cat,
				    const struct raci_matrix *m)
{
	struct training_plan *t = calloc(1, sizeof(*t));
	size_t i;

	if (!t)
		return NULL;
	t->start_month = p->company.fiscal_year_start ? p->company.fiscal_year_start : 4;
	t->fiscal_year = p->training.fiscal_year ? p->training.fiscal_year : default_year(p);
	t->courses = calloc(cat->ncourses + p->training.ncourses + 1, sizeof(*t->courses));
	if (!t->courses)
		goto fail;
	for (i = 0; i < cat->ncourses; i++)
		fill_course(&t->courses[t->ncourses++], &cat->courses[i],
			    profile_course(p, cat->courses[i].id));
	for (i = 0; i < p->training.ncourses; i++) {
		const struct course_def *def = &p->training.courses[i];
		if (def->id && !catalog_course(cat, def->id) && def->roles.n)
			fill_course(&t->courses[t->ncourses++], NULL, def);
	}
	for (i = 0; i < t->ncourses; i++)
		if (add_people(&t->courses[i], p, m) < 0)
			goto fail;
	schedule(t);
	if (add_deadlines(t, p) < 0)
		goto fail;
	return t;
fail:
	training_free(t);
	return NULL;
}

void training_free(struct training_plan *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->ncourses; i++)
		free(t->courses[i].people);
	free(t->courses);
	free(t->deadlines);
	free(t);
}

void training_month(const struct training_plan *t, int i, int *year, int *month)
{
	int m = t->start_month - 1 + i;

	*year = t->fiscal_year + m / 12;
	*month = m % 12 + 1;
}

struct date training_session_day(const struct training_plan *t, int i, int nth)
{
	struct date d = { 0, 0, 1 };

	training_month(t, i, &d.y, &d.m);
	/* The first Wednesday, then a week on for each; the fifth week is
	 * not in every month, so the fourth Wednesday is the last. */
	d.d = 1 + (3 - date_weekday(d) + 7) % 7 + 7 * (1 + nth % 3);
	return d;
}
