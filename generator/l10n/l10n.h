/* l10n.h - the localisation kit: every word the program itself puts into
 * a document, a report, a diff or a question comes through here, from one
 * language's messages (messages.h). derive, diff, init, build and check all
 * use it; none of them builds a message text, a date, a count or a list in
 * a language of its own.
 *
 * A kit holds the catalogue, the word lists' label prefixes (catalog.h) and
 * where errors go. Each call that fails adds an error to d and marks the
 * kit failed (sticky, base/status.h);
 * callers may go on and look at l10n_failed() once at the end. Labels are
 * borrowed from the catalogue; texts the kit makes are malloc'd and the
 * caller's. */
#ifndef SECPOLGEN_L10N_H
#define SECPOLGEN_L10N_H

#include <stdarg.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "l10n/messages.h"
#include "model/catalog.h"
#include "template/value.h"

struct l10n {
	const struct messages *msgs;
	const struct catalog *cat; /* for word lists; may be NULL */
	const char *file;          /* named in "not a date" errors; may be NULL */
	struct diag *d;
	int status;                /* 0, or the first failure's code (sticky) */
};

/* A kit over msgs; cat may be NULL when no word list is labelled, file
 * the input that dates come from (for errors). */
struct l10n l10n_kit(const struct messages *msgs, const struct catalog *cat,
		     const char *file, struct diag *d);

/* Whether any call has failed (its error is in d). */
int l10n_failed(const struct l10n *l);

/* The plain text of message id, as written (borrowed), or NULL after "no
 * message" is reported. */
const char *l10n_label(struct l10n *l, const char *id);

/* The same, the id made from a printf format ("format.month.%d"). */
const char *l10n_labelf(struct l10n *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The message id a printf format makes, for the kit's calls that take an
 * id more than once. Caller frees; NULL after "out of memory". */
char *l10n_vid(struct l10n *l, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* The label of word in word list vocab (profile.rng's spc:labels prefix:
 * "markets", "EU" -> label.market.EU). */
const char *l10n_word(struct l10n *l, const char *vocab, const char *word);

/* Message id (a small Mustache template) rendered over data as plain
 * text; frees data (a NULL data is a failed allocation). Caller frees the
 * result; NULL after an error. */
char *l10n_format(struct l10n *l, const char *id, struct value *data);

/* The message id over { n: n }. */
char *l10n_format_n(struct l10n *l, const char *id, double n);

/* "3 business days", "1 business day": message unit.one or unit.other
 * over { n }; a language without a singular says the same in both. */
char *l10n_count(struct l10n *l, const char *unit, double n);

/* dt in the language's format (format.date over year, month, day and
 * month_name, from format.month.<m>). */
char *l10n_date(struct l10n *l, struct date dt);

/* An ISO date (YYYY-MM-DD) as l10n_date; "not a date" is an error. */
char *l10n_date_iso(struct l10n *l, const char *iso);

/* Appends item to b after the language's list separator when b is not
 * empty. 0, or -1 (item NULL after an earlier error, or out of memory),
 * b then freed. */
int l10n_join_add(struct l10n *l, struct buf *b, const char *item);

/* items[0..n) joined with the language's list separator (NULL items as
 * empty); malloc'd, NULL when n is 0 or after an error. */
char *l10n_join(struct l10n *l, const char *const *items, size_t n);

/* Calls fn with the ids of the calendar's words (format.month.1 to .12,
 * format.month-short.1 to .12): the locale lint counts every one used,
 * whichever months the test profiles' dates fall in. */
void l10n_message_ids(void (*fn)(void *ctx, const char *id), void *ctx);

#endif
