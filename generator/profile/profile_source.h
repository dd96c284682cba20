/* profile_source.h - private to the profile reader (profile*.c): the raw
 * bytes of a profile, the start tags found in them, and the line and
 * column (in characters, from 1, as libxml2 counts) of any place in them.
 *
 * The scan runs before any parser sees the bytes, and refuses what must
 * never reach one: UTF-16 and other text with NUL bytes, a DOCTYPE
 * (entities, external files: XXE, "billion laughs"), nesting deeper than
 * PROFILE_MAX_DEPTH. */
#ifndef SECPOLGEN_PROFILE_SOURCE_H
#define SECPOLGEN_PROFILE_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "base/diag.h"

/* An offset the scan could not find. */
#define SRC_NO_OFF SIZE_MAX

/* A start tag found in the raw text. The n-th start tag is the n-th
 * element of the parsed tree, which is how elements get their column. */
struct tag {
	size_t off;     /* of its '<'; SRC_NO_OFF when the scan could not place it */
	size_t end;     /* of the '>' that closes the start tag */
	long line;      /* from libxml2, when off is SRC_NO_OFF */
	int entry;      /* its schema entry; -1 when the schema does not know it */
	unsigned marks; /* MARK_*: what the checks said about it */
};

enum {
	MARK_VALUE = 1,   /* an attribute or the text is wrong */
	MARK_UNKNOWN = 2, /* the element is not allowed where it is */
	MARK_MISSING = 4, /* a required child is missing */
	MARK_SCHEMA = 8   /* libxml2's validity error was reported */
};

/* Start zeroed; profile_src_free() frees what the functions below filled in. */
struct src {
	const char *what; /* for messages: "profile" when NULL, "records file" … */
	size_t max;       /* the most bytes read; PROFILE_MAX_BYTES when 0 */
	char *text;
	size_t len;
	size_t *lines; /* offset where each line starts */
	size_t nlines;
	struct tag *tags; /* start tags, in document order */
	size_t ntags, cap;
};

/* Reads path, at most PROFILE_MAX_BYTES, into s->text. 0, or -1 after
 * adding an error to d. */
int profile_src_read(struct src *s, const char *path, struct diag *d);

/* Indexes the lines and finds every start tag. 0, also when it stops
 * quietly at something malformed (the parser then reports it with its
 * place); -1 after adding an error to d (what it refuses, or OOM). */
int profile_src_scan(struct src *s, const char *path, struct diag *d);

/* Gives every element of doc (parsed from s->text) its tag, as
 * node->_private. 0, or -1 on OOM. */
int profile_src_link(struct src *s, xmlDocPtr doc);

void profile_src_free(struct src *s);

/* x's tag (borrowed from its struct src); NULL when x is NULL. */
struct tag *profile_src_tag(xmlNodePtr x);

/* Offset of attribute name in x's start tag, or SRC_NO_OFF. */
size_t profile_src_attr_off(const struct src *src, xmlNodePtr x, const char *name);

/* Offset of the first character of x's text, or SRC_NO_OFF. */
size_t profile_src_text_off(const struct src *src, xmlNodePtr x);

/* Offset of the nth (from 0) whole-word occurrence of word in x's text;
 * the start of the text when there is none; or SRC_NO_OFF. */
size_t profile_src_word_off(const struct src *src, xmlNodePtr x, const char *word,
		    size_t nth);

/* The offset of line:col as libxml2 counts them (from 1, col in
 * characters), at most s->len. */
size_t profile_src_offset(const struct src *s, long line, long col);

/* Line and column of offset off, or of x's '<' when off is SRC_NO_OFF;
 * when neither is known, libxml2's line for x and column 0. */
void profile_src_place(const struct src *src, xmlNodePtr x, size_t off, long *line,
	       long *col);

#endif
