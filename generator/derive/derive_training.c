/* derive_training.c - the training documents' part of the view: the plan
 * (training.h) in the view's language, each member of staff's sheet and
 * each course's handout. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "derive/derive.h"
#include "derive/derive_private.h"
#include "derive/training.h"

static const char *const method_ids[] = { "label.method.workshop", "label.method.e-learning",
					  "label.method.on-the-job" };
static const char *const check_ids[] = { "label.check.quiz", "label.check.exercise",
					 "label.check.attendance" };

/* "1.5" or "2": hours as people write them. */
static void hours_number(double h, char out[32])
{
	snprintf(out, 32, "%g", h);
}


static struct value *hours_text(struct ctx *c, double h)
{
	char n[32];

	hours_number(h, n);
	return derive_format_n(c, h == 1 ? "format.hours.one" : "format.hours.other", n);
}


/* The name of month i of the plan's year: format.month.N ("April") or,
 * with prefix "format.month-short", the short one ("Apr"). */
static const char *month_label(struct ctx *c, const struct training_plan *t, int i,
			       const char *prefix)
{
	int y, m;

	training_month(t, i, &y, &m);
	return l10n_labelf(&c->kit, "%s.%d", prefix, m);
}

static const char *month_name(struct ctx *c, const struct training_plan *t, int i)
{
	return month_label(c, t, i, "format.month");
}

/* Month i of the plan's year with its year ("April 2026"): the year's
 * months cross a new year, and January must not read as before April. */
static struct value *month_with_year(struct ctx *c, const struct training_plan *t, int i)
{
	struct value *data = value_map();
	int y, m;

	training_month(t, i, &y, &m);
	if (!data || value_map_set_number(data, "year", y) < 0 ||
	    value_map_set_string(data, "month", month_name(c, t, i)) < 0) {
		value_free(data);
		return NULL;
	}
	return derive_format_text(c, "format.year-month", data);
}

/* The day by which a course must be taken: a newcomer's deadline, else
 * the last day of the month of its first session. */
static struct date due_date(const struct training_plan *t, size_t course, size_t person)
{
	const struct training_course *co = &t->courses[course];
	struct date d;
	size_t k;
	int y, m;

	for (k = 0; k < t->ndeadlines; k++)
		if (t->deadlines[k].person == person && t->deadlines[k].course == course)
			return t->deadlines[k].by;
	training_month(t, co->nmonths ? co->months[0] : 0, &y, &m);
	d = (struct date){ y, m, date_days_in_month(y, m) };
	return d;
}

static const char *short_month(struct ctx *c, const struct training_plan *t, int i)
{
	return month_label(c, t, i, "format.month-short");
}

static const char *course_message(struct ctx *c, const struct training_course *co,
				  const char *part)
{

	return l10n_labelf(&c->kit, "course.%s.%s", co->id, part);
}

static const char *course_name(struct ctx *c, const struct training_course *co)
{
	if (!co->builtin)
		return derive_text(c, &co->def->name);
	if (co->def && co->def->name.n)
		return derive_text(c, &co->def->name);
	return course_message(c, co, "name");
}

static const char *course_summary(struct ctx *c, const struct training_course *co)
{
	if (co->def && co->def->summary.n)
		return derive_text(c, &co->def->summary);
	return co->builtin ? course_message(c, co, "summary") : NULL;
}

static struct value *months_text(struct ctx *c, const struct training_plan *t,
				 const struct training_course *co)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < co->nmonths; i++) {
		struct value *m = month_with_year(c, t, co->months[i]);
		rc = m ? l10n_join_add(&c->kit, &b, value_get_string(m)) : -1;
		value_free(m);
		if (rc < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

/* The months as YYYY-MM, space-separated, for the CSV. */
static struct value *months_iso(const struct training_plan *t, const struct training_course *co)
{
	struct buf b = BUF_INIT;
	struct value *v;
	size_t i;
	int y, m;

	for (i = 0; i < co->nmonths; i++) {
		training_month(t, co->months[i], &y, &m);
		if (buf_printf(&b, "%s%04d-%02d", i ? " " : "", y, m) < 0) {
			buf_free(&b);
			return NULL;
		}
	}
	v = value_string(buf_str(&b));
	buf_free(&b);
	return v;
}

/* How often: "On joining; yearly", from the course's flags. */
static struct value *frequency(struct ctx *c, const struct training_course *co)
{
	struct catalog_said said[2];
	size_t i, n = catalog_frequency(co->on_joining, co->within_days, co->refresh_months, said);
	struct buf b = BUF_INIT;
	char num[16];

	for (i = 0; i < n; i++) {
		struct value *v = NULL;
		const char *s;
		if (said[i].n) {
			snprintf(num, sizeof(num), "%d", said[i].n);
			v = derive_format_n(c, said[i].id, num);
			s = value_get_string(v);
		} else {
			s = l10n_label(&c->kit, said[i].id);
		}
		if (l10n_join_add(&c->kit, &b, s) < 0) {
			value_free(v);
			return NULL;
		}
		value_free(v);
	}
	return derive_join_value(&b);
}

static const struct person *instructor(struct ctx *c, const struct training_course *co)
{
	return co->instructor ? profile_person(c->p, co->instructor) : NULL;
}

/* Whose holders take the course: its roles, then the roles responsible
 * for one of its activities that someone holds, each once, joined. */
static struct value *course_roles(struct ctx *c, const struct training_course *co)
{
	const struct raci_matrix *m = c->raci;
	const struct strlist *acts = co->builtin ? &co->builtin->activities : NULL;
	struct buf b = BUF_INIT;
	size_t i, k, col;
	long row;

	for (col = 0; col < m->nroles; col++) {
		bool takes = false;
		for (i = 0; i < co->roles->n && !takes; i++)
			takes = strcmp(co->roles->v[i], m->roles[col].id) == 0;
		for (k = 0; acts && k < acts->n && !takes; k++)
			takes = (row = raci_row_index(m, acts->v[k])) >= 0 && !m->roles[col].everyone &&
				m->roles[col].npeople && (m->rows[row].cells[col] & RACI_R);
		if (takes && l10n_join_add(&c->kit, &b, derive_role_name(c, m->roles[col].id)) < 0)
			return NULL;
	}
	return derive_join_value(&b);
}

/* The plan's row of one course. */
static struct value *course_row(struct ctx *c, const struct training_plan *t,
				const struct training_course *co)
{
	struct value *v = value_map(), *months;
	const struct person *in = instructor(c, co);
	char n[32];
	int i, quiz, needed;
	size_t k;

	hours_number(co->hours, n);
	/* The quiz's pass mark as the answers needed: "80 %" of four
	 * questions would be all four. */
	quiz = co->builtin && co->check == CHECK_QUIZ ? co->builtin->quiz : 0;
	needed = (quiz * co->pass_mark + 99) / 100;
	if (!v || value_map_set_string(v, "id", co->id) < 0 ||
	    value_map_set_number(v, "quiz_count", quiz) < 0 ||
	    (quiz && co->pass_mark ? value_map_set_number(v, "pass_needed", needed)
				   : value_map_set(v, "pass_needed", value_null())) < 0 ||
	    value_map_set_bool(v, "elearning", co->method == METHOD_ELEARNING) < 0 ||
	    value_map_set_bool(v, "quiz_checked", co->check == CHECK_QUIZ) < 0 ||
	    value_map_set_string(v, "name", course_name(c, co)) < 0 ||
	    value_map_set_string(v, "summary", course_summary(c, co)) < 0 ||
	    value_map_set(v, "roles", course_roles(c, co)) < 0 ||
	    value_map_set_number(v, "attendees", (double)co->attendees) < 0 ||
	    value_map_set_string(v, "hours", n) < 0 ||
	    value_map_set(v, "hours_text", hours_text(c, co->hours)) < 0 ||
	    value_map_set_string(v, "method", l10n_label(&c->kit, method_ids[co->method])) < 0 ||
	    value_map_set(v, "frequency", frequency(c, co)) < 0 ||
	    value_map_set_string(v, "check", l10n_label(&c->kit, check_ids[co->check])) < 0 ||
	    (co->pass_mark ? value_map_set_number(v, "pass_mark", co->pass_mark)
			   : value_map_set(v, "pass_mark", value_null())) < 0 ||
	    value_map_set_number(v, "keep_years", co->keep_years) < 0 ||
	    value_map_set_string(v, "instructor", in ? derive_text(c, &in->name) : NULL) < 0 ||
	    value_map_set(v, "months_text", months_text(c, t, co)) < 0 ||
	    value_map_set_bool(v, "held", co->nmonths > 0) < 0 ||
	    value_map_set(v, "months", months = value_list()) < 0)
		goto fail;
	for (i = 0; i < TRAINING_MONTHS; i++) {
		struct value *m = value_map();
		bool on = false;
		for (k = 0; k < co->nmonths; k++)
			on |= co->months[k] == i;
		if (!m || value_list_push(months, m) < 0 || value_map_set_bool(m, "on", on) < 0)
			goto fail;
	}
	return v;
fail:
	value_free(v);
	return NULL;
}

/* The time budget, a row a course held: who takes it (how many), the
 * hours each spends in the year (every session), and the person-hours;
 * the rows add up to the plan's total (the load of every month). */
static struct value *budget(struct ctx *c, const struct training_plan *t)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < t->ncourses; i++) {
		const struct training_course *co = &t->courses[i];
		double h = co->hours * (double)co->nmonths;
		struct value *v;
		if (!co->nmonths)
			continue;
		if (!(v = value_map()) || value_list_push(list, v) < 0 ||
		    value_map_set_string(v, "course", course_name(c, co)) < 0 ||
		    value_map_set_number(v, "people", (double)co->attendees) < 0 ||
		    value_map_set(v, "hours", hours_text(c, h)) < 0 ||
		    value_map_set(v, "total", hours_text(c, h * (double)co->attendees)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

static struct value *load_rows(struct ctx *c, const struct training_plan *t, double *total)
{
	struct value *list = value_list();
	int i;

	*total = 0;
	for (i = 0; list && i < TRAINING_MONTHS; i++) {
		struct value *v;
		*total += t->load[i];
		if (!(v = value_map()) || value_list_push(list, v) < 0 ||
		    value_map_set_string(v, "month", short_month(c, t, i)) < 0 ||
		    value_map_set(v, "hours", hours_text(c, t->load[i])) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* The sessions, month by month, for the calendar export. */
static struct value *sessions(struct ctx *c, const struct training_plan *t)
{
	struct value *list = value_list();
	const char *code = c->p->company.code ? c->p->company.code : "company";
	int i;
	size_t k, j;

	for (i = 0; list && i < TRAINING_MONTHS; i++) {
		int nth = 0;
		for (k = 0; k < t->ncourses; k++) {
			const struct training_course *co = &t->courses[k];
			const struct person *in = instructor(c, co);
			struct date d;
			struct value *v;
			struct buf uid = BUF_INIT, who = BUF_INIT;
			bool here = false;
			for (j = 0; j < co->nmonths; j++)
				here |= co->months[j] == i;
			/* E-learning and on-the-job training meet nobody: they
			 * are taken in the month, by its last day. */
			if (!here || co->method != METHOD_WORKSHOP)
				continue;
			d = training_session_day(t, i, nth++);
			for (j = 0; j < co->npeople; j++)
				if (l10n_join_add(&c->kit, &who, derive_text(c, &c->p->people[co->people[j]].name)) < 0)
					goto fail;
			if (buf_printf(&uid, "%04d%02d%02d-%s@%s.secpolgen", d.y, d.m, d.d, co->id, code) < 0 ||
			    !(v = value_map()) || value_list_push(list, v) < 0 ||
			    value_map_set_string(v, "uid", buf_str(&uid)) < 0 ||
			    value_map_set_string(v, "course", course_name(c, co)) < 0 ||
			    value_map_set_string(v, "summary", course_summary(c, co)) < 0 ||
			    value_map_set_number(v, "year", d.y) < 0 ||
			    value_map_set_number(v, "month", d.m) < 0 ||
			    value_map_set_number(v, "day", d.d) < 0 ||
			    value_map_set(v, "date", derive_format_date(c, d)) < 0 ||
			    value_map_set_number(v, "start_minute", training_start_minute(co)) < 0 ||
			    value_map_set_number(v, "minutes", training_minutes(co)) < 0 ||
			    value_map_set_string(v, "attendees", who.len ? buf_str(&who) : NULL) < 0 ||
			    value_map_set_string(v, "instructor", in ? derive_text(c, &in->name) : NULL) < 0 ||
			    value_map_set_string(v, "instructor_email", in ? in->email : NULL) < 0) {
				buf_free(&uid);
				buf_free(&who);
				goto fail;
			}
			buf_free(&uid);
			buf_free(&who);
		}
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* One member of staff's courses: [ { name, months, hours, method,
 * deadline } ], and their hours a year in *hours. */
static struct value *person_courses(struct ctx *c, const struct training_plan *t,
				    size_t person, double *hours)
{
	struct value *list = value_list();
	struct date due;
	char iso[16], n[32];
	size_t i;

	*hours = 0;
	for (i = 0; list && i < t->ncourses; i++) {
		const struct training_course *co = &t->courses[i];
		struct value *v;
		if (!training_takes(co, person))
			continue;
		*hours += co->hours * (double)(co->nmonths ? co->nmonths : 1);
		due = due_date(t, i, person);
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", due.y, due.m, due.d);
		hours_number(co->hours, n);
		if (!(v = value_map()) || value_list_push(list, v) < 0 ||
		    value_map_set(v, "deadline", derive_format_date(c, due)) < 0 ||
		    value_map_set_string(v, "deadline_iso", iso) < 0 ||
		    value_map_set_string(v, "id", co->id) < 0 ||
		    value_map_set_string(v, "name", course_name(c, co)) < 0 ||
		    value_map_set(v, "months", months_text(c, t, co)) < 0 ||
		    value_map_set(v, "months_iso", months_iso(t, co)) < 0 ||
		    value_map_set_string(v, "hours_number", n) < 0 ||
		    value_map_set(v, "hours", hours_text(c, co->hours)) < 0 ||
		    value_map_set_string(v, "method", l10n_label(&c->kit, method_ids[co->method])) < 0 ||
		    value_map_set(v, "frequency", frequency(c, co)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

static struct value *person_roles_list(struct ctx *c, size_t person)
{
	struct value *list = value_list();
	size_t i, dep;

	for (i = 0; list && i < c->raci->nroles; i++) {
		const struct raci_role *r = &c->raci->roles[i];
		struct value *v;
		const char *duty;
		if (!raci_holds(c->raci, i, person))
			continue;
		if (r->def) {
			duty = derive_text(c, &r->def->duties);
		} else {
			duty = l10n_labelf(&c->kit, "role.%s.duty", r->id);
		}
		dep = raci_deputy(c->raci, i, person);
		if (!(v = value_map()) || value_list_push(list, v) < 0 ||
		    value_map_set_string(v, "name", derive_role_name(c, r->id)) < 0 ||
		    value_map_set_string(v, "duty", duty) < 0 ||
		    value_map_set_bool(v, "everyone", r->everyone) < 0 ||
		    value_map_set_bool(v, "lead", r->lead != RACI_NOBODY &&
						   r->people[r->lead] == person) < 0 ||
		    value_map_set_string(v, "deputy", dep == RACI_NOBODY ? NULL
						      : derive_text(c, &c->p->people[dep].name)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* The "name" of each item of list, joined; null when none. */
static struct value *joined(struct ctx *c, const struct value *list)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < value_list_len(list); i++)
		if (l10n_join_add(&c->kit, &b, value_get_string(value_map_get(value_list_at(list, i),
									   "name"))) < 0)
			return NULL;
	return derive_join_value(&b);
}

/* Whether person holds role. */
static bool holds_role(struct ctx *c, size_t person, const char *role)
{
	size_t col;

	for (col = 0; col < c->raci->nroles; col++)
		if (strcmp(c->raci->roles[col].id, role) == 0)
			return raci_holds(c->raci, col, person);
	return false;
}

/* The sheets: one a person. */
static struct value *staff(struct ctx *c, const struct training_plan *t)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < c->p->npeople; i++) {
		const struct person *pe = &c->p->people[i];
		struct value *v, *courses;
		double h;
		if (!(v = value_map()) || value_list_push(list, v) < 0 ||
		    value_map_set(v, "courses", courses = person_courses(c, t, i, &h)) < 0 ||
		    value_map_set_bool(v, "has_courses", value_list_len(courses) > 0) < 0 ||
		    value_map_set(v, "hours", hours_text(c, h)) < 0 ||
		    value_map_set_string(v, "id", pe->id) < 0 ||
		    value_map_set_string(v, "lang", pe->lang) < 0 ||
		    value_map_set_string(v, "name", derive_text(c, &pe->name)) < 0 ||
		    value_map_set_string(v, "title", derive_text(c, &pe->title)) < 0 ||
		    value_map_set_string(v, "email", pe->email) < 0 ||
		    value_map_set_bool(v, "is_security_manager", holds_role(c, i, "security-manager")) < 0 ||
		    value_map_set_bool(v, "is_executive", holds_role(c, i, "executive")) < 0 ||
		    value_map_set(v, "roles", person_roles_list(c, i)) < 0 ||
		    value_map_set(v, "roles_text", joined(c, value_map_get(v, "roles"))) < 0 ||
		    value_map_set(v, "courses_text", joined(c, courses)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* items: [ { text } ] of course.<id>.<part>.1..n, each rendered over the
 * whole view (so a point can name the company's contacts). */
static struct value *handout_items(struct ctx *c, const struct training_course *co,
				   const char *part, int n, const struct value *view)
{
	struct value *list = value_list();
	int i;

	for (i = 1; list && i <= n; i++) {
		struct value *v;
		if (!(v = value_map()) || value_list_push(list, v) < 0 ||
		    value_map_set(v, "text", derive_format_textf(c, value_copy(view), "course.%s.%s.%d", co->id, part, i)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

static struct value *quiz(struct ctx *c, const struct training_course *co, int n,
			  const struct value *view)
{
	struct value *list = value_list();
	int i;

	for (i = 1; list && i <= n; i++) {
		struct value *v;
		if (!(v = value_map()) || value_list_push(list, v) < 0 ||
		    value_map_set_number(v, "n", i) < 0)
			goto fail;
		if (value_map_set(v, "q", derive_format_textf(c, value_copy(view), "course.%s.quiz.%d.q", co->id, i)) < 0)
			goto fail;
		if (value_map_set(v, "a", derive_format_textf(c, value_copy(view), "course.%s.quiz.%d.a", co->id, i)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

/* What a handout's texts may name, copied out of the view once: copying
 * the whole view for each text would take time in the number of the
 * company's products. */
static struct value *text_context(const struct value *view)
{
	static const char *const keys[] = { "lang", "company", "doc", "numbers", "executive",
		"security_manager", "psirt", "psirt_names", "vuln", "markets", "schemes", "products_text",
		"suppliers_text", "has_products", "has_suppliers", NULL };
	struct value *m = value_map();
	size_t i;

	for (i = 0; m && keys[i]; i++) {
		const struct value *v = value_map_get(view, keys[i]);
		if (v && value_map_set(m, keys[i], value_copy(v)) < 0)
			return NULL;
	}
	return m;
}

/* The handouts: one a course, its rows of the plan plus the texts. */
static struct value *handouts(struct ctx *c, const struct training_plan *t,
			      const struct value *whole)
{
	struct value *list = value_list(), *view = text_context(whole);
	size_t i, k;

	if (!view) {
		value_free(list);
		return NULL;
	}

	for (i = 0; list && i < t->ncourses; i++) {
		const struct training_course *co = &t->courses[i];
		const struct catalog_course *b = co->builtin;
		struct value *v = course_row(c, t, co), *people, *l;
		if (!v || value_list_push(list, v) < 0 ||
		    value_map_set(v, "goals", l = handout_items(c, co, "goal", b ? b->goals : 0, view)) < 0 ||
		    value_map_set_bool(v, "has_goals", value_list_len(l) > 0) < 0 ||
		    value_map_set(v, "points", l = handout_items(c, co, "point", b ? b->points : 0, view)) < 0 ||
		    value_map_set_bool(v, "has_points", value_list_len(l) > 0) < 0 ||
		    value_map_set(v, "dos", l = handout_items(c, co, "do", b ? b->dos : 0, view)) < 0 ||
		    value_map_set(v, "donts", handout_items(c, co, "dont", b ? b->donts : 0, view)) < 0 ||
		    value_map_set_bool(v, "has_dos", value_list_len(l) > 0) < 0 ||
		    value_map_set(v, "quiz", l = quiz(c, co, b ? b->quiz : 0, view)) < 0 ||
		    value_map_set_bool(v, "has_quiz", value_list_len(l) > 0) < 0 ||
		    value_map_set(v, "people", people = value_list()) < 0)
			goto fail;
		for (k = 0; k < co->npeople; k++) {
			const struct person *pe = &c->p->people[co->people[k]];
			struct value *p = value_map();
			if (!p || value_list_push(people, p) < 0 ||
			    value_map_set_string(p, "name", derive_text(c, &pe->name)) < 0)
				goto fail;
		}
	}
	value_free(view);
	return list;
fail:
	value_free(view);
	value_free(list);
	return NULL;
}

static struct value *deadlines(struct ctx *c, const struct training_plan *t)
{
	struct value *list = value_list();
	size_t i;

	for (i = 0; list && i < t->ndeadlines; i++) {
		const struct training_deadline *d = &t->deadlines[i];
		struct value *v;
		if (!(v = value_map()) || value_list_push(list, v) < 0 ||
		    value_map_set_string(v, "person", derive_text(c, &c->p->people[d->person].name)) < 0 ||
		    value_map_set_string(v, "course", course_name(c, &t->courses[d->course])) < 0 ||
		    value_map_set(v, "by", derive_format_date(c, d->by)) < 0)
			goto fail;
	}
	return list;
fail:
	value_free(list);
	return NULL;
}

int derive_training_view(struct ctx *c, struct value *view)
{
	struct training_plan *t = training_plan(c->p, c->cat, c->raci);
	struct value *tr = value_map(), *l, *courses, *held;
	struct date from, to;
	double total;
	char year[16];
	size_t i;
	int rc = -1;

	if (!t || !tr) {
		value_free(tr);
		goto out;
	}
	if (value_map_set(view, "training", tr) < 0)
		goto out;
	from = (struct date){ t->fiscal_year, t->start_month, 1 };
	to = date_add_months(from, 12);
	/* The last day of the year: the day before the next one starts. */
	to.m = to.m == 1 ? 12 : to.m - 1;
	to.y = to.m == 12 ? to.y - 1 : to.y;
	to.d = date_days_in_month(to.y, to.m);
	snprintf(year, sizeof(year), "%d", t->fiscal_year);
	if (value_map_set(tr, "year", derive_format_n(c, "format.fiscal-year", year)) < 0 ||
	    value_map_set(tr, "from", derive_format_date(c, from)) < 0 ||
	    value_map_set(tr, "to", derive_format_date(c, to)) < 0 ||
	    value_map_set_number(tr, "completion_target", c->cat->completion_target) < 0 ||
	    value_map_set_number(tr, "pass_target", c->cat->pass_target) < 0 ||
	    value_map_set(tr, "months", l = value_list()) < 0)
		goto out;
	for (i = 0; i < TRAINING_MONTHS; i++) {
		struct value *m = value_map();
		if (!m || value_list_push(l, m) < 0 ||
		    value_map_set_string(m, "name", month_name(c, t, (int)i)) < 0 ||
		    value_map_set_string(m, "short", short_month(c, t, (int)i)) < 0)
			goto out;
	}
	if (value_map_set(tr, "courses", courses = value_list()) < 0 ||
	    value_map_set(tr, "not_held", held = value_list()) < 0)
		goto out;
	for (i = 0; i < t->ncourses; i++)
		if (value_list_push(t->courses[i].nmonths ? courses : held,
				    course_row(c, t, &t->courses[i])) < 0)
			goto out;
	if (value_map_set_bool(tr, "has_not_held", value_list_len(held) > 0) < 0 ||
	    value_map_set(tr, "load", load_rows(c, t, &total)) < 0 ||
	    value_map_set(tr, "total_hours", hours_text(c, total)) < 0 ||
	    value_map_set(tr, "budget", budget(c, t)) < 0 ||
	    value_map_set(tr, "headcount", c->p->company.employees > 0 &&
					   (size_t)c->p->company.employees > c->p->npeople
				   ? value_number((double)c->p->company.employees) : value_null()) < 0 ||
	    value_map_set(tr, "sessions", sessions(c, t)) < 0 ||
	    value_map_set(tr, "deadlines", l = deadlines(c, t)) < 0 ||
	    value_map_set_bool(tr, "has_deadlines", value_list_len(l) > 0) < 0 ||
	    value_map_set(view, "staff", staff(c, t)) < 0 ||
	    value_map_set(view, "handouts", handouts(c, t, view)) < 0)
		goto out;
	rc = 0;
out:
	training_free(t);
	return rc;
}
