/* derive_private.h - shared by the parts of the view builder (derive.c,
 * derive_org.c), not part of derive.h's API. */
#ifndef SECPOLGEN_DERIVE_PRIVATE_H
#define SECPOLGEN_DERIVE_PRIVATE_H

#include "base/buf.h"
#include "model/catalog.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/status.h"
#include "l10n/l10n.h"
#include "l10n/messages.h"
#include "model/model.h"
#include "model/requirements.h"
#include "derive/raci.h"
#include "template/value.h"

/* Everything one derivation needs, so helpers take one pointer. */
struct ctx {
	const struct profile *p;
	const struct catalog *cat;
	const struct messages *msgs;
	const char *lang;
	struct diag *d;
	/* The language's words (l10n.h); its status is the derivation's
	 * (sticky: sp_fail(&c->kit.status, …), l10n_failed(&c->kit)). */
	struct l10n kit;
	struct raci_matrix *raci; /* the company's responsibility matrix */
	unsigned char *tests_used; /* by catalogue test: applies to some product */
	const struct value *view;  /* the view built so far, once histories run */
	/* By product, in the profile's order: each one's features, the
	 * schemes that apply included (derive_features). */
	struct req_features *features;
};

/* Fills c->features once for the view: 0, or -1 out of memory. Freed
 * with free(c->features). */
int derive_ctx_features(struct ctx *c);

/* The features of pr, which must be one of c->p's products. */
const struct req_features *derive_features(const struct ctx *c, const struct product *pr);

/* Whether some product of the profile has word among its features. */
bool derive_any_product(const struct ctx *c, const char *word);

/* The joined list as a value: a string, or null when it is empty. Frees
 * b. */
struct value *derive_join_value(struct buf *b);

/* The kit's texts (l10n.h) as view values: the format message id over
 * data (freed), the same with the id made from a printf format, over
 * { n: n }, a date, an ISO date of the profile (a null
 * value when iso is NULL), a count of unit ("format.hours"). NULL after
 * an error. */
struct value *derive_format_text(struct ctx *c, const char *id, struct value *data);
struct value *derive_format_textf(struct ctx *c, struct value *data, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct value *derive_format_n(struct ctx *c, const char *id, const char *n);
struct value *derive_format_date(struct ctx *c, struct date dt);
struct value *derive_format_iso(struct ctx *c, const char *iso);
struct value *derive_format_count(struct ctx *c, const char *unit, int n);

/* t in the view's language (ltext_get). Borrowed. */
const char *derive_text(struct ctx *c, const struct ltext *t);

/* A role's name in the language: the catalogue's message, or the
 * profile's own wording for a custom role. Borrowed. */
const char *derive_role_name(struct ctx *c, const char *id);

/* A person as the view shows one (derive.h: person). Caller frees. */
struct value *derive_person_view(struct ctx *c, const struct person *pp);

/* The view's "org": the organisation chart, the responsibility matrix,
 * each role's duties, the contact list and the matrix's findings
 * (derive.h). NULL after an error. */
struct value *derive_org_view(struct ctx *c);

/* Adds the training documents' keys to view (derive.h: training, staff,
 * handouts); the handouts' texts are rendered over view as it is, so it
 * is called last. 0 ok, -1 after an error. */
int derive_training_view(struct ctx *c, struct value *view);

/* The report of `check` (derive.h's derive_report) from view; *out the
 * tree. The number of gaps, or -1 after an error. */
int derive_report_view(struct ctx *c, const struct value *view,
		       struct value **out);

/* Adds the view's "laws" (the laws and schemes that apply to any
 * product, each with its products) and "schemes" (a bool by scheme id,
 * '-' written '_'). 0, or -1 after an error. */
int derive_laws_view(struct ctx *c, struct value *view);

/* Adds to v, the view of product pr, what requirements.xml gives it
 * (derive.h: requirements, risks, schemes_detail, tests, decisions). 0, or
 * -1 after an error. Texts that name the product render over v. */
int derive_product_details(struct ctx *c, const struct product *pr, struct value *v);

struct req_requirement;
struct req_risk;
struct req_test;
struct req_decision;

/* What a product's records say, counted as its view is made
 * (derive_records.c): for the policy's summary and the register. */
struct rec_tally {
	size_t reqs, must, must_met, unrecorded;
	size_t status[4];  /* by enum rec_status */
	size_t risks, risks_decided, risks_within, risks_open; /* open: above the line, undecided */
	size_t tests, results[3]; /* by enum rec_result */
	size_t decisions, answered;
	char high[256]; /* "T3, T11": risks still rated High after their
			 * countermeasures, by number; "" when none */
};

/* What pr's records say of one requirement, risk (rated rating, 0..2,
 * before countermeasures), test or decision, added to its view v (only
 * when pr has records; a decision's status always: answered, owned, the
 * approver's (approver: the name of who approved the sheet, or NULL), or
 * unowned), and counted in t. 0, or -1 after an error. */
int derive_record_requirement(struct ctx *c, const struct product *pr,
			      const struct req_requirement *r, struct value *v,
			      struct rec_tally *t);
int derive_record_risk(struct ctx *c, const struct product *pr, const struct req_risk *r,
		       int rating, struct value *v, struct rec_tally *t);
int derive_record_test(struct ctx *c, const struct product *pr, const struct req_test *x,
		       struct value *v, struct rec_tally *t);
int derive_record_decision(struct ctx *c, const struct product *pr, const struct req_decision *x,
			   const char *approver, struct value *v, struct rec_tally *t);

/* The product's "records" (derive.h): the day they were brought up to
 * date and the tally in words; null when the product has none. */
struct value *derive_records_view(struct ctx *c, const struct product *pr,
				  const struct rec_tally *t);

/* The approval that covers document id (of item, or NULL), or NULL: a
 * draft. */
const struct approval *derive_approval_of(const struct profile *p, const char *id,
					  const char *item);

/* The view's "verification" and "disclosure" (derive.h). NULL after an
 * error. */
struct value *derive_verification_view(struct ctx *c);
struct value *derive_disclosure_view(struct ctx *c);

/* derive_psirt.c: the PSIRT procedure's view ("vh": severity bands and
 * fix targets, the people who act, the routes and the register's
 * columns), the advisories' list and each one's own history, and the
 * CRA report forms (a product sold in the EU each, item.lang "en"). */
struct value *derive_psirt_view(struct ctx *c, const struct value *view);
struct value *derive_advisories_view(struct ctx *c);
struct value *derive_advisory_history(struct ctx *c, const char *slug);
struct value *derive_cra_forms_view(struct ctx *c);

/* Which language's version of a document governs (the profile's
 * authoritative-language), as a document's cover says it: { label,
 * value, translation (this language is not the original's), original
 * (its language's name) } (derive.c). only: the document is written in
 * this language alone (a staff sheet, a CRA form), so its cover says so
 * instead; translation still says whether the policy it refers to is
 * read in a translation. */
struct value *derive_language_view(struct ctx *c, bool only);


#endif
