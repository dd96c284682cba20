/* history.h - what secpolgen wrote into an output folder before, so that
 * a rebuild loses nothing: the manifest out/.secpolgen-manifest lists the
 * revision the folder holds and a fingerprint of each file written.
 *
 *   - A rebuild of the same revision replaces the files, but refuses (unless
 *     forced) when one was changed since it was written: edited by hand.
 *   - A build of another revision first moves every file of the previous
 *     one into out/archive/<previous revision>/, keeping its path, then
 *     writes the new ones: last year's documents stay beside this year's.
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

/* Moves each file of h that still exists into
 * dir/archive/<h->revision>/<its path>, creating folders, and appends
 * each new name (relative to dir) to moved (caller frees, strlist_free).
 * A file already in the archive under that name is left where it is. 0
 * ok, -1 after adding an error to d. */
int history_archive(const struct history *h, const char *dir, struct strlist *moved,
		    struct diag *d);

#endif
