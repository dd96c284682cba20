/* catalog.h - the built-in data under policy-templates/ (roles, the
 * responsibility matrix, documents, word lists; courses and requirements
 * as they come): data, not C arrays. */
#ifndef SECPOLGEN_CATALOG_H
#define SECPOLGEN_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "model/model.h"
#include "model/rng.h"

struct req_catalog;

struct catalog_role {
	char *id;
	char *reports_to; /* role id or NULL for the top */
	bool required;     /* nobody in it is a louder warning */
	bool everyone;     /* held by every member of staff ("all-staff") */
	bool deputy_optional; /* a sole holder without a deputy is no finding */
	int measure;       /* the METI guide's measure (1-6) under which
			    * `check` names who holds it, or 0 */
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

/* A training course (courses.xml). */
enum course_method { METHOD_WORKSHOP, METHOD_ELEARNING, METHOD_ON_THE_JOB };
enum course_check { CHECK_QUIZ, CHECK_EXERCISE, CHECK_ATTENDANCE };

struct catalog_course {
	char *id;
	struct strlist roles;  /* role ids whose holders take it */
	struct strlist activities; /* activity ids: whoever holds a role
				    * responsible (R) for one takes it too */
	double hours;          /* one session */
	enum course_method method;
	bool on_joining;       /* every new member of staff takes it */
	int within_days;       /* taken within this many days of taking a role; 0: none */
	int refresh_months;    /* repeated every this many months; 0: once */
	int month;             /* preferred month of the fiscal year, 1..12; 0: any */
	enum course_check check;
	int pass_mark;         /* percent, for a quiz; 0 otherwise */
	int keep_years;        /* records kept this long */
	/* How many of each handout item the messages hold. */
	int goals, points, dos, donts, quiz;
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
	bool approves; /* the accountable role approves the responsible
			* role's work (assessments, requirements, designs) */
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
	char *each;   /* NULL: one document; else the view's list whose items
		       * each get one (view key "item"), named by their id */
	char *dir;    /* the folder those go in, e.g. "staff"; NULL for one */
	char *history_of; /* keeps the history of this document, or NULL */
	char *kind;   /* rule | plan | sheet | public: its cover and sign-off */
	char *prepared_by; /* activity whose responsible role prepares it, or NULL */
	char *audience; /* rules | plans | staff | public: who reads it */
	char *reg;      /* plain (である調) | polite (です・ます調): how its
			 * Japanese sentences end (lint.c checks them) */
	struct strlist messages; /* ids of the messages derive puts in its
				  * view, beyond those its template names;
				  * "*" stands for one part of an id */
};

/* A closed word list of the profile (profile.rng's <define> with an
 * spc:labels annotation), with what derive.c decides by. */
enum word_trait {
	TRAIT_IP = 1u << 0,       /* a link that carries IP */
	TRAIT_PERSONAL = 1u << 1, /* data that identifies or observes a person */
	TRAIT_SENSING = 1u << 2   /* captured by a camera or microphone */
};

struct catalog_word {
	const char *id;      /* borrowed from the schema (struct rng) */
	unsigned traits;     /* enum word_trait bits */
	struct strlist tags; /* every word of spc:traits */
};

struct catalog_vocab {
	const char *name;   /* "category", from <define name="vocab-category"> */
	const char *labels; /* message id prefix, e.g. "label.category" */
	struct catalog_word *words;
	size_t nwords;
};

struct catalog {
	struct rng *rng; /* profile.rng, read once for every user */
	struct rng *records_rng; /* records.rng: a product's records (records.h) */
	struct rng *advisory_rng; /* advisory.rng: an advisory (advisories.h) */
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
	struct catalog_course *courses;
	size_t ncourses;
	struct req_catalog *requirements; /* requirements.xml */
	int completion_target; /* percent of assigned staff who complete */
	int pass_target;       /* percent who pass at the first attempt */
	struct profile_builtins builtins; /* the ids again, for profile_load */
};

/* Loads the catalogues from dir (policy-templates/: roles.xml,
 * activities.xml, courses.xml, documents.xml, requirements.xml and the word lists of profile.rng). Returns a new catalog
 * (caller frees with catalog_free), or NULL after adding errors to d. */
struct catalog *catalog_load(const char *dir, struct diag *d);

void catalog_free(struct catalog *c);

/* How often a course is taken, as the messages that say it, in the order
 * said: training.freq.joining, .within (over within_days), .yearly, .every
 * (over refresh_months) or .once. n is the number a message is said over,
 * 0 for none. Fills out and returns how many (at most two). */
struct catalog_said {
	const char *id;
	int n;
};
size_t catalog_frequency(bool on_joining, int within_days, int refresh_months,
			 struct catalog_said out[2]);

/* Calls fn for the id of every message an entry of the catalogue has:
 * each word's label, each role's name and duty, each activity's, course's
 * (its frequency's words too),
 * scheme's, requirement's, risk's, test's, decision's, rating's and check
 * demand's texts. The locale lint counts them used whether or not a test
 * profile reaches them: a catalogue entry is data, not a code path. The
 * id is borrowed for the call. */
void catalog_message_ids(const struct catalog *c,
			 void (*fn)(void *ctx, const char *id), void *ctx);

/* The word list called name ("connectivity"), or NULL. Borrowed. */
const struct catalog_vocab *catalog_vocab(const struct catalog *c, const char *name);

/* The traits of word in list name; 0 when either is unknown. */
unsigned catalog_traits(const struct catalog *c, const char *name, const char *word);

/* The course with that id, or NULL. Borrowed. */
const struct catalog_course *catalog_course(const struct catalog *c, const char *id);

/* The activity with that id, or NULL. Borrowed. */
const struct catalog_activity *catalog_activity(const struct catalog *c, const char *id);

/* The built-in role with that id, or NULL. Borrowed. */
const struct catalog_role *catalog_role(const struct catalog *c, const char *id);

#endif
