/* training.h - the training plan of one fiscal year: which courses the
 * company runs (courses.xml with the profile's <training> changes and
 * courses), who takes each (the holders of its roles, and whoever is
 * responsible for one of its activities, raci.h), in which
 * months its sessions are held, and by when someone new to the company or
 * to a role must have taken it. Language-free: derive_training.c puts it
 * into words, build.c into the CSV and iCalendar exports.
 *
 * Schedule rules:
 *   - The year runs twelve months from the company's fiscal-year start
 *     (April unless the profile says otherwise), in the year the profile's
 *     <training fiscal-year> names, else the one holding the effective
 *     date.
 *   - A course is held every refresh-months (yearly: once); a course once
 *     only (no refresh) once. A course nobody takes is not held.
 *   - Months: the profile's month for the course, else the catalogue's
 *     preferred one; the others go, the longest first (hours times
 *     attendees), where the year's load so far is lightest, the earliest
 *     such month on a tie, so the load spreads across the year.
 *   - A workshop meets on the second Wednesday of its month; a second
 *     workshop in the same month a week later, a third a week after
 *     that, so that nobody is in two sessions at once. One of up to four
 *     hours starts at 13:30; a longer one at 9:30, with an hour for
 *     lunch, so that every session ends within the working day.
 *     E-learning and on-the-job training have no session: they are taken
 *     during the month, by its last day.
 *   - Someone who joins during the year (person @joined) must take each
 *     of their on-joining courses within its within-days of joining; a
 *     holder given a role during the year (assign @since) its role's
 *     courses within within-days of that day. */
#ifndef SECPOLGEN_TRAINING_H
#define SECPOLGEN_TRAINING_H

#include <stdbool.h>
#include <stddef.h>

#include "model/catalog.h"
#include "base/date.h"
#include "model/model.h"
#include "derive/raci.h"

#define TRAINING_MONTHS 12

struct training_course {
	const char *id;
	const struct catalog_course *builtin; /* or NULL: the profile's own */
	const struct course_def *def;         /* the profile's changes, or NULL */
	const struct strlist *roles;          /* whose holders take it */
	double hours;
	enum course_method method;
	bool on_joining;
	int within_days;
	int refresh_months;
	enum course_check check;
	int pass_mark;
	int keep_years;
	const char *instructor; /* person id, or NULL */
	size_t *people;         /* who takes it: indices into profile.people */
	size_t npeople;
	size_t attendees;       /* how many: npeople, or for a course of all
				 * staff the company's headcount when larger */
	int months[TRAINING_MONTHS]; /* months of the year (0 = first) it is held in */
	size_t nmonths;         /* 0: not held (nobody takes it) */
};

/* Someone who must take a course by a day: new to the company or to a
 * role during the year. */
struct training_deadline {
	size_t person;
	size_t course;
	struct date by;
};

struct training_plan {
	int fiscal_year;   /* calendar year the plan's year starts in */
	int start_month;   /* its first calendar month, 1..12 */
	struct training_course *courses; /* catalogue order, then the profile's own */
	size_t ncourses;
	struct training_deadline *deadlines; /* by person, then course */
	size_t ndeadlines;
	double load[TRAINING_MONTHS]; /* person-hours of each month */
};

/* The plan for profile p. Returns a new plan (caller frees with
 * training_free), or NULL when out of memory. */
struct training_plan *training_plan(const struct profile *p, const struct catalog *cat,
				    const struct raci_matrix *m);

void training_free(struct training_plan *t);

/* The calendar year and month of month i (0..11) of the plan's year. */
void training_month(const struct training_plan *t, int i, int *year, int *month);

/* The day the nth (from 0) course held in month i meets: the second
 * Wednesday, then a week later for each course before it that month. */
struct date training_session_day(const struct training_plan *t, int i, int nth);

/* When a workshop of course c starts (minutes after midnight) and how
 * long it lasts, lunch included. */
int training_start_minute(const struct training_course *c);
int training_minutes(const struct training_course *c);

/* Whether person takes course c. */
bool training_takes(const struct training_course *c, size_t person);

#endif
