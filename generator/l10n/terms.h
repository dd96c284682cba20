/* terms.h - the termbase (locales/terms.tbx, TBX-Basic): for each
 * concept, its preferred term in each language and the variants the
 * documents must not use. lint-locales checks every message, template
 * and catalogue text against it. */
#ifndef SECPOLGEN_TERMS_H
#define SECPOLGEN_TERMS_H

#include <stddef.h>

#include "base/diag.h"

/* One variant the documents must not use, in one language. */
struct term_rule {
	char *concept;   /* the termEntry's id */
	char *lang;      /* its langSet's xml:lang */
	char *forbidden; /* a deprecated term, matched as written */
	char *preferred; /* the preferred term in that language, or NULL */
	long line;       /* of the deprecated term in the termbase */
};

/* The preferred term of one concept in one language. */
struct term_pref {
	char *concept;
	char *lang;
	char *term;
	long line;
};

struct termbase {
	char *path;
	struct term_rule *v; /* every deprecated term */
	size_t n;
	struct term_pref *pref; /* every preferred term */
	size_t npref;
};

/* Reads path. A new termbase (caller frees with terms_free), or NULL
 * after adding a located error to d (not XML, not TBX, an entry without
 * an id, a language without a preferred term). */
struct termbase *terms_load(const char *path, struct diag *d);

void terms_free(struct termbase *t);

/* Adds to d an error at file:line for each deprecated term of lang (or
 * of every language, when lang is NULL) that text holds: "…: error:
 * "脆弱性開示ポリシー" is not used for vulnerability-policy: write
 * "脆弱性対応方針" (locales/terms.tbx:32)". Returns how many. */
size_t terms_check(const struct termbase *t, const char *lang, const char *text,
		   const char *file, long line, struct diag *d);

#endif
