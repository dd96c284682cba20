/* output.h - the set of files one run writes, all-or-nothing: each file
 * goes to a temporary file under the output folder (as soon as it is
 * added, when spooling, into a staging folder; else at the commit, from
 * memory, beside its final name) and is renamed over the old
 * one only when every document has been rendered and every temporary file
 * is complete. A failed run leaves the previous documents as they were. */
#ifndef SECPOLGEN_OUTPUT_H
#define SECPOLGEN_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/diag.h"

struct output_file {
	char *path;    /* relative to the output folder, '/'-separated */
	char *data;    /* owned; NULL once spooled */
	size_t len;
	char *tmp;     /* spooled: its temporary file beside its final name */
	uint64_t hash; /* history_hash of the bytes */
	bool same;     /* already at its final name, byte for byte: left as it is */
};

struct output_set {
	struct output_file *v;
	size_t n, cap;
	char *dir;         /* output_spool's folder, or NULL: bytes in memory */
	char **made;       /* folders spooling created, oldest first */
	size_t nmade;
	bool write_failed; /* an output_add could not write its file */
	char *last_dir;    /* the folder of the last file spooled */
	/* Spooled files are written into a staging folder of the process's
	 * own under dir, and renamed from there into place. */
	char *stage;            /* this process's (one of stages), or NULL */
	long stage_pid;         /* the process it belongs to */
	unsigned long nstaged;  /* files written into it */
	char **stages;          /* every staging folder of the run */
	size_t nstages;
	bool keep_same;         /* output_keep_unchanged */
};

#define OUTPUT_SET_INIT { NULL, 0, 0, NULL, NULL, 0, false, NULL, NULL, 0, 0, NULL, 0, false }

/* From now on each file added is written at once to a temporary file in
 * a staging folder of the process's own under dir (its final folder is
 * created as needed), and only its name, size and fingerprint stay in
 * memory: a run's peak memory no longer grows with what it writes. The commit then only renames. A set
 * freed without a commit removes those files and folders again. 0, or -1
 * when out of memory (error in d). */
int output_spool(struct output_set *s, const char *dir, struct diag *d);

/* From now on (spooling) a file whose final name already holds exactly
 * its bytes is neither written nor renamed: it stays as it is, its time
 * included, and is marked same. A rebuild then touches only what
 * changed, and creates and deletes no file for the rest. Only when the
 * folder's manifest (history.h) is of revision, or there is none: a new
 * revision moves every old file into the archive first, so each must be
 * written anew. */
void output_keep_unchanged(struct output_set *s, const char *revision);

/* Adds a file, taking the bytes of b (b is reset). A path must be
 * relative, made of [A-Za-z0-9._-] components separated by '/', none of
 * them "." or ".." or empty. 0 ok, -1 after adding an error to d (when
 * spooling, s->write_failed tells a failure to write from a bad path). */
int output_add(struct output_set *s, const char *path, struct buf *b,
	       struct diag *d);

/* When spooling: makes the folder rel (relative, as a path of
 * output_add) and its parents under the spool's folder, remembered as
 * the spool's own, so that workers (parallel.h) find them there. 0, or
 * -1 after an error in d. */
int output_mkdir(struct output_set *s, const char *rel, struct diag *d);
/* For the files and folders a worker process spooled (its set's entries
 * sent over): the set takes them as its own, to rename at the commit or
 * remove when freed; tmp NULL for a file found the same (not written).
 * 0, or -1 after an error in d (the temporary file is then removed). */
int output_adopt(struct output_set *s, const char *path, const char *tmp, size_t len,
		 uint64_t hash, struct diag *d);
int output_adopt_dir(struct output_set *s, const char *dir, struct diag *d);
/* A worker's staging folder (NULL until its first file), to be sent to
 * the parent, which adopts it: removed, empty, after the commit or when
 * the set is freed. 0, or -1 after an error in d. */
const char *output_stage(const struct output_set *s);
int output_adopt_stage(struct output_set *s, const char *dir, struct diag *d);
/* In a worker, once its entries from nfiles and nmade on are sent: drops
 * them without touching their files, which the parent now owns. */
void output_forget(struct output_set *s, size_t nfiles, size_t nmade);
/* Writes every file under dir (created when missing). 0 ok, -1 after
 * adding an error to d; then no file under dir has changed. Each file is
 * replaced atomically (rename); the set as a whole is not: a run killed
 * during the renames may leave some files new and some old, each whole.
 * Temporary files that a killed earlier run left beside this run's files
 * are removed. */
int output_commit(struct output_set *s, const char *dir, struct diag *d);

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
int output_commit_revision(struct output_set *s, const char *dir,
			   const struct output_options *o, struct diag *d);

void output_free(struct output_set *s);

#endif
