/* output.h - the set of files one run writes, held in memory until every
 * document has been rendered, then written all-or-nothing: each file goes
 * to a temporary name in its folder and is renamed over the old one only
 * when every temporary file is complete. A failed run leaves the previous
 * documents as they were. */
#ifndef SECPOLGEN_OUTPUT_H
#define SECPOLGEN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

struct output_file {
	char *path;  /* relative to the output folder, '/'-separated */
	char *data;  /* owned */
	size_t len;
};

struct output_set {
	struct output_file *v;
	size_t n, cap;
};

#define OUTPUT_SET_INIT { NULL, 0, 0 }

/* Adds a file, taking the bytes of b (b is reset). A path must be
 * relative, made of [A-Za-z0-9._-] components separated by '/', none of
 * them "." or ".." or empty. 0 ok, -1 after adding an error to d. */
int output_add(struct output_set *s, const char *path, struct buf *b,
	       struct diag *d);

/* Writes every file under dir (created when missing). 0 ok, -1 after
 * adding an error to d; then no file under dir has changed. Each file is
 * replaced atomically (rename); the set as a whole is not: a run killed
 * during the renames may leave some files new and some old, each whole.
 * Temporary files that a killed earlier run left beside this run's files
 * are removed. */
int output_commit(const struct output_set *s, const char *dir, struct diag *d);

/* How output_commit_revision keeps what was there (history.h). */
struct output_options {
	const char *revision; /* the revision the files are of */
	bool force;           /* replace files edited by hand since written */
};

/* output_commit, keeping history: refuses (OUTPUT_REFUSED, naming them)
 * when a file of the same revision was edited since secpolgen wrote it,
 * unless o->force, or when the folder's manifest is not one it wrote;
 * moves the files of another revision into archive/<it>/ first; writes
 * the manifest with the files. 0 ok, -1 cannot write (as output_commit). */
#define OUTPUT_REFUSED (-2)
int output_commit_revision(const struct output_set *s, const char *dir,
			   const struct output_options *o, struct diag *d);

void output_free(struct output_set *s);

#endif
