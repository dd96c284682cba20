/* model.h - the company, as the profile describes it: plain structs.
 *
 * Filled by profile_load() (profile.c), read by derive.c; the functions
 * below are in model.c. Every string is
 * owned by the model and freed by profile_free(); absent optional values
 * are NULL (strings), 0 (numbers) or empty lists. Ids have been checked to
 * match [a-z0-9][a-z0-9-]{0,63}, so they are safe as file names. */
#ifndef SECPOLGEN_MODEL_H
#define SECPOLGEN_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* Where something was written in the profile, for diagnostics. */
struct loc {
	long line;
	long col;
};

/* Text in several languages: <name xml:lang="ja">…</name><name xml:lang="en">… */
struct ltext_item {
	char *lang; /* "ja", "en", … */
	char *text;
};

struct ltext {
	struct ltext_item *v;
	size_t n;
};

/* A list of tokens or ids, in the profile's order. */
struct strlist {
	char **v;
	size_t n;
};

struct rng;

/* What the built-in catalogues define, that a profile may name. */
struct profile_builtins {
	const struct rng *rng;     /* profile.rng, as catalog_load read it */
	struct strlist roles;      /* role ids (roles.xml) */
	struct strlist activities; /* activity ids (activities.xml) */
	struct strlist courses;    /* course ids (courses.xml) */
	struct strlist ip_links;   /* connectivity words with the ip trait (profile.rng) */
};

struct company {
	char *code; /* short id used in document numbers, e.g. "akb" */
	struct ltext name;
	struct ltext address;
	struct ltext classification; /* label on every page, e.g. 社外秘 */
	char *website;               /* https URL or NULL */
	long employees;              /* 0 when not given */
	int fiscal_year_start;       /* month 1..12; 4 when not given */
	char *paper;                 /* "a4" (default) or "letter" */
	char *authoritative;         /* the language whose version governs: "ja"
				      * (default) or "en" */
	struct loc loc;
};

struct person {
	char *id;
	struct ltext name;
	struct ltext title; /* job title */
	char *email;
	char *lang;   /* preferred language of the person's own papers, or NULL */
	char *deputy; /* id of the person who stands in, or NULL */
	char *joined; /* YYYY-MM-DD the person joined, or NULL */
	struct loc loc;
};

/* A role the profile defines beyond the built-in catalogue. */
struct role_def {
	char *id;
	struct ltext name;
	struct ltext duties;
	char *reports_to; /* role id or NULL */
	struct loc loc;
};

/* <assign role="…" person="…"/>: one person may hold several roles and a
 * role may be held by several people. */
struct assignment {
	char *role;
	char *person;
	char *since; /* YYYY-MM-DD the person took the role, or NULL */
	char *deputy; /* who stands in for person in this role, or NULL:
		       * the person's own deputy */
	bool lead;    /* leads the role among its holders */
	struct loc loc;
};

/* <training><course>: a course of the company's own, or changes to a
 * built-in one (same id). Unset fields are 0 / NULL / empty. */
struct course_def {
	char *id;
	struct strlist roles;
	double hours;
	int month;        /* calendar month 1..12 */
	char *method;     /* workshop | e-learning | on-the-job */
	char *instructor; /* person id */
	struct ltext name;
	struct ltext summary;
	struct loc loc;
};

struct training {
	int fiscal_year;  /* calendar year it starts in; 0: that of the effective date */
	struct course_def *courses;
	size_t ncourses;
	struct loc loc;
};

/* <raci activity="…" role="…" value="R"/>: the company's own letters for
 * one cell of the responsibility matrix. */
struct raci_override {
	char *activity;
	char *role;
	unsigned raci; /* enum raci bits (catalog.h); 0 clears the cell */
	struct loc loc;
};

/* A conformity record of a product: a certificate, a declaration or the
 * route chosen for a conformity assessment (<conformity>). */
struct conformity {
	char *scheme;    /* vocab-conformity: giteki terminal-equipment cra … */
	char *route;     /* vocab-route (a b-c h eucc), or NULL */
	char *reference; /* certificate or document number, or NULL */
	struct loc loc;
};

/* A product's records (records/<id>.xml, records.rng): what its team has
 * done about what the product sheet derives. Ids are the catalogue's and
 * apply to the product; people are the profile's; dates exist. */
enum rec_status { REC_MET, REC_PARTLY, REC_NOT_YET, REC_NOT_APPLICABLE };
enum rec_result { REC_PLANNED, REC_PASSED, REC_FAILED };
enum rec_decision { REC_UNDECIDED, REC_ACCEPT, REC_TREAT };

struct evidence {
	char *ref;   /* document number, ticket id or address */
	char *date;  /* YYYY-MM-DD */
	struct ltext title; /* what it is (empty: not said) */
	struct loc loc;
};

struct req_record {
	char *id;
	enum rec_status status;
	char *owner; /* person id, or NULL */
	char *due;   /* YYYY-MM-DD, or NULL */
	struct evidence *evidence;
	size_t nevidence;
	struct ltext reason; /* why it does not apply */
	struct ltext note;
	struct loc loc;
};

struct risk_record {
	char *id;
	int likelihood, impact; /* residual, 1..3; 0 when not given */
	enum rec_decision decision;
	char *by;    /* who decided */
	char *date;  /* when */
	char *until; /* an acceptance's last day, or NULL */
	char *owner, *due; /* treat: who treats it further, by when */
	struct ltext note;
	struct loc loc;
};

struct decision_record {
	char *id;
	char *owner, *due; /* while open */
	char *by, *date;   /* who answered, when */
	struct ltext answer;
	struct loc loc;
};

struct test_record {
	char *id;
	enum rec_result result;
	char *date, *report, *tester, *fix_due; /* each NULL when not given */
	char *version; /* the firmware or software version tested, or NULL */
	struct ltext note;
	struct loc loc;
};

struct advisory;

struct records {
	char *path;
	char *updated; /* YYYY-MM-DD */
	struct req_record *reqs;
	size_t nreqs;
	struct risk_record *risks;
	size_t nrisks;
	struct decision_record *decisions;
	size_t ndecisions;
	struct test_record *tests;
	size_t ntests;
};

struct product {
	char *id;
	struct ltext name;
	char *model;                  /* model designation, e.g. "NC-200" */
	char *category;               /* vocab-category: camera router sensor … */
	struct strlist connectivity;  /* wifi ethernet lte bluetooth zigbee … */
	struct strlist interfaces;    /* web-ui mobile-app cloud debug-port usb … */
	struct strlist data;          /* video audio personal-data location credentials … */
	char *update_method;          /* vocab-update: ota app gateway wired local none */
	char *internet;               /* vocab-internet (direct router gateway phone none), or NULL: derived */
	struct strlist customers;     /* consumer business industrial; empty: consumer */
	char *support_until;          /* YYYY-MM-DD, or NULL */
	char *sales_until;            /* last day units are placed on the market, or NULL */
	struct strlist markets;       /* JP EU UK US … */
	bool direct_connection;       /* direct-connection="true" (internet="direct" of old) */
	struct conformity *conformity;
	size_t nconformity;
	struct ltext intended_users;
	struct ltext use_cases;
	struct records *records; /* records/<id>.xml, or NULL when none */
	struct loc loc;
};

/* Someone who acts for the company in the EU or the UK: its own
 * establishment, an authorised representative, an importer, a
 * distributor, a GDPR representative (<economic-operators>). */
struct operator {
	char *kind;              /* vocab-operator */
	char *country;           /* vocab-operator-country: an EU Member State or GB */
	struct ltext name;
	char *email;             /* or NULL */
	struct strlist products; /* product ids; empty: every product */
	struct loc loc;
};

struct supplier {
	char *id;
	struct ltext name;
	struct ltext scope;     /* what they supply */
	char *email;
	char *country;          /* ISO 3166 alpha-2, or NULL */
	struct strlist products; /* product ids */
	struct loc loc;
};

struct vuln_handling {
	char *email;          /* the contact window */
	char *url;            /* report form or page, or NULL */
	char *policy_url;     /* where the disclosure policy is published, or NULL */
	int acknowledge_days; /* business days to acknowledge a report */
	int triage_days;      /* business days to an initial assessment */
	int fix_days;         /* calendar days to a fix or mitigation (medium) */
	/* Calendar days to a fix by severity: critical, high, medium, low
	 * (fix_targets[2] == fix_days). */
	int fix_targets[4];
	int embargo_days;     /* longest a reporter is asked to wait */
	int update_days;      /* days between progress reports to a reporter */
	bool credit;          /* reporters who wish it are named */
	bool firmware_covered; /* the safe harbour covers firmware analysis */
	struct strlist languages; /* languages reports are accepted in */
	char *duty_phone;     /* the PSIRT's duty telephone (internal), or NULL */
	char *encryption;     /* the PSIRT's OpenPGP key, an https URL, or NULL */
	char *acknowledgments; /* the page thanking reporters, or NULL */
	char *advisories;     /* where advisories are published, or NULL */
	char *jpcert_date;    /* JPCERT/CC product developer list: registered */
	char *jpcert_kind;    /* general | individual, or NULL */
	struct loc loc;
};

/* <change documents>: what a revision changed in some documents. */
struct revision_change {
	struct strlist documents;
	struct ltext summary;
};

struct revision {
	char *number;  /* "1.0" */
	char *date;    /* YYYY-MM-DD */
	char *author;  /* person id */
	struct strlist changes; /* documents changed: "policy", "product:ar-500",
				 * "staff" (every sheet); both empty: every document */
	struct strlist adds;    /* documents first issued here, the same way */
	struct ltext summary;
	struct revision_change *doc_changes; /* <change>: own words for some */
	size_t ndoc_changes;
	struct loc loc;
};

struct approval {
	char *person; /* person id; NULL when not approved yet */
	char *date;   /* YYYY-MM-DD */
	char *reviewer; /* person id, or NULL */
	struct strlist documents; /* as revision changes; empty: the set */
	struct loc loc;
};

/* A company's own wording for one message, in one language. */
struct message_override {
	char *lang;
	char *id;
	char *text; /* a Mustache template, as in the locale files */
	struct loc loc;
};

struct profile {
	char *path; /* as given on the command line, for diagnostics */
	struct company company;
	struct person *people;
	size_t npeople;
	struct role_def *roles;
	size_t nroles;
	struct assignment *assignments;
	size_t nassignments;
	struct raci_override *raci;
	size_t nraci;
	struct product *products;
	size_t nproducts;
	struct supplier *suppliers;
	size_t nsuppliers;
	struct operator *operators;
	size_t noperators;
	/* advisories/<id>.xml beside the profile (model/advisory.h), in the
	 * order of their ids; none until advisories_load. */
	struct advisory **advisories;
	size_t nadvisories;
	struct vuln_handling vuln;
	int review_months; /* review interval; 12 when not given */
	int risk_line;     /* <risk-acceptance up-to>: the highest rating (0 low,
			    * 1 medium) a risk keeps without a decision; 0 */
	struct training training;
	struct revision *revisions; /* oldest first */
	size_t nrevisions;
	struct approval approval;   /* the set's (no documents=) */
	struct approval *approvals; /* those of some documents */
	size_t napprovals;
	struct message_override *overrides;
	size_t noverrides;
};

/* The text in lang, else English, else Japanese, else the first given;
 * NULL when the ltext is empty. Borrowed. */
const char *ltext_get(const struct ltext *t, const char *lang);

/* The documents' effective date (YYYY-MM-DD): the newest revision's,
 * else the approval's; NULL when there is neither. Borrowed. */
const char *profile_effective_date(const struct profile *p);

/* Whether l holds the word w. */
bool strlist_has(const struct strlist *l, const char *w);

/* "a b  c" into l (empty: an empty list). 0, or -1 when out of memory
 * (l then holds what was split; strlist_free it). */
int strlist_split(const char *s, struct strlist *l);

/* Adds a copy of w at the end of l. 0, or -1 when out of memory. */
int strlist_push(struct strlist *l, const char *w);

/* Frees the texts; t is then empty. */
void ltext_free(struct ltext *t);

/* Frees the words and the list; l is then empty. */
void strlist_free(struct strlist *l);

/* The person, role, product, supplier or course of p with that id
 * (borrowed), or NULL; NULL for a NULL id too. */
const struct person *profile_person(const struct profile *p, const char *id);
const struct role_def *profile_role(const struct profile *p, const char *id);
const struct product *profile_product(const struct profile *p, const char *id);
const struct supplier *profile_supplier(const struct profile *p, const char *id);
const struct course_def *profile_course(const struct profile *p, const char *id);

/* The record of that id in pr's records (borrowed), or NULL: also when
 * the product has no records. */
const struct req_record *records_requirement(const struct product *pr, const char *id);
const struct risk_record *records_risk(const struct product *pr, const char *id);
const struct decision_record *records_decision(const struct product *pr, const char *id);
const struct test_record *records_test(const struct product *pr, const char *id);

#endif
