/* profile_loader.h - private to the profile reader (profile*.c): the state
 * of one profile_load(), and what every part of the reader uses with it.
 *
 *   profile.c         profile_load(): read, scan, parse, validate, check,
 *                     fill the model; profile_free()
 *   profile_loader.c  the loader's memory, errors at their place,
 *                     libxml2's errors, tree access
 *   profile_source.c  the raw bytes: cap, refusals, start tags, positions
 *   profile_schema.c  the structure of the tree checked against profile.rng
 *                     (read once by catalog_load: model/rng.h)
 *   profile_check.c   values (shapes of base/shape.h, dates, numbers,
 *                     words, texts) and
 *                     ids (duplicates, references, loops)
 *   base/text.c       white space, UTF-8, folding, clipping
 *
 * Every extern name here starts with profile_, as the reader's module.
 * Reporting never fails: when memory runs out, ld->oom is set, later
 * errors are dropped, and profile_load() says "out of memory". */
#ifndef SECPOLGEN_PROFILE_LOADER_H
#define SECPOLGEN_PROFILE_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/buf.h"
#include "base/diag.h"
#include "model/model.h"
#include "profile/profile_check.h"
#include "profile/profile_schema.h"
#include "profile/profile_source.h"

#define NAME(x) ((const char *)(x)->name)

/* A validity error from libxml2, held until the checks have run. */
struct rng_error {
	int code;
	xmlNodePtr node;
	char *str1, *str2, *msg;
	long line;
};

struct loader {
	const char *path;
	const char *root; /* the root element's name: "profile" when NULL, "records" */
	struct diag *d;
	const struct strlist *builtin_roles;
	const struct strlist *builtin_activities;
	const struct strlist *builtin_courses;
	const struct strlist *ip_links; /* connectivity words that carry IP */
	const char *ip_text;            /* the same, joined, for messages */
	struct src src;
	const struct rng *rng; /* profile.rng, borrowed from the builtins */
	xmlRelaxNGPtr valid;   /* the same, compiled for validation */
	xmlDocPtr doc;
	struct shapes shapes;
	struct rng_error *errs;
	size_t nerrs, caperrs;
	struct profile *p;
	struct index people, roles, products;
	size_t reported; /* errors added to d by this load */
	bool fatal;      /* the parser stopped: what it says next is an echo */
	bool oom;
};

/* Parses ld->src (read and scanned) into ld->doc: no network, no DTD, no
 * entities. 0, or -1 after adding an error (the parser's, at its place). */
int profile_parse(struct loader *ld);

/* Validates ld->doc against valid (its errors kept for
 * profile_report_rng_errors), gives every element its tag, and returns
 * the root element when it is <name xmlns="ns">; NULL after an error (or
 * ld->oom). */
xmlNodePtr profile_validate(struct loader *ld, xmlRelaxNGPtr valid, const char *ns,
			    const char *name);

/* Frees everything ld holds, the profile too; accepts a half-done load. */
void profile_loader_free(struct loader *ld);

/* A file kept beside the profile (a product's records, an advisory),
 * read into ld the way the profile is: the caller sets ld->path, ->d,
 * ->root, ->rng, ->src.what and ->src.max; valid and shapes are compiled
 * once for all such files and stay the caller's. The root element,
 * validated against the schema and its tags marked for the checks, or
 * NULL after errors in ld->d. profile_loader_free_beside frees ld after
 * it, leaving what ld borrowed (the schema, the shapes, the indexes of
 * people and products) to its owner. */
xmlNodePtr profile_read_beside(struct loader *ld, xmlRelaxNGPtr valid, const struct shapes *shapes,
			       const char *ns);
void profile_loader_free_beside(struct loader *ld);

/* libxml2's error handler while such a file's schema compiles: its
 * errors are the installation's, at the schema's path; ctx is the
 * struct diag. */
void profile_on_schema_error(void *ctx, xmlErrorPtr e);

/* calloc and strdup that set ld->oom when they fail. profile_calloc returns NULL
 * for n == 0 too; profile_strdup returns NULL for s == NULL. Caller frees. */
void *profile_calloc(struct loader *ld, size_t n, size_t size);
char *profile_strdup(struct loader *ld, const char *s);

/* Where x is (its '<'), for the model and for "first on line N". */
struct loc profile_loc_of(const struct loader *ld, xmlNodePtr x);

/* Adds msg at line:col of the profile; after MAX_ERRORS of them, says so
 * once and adds no more. */
void profile_add_error(struct loader *ld, long line, long col, const char *msg);

/* An error about x: at its '<' (profile_err_elem), at its attribute attr or at
 * x when it has none (profile_err_attr), at its text (profile_err_text), or at the nth
 * (from 0) occurrence of word in its text (profile_err_word). Each sets a MARK_*
 * on x's tag (MARK_VALUE, or mark for profile_err_elem) for profile_report_rng_errors. */
void profile_err_elem(struct loader *ld, xmlNodePtr x, unsigned mark, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5)));
void profile_err_attr(struct loader *ld, xmlNodePtr x, const char *attr,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* profile_err_text_at: at byte at of the element's text (from its first
 * character that is not white space). */
void profile_err_text_at(struct loader *ld, xmlNodePtr x, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void profile_err_text(struct loader *ld, xmlNodePtr x, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void profile_err_word(struct loader *ld, xmlNodePtr x, const char *word, size_t nth,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* libxml2's structured error handler; ctx is the struct loader. Parse
 * errors (of the profile, or of the schema while it compiles) go to ld->d
 * at once; validity errors are kept for profile_report_rng_errors. */
void profile_on_xml_error(void *ctx, xmlErrorPtr e);

/* Reports the kept validity errors that the checks did not already say
 * better about the same element; before is ld->d->errors before the load,
 * so that errors about no element are reported only when nothing else was. */
void profile_report_rng_errors(struct loader *ld, size_t before);

/* Whether n is an element in the profile's namespace. */
bool profile_is_ours(xmlNodePtr n);

/* The first of n and its following siblings that is our element name;
 * the first child of x that is (NULL x: none). Borrowed; NULL when none. */
xmlNodePtr profile_next_named(xmlNodePtr n, const char *name);
xmlNodePtr profile_first_kid(xmlNodePtr x, const char *name);

/* x's children named name, in order, *n of them (caller frees the array,
 * not the nodes); NULL when none. */
xmlNodePtr *profile_kids_of(struct loader *ld, xmlNodePtr x, const char *name,
		    size_t *n);

/* x's attribute name ("xml:lang" for the XML namespace, else one in no
 * namespace): the node (borrowed), or its value (caller frees); NULL when
 * absent. */
xmlAttrPtr profile_attr_node(xmlNodePtr x, const char *name);
char *profile_attr_dup(struct loader *ld, xmlNodePtr x, const char *name);

/* The qualified name of an attribute, as written: borrowed from a, or in
 * tmp when prefixed. */
const char *profile_attr_qname(xmlAttrPtr a, struct buf *tmp);

#endif
