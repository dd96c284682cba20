/* diff.h - what changed between two revisions of a profile, in sentences
 * a manager reads (secpolgen diff OLD.xml NEW.xml).
 *
 * Things are matched by id (people, roles, products, suppliers, courses,
 * RACI cells by activity and role); a text counts as changed when any of
 * its languages did, and is shown in the language asked for. The changes
 * come in the order of the profile: company, people, roles (the company's
 * own, who holds which, the responsibility matrix), products, suppliers,
 * vulnerability handling, review, training, revisions, approval. Every
 * sentence is a message diff.* of locales/<lang>.xlf; the new profile's
 * own wording (<messages>) applies on top, as in its documents.
 *
 * The text also says what moved in each product's records (records.h,
 * records/ beside each profile), after the products: a requirement met
 * (on evidence of which day) or otherwise changed in status, a risk
 * accepted, to be treated further or undecided again, a decision taken,
 * a test passed or failed; records started or gone. A revision's summary
 * leaves them out: records change weekly, the revision is the profile's. */
#ifndef SECPOLGEN_DIFF_H
#define SECPOLGEN_DIFF_H

#include "base/buf.h"
#include "base/diag.h"
#include "base/status.h"

enum diff_format {
	/* One line per change, "- " and a sentence; or one line saying
	 * nothing changed. */
	DIFF_TEXT,
	/* A draft <revision> element to paste into the new profile's
	 * <revisions>, indented as in examples/profile.xml:
	 *   number  the new profile's last revision number with its second
	 *           part plus one (1.1 -> 1.2, 1.9 -> 1.10, 2 -> 2.1,
	 *           1.2.3 -> 1.3; 1.999 -> 2.0);
	 *   date    never today (the same input gives the same bytes): the
	 *           later of the new profile's approval date and its last
	 *           revision date (so the history stays in order), with a
	 *           comment saying to correct it;
	 *   author  the person id of the new profile's (first) product security
	 *           manager, else the last revision's author;
	 *   <summary xml:lang="ja"> and <summary xml:lang="en">: the changes
	 *           in that language, joined as sentences (diff.join),
	 *           XML-escaped; a comment asks to shorten one longer than the
	 *           schema's 1,000 characters.
	 * Comments are in the language asked for. */
	DIFF_REVISION
};

/* Loads old_path and new_path as profiles (profile_load with the
 * catalogue of datadir/policy-templates and the schema
 * datadir/policy-templates/profile.rng) and appends to out what changed,
 * in language lang ("ja" or "en": the messages of
 * datadir/locales/<lang>.xlf; DIFF_REVISION also loads ja and en for the
 * summaries). Returns SP_OK (changes or none), or after adding errors to
 * d (base/status.h) SP_EINPUT: a profile has errors (both are read, and
 * every error is reported, located as profile_load reports them), a
 * data file is missing or broken, a message is missing; SP_ENOMEM. On
 * failure, out holds an unspecified prefix. */
int diff_run(const char *old_path, const char *new_path, const char *datadir,
	     const char *lang, enum diff_format format, struct buf *out,
	     struct diag *d);


#endif
