/* rng.h - policy-templates/profile.rng, the one reader of it. The schema
 * is the one place that names the elements and attributes a profile may
 * have, their closed word lists, their limits and the word lists with
 * labels and traits; catalog_load() reads it once (rng_read) and the
 * profile reader, the catalogue and `init` ask it here rather than keep
 * their own copy. */
#ifndef SECPOLGEN_RNG_H
#define SECPOLGEN_RNG_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "base/diag.h"

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
/* The namespace of the built-in data, and of the spc: annotations of the
 * schema (spc:labels, spc:traits). */
#define CATALOG_NS "urn:secpolgen:catalog:1"

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

/* A word of a closed list: <value spc:traits="ip radio">wifi</value>. */
struct rng_word {
	char *id;
	char *traits; /* spc:traits as written, or NULL */
};

/* A closed word list with labels: <define name="vocab-X" spc:labels="…">. */
struct rng_vocab {
	char *name;   /* "category", from <define name="vocab-category"> */
	char *labels; /* message id prefix, e.g. "label.category" */
	struct rng_word *words;
	size_t nwords;
};

struct rng {
	char *path;
	xmlDocPtr doc;       /* the schema read as XML */
	struct rng_entry *v; /* v[0] is the root element; n == 0: no <start>
			      * with one element, which rng_compile's user
			      * reports */
	size_t n, cap;
	struct rng_vocab *vocabs;
	size_t nvocabs;
};

/* Reads the schema at path, indexed by element and with its word lists.
 * Returns it (caller frees with rng_free), or NULL after adding errors to
 * d. */
struct rng *rng_read(const char *path, struct diag *d);

/* Frees r; accepts NULL and half-read schemas. */
void rng_free(struct rng *r);

/* The schema compiled for validation (caller frees with xmlRelaxNGFree),
 * or NULL; its errors go to on_error(ctx, …). */
xmlRelaxNGPtr rng_compile(const struct rng *r, xmlStructuredErrorFunc on_error,
			  void *ctx);

/* The item called name among v[0..n) (borrowed), or NULL. */
const struct rng_item *rng_item(const struct rng_item *v, size_t n, const char *name);

/* Appends "a, b, c" of the items' names to b. 0, or -1 on OOM. */
int rng_item_names(const struct rng_item *v, size_t n, struct buf *b);

/* The first <kind name="name"> of the schema, depth first (borrowed), or
 * NULL; e.g. ("attribute", "employees"). */
xmlNodePtr rng_named(const struct rng *r, const char *kind, const char *name);

/* Whether pattern def (an element or attribute; NULL: none) holds a
 * <kind> element, e.g. "oneOrMore", following <ref>s. */
bool rng_has(const struct rng *r, xmlNodePtr def, const char *kind);

/* Whether def has a closed list of words (its <value>s) and want is not in
 * it; *allowed is set to "a, b, c" of them either way (caller frees with
 * buf_free). *oom is set when memory ran out. */
bool rng_refuses(const struct rng *r, xmlNodePtr def, const char *want,
		 struct buf *allowed, bool *oom);

/* The text of <param name="name"> under def (NULL: none), following
 * <ref>s (borrowed), or NULL. */
const char *rng_param_text(const struct rng *r, xmlNodePtr def, const char *name);

/* The same as a number, or dflt when there is none. */
long rng_param(const struct rng *r, xmlNodePtr def, const char *name, long dflt);

/* The word list called name ("category"), or NULL. Borrowed. */
const struct rng_vocab *rng_vocab(const struct rng *r, const char *name);

#endif
