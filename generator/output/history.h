/* history.h - what secpolgen wrote into an output folder before, so that
 * a rebuild loses nothing: the manifest out/.secpolgen-manifest lists the
 * revision the folder holds and a fingerprint of each file written.
 *
 *   - A rebuild of the same revision replaces the files, and removes those
 *     it no longer makes, but refuses (unless forced) when one was changed
 *     since it was written: edited by hand (forced, such a file that is no
 *     longer made is left, the user's).
 *   - A build of another revision first moves every file of the previous
 *     one into out/archive/<previous revision>/, keeping its path, then
 *     writes the new ones: last year's documents stay beside this year's
 *     (the moves are steps of the commit's journal, journal.h).
 *
 * The fingerprint is 64-bit FNV-1a: it tells an edit from the bytes
 * secpolgen wrote, not a forgery. */
#ifndef SECPOLGEN_HISTORY_H
#define SECPOLGEN_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"
#include "model/model.h"

#define HISTORY_MANIFEST ".secpolgen-manifest"
#define HISTORY_ARCHIVE "archive"

struct history_entry {
	char *path;      /* relative to the output folder */
	uint64_t hash;
};

struct history {
	char *revision;  /* NULL when the folder holds no manifest */
	struct history_entry *v;
	size_t n;
};

uint64_t history_hash(const char *data, size_t len);

/* Reads dir's manifest into h (empty when there is none). 0 ok, -1 after
 * adding an error to d (unreadable, or not a manifest). */
int history_read(struct history *h, const char *dir, struct diag *d);

void history_free(struct history *h);

/* Appends the manifest of a set of files of revision: paths[i] whose
 * bytes hash (history_hash) to hash[i]. 0 ok, -1 when out of memory. */
int history_format(struct buf *out, const char *revision, const char *const *paths,
		   const uint64_t *hash, size_t n);

/* Whether the file at dir/path is still what secpolgen wrote: its bytes
 * hash to e's, or to *next (what this run writes there, so that a run
 * killed midway is not taken for an edit; next may be NULL); true when it
 * is gone, false when a link, a pipe or a folder stands there. */
bool history_untouched(const char *dir, const struct history_entry *e,
		       const uint64_t *next);

/* Whether dir/path is a regular file (not a symbolic link) holding
 * exactly the len bytes of data. Never waits on a pipe. */
bool history_holds(const char *dir, const char *path, const char *data, size_t len);

/* Reads the regular file path (never through a link, never waiting on a
 * pipe) into b, '\0'-terminated, at most max bytes. 0; -1 with errno
 * (ENOENT: nothing there; EFBIG: larger than max); HISTORY_NOT_REGULAR
 * when something else than a regular file stands there. */
#define HISTORY_NOT_REGULAR (-2)
int history_read_file(const char *path, struct buf *b, size_t max);

/* A path a manifest may hold: relative, [A-Za-z0-9._-] components
 * separated by '/', nothing above the output folder. */
bool history_path_ok(const char *p);

/* The folders of path (a full path) from offset from on, inside the
 * output folder: each made (make set) or, one that exists, a real
 * folder, never a symbolic link out of it. With make unset only
 * checked: 0 when each is a real folder or missing. 0, or -1 after an
 * error in d. path is changed during the call and restored. */
int history_parents(char *path, size_t from, bool make, struct diag *d);

#endif
