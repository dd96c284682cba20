/* requirements.h - the requirements catalogue (policy-templates/
 * requirements.xml): the public schemes, the baseline security
 * requirements mapped to them, the risks they counter, the tests that
 * verify them and the questions they leave for the drafting meeting; and
 * which of them apply to a product, decided from its features.
 *
 * A condition is two lists of features: all of "when" and at least one of
 * "any" (an empty list holds). The features of a product are words:
 *   network ip direct         any link; an IP link; direct-connection="true"
 *   <connectivity> <interfaces> <data> words, as in the profile
 *   personal sensing          a data word with that trait (profile.rng)
 *   updatable ota local-update no-update   from update=
 *   jp eu uk us               from <markets>
 *   suppliers                 a supplier works on the product
 */
#ifndef SECPOLGEN_REQUIREMENTS_H
#define SECPOLGEN_REQUIREMENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

struct catalog;

struct req_condition {
	struct strlist all; /* when= */
	struct strlist any; /* any= */
};

/* A public scheme a requirement comes from. Its name is the message
 * scheme.<id>.name. */
enum req_scheme_kind {
	SCHEME_LAW,       /* a legal duty where it applies (derive.c decides) */
	SCHEME_VOLUNTARY, /* a scheme a maker may join where it applies */
	SCHEME_REFERENCE  /* a baseline every product is measured against */
};

struct req_scheme {
	char *id;             /* jcstar etsi cra terminal-equipment nist psti */
	enum req_scheme_kind kind;
	struct ltext edition; /* the edition the catalogue follows */
};

struct req_source {
	char *scheme; /* a req_scheme id */
	char *ref;    /* "S1.1-02", "5.1-1", "Annex I Part I (2)(d)" … */
};

/* Texts: req.<id>.title, req.<id>.text. */
struct req_requirement {
	char *id;
	bool must; /* level="must"; else "should" */
	struct req_condition when;
	struct req_source *sources;
	size_t nsources;
};

/* Adds to a risk's likelihood or impact when its condition holds. */
struct req_raise {
	int likelihood, impact;
	struct req_condition when;
};

/* Texts: risk.<id>.threat, risk.<id>.asset. */
struct req_risk {
	char *id;
	struct req_condition when;
	int likelihood, impact; /* 1..3 before raises */
	struct strlist counters; /* requirement ids */
	struct req_raise *raises;
	size_t nraises;
};

enum req_stage {
	STAGE_DESIGN_REVIEW = 1u << 0,
	STAGE_PRE_RELEASE = 1u << 1,
	STAGE_EACH_UPDATE = 1u << 2
};
#define REQ_NSTAGES 3

/* Texts: test.<id>.name, .method, .pass. Applies when one of its
 * requirements does. */
struct req_test {
	char *id;
	struct strlist requirements;
	unsigned stages;  /* enum req_stage bits */
	char *activity;   /* activities.xml id: its R roles own the test */
};

/* A question for the drafting meeting: decision.<id>. */
struct req_decision {
	char *id;
	struct req_condition when;
};

struct req_catalog {
	struct req_scheme *schemes;
	size_t nschemes;
	struct req_requirement *requirements;
	size_t nrequirements;
	struct req_risk *risks;
	size_t nrisks;
	struct req_test *tests;
	size_t ntests;
	struct req_decision *decisions;
	size_t ndecisions;
};

/* The features of one product, as words (borrowed from the product and
 * from static strings). */
#define REQ_MAX_FEATURES 96
struct req_features {
	const char *v[REQ_MAX_FEATURES];
	size_t n;
};

/* Loads path (requirements.xml); cat gives the word lists and the
 * activities it is checked against. Returns a new catalogue (caller frees
 * with requirements_free), or NULL after adding located errors to d. */
struct req_catalog *requirements_load(const char *path, const struct catalog *cat,
				      struct diag *d);

void requirements_free(struct req_catalog *rc);

/* The features of pr in profile p. */
void requirements_features(const struct catalog *cat, const struct profile *p,
			   const struct product *pr, struct req_features *out);

bool requirements_holds(const struct req_condition *c, const struct req_features *f);

/* A risk's likelihood and impact for a product with features f, 1..3. */
void requirements_score(const struct req_risk *r, const struct req_features *f,
			int *likelihood, int *impact);

/* 0 low, 1 medium, 2 high: the rating of likelihood x impact. */
int requirements_rating(int likelihood, int impact);

/* The scheme, requirement with that id, or NULL. Borrowed. */
const struct req_scheme *requirements_scheme(const struct req_catalog *rc, const char *id);
const struct req_requirement *requirements_find(const struct req_catalog *rc, const char *id);

#endif
