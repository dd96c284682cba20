/* cvss.h - CVSS vector strings (v3.0, v3.1, v4.0): checked, scored and
 * rated as FIRST's specifications say. Scores are kept in tenths (9.8 is
 * 98) so that they compare and print without floating point. */
#ifndef SECPOLGEN_CVSS_H
#define SECPOLGEN_CVSS_H

#include <stddef.h>

enum cvss_version { CVSS_V3_0, CVSS_V3_1, CVSS_V4_0 };

/* The qualitative rating of a score: None 0.0, Low 0.1-3.9, Medium
 * 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0 (the same scale in v3.x and
 * v4.0). */
enum cvss_severity { CVSS_SEV_NONE, CVSS_SEV_LOW, CVSS_SEV_MEDIUM, CVSS_SEV_HIGH, CVSS_SEV_CRITICAL };

/* Bits of struct cvss.groups: which optional metric groups the vector
 * sets to something other than Not Defined (X). A metric given as X
 * counts as absent, as the specifications say it is the same thing. */
enum {
	CVSS_GROUP_TEMPORAL = 1,      /* v3.x: E, RL, RC; v4.0: the threat metric E */
	CVSS_GROUP_ENVIRONMENTAL = 2, /* CR, IR, AR and the modified base metrics */
};

struct cvss {
	enum cvss_version version;
	/* The score the vector stands for, in tenths (0..100). v3.x: the
	 * environmental score when an environmental metric is given, else
	 * the temporal score when a temporal metric is given, else the base
	 * score. v4.0: there is only one score, named by the groups the
	 * vector uses: CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE. */
	int score;
	enum cvss_severity severity; /* of score */
	/* The base score alone: v3.x's base score; v4.0's CVSS-B score
	 * (threat and environmental metrics ignored). */
	int base_score;
	/* v3.x: the temporal and environmental scores as the specification
	 * computes them, Not Defined metrics included (FIRST's calculator
	 * shows them all); -1 for v4.0, where they do not exist. */
	int temporal_score;
	int environmental_score;
	unsigned groups; /* CVSS_GROUP_* */
	/* v3.x base metric values as their letters ('N', 'L', 'H', ...), for
	 * outputs that list them one by one (CSAF's cvss_v3); 0 for v4.0. */
	char av, ac, pr, ui, s, c, i, a;
};

/* Parses the len bytes of vector ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/
 * I:H/A:H", "CVSS:3.0/...", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/
 * VA:H/SC:N/SI:N/SA:N", each with the optional temporal or threat,
 * environmental and (v4.0) supplemental metrics) and scores it into *out.
 * Nothing is trimmed and case matters. v3.x metrics may come in any
 * order, as that specification demands of readers; v4.0 metrics must
 * come in the order of the v4.0 specification's table 23.
 *
 * Returns 0, or -1 for a malformed vector: then *out is left as it was,
 * *bad_at is the byte offset in vector of the fault (0 for the prefix;
 * the start of the offending component; of the value when only the value
 * is wrong; of the slash itself for a trailing slash; when a mandatory
 * metric is missing, len, or in v4.0 the start of the first metric given
 * after it) and *why a static English phrase in lower case without final
 * period, such as "metric \"AV\" given twice". bad_at and why may be
 * NULL. */
int cvss_parse(const char *vector, size_t len, struct cvss *out, size_t *bad_at, const char **why);

/* The qualitative band of score (tenths, 0..100), the same in v3.x and
 * v4.0: None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical
 * 9.0-10.0. */
enum cvss_severity cvss_severity_of(int score);

/* "None", "Low", "Medium", "High" or "Critical": the specifications'
 * names (static). */
const char *cvss_severity_name(enum cvss_severity s);

/* score (tenths, 0..100) as the specifications print it: 98 is "9.8",
 * 100 is "10.0", 0 is "0.0". */
void cvss_format_score(int score, char buf[static 5]);

#endif
