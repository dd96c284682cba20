/* raci.h - the responsibility (RACI) matrix of one company: the
 * catalogue's activities (activities.xml) with the profile's <raci>
 * changes, the roles as columns with the people who hold them, and the
 * rules it is checked against. Language-free: derive.c puts it into words.
 *
 * The rules:
 *   accountable   an activity has exactly one A            (error)
 *   responsible   an activity has at least one R           (error)
 *   unstaffed     an activity whose R roles have nobody    (warning)
 *   measure       a measure none of whose activities has
 *                 anybody responsible                      (warning)
 *   vacant        a role nobody holds                      (warning)
 *   separation    a person responsible for one activity of
 *                 a <separate> pair is the only person
 *                 responsible for the other                (warning)
 *   deputy        a role held by one person who has no
 *                 deputy in it (roles.xml deputy="optional"
 *                 excepted)                                (warning)
 *   cover         the deputy of someone responsible for the
 *                 second activity of a <separate> pair is
 *                 responsible for the first: standing in,
 *                 they would check their own work; or,
 *                 in an activity with approves="true",
 *                 standing in they would approve their own
 *                 work (raci_approves_own; one finding a
 *                 holder, separation NULL)                 (warning)
 */
#ifndef SECPOLGEN_RACI_H
#define SECPOLGEN_RACI_H

#include <stdbool.h>
#include <stddef.h>

#include "model/catalog.h"
#include "base/diag.h"
#include "model/model.h"

#define RACI_NOBODY ((size_t)-1)

/* A column: a role and who holds it. */
struct raci_role {
	const char *id;          /* borrowed from the catalogue or profile */
	const char *reports_to;  /* role id or NULL */
	const struct role_def *def; /* the profile's own role, or NULL */
	bool everyone;           /* held by all staff */
	bool required;
	int measure;             /* catalog_role.measure, or 0 */
	size_t *people;          /* indices into profile.people */
	size_t *deputies;        /* deputies[i] stands in for people[i] in
				  * this role: an index into profile.people,
				  * or RACI_NOBODY */
	size_t npeople;
	size_t lead;             /* index into people[] of the lead, or
				  * RACI_NOBODY */
	bool in_matrix;          /* has a letter in some row */
};

/* A row: an activity that applies to this company. */
struct raci_row {
	const struct catalog_activity *activity;
	unsigned *cells;     /* one enum raci set a role, as roles[] */
	struct loc changed;  /* last <raci> that changed this row, or 0:0 */
};

enum raci_rule {
	RACI_ACCOUNTABLE,
	RACI_RESPONSIBLE,
	RACI_UNSTAFFED,
	RACI_MEASURE,
	RACI_VACANT,
	RACI_SEPARATION,
	RACI_DEPUTY,
	RACI_COVER,
	RACI_SELF   /* a person both does (R) and approves (A) an approving
		     * activity, always: row the first, role the A column */
};

struct raci_finding {
	enum raci_rule rule;
	bool error;
	size_t row;       /* ACCOUNTABLE, RESPONSIBLE, UNSTAFFED; SEPARATION: the second */
	size_t first_row; /* SEPARATION: the first activity */
	size_t role;      /* VACANT, DEPUTY, COVER: the column */
	size_t person;    /* SEPARATION, DEPUTY, COVER: index into
			   * profile.people (COVER: the one stood in for) */
	size_t deputy;    /* COVER: who stands in, into profile.people */
	int measure;      /* MEASURE: 1..6 */
	size_t count;     /* ACCOUNTABLE: how many A */
	const struct catalog_separation *separation;
	struct loc loc;   /* where in the profile, or 0:0 */
};

struct raci_matrix {
	struct raci_role *roles; /* built-in (catalogue order, all-staff
				  * last), then the profile's own */
	size_t nroles;
	struct raci_row *rows;   /* activities in catalogue order */
	size_t nrows;
	struct raci_finding *findings; /* rule by rule, in matrix order */
	size_t nfindings;
};

/* Builds and checks the matrix of p. Returns a new matrix (caller frees
 * with raci_free), or NULL when out of memory. */
struct raci_matrix *raci_build(const struct profile *p, const struct catalog *cat);

void raci_free(struct raci_matrix *m);

/* Adds each finding to d as an error or a warning, located in p's file. */
void raci_report(const struct raci_matrix *m, const struct profile *p,
		 struct diag *d);

/* The index in m->rows of activity, or -1 when it does not apply to this
 * company (its scheme does not) or is not in the catalogue. */
long raci_row_index(const struct raci_matrix *m, const char *activity);

/* Whether person (an index into p->people) holds the role of column col. */
bool raci_holds(const struct raci_matrix *m, size_t col, size_t person);

/* Whether deputy, standing in for person in the role of column col,
 * would approve their own work in row (an activity with approves="true"):
 * standing in for its approver while responsible for it, or doing the
 * work of someone whose work they approve. */
bool raci_approves_own(const struct raci_matrix *m, size_t row, size_t col, size_t person,
		       size_t deputy);

/* Who stands in for person in the role of column col (an index into
 * p->people), or RACI_NOBODY: the one deputy every document names. */
size_t raci_deputy(const struct raci_matrix *m, size_t col, size_t person);

/* The key of a finding's words (org.finding.<key>, org.action.<key>,
 * check.hint.<key>): its rule's name ("separation"), or a variant's
 * ("lead-deputy": a role several hold has no deputy for its lead;
 * "approve-own": a deputy would approve their own work). */
const char *raci_finding_key(const struct raci_matrix *m, const struct raci_finding *f);

/* Whether person (into profile.people) holds both a role responsible (R)
 * for approving activity row and the role accountable (A) for it: they
 * approve their own work whoever is away. */
bool raci_self_approves(const struct raci_matrix *m, size_t row, size_t person);

#endif
