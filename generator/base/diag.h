/* diag.h - located diagnostics, collected and reported together.
 *
 * Every error about input the user wrote carries a place, and is printed
 * GCC-style: "profile.xml:12:5: error: ...". A module that can fail takes a
 * struct diag * and adds to it; the caller decides when to print. */
#ifndef SECPOLGEN_DIAG_H
#define SECPOLGEN_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

struct diag_entry {
	enum diag_level level;
	char *file; /* owned; may be NULL when there is no file */
	long line;  /* 0 when unknown */
	long col;   /* 0 when unknown */
	char *msg;  /* owned */
};

struct diag {
	struct diag_entry *v;
	size_t n, cap;
	size_t errors, warnings;
	int oom; /* set when an entry could not be recorded */
};

#define DIAG_INIT { NULL, 0, 0, 0, 0, 0 }

/* Record one diagnostic; file may be NULL, line/col 0 when unknown.
 * Never fails from the caller's point of view (an allocation failure is
 * remembered in d->oom and counted as an error). */
void diag_add(struct diag *d, enum diag_level level, const char *file,
	      long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

#define diag_error(d, f, l, c, ...) diag_add((d), DIAG_ERROR, (f), (l), (c), __VA_ARGS__)
#define diag_warning(d, f, l, c, ...) diag_add((d), DIAG_WARNING, (f), (l), (c), __VA_ARGS__)

/* Entries sorted by file, line, column (stable), then printed one a line;
 * one that repeats another at the same place is printed once. */
void diag_print(struct diag *d, FILE *fp);

void diag_free(struct diag *d);
/* Drops the entries from the n-th on (a worker's, once sent to its
 * parent), and their counts. */
void diag_truncate(struct diag *d, size_t n);

/* The parent/worker protocol (parallel.h): appends the entries from the
 * n-th on to b, in parallel.h's wire form. 0, or -1 when out of memory. */
struct buf;
struct parallel_reader;
int diag_export(const struct diag *d, size_t n, struct buf *b);
/* Adds to d the entries diag_export wrote, as read from rd (a result
 * that cannot be read is left for the caller to find with
 * parallel_done). */
void diag_import(struct diag *d, struct parallel_reader *rd);

#endif
