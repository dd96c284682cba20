/* advisory.h - a security advisory as the model holds it: read from
 * advisories/<id>.xml beside the profile (profile/advisories.h), shown
 * by derive as a document in each language and written as CSAF 2.0
 * (render/csaf.h). */
#ifndef SECPOLGEN_ADVISORY_H
#define SECPOLGEN_ADVISORY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "model/cvss.h"
#include "model/model.h"

/* <affected>: versions from..to of one product, both inclusive. */
struct adv_range {
	char *product;
	char *from, *to;
	struct loc loc;
};

/* <fixed>: the first version of a product that fixes it. */
struct adv_fixed {
	char *product;
	char *version;
	char *install; /* automatic | manual, or NULL when not said */
	struct loc loc;
};

struct adv_score {
	char *vector;    /* as written, white space trimmed */
	struct cvss cvss; /* computed by secpolgen */
};

struct adv_vuln {
	char *cve, *jvn, *cwe; /* or NULL */
	char *cwe_name;        /* MITRE's name of cwe, or NULL */
	char *reported;        /* YYYY-MM-DD */
	bool exploited;
	struct ltext title, description, workaround, credit;
	struct adv_score v3, v4; /* .vector NULL when not given */
	struct adv_range *affected;
	size_t naffected;
	struct adv_fixed *fixed;
	size_t nfixed;
	struct loc loc;
};

struct adv_revision {
	int number;
	char *date;
	struct ltext summary;
};

struct advisory {
	char *path;   /* the file it was read from */
	char *id;     /* e.g. AKB-SA-2026-001 */
	char *slug;   /* the id in lower case: its file and output names */
	bool interim; /* status="interim" */
	struct ltext title, summary;
	struct adv_revision *revisions; /* oldest first, numbered 1, 2, … */
	size_t nrevisions;
	struct adv_vuln *vulns;
	size_t nvulns;
};

/* At most this many <affected> ranges in one advisory. */
#define ADVISORY_MAX_RANGES 200

/* Compares two versions part by part, a number part as a number
 * (1.10 after 1.9), other parts as text; <0, 0 or >0. */
int advisory_version_cmp(const char *a, const char *b);

/* A vulnerability's severity, by its CVSS v4.0 score where one is
 * given, else by its v3.x score; *score is that score times ten. */
enum cvss_severity advisory_severity(const struct adv_vuln *v, int *score);

/* The advisory's path in a CSAF provider's folder, appended to out:
 * "white/<year of its first release>/<file name>", the file name its id
 * in lower case with every character other than + - a-z 0-9 as _, and
 * ".json" (CSAF 2.0, 7.1.2). 0, or -1 when out of memory. */
int advisory_csaf_path(struct buf *out, const struct advisory *a);

/* Frees a and everything it owns; accepts NULL. */
void advisory_free(struct advisory *a);

#endif
