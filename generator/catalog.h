/* catalog.h - the built-in data under policy-templates/ (roles, the
 * responsibility matrix, documents, word lists; courses and requirements
 * as they come): data, not C arrays. */
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
	bool required;     /* nobody in it is a louder warning */
	bool everyone;     /* held by every member of staff ("all-staff") */
};

/* A line of the contact list: a matter and the role to call. */
struct catalog_contact {
	char *id;   /* the matter is the message contact.<id> */
	char *role;
};

/* A party outside the company, drawn apart on the chart. */
struct catalog_party {
	char *id;      /* its name is the message party.<id>.name */
	char *contact; /* the role that deals with it */
	char *when;    /* scheme id it depends on, or NULL: always */
};

/* The letters of one cell of the responsibility matrix. */
enum raci {
	RACI_A = 1u << 0, /* accountable */
	RACI_R = 1u << 1, /* responsible */
	RACI_C = 1u << 2, /* consulted */
	RACI_I = 1u << 3  /* informed */
};

struct catalog_cell {
	char *role;
	unsigned raci; /* enum raci bits */
};

/* One row of the matrix (activities.xml). */
struct catalog_activity {
	char *id;
	int measure; /* METI measure 1..6 */
	char *when;  /* scheme id it depends on, or NULL: always */
	struct catalog_cell *cells; /* built-in roles with letters */
	size_t ncells;
};

/* Whoever is responsible for activity first must not be the only one
 * responsible for activity second. */
struct catalog_separation {
	char *id;
	char *first;
	char *second;
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
	struct catalog_contact *contacts;
	size_t ncontacts;
	struct catalog_party *parties;
	size_t nparties;
	struct catalog_document *documents;
	size_t ndocuments;
	struct catalog_activity *activities;
	size_t nactivities;
	struct catalog_separation *separations;
	size_t nseparations;
	struct profile_builtins builtins; /* the ids again, for profile_load */
};

/* Loads the catalogues from dir (policy-templates/: roles.xml,
 * activities.xml, documents.xml and the word lists of profile.rng). Returns a new catalog
 * (caller frees with catalog_free), or NULL after adding errors to d. */
struct catalog *catalog_load(const char *dir, struct diag *d);

void catalog_free(struct catalog *c);

/* The word list called name ("connectivity"), or NULL. Borrowed. */
const struct catalog_vocab *catalog_vocab(const struct catalog *c, const char *name);

/* The traits of word in list name; 0 when either is unknown. */
unsigned catalog_traits(const struct catalog *c, const char *name, const char *word);

/* The activity with that id, or NULL. Borrowed. */
const struct catalog_activity *catalog_activity(const struct catalog *c, const char *id);

/* The built-in role with that id, or NULL. Borrowed. */
const struct catalog_role *catalog_role(const struct catalog *c, const char *id);

#endif
