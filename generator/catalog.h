/* catalog.h - the built-in data under policy-templates/ (roles today;
 * courses and requirements as they come): data, not C arrays. */
#ifndef SECPOLGEN_CATALOG_H
#define SECPOLGEN_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

#define CATALOG_NS "urn:secpolgen:catalog:1"

struct catalog_role {
	char *id;
	char *reports_to; /* role id or NULL for the top */
	unsigned measures; /* bit n-1 set: carries METI measure n (1..6) */
	bool required;     /* check warns when nobody holds it */
};

/* A document secpolgen writes (documents.xml). */
struct catalog_document {
	char *id;     /* also the template's name: <id>.mustache */
	char *number; /* suffix of the document number, e.g. "01" */
};

/* A closed word list of the profile (profile.rng's <define> with an
 * spc:labels annotation), with what derive.c decides by. */
enum word_trait {
	TRAIT_IP = 1u << 0,       /* a link that carries IP */
	TRAIT_PERSONAL = 1u << 1, /* data that identifies or observes a person */
	TRAIT_SENSING = 1u << 2   /* captured by a camera or microphone */
};

struct catalog_word {
	char *id;
	unsigned traits; /* enum word_trait bits */
};

struct catalog_vocab {
	char *name;   /* "category", from <define name="vocab-category"> */
	char *labels; /* message id prefix, e.g. "label.category" */
	struct catalog_word *words;
	size_t nwords;
};

struct catalog {
	struct catalog_vocab *vocabs;
	size_t nvocabs;
	struct catalog_role *roles;
	size_t nroles;
	struct catalog_document *documents;
	size_t ndocuments;
	struct strlist role_ids; /* the ids again, for profile_load */
};

/* Loads the catalogues from dir (policy-templates/: roles.xml,
 * documents.xml and the word lists of profile.rng). Returns a new catalog
 * (caller frees with catalog_free), or NULL after adding errors to d. */
struct catalog *catalog_load(const char *dir, struct diag *d);

void catalog_free(struct catalog *c);

/* The word list called name ("connectivity"), or NULL. Borrowed. */
const struct catalog_vocab *catalog_vocab(const struct catalog *c, const char *name);

/* The traits of word in list name; 0 when either is unknown. */
unsigned catalog_traits(const struct catalog *c, const char *name, const char *word);

/* The built-in role with that id, or NULL. Borrowed. */
const struct catalog_role *catalog_role(const struct catalog *c, const char *id);

#endif
