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
#include "base/status.h"

/* The files of one run, in the order added. Opaque: its entries move
 * between processes only through output_export and output_import. */
struct output_set;
struct parallel_reader;

/* A new, empty set holding its files in memory (caller frees with
 * output_free), or NULL when out of memory. */
struct output_set *output_set_new(void);

/* How long output_spool (or a commit of a set not spooled) waits for
 * another build's lock on the folder (lock.h): seconds, 0 by default. */
void output_wait(struct output_set *s, unsigned seconds);

/* Opens dir for the run: makes it when missing, locks it until the set
 * is freed (lock.h: one build at a time), finishes a commit an
 * interrupted build left there (journal.h), and removes the staging
 * folders of builds that have ended. From now on each file added is
 * written at once to a temporary file in a staging folder of the
 * process's own under dir (its final folder is created as needed), and
 * only its name, size and fingerprint stay in memory: a run's peak
 * memory no longer grows with what it writes. The commit then only
 * renames. A set freed without a commit removes those files and folders
 * again. 0, or -1 after an error in d (output_write_failed tells a
 * folder that cannot be written or locked from a journal not of ours). */
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
/* Where a worker's new entries begin: the files and folders it has so
 * far (parallel.h). */
struct output_mark {
	size_t files, made;
};
struct output_mark output_mark(const struct output_set *s);
/* In a worker: appends to b (parallel.h's wire form) what the parent must
 * know of the entries since mark -- the files and folders spooled, the
 * staging folder, a failure to write -- then drops them without touching
 * their files, which the parent now owns. 0, or -1 when out of memory (b
 * then partly written; the entries are dropped all the same). */
int output_export(struct output_set *s, struct output_mark mark, struct buf *b);
/* In the parent: takes what output_export wrote as its own, to rename
 * at the commit or remove when freed. 0, or -1 after an error in d (a
 * result that cannot be read is left for the caller to find with
 * parallel_done). */
int output_import(struct output_set *s, struct parallel_reader *rd, struct diag *d);
/* Writes every file under dir (created, locked and recovered as
 * output_spool does when the set was not spooled). 0 ok, -1 after adding
 * an error to d. The set is replaced as a whole (journal.h): every file
 * is on disk before any is moved (one syncfs(2) of dir's file system),
 * and the staging folders; then a journal of the moves, then the moves
 * (SIGINT and SIGTERM wait meanwhile, interrupt.h), then the folders
 * moved into (output_fsync), then the journal is removed. A run stopped
 * before the journal changed nothing; one stopped after it, or a move
 * that failed, leaves the journal, which the next build into dir
 * replays to the end first. Temporary files that a killed earlier run
 * left beside this run's files are removed. */
int output_commit(struct output_set *s, const char *dir, struct diag *d);

/* Puts on disk what fd is open on, or when fd < 0 what path names (a
 * folder or a file, opened read-only for it), and waits: fsync(2). 0, or
 * -1 with errno set (EIO: the disk failed; EINVAL: not something that
 * can be put on disk, such as a pipe). */
int output_fsync(int fd, const char *path);

/* Writes the len bytes of data to fd, again after EINTR or a short
 * write. 0, or -1 with errno set. */
int output_write_all(int fd, const char *data, size_t len);

/* How output_commit_revision keeps what was there (history.h). */
struct output_options {
	const char *revision; /* the revision the files are of */
	bool force;           /* replace files edited by hand since written */
};

/* output_commit, keeping history: refuses (SP_EINPUT, naming them)
 * when a file of the same revision was edited since secpolgen wrote it,
 * unless o->force, or when the folder's manifest is not one it wrote:
 * the user's to resolve; moves the files of another revision into
 * archive/<it>/ first; writes the manifest with the files. SP_OK, or
 * SP_EIO when the set could not be written (as output_commit, memory
 * included), after adding an error to d. */
int output_commit_revision(struct output_set *s, const char *dir,
			   const struct output_options *o, struct diag *d);

/* The set's files, in the order added. */
size_t output_count(const struct output_set *s);
const char *output_path(const struct output_set *s, size_t i); /* borrowed */
/* Whether file i was found already in place, byte for byte, and left. */
bool output_same(const struct output_set *s, size_t i);
/* While spooling: file i's temporary file, before the commit renames
 * it; NULL for a file in memory or left in place. Borrowed. */
const char *output_spooled(const struct output_set *s, size_t i);
/* Whether output_spool was called: files go to disk as they come. */
bool output_spooling(const struct output_set *s);

/* From now on (a set neither spooled nor to be committed) a file added
 * is only counted: its bytes are fingerprinted and dropped at once, so
 * that rendering every document to find every mistake (check) takes no
 * more memory than a build. Workers' files are taken the same way. */
void output_discard(struct output_set *s);
bool output_discarding(const struct output_set *s);
/* Whether some output_add could not write its file (exit 3 rather than
 * bad input). */
bool output_write_failed(const struct output_set *s);
/* Whether output_keep_unchanged found the folder's files reusable. */
bool output_keeps_unchanged(const struct output_set *s);

/* Frees the set; a set not committed removes its spooled files and the
 * folders it made. Accepts NULL. */
void output_free(struct output_set *s);

#endif
