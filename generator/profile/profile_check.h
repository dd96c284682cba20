/* profile_check.h - private to the profile reader (profile*.c): values
 * read from the tree and checked, and the ids that tie the profile
 * together.
 *
 * The read_* functions report what is wrong with a value at its
 * attribute, text or word, and return what is usable (caller frees): NULL
 * for a wrong string, the default for a wrong number. An absent value is
 * no error here: the schema says what is required. */
#ifndef SECPOLGEN_PROFILE_CHECK_H
#define SECPOLGEN_PROFILE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "base/shape.h"
#include "model/model.h"

struct loader;

/* No such position: profile_index_find's "not found", profile_check_loops' "points
 * nowhere". */
#define NONE SIZE_MAX

/* Keys (ids) in document order, and sorted for lookups and duplicates. */
struct index_item {
	const char *key;
	size_t i;
};

/* Start zeroed; profile_index_free() returns it to that. */
struct index {
	const char **keys; /* borrowed strings; NULL where a key is invalid */
	size_t nkeys;
	struct index_item *v; /* the non-NULL keys by key, then position */
	size_t n;
};

/* Takes keys (an array of n borrowed strings, NULL for invalid ones; ix
 * frees the array, even when this fails). 0, or -1 on OOM. */
int profile_index_build(struct loader *ld, struct index *ix, const char **keys, size_t n);

/* Position of the first key equal to key, or NONE. */
size_t profile_index_find(const struct index *ix, const char *key);

void profile_index_free(struct index *ix);

/* Appends "a, b, c, …" of the non-NULL keys in document order to b, the
 * first LIST_SHOWN of them counting *shown across calls. */
void profile_key_names(struct loader *ld, const char *const *keys, size_t n,
	       size_t *shown, struct buf *b);

/* Reports keys of ix that repeat an earlier one, at attr of nodes[i],
 * their element ("duplicate <what> ..."). */
void profile_report_duplicates(struct loader *ld, const struct index *ix,
		       xmlNodePtr *nodes, const char *what, const char *attr);

/* Reports value (x's attribute attr) when it is in neither ix nor extra
 * (NULL: none), listing what is defined: "<what> "v" is not defined ...;
 * <defined>: a, b". A NULL value is not checked. */
void profile_check_ref(struct loader *ld, xmlNodePtr x, const char *attr,
	       const char *value, const struct index *ix,
	       const struct strlist *extra, const char *what,
	       const char *defined);

/* next[i] is the role role i reports to, or NONE. Reports each loop
 * once, at attr of its first member. */
void profile_check_loops(struct loader *ld, xmlNodePtr *nodes, const char *const *keys,
		 const size_t *next, size_t n, const char *attr);

/* x's attribute attr: of shape s; a date that exists in the calendar; a
 * whole number within the schema's bounds (dflt when absent or wrong);
 * a word from the schema's closed list (a copy of dflt when absent). */
char *profile_read_shaped(struct loader *ld, xmlNodePtr x, const char *attr, enum shape s);
char *profile_read_date(struct loader *ld, xmlNodePtr x, const char *attr);
long profile_read_int(struct loader *ld, xmlNodePtr x, const char *attr, long dflt);
char *profile_read_word(struct loader *ld, xmlNodePtr x, const char *attr,
		const char *dflt);
/* A true/false attribute of the schema; false when absent or wrong. */
bool profile_read_bool(struct loader *ld, xmlNodePtr x, const char *attr);

/* x's text, white space folded (text_fold_space); reported when longer
 * than the schema's maxLength, and when empty (then NULL); NULL when x is
 * NULL. profile_read_shaped_text: also NULL unless of shape s (an e-mail address,
 * an https URL). */
char *profile_read_text(struct loader *ld, xmlNodePtr x);
char *profile_read_shaped_text(struct loader *ld, xmlNodePtr x, enum shape s);

/* The words of x's text into out (filled even where a word is wrong;
 * freed with the model): each of shape s, or (s == NSHAPES) from the
 * schema's closed list; none repeated. Nothing when x is NULL. */
void profile_read_words(struct loader *ld, xmlNodePtr x, enum shape s, struct strlist *out);

/* How often l->v[i] occurs before i: which occurrence profile_err_word points at. */
size_t profile_nth_of(const struct strlist *l, size_t i);

/* x's children called name (<name>, say) into t: one text per language,
 * each with its xml:lang or an inherited one. */
void profile_read_ltext(struct loader *ld, xmlNodePtr x, const char *name, struct ltext *t);

#endif
