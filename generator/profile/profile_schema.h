/* profile_schema.h - private to the profile reader (profile*.c):
 * policy-templates/profile.rng read as data. The schema is the one place
 * that names the elements and attributes a profile may have, their closed
 * word lists and their limits; the reader asks it here rather than keep
 * its own copy.
 *
 * Functions taking a struct loader use ld->rng, and mark ld->oom when
 * memory runs out. */
#ifndef SECPOLGEN_PROFILE_SCHEMA_H
#define SECPOLGEN_PROFILE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/buf.h"

struct loader;

/* An attribute or child element an element may have, per the schema. */
struct rng_item {
	const char *name; /* borrowed from the schema document */
	xmlNodePtr def;   /* its <attribute> or <element> pattern */
	bool required;
	bool repeats;
	int entry; /* child elements: their entry; -1 when not indexed */
};

/* One element of the schema, as reached from its parent. */
struct rng_entry {
	const char *parent; /* "" for the root */
	const char *name;
	xmlNodePtr def;
	struct rng_item *attrs, *kids;
	size_t nattrs, nkids;
	size_t capattrs, capkids;
};

/* Start zeroed; rng_free() frees what rng_load() filled in. */
struct rng {
	const char *path;
	xmlDocPtr doc;       /* the schema read as XML: lists, limits, names */
	xmlRelaxNGPtr valid; /* the same, compiled for validation */
	struct rng_entry *v; /* v[0] is the root element */
	size_t n, cap;
};

/* Reads the schema at path into ld->rng, compiled for validation and
 * indexed by element. 0, or -1 after adding errors to ld->d (libxml2's,
 * through on_xml_error, then "cannot load the profile schema"). */
int rng_load(struct loader *ld, const char *path);

void rng_free(struct rng *r);

/* x's entry, once check_tree() has reached x (borrowed); NULL when the
 * schema does not know x. */
const struct rng_entry *rng_entry_of(const struct loader *ld, xmlNodePtr x);

/* The <attribute> pattern of x's attribute attr (borrowed), or NULL. */
xmlNodePtr rng_attr_def(const struct loader *ld, xmlNodePtr x, const char *attr);

/* Whether pattern def (an element or attribute; NULL: none) holds a
 * <kind> element, e.g. "oneOrMore". */
bool rng_has(const struct loader *ld, xmlNodePtr def, const char *kind);

/* Whether def has a closed list of words (its <value>s) and want is not in
 * it; *allowed is set to "a, b, c" of them either way (caller frees with
 * buf_free). */
bool rng_refuses(struct loader *ld, xmlNodePtr def, const char *want,
		 struct buf *allowed);

/* <param name="name"> under def (NULL: none) as a number, or dflt. */
long rng_param(const struct loader *ld, xmlNodePtr def, const char *name,
	       long dflt);

/* Appends "a, b, c" of the items' names to b. 0, or -1 on OOM. */
int item_names(const struct rng_item *v, size_t n, struct buf *b);

/* Checks x's attributes and children against schema entry entry (0 for
 * the root), reporting what is unknown, misspelt, missing or repeated, and
 * goes down into the children the schema knows, giving each tag its
 * entry. */
void check_tree(struct loader *ld, xmlNodePtr x, int entry);

#endif
