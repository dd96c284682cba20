/* journal.h - the commit of a set of files as one step: a journal that
 * lists every move of the commit is put on disk before the first of
 * them, and removed after the last, so that a build killed at any
 * instant leaves the output folder either as it was (no journal yet:
 * nothing has moved) or with a journal the next build replays to the
 * end before it does anything else. Each step can be done again without
 * harm, which is what makes the replay safe whatever the instant:
 *
 *   archive FROM TO  a file of the previous revision into the archive:
 *                    done when FROM is there and TO is not (a file
 *                    already archived is never overwritten, and a new
 *                    file that took FROM's name once it had moved is
 *                    not archived in its turn);
 *   remove FROM      a file of the previous build of the same revision
 *                    that this build no longer makes (the sheet of a
 *                    person who left): done when FROM is still there;
 *   rename FROM TO   a new file into its place: done when FROM, its
 *                    temporary file, is still there.
 *
 * Paths are relative to the output folder, made of [A-Za-z0-9._-]
 * components, never through a symbolic link: a journal read back is
 * checked as strictly as the manifest (history.h). */
#ifndef SECPOLGEN_JOURNAL_H
#define SECPOLGEN_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "model/model.h"

#define JOURNAL_NAME ".secpolgen-journal"

enum journal_op { JOURNAL_ARCHIVE, JOURNAL_REMOVE, JOURNAL_RENAME };

struct journal_step {
	enum journal_op op;
	const char *from, *to; /* to: NULL for JOURNAL_REMOVE */
	bool owned; /* from and to are the journal's to free */
};

struct journal {
	char *revision; /* the revision the commit writes, for messages */
	struct journal_step *v;
	size_t n, cap;
};

/* Appends a step, copying from and to (NULL for JOURNAL_REMOVE). 0, or
 * -1 when out of memory. */
int journal_add(struct journal *j, enum journal_op op, const char *from, const char *to);
/* The same without copies: from and to must outlive the journal (a
 * commit's temporary names and paths: a large set's journal then costs
 * an array, not a copy of every name). */
int journal_add_borrowed(struct journal *j, enum journal_op op, const char *from,
			 const char *to);
void journal_free(struct journal *j);

/* Whether every step's folders, under dir, are real folders or missing:
 * no step may move a file through a symbolic link. 0, or -1 after an
 * error in d. */
int journal_check(const struct journal *j, const char *dir, struct diag *d);

/* Puts the journal on disk as dir/JOURNAL_NAME: written beside, synced,
 * renamed, and the folder synced. 0, or -1 after an error in d (then no
 * journal is there). */
int journal_write(const struct journal *j, const char *dir, struct diag *d);

/* Reads dir's journal into j: 1 when there is one, 0 when there is none
 * (j empty), -1 after an error in d (not one secpolgen wrote: a located
 * error naming the line). */
int journal_read(struct journal *j, const char *dir, struct diag *d);

/* Does every step that is still to do, in order, appending to moved
 * (*nmoved of them; caller frees the array, not the names, which are the
 * journal's) the new name of each file moved, or the name of each file
 * removed, relative to dir, for its folder to be put on disk. 0, or -1
 * after an error in d: the journal is then left for the next build to
 * finish. */
int journal_apply(const struct journal *j, const char *dir, const char ***moved,
		  size_t *nmoved, struct diag *d);

/* Removes dir's journal and puts the folder on disk. 0, or -1 after an
 * error in d. */
int journal_remove(const char *dir, struct diag *d);

#endif
