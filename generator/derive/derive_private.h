/* derive_private.h - shared by the parts of the view builder (derive.c,
 * derive_org.c), not part of derive.h's API. */
#ifndef SECPOLGEN_DERIVE_PRIVATE_H
#define SECPOLGEN_DERIVE_PRIVATE_H

#include "base/buf.h"
#include "model/catalog.h"
#include "base/date.h"
#include "base/diag.h"
#include "l10n/messages.h"
#include "model/model.h"
#include "derive/raci.h"
#include "template/value.h"

/* Everything one derivation needs, so helpers take one pointer. */
struct ctx {
	const struct profile *p;
	const struct catalog *cat;
	const struct messages *msgs;
	const char *lang;
	struct diag *d;
	int failed;
	struct raci_matrix *raci; /* the company's responsibility matrix */
	unsigned char *tests_used; /* by catalogue test: applies to some product */
	const struct value *view;  /* the view built so far, once histories run */
};

/* The plain text of message id (no Mustache in it), or NULL after an
 * error. Borrowed from the catalogue. */
const char *derive_label(struct ctx *c, const char *id);

/* derive_label of the id prefix followed by token ("label.stage." and
 * "pre-release"). */
const char *derive_label_of(struct ctx *c, const char *prefix, const char *token);

/* Appends item to a list being joined, after the language's separator
 * when the list is not empty. 0 ok, -1 on failure (b is then freed). */
int derive_join_add(struct ctx *c, struct buf *b, const char *item);

/* The joined list as a value: a string, or null when it is empty. Frees
 * b. */
struct value *derive_join_value(struct buf *b);

/* Renders the format message id (a small Mustache template) over data,
 * as plain text; frees data. NULL after an error. */
struct value *derive_format_text(struct ctx *c, const char *id, struct value *data);

/* The message id over { n: n }, as derive_format_text. */
struct value *derive_format_n(struct ctx *c, const char *id, const char *n);

/* dt in the language's format (format.date); NULL after an error. */
struct value *derive_format_date(struct ctx *c, struct date dt);

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
int derive_report_view(struct ctx *c, const struct value *view, const char *today,
		       struct value **out);

/* Calls fn for every message id derive_report_view may look up. */
void derive_report_message_ids(const struct catalog *cat,
			       void (*fn)(void *ctx, const char *id), void *ctx);

/* Calls fn for every message id derive_training_view may look up. */
void derive_training_message_ids(const struct catalog *cat,
				 void (*fn)(void *ctx, const char *id), void *ctx);

/* Adds the view's "laws" (the laws and schemes that apply to any
 * product, each with its products) and "schemes" (a bool by scheme id,
 * '-' written '_'). 0, or -1 after an error. */
int derive_laws_view(struct ctx *c, struct value *view);

/* The label of word in word list vocab (its spc:labels prefix), or NULL
 * after an error. Borrowed. */
const char *derive_word_label(struct ctx *c, const char *vocab, const char *word);

/* An ISO date of the profile in the language's format; a null value when
 * iso is NULL, NULL after an error. */
struct value *derive_format_iso(struct ctx *c, const char *iso);

/* Adds to v, the view of product pr, what requirements.xml gives it
 * (derive.h: requirements, risks, schemes_detail, tests, decisions). 0, or
 * -1 after an error. Texts that name the product render over v. */
int derive_product_details(struct ctx *c, const struct product *pr, struct value *v);

/* The view's "verification" and "disclosure" (derive.h). NULL after an
 * error. */
struct value *derive_verification_view(struct ctx *c);
struct value *derive_disclosure_view(struct ctx *c);

/* Calls fn for every message id derive_product_details may look up. */
void derive_product_message_ids(const struct catalog *cat,
				void (*fn)(void *ctx, const char *id), void *ctx);

/* Calls fn for every message id derive_org_view may look up. */
void derive_org_message_ids(const struct catalog *cat,
			    void (*fn)(void *ctx, const char *id), void *ctx);

#endif
