/* requirements.h - the product security catalogue (policy-templates/
 * requirements.xml): the features a product has, the laws and schemes
 * that apply to it, the requirements, risks, verification items,
 * questions and gaps that follow, and the rubric that rates the risks.
 *
 * Everything applies by one condition language, evaluated here and
 * nowhere else: a condition is three lists of features, all of "when",
 * at least one of "any" (an empty list holds) and none of "not". The
 * features of a product are words:
 *   - every word the profile gives it: its <connectivity>, <interfaces>,
 *     <data> and <customers> words, its category, its markets in lower
 *     case (jp eu uk us), and the spc:traits of each of those words in
 *     profile.rng (ip radio cellular personal sensing …);
 *   - what this file derives from what the device has, because the
 *     catalogue cannot: network (any link), how it reaches the internet
 *     (direct behind-router via-gateway via-phone offline, and internet
 *     unless offline), how firmware reaches it (update-ota update-app
 *     update-gateway update-wired no-update, and updatable), suppliers
 *     (a supplier works on it), sales-until (the profile gives the last
 *     day units are placed on the market), record:<scheme> and
 *     record:<scheme>:<route> for each <conformity>, eu-operator and
 *     eu-operator:<kind> for each economic operator that acts for it;
 *   - the catalogue's own <feature>s, in the file's order;
 *   - the id of every scheme that applies to it (cra, red, …).
 */
#ifndef SECPOLGEN_REQUIREMENTS_H
#define SECPOLGEN_REQUIREMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/model.h"

struct catalog;

/* Conditions are evaluated as bit sets over the words the catalogue's
 * conditions name (at most REQ_WORDS * 64 of them). */
#define REQ_WORDS 8

struct req_condition {
	struct strlist all;  /* when= */
	struct strlist any;  /* any= */
	struct strlist none; /* not= */
	uint64_t all_bits[REQ_WORDS], any_bits[REQ_WORDS], none_bits[REQ_WORDS];
};

/* <feature id when any not>: the product has feature id when the
 * condition holds (several definitions of one id: any of them). */
struct req_feature {
	char *id;
	struct req_condition when;
};

enum req_scheme_kind {
	SCHEME_LAW,       /* a legal duty where it applies */
	SCHEME_VOLUNTARY, /* a scheme a maker may join where it applies */
	SCHEME_REFERENCE  /* a baseline the product is measured against */
};

/* A statement about the scheme for the products its condition holds for:
 * message scheme.<scheme>.point.<id>. With operators, it is made only when
 * one of the product's economic operators is of one of those kinds, the
 * first kind in that order deciding (its country is the message's
 * {{operator_country}}, its kind {{operator_kind}}). */
struct req_point {
	char *id;
	struct req_condition when;
	struct strlist operators;
	int support_months; /* > 0: only when support lasts that long after the last sale */
};

/* Why a scheme a reader would expect does not apply to a product:
 * message scheme.<scheme>.exempt.<id>. */
struct req_exempt {
	char *id;
	struct req_condition when;
};

/* How a scheme's clauses (req_source.ref) are cited, and so written in
 * a language other than the catalogue's English (cite.h):
 * codes   numbers of a standard or a programme: "5.1-1, 5.1-2"
 * law     a statute's articles, annexes, parts, schedules and numbered
 *         paragraphs: "Annex I Part I (2)(b), (d); Art. 13(9)"
 * items   numbered items of one article: "(1)" (第1号)
 * titles  section titles, quoted: "Logical access to interfaces" */
enum req_cite { REQ_CITE_CODES, REQ_CITE_LAW, REQ_CITE_ITEMS, REQ_CITE_TITLES };

struct req_scheme {
	char *id;             /* its messages: scheme.<id>.name, .applies */
	enum req_scheme_kind kind;
	struct ltext edition; /* the edition the catalogue follows */
	struct req_condition when;
	struct req_point *points;
	size_t npoints;
	struct req_exempt *exempts;
	size_t nexempts;
	struct strlist policy_items; /* the policy lists scheme.<id>.policy.<item> */
	char *policy_note;           /* then says scheme.<id>.policy.<note>, or NULL */
	enum req_cite cite;          /* how its sources' clauses are written */
};

/* A clause of a scheme that a requirement comes from; shown where the
 * scheme applies (exempt: where it is shown as not applying). */
struct req_source {
	char *scheme;
	char *ref; /* "S1.1-02", "5.1-1", "Annex I Part I (2)(d)" … */
	bool exempt;
};

/* Texts: req.<id>.title, req.<id>.text. */
struct req_requirement {
	char *id;
	bool must; /* level="must"; else "should" */
	struct req_condition when;
	struct req_source *sources;
	size_t nsources;
};

/* The rubric's scales: each level of likelihood is reached by some
 * exposures (where an attacker must be, or what event it takes), each
 * level of impact by some consequences. Texts: rubric.exposure.<id>,
 * rubric.consequence.<id>, rubric.likelihood.<level>, rubric.impact.<level>. */
struct req_grade {
	char *id;
	int level; /* 1 low, 2 medium, 3 high */
};

struct req_rubric {
	struct req_grade *exposures;
	size_t nexposures;
	struct req_grade *consequences;
	size_t nconsequences;
};

/* Where a risk's condition holds, another exposure or consequence (the
 * highest level of all that hold counts). Indexes into the rubric, -1:
 * unchanged. */
struct req_case {
	struct req_condition when;
	int exposure, consequence;
};

/* Texts: risk.<id>.threat, risk.<id>.asset. */
struct req_risk {
	char *id;
	struct req_condition when;
	int exposure, consequence; /* indexes into the rubric */
	struct strlist counters;   /* requirement ids */
	struct req_case *cases;
	size_t ncases;
};

enum req_stage {
	STAGE_DESIGN_REVIEW = 1u << 0,
	STAGE_PRE_RELEASE = 1u << 1,
	STAGE_EACH_UPDATE = 1u << 2
};
#define REQ_NSTAGES 3

/* Texts: test.<id>.name, .method, .pass. Applies when its condition holds
 * and one of its requirements applies. */
struct req_test {
	char *id;
	struct req_condition when;
	struct strlist requirements;
	unsigned stages;  /* enum req_stage bits */
	char *activity;   /* activities.xml id: its R roles own the test */
};

/* A question for the drafting meeting: decision.<id>. */
struct req_decision {
	char *id;
	struct req_condition when;
};

/* What `check` reports as a gap of measure 1..6 for a product whose
 * condition holds: check.demand.<id> (and .hint). With support_months,
 * only when the support period ends before that many months after the
 * last day units are placed on the market; with unowned, only when nobody
 * is responsible for that activity of activities.xml. */
struct req_demand {
	char *id;
	int measure;
	struct req_condition when;
	int support_months;
	char *unowned;
};

struct req_catalog {
	struct req_feature *features;
	size_t nfeatures;
	struct req_scheme *schemes;
	size_t nschemes;
	struct req_rubric rubric;
	struct req_requirement *requirements;
	size_t nrequirements;
	struct req_risk *risks;
	size_t nrisks;
	struct req_test *tests;
	size_t ntests;
	struct req_decision *decisions;
	size_t ndecisions;
	struct req_demand *demands;
	size_t ndemands;
	char **words; /* every word a condition names, sorted: the bits' order */
	size_t nwords;
};

/* The features of one product, as words: borrowed from the product, the
 * catalogues and static strings, or kept in store. */
#define REQ_MAX_FEATURES 160
struct req_features {
	const char *v[REQ_MAX_FEATURES];
	size_t n;
	char store[2048];
	size_t used;
	const struct req_catalog *rc;  /* whose words the bits are */
	uint64_t bits[REQ_WORDS];
};

/* Loads path (requirements.xml); cat gives the word lists and the
 * activities it is checked against. Returns a new catalogue (caller frees
 * with requirements_free), or NULL after adding located errors to d. */
struct req_catalog *requirements_load(const char *path, const struct catalog *cat,
				      struct diag *d);

void requirements_free(struct req_catalog *rc);

/* The features of pr in profile p, the schemes that apply included. */
void requirements_features(const struct catalog *cat, const struct profile *p,
			   const struct product *pr, struct req_features *out);

bool requirements_has(const struct req_features *f, const char *w);
bool requirements_holds(const struct req_condition *c, const struct req_features *f);

/* How pr reaches the internet (direct router gateway phone none) and how
 * its firmware is updated (ota app gateway wired none): the profile's
 * word, or what follows from the device's links and interfaces. */
const char *requirements_internet(const struct catalog *cat, const struct product *pr);
const char *requirements_update(const struct catalog *cat, const struct product *pr);

/* Whether scheme applies to a product with features f; shown as not
 * applying (an exempt's index, else -1). */
bool requirements_applies(const struct req_scheme *s, const struct req_features *f);
int requirements_exempt(const struct req_scheme *s, const struct req_features *f);

/* Whether the scheme with that id applies to any product of p. */
bool requirements_any_product(const struct catalog *cat, const struct profile *p,
			      const char *scheme);

/* A risk's exposure and consequence (rubric indexes) for a product with
 * features f, and the likelihood and impact, 1..3, they give. */
void requirements_score(const struct req_catalog *rc, const struct req_risk *r,
			const struct req_features *f, int *exposure, int *consequence,
			int *likelihood, int *impact);

/* Whether pr's support ends before months after the last day its units
 * are placed on the market (false when either date is not given). */
bool requirements_support_short(const struct product *pr, int months);

/* 0 low, 1 medium, 2 high: the rating of likelihood x impact. */
int requirements_rating(int likelihood, int impact);

/* The scheme, requirement with that id, or NULL. Borrowed. */
const struct req_scheme *requirements_scheme(const struct req_catalog *rc, const char *id);
const struct req_requirement *requirements_find(const struct req_catalog *rc, const char *id);
const struct req_risk *requirements_risk(const struct req_catalog *rc, const char *id);
const struct req_test *requirements_test(const struct req_catalog *rc, const char *id);
const struct req_decision *requirements_decision(const struct req_catalog *rc, const char *id);

/* Whether test t applies to a product with features f: its condition
 * holds and one of its requirements applies. */
bool requirements_test_applies(const struct req_catalog *rc, const struct req_test *t,
			       const struct req_features *f);

#endif
