/* cvss.c - CVSS vector strings: syntax, scores, ratings.
 *
 * v3.0 and v3.1: the equations of FIRST's specification documents
 * (v3.1 section 7, v3.0 section 8), with Roundup as v3.1's appendix A
 * defines it (the input rounded to five decimals first, then up to one)
 * and, for v3.0, as v3.0 defines it (the smallest one-decimal number not
 * below the input). The weights have two decimals, so every quantity is
 * kept as an exact integer count of 1e-15 (or 1e-17 after the 1.08 of a
 * changed scope); only the power term of a changed-scope impact is
 * computed in double, to about 1e-15. The roundings then see the exact
 * values that the specification's arithmetic means, which floating point
 * only approximates.
 *
 * v4.0: the MacroVector method of the v4.0 specification ("CVSS v4.0
 * Scoring") as FIRST's reference calculator (github.com/FIRSTdotorg/
 * cvss-v4-calculator: cvss_lookup.js, max_composed.js, max_severity.js,
 * cvss_score.js) computes it, with its tables below. The calculator
 * interpolates in floating point and rounds half up after adding 1e-6;
 * the interpolation here is done on integers over a common denominator
 * (840 times the number of lower MacroVectors, at most 5), whose exact
 * half-up rounding gives the same result: no true score lies closer than
 * 1/4200 of a tenth to a rounding boundary without being on it. */
#include "model/cvss.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define UNSET (-1)
#define MAX_METRICS 32

enum group { BASE, TEMPORAL, ENVIRONMENTAL, SUPPLEMENTAL };

/* A metric of a vector string: its abbreviation, the abbreviations of its
 * values (Not Defined, X, first when it has it), and the messages of the
 * faults that name it, made at compile time so that they stay static. */
struct metric {
	const char *name;
	const char *values[6];
	enum group group;
	const char *twice, *bad_value, *missing;
};

#define METRIC(n, grp, expected, ...)                                                              \
	{                                                                                          \
		.name = n, .values = { __VA_ARGS__, NULL }, .group = grp,                          \
		.twice = "metric \"" n "\" given twice",                                           \
		.bad_value = "value not allowed for \"" n "\"; expected " expected,                \
		.missing = "mandatory metric \"" n "\" missing",                                   \
	}

/* v3.x, in the order of the v3.1 specification's table 15. */
enum {
	V3_AV, V3_AC, V3_PR, V3_UI, V3_S, V3_C, V3_I, V3_A,
	V3_E, V3_RL, V3_RC,
	V3_CR, V3_IR, V3_AR, V3_MAV, V3_MAC, V3_MPR, V3_MUI, V3_MS, V3_MC, V3_MI, V3_MA,
	V3_COUNT
};

static const struct metric v3_metrics[V3_COUNT] = {
	[V3_AV] = METRIC("AV", BASE, "N, A, L or P", "N", "A", "L", "P"),
	[V3_AC] = METRIC("AC", BASE, "L or H", "L", "H"),
	[V3_PR] = METRIC("PR", BASE, "N, L or H", "N", "L", "H"),
	[V3_UI] = METRIC("UI", BASE, "N or R", "N", "R"),
	[V3_S] = METRIC("S", BASE, "U or C", "U", "C"),
	[V3_C] = METRIC("C", BASE, "H, L or N", "H", "L", "N"),
	[V3_I] = METRIC("I", BASE, "H, L or N", "H", "L", "N"),
	[V3_A] = METRIC("A", BASE, "H, L or N", "H", "L", "N"),
	[V3_E] = METRIC("E", TEMPORAL, "X, H, F, P or U", "X", "H", "F", "P", "U"),
	[V3_RL] = METRIC("RL", TEMPORAL, "X, U, W, T or O", "X", "U", "W", "T", "O"),
	[V3_RC] = METRIC("RC", TEMPORAL, "X, C, R or U", "X", "C", "R", "U"),
	[V3_CR] = METRIC("CR", ENVIRONMENTAL, "X, H, M or L", "X", "H", "M", "L"),
	[V3_IR] = METRIC("IR", ENVIRONMENTAL, "X, H, M or L", "X", "H", "M", "L"),
	[V3_AR] = METRIC("AR", ENVIRONMENTAL, "X, H, M or L", "X", "H", "M", "L"),
	/* The modified metrics list X then the base metric's values, so
	 * that value - 1 indexes the base metric's weights. */
	[V3_MAV] = METRIC("MAV", ENVIRONMENTAL, "X, N, A, L or P", "X", "N", "A", "L", "P"),
	[V3_MAC] = METRIC("MAC", ENVIRONMENTAL, "X, L or H", "X", "L", "H"),
	[V3_MPR] = METRIC("MPR", ENVIRONMENTAL, "X, N, L or H", "X", "N", "L", "H"),
	[V3_MUI] = METRIC("MUI", ENVIRONMENTAL, "X, N or R", "X", "N", "R"),
	[V3_MS] = METRIC("MS", ENVIRONMENTAL, "X, U or C", "X", "U", "C"),
	[V3_MC] = METRIC("MC", ENVIRONMENTAL, "X, H, L or N", "X", "H", "L", "N"),
	[V3_MI] = METRIC("MI", ENVIRONMENTAL, "X, H, L or N", "X", "H", "L", "N"),
	[V3_MA] = METRIC("MA", ENVIRONMENTAL, "X, H, L or N", "X", "H", "L", "N"),
};

/* v4.0, in the order of the v4.0 specification's table 23, which a vector
 * must follow. M<x> is <x> + V4_MODIFIED for the eleven base metrics. */
enum {
	V4_AV, V4_AC, V4_AT, V4_PR, V4_UI, V4_VC, V4_VI, V4_VA, V4_SC, V4_SI, V4_SA,
	V4_E,
	V4_CR, V4_IR, V4_AR, V4_MAV, V4_MAC, V4_MAT, V4_MPR, V4_MUI,
	V4_MVC, V4_MVI, V4_MVA, V4_MSC, V4_MSI, V4_MSA,
	V4_S, V4_AU, V4_R, V4_V, V4_RE, V4_U,
	V4_COUNT,
	V4_MODIFIED = V4_MAV - V4_AV,
	V4_SCORED = V4_AR + 1 /* the metrics that enter a score, once modified */
};

static const struct metric v4_metrics[V4_COUNT] = {
	[V4_AV] = METRIC("AV", BASE, "N, A, L or P", "N", "A", "L", "P"),
	[V4_AC] = METRIC("AC", BASE, "L or H", "L", "H"),
	[V4_AT] = METRIC("AT", BASE, "N or P", "N", "P"),
	[V4_PR] = METRIC("PR", BASE, "N, L or H", "N", "L", "H"),
	[V4_UI] = METRIC("UI", BASE, "N, P or A", "N", "P", "A"),
	[V4_VC] = METRIC("VC", BASE, "H, L or N", "H", "L", "N"),
	[V4_VI] = METRIC("VI", BASE, "H, L or N", "H", "L", "N"),
	[V4_VA] = METRIC("VA", BASE, "H, L or N", "H", "L", "N"),
	[V4_SC] = METRIC("SC", BASE, "H, L or N", "H", "L", "N"),
	[V4_SI] = METRIC("SI", BASE, "H, L or N", "H", "L", "N"),
	[V4_SA] = METRIC("SA", BASE, "H, L or N", "H", "L", "N"),
	[V4_E] = METRIC("E", TEMPORAL, "X, A, P or U", "X", "A", "P", "U"),
	[V4_CR] = METRIC("CR", ENVIRONMENTAL, "X, H, M or L", "X", "H", "M", "L"),
	[V4_IR] = METRIC("IR", ENVIRONMENTAL, "X, H, M or L", "X", "H", "M", "L"),
	[V4_AR] = METRIC("AR", ENVIRONMENTAL, "X, H, M or L", "X", "H", "M", "L"),
	[V4_MAV] = METRIC("MAV", ENVIRONMENTAL, "X, N, A, L or P", "X", "N", "A", "L", "P"),
	[V4_MAC] = METRIC("MAC", ENVIRONMENTAL, "X, L or H", "X", "L", "H"),
	[V4_MAT] = METRIC("MAT", ENVIRONMENTAL, "X, N or P", "X", "N", "P"),
	[V4_MPR] = METRIC("MPR", ENVIRONMENTAL, "X, N, L or H", "X", "N", "L", "H"),
	[V4_MUI] = METRIC("MUI", ENVIRONMENTAL, "X, N, P or A", "X", "N", "P", "A"),
	[V4_MVC] = METRIC("MVC", ENVIRONMENTAL, "X, H, L or N", "X", "H", "L", "N"),
	[V4_MVI] = METRIC("MVI", ENVIRONMENTAL, "X, H, L or N", "X", "H", "L", "N"),
	[V4_MVA] = METRIC("MVA", ENVIRONMENTAL, "X, H, L or N", "X", "H", "L", "N"),
	[V4_MSC] = METRIC("MSC", ENVIRONMENTAL, "X, H, L or N", "X", "H", "L", "N"),
	[V4_MSI] = METRIC("MSI", ENVIRONMENTAL, "X, S, H, L or N", "X", "S", "H", "L", "N"),
	[V4_MSA] = METRIC("MSA", ENVIRONMENTAL, "X, S, H, L or N", "X", "S", "H", "L", "N"),
	[V4_S] = METRIC("S", SUPPLEMENTAL, "X, N or P", "X", "N", "P"),
	[V4_AU] = METRIC("AU", SUPPLEMENTAL, "X, N or Y", "X", "N", "Y"),
	[V4_R] = METRIC("R", SUPPLEMENTAL, "X, A, U or I", "X", "A", "U", "I"),
	[V4_V] = METRIC("V", SUPPLEMENTAL, "X, D or C", "X", "D", "C"),
	[V4_RE] = METRIC("RE", SUPPLEMENTAL, "X, L, M or H", "X", "L", "M", "H"),
	[V4_U] = METRIC("U", SUPPLEMENTAL, "X, Clear, Green, Amber or Red", "X", "Clear", "Green",
			"Amber", "Red"),
};

/* What a parse found: each metric's value as an index into its values,
 * or UNSET, and where its component starts. */
struct parsed {
	signed char val[MAX_METRICS];
	size_t at[MAX_METRICS];
};

struct fault {
	size_t at;
	const char *why;
};

static int fail(struct fault *f, size_t at, const char *why)
{
	f->at = at;
	f->why = why;
	return -1;
}

static int find_metric(const struct metric *metrics, int count, const char *s, size_t n)
{
	int k;

	for (k = 0; k < count; k++)
		if (strlen(metrics[k].name) == n && memcmp(metrics[k].name, s, n) == 0)
			return k;
	return UNSET;
}

static int find_value(const struct metric *m, const char *s, size_t n)
{
	int k;

	for (k = 0; m->values[k]; k++)
		if (strlen(m->values[k]) == n && memcmp(m->values[k], s, n) == 0)
			return k;
	return UNSET;
}

/* The components of v after the prefix, which ends at pos ("/AV:N/AC:L
 * ..."), each a metric of metrics at most once; in their order when
 * ordered. Every base metric must be there. */
static int parse_metrics(const char *v, size_t len, size_t pos, const struct metric *metrics, int count,
			 bool ordered, struct parsed *p, struct fault *f)
{
	int k, last = UNSET;

	for (k = 0; k < MAX_METRICS; k++)
		p->val[k] = UNSET;
	while (pos < len) {
		size_t start = pos + 1, end = start, colon;
		int m, value;

		assert(v[pos] == '/');
		if (start == len)
			return fail(f, pos, "trailing \"/\"");
		while (end < len && v[end] != '/')
			end++;
		if (end == start)
			return fail(f, start, "empty component");
		colon = start;
		while (colon < end && v[colon] != ':')
			colon++;
		if (colon == end)
			return fail(f, start, "component is not of the form metric:value");
		m = find_metric(metrics, count, v + start, colon - start);
		if (m == UNSET)
			return fail(f, start, "unknown metric");
		if (p->val[m] != UNSET)
			return fail(f, start, metrics[m].twice);
		if (ordered && m < last)
			return fail(f, start, "metrics out of the specification's order");
		value = find_value(&metrics[m], v + colon + 1, end - colon - 1);
		if (value == UNSET)
			return fail(f, colon + 1, metrics[m].bad_value);
		p->val[m] = (signed char)value;
		p->at[m] = start;
		last = m;
		pos = end;
	}
	for (k = 0; k < count; k++) {
		size_t at = len;
		int later;

		if (metrics[k].group != BASE || p->val[k] != UNSET)
			continue;
		/* In an ordered vector the missing metric belongs just before
		 * the first metric given after it. */
		for (later = k + 1; ordered && later < count; later++)
			if (p->val[later] != UNSET) {
				at = p->at[later];
				break;
			}
		return fail(f, at, metrics[k].missing);
	}
	return 0;
}

/* Which optional groups have a metric other than X (value 0). */
static unsigned groups_given(const struct metric *metrics, int count, const struct parsed *p)
{
	unsigned groups = 0;
	int k;

	for (k = 0; k < count; k++) {
		if (p->val[k] <= 0 || metrics[k].values[0][0] != 'X')
			continue;
		if (metrics[k].group == TEMPORAL)
			groups |= CVSS_GROUP_TEMPORAL;
		else if (metrics[k].group == ENVIRONMENTAL)
			groups |= CVSS_GROUP_ENVIRONMENTAL;
	}
	return groups;
}

/* --- v3.0 and v3.1 ---------------------------------------------------- */

#define E15 INT64_C(1000000000000000)
#define E17 INT64_C(100000000000000000)

/* Weights in hundredths, indexed as the values of v3_metrics. */
static const int v3_av[] = { 85, 62, 55, 20 };	       /* N A L P */
static const int v3_ac[] = { 77, 44 };		       /* L H */
static const int v3_pr[2][3] = { { 85, 62, 27 },       /* N L H, scope unchanged */
				 { 85, 68, 50 } };     /* scope changed */
static const int v3_ui[] = { 85, 62 };		       /* N R */
static const int v3_cia[] = { 56, 22, 0 };	       /* H L N */
static const int v3_e[] = { 100, 100, 97, 94, 91 };    /* X H F P U */
static const int v3_rl[] = { 100, 100, 97, 96, 95 };   /* X U W T O */
static const int v3_rc[] = { 100, 100, 96, 92 };       /* X C R U */
static const int v3_req[] = { 10, 15, 10, 5 };	       /* X H M L, in tenths */

/* v3.1's Roundup of num/den (den a power of ten of at least 1e5, num not
 * negative): to the nearest 1e-5 first, half up, then up to a tenth. In
 * tenths. */
static int roundup_v31(int64_t num, int64_t den)
{
	int64_t q = den / 100000, n = (num + q / 2) / q;

	return (int)(n % 10000 == 0 ? n / 10000 : n / 10000 + 1);
}

/* v3.0's Round up: the smallest tenth not below num/den. */
static int roundup_v30(int64_t num, int64_t den)
{
	int64_t tenth = den / 10;

	return (int)((num + tenth - 1) / tenth);
}

static int roundup(enum cvss_version version, int64_t num, int64_t den)
{
	return version == CVSS_V3_0 ? roundup_v30(num, den) : roundup_v31(num, den);
}

/* 3.25 × p^n in units of 1e-15: the one term that no integer holds. */
static int64_t power_term(double p, int n)
{
	double r = 3.25e15;
	int k;

	for (k = 0; k < n; k++)
		r *= p;
	return (int64_t)(r < 0 ? r - 0.5 : r + 0.5);
}

/* The modified metric's value as an index of the base metric's values:
 * the base metric's own when it is absent or X. */
static int v3_modified(const struct parsed *p, int base, int modified)
{
	return p->val[modified] > 0 ? p->val[modified] - 1 : p->val[base];
}

/* Roundup(Minimum(Impact + Exploitability, 10)), times 1.08 for a changed
 * scope, both in 1e-15; 0 when the impact is not positive. */
static int v3_combine(enum cvss_version version, int64_t impact, int64_t exploitability, bool changed)
{
	int64_t sum = impact + exploitability;

	if (impact <= 0)
		return 0;
	if (!changed)
		return roundup(version, sum < 10 * E15 ? sum : 10 * E15, E15);
	sum *= 108;
	return roundup(version, sum < 10 * E17 ? sum : 10 * E17, E17);
}

/* 8.22 × AV × AC × PR × UI (weights in hundredths), in 1e-15. */
static int64_t v3_exploitability(int av, int ac, int pr, int ui)
{
	return INT64_C(822) * av * ac * pr * ui * 100000;
}

static int v3_base(enum cvss_version version, const struct parsed *p)
{
	bool changed = p->val[V3_S] == 1;
	int64_t keep = (int64_t)(100 - v3_cia[p->val[V3_C]]) * (100 - v3_cia[p->val[V3_I]]) *
		       (100 - v3_cia[p->val[V3_A]]);
	int64_t iss = 1000000 - keep; /* 1e-6 */
	int64_t impact;

	if (!changed)
		impact = 642 * iss * 10000000;
	else
		impact = 752 * (iss - 29000) * 10000000 - power_term((double)(iss - 20000) / 1e6, 15);
	return v3_combine(version, impact,
			  v3_exploitability(v3_av[p->val[V3_AV]], v3_ac[p->val[V3_AC]],
					    v3_pr[changed][p->val[V3_PR]], v3_ui[p->val[V3_UI]]),
			  changed);
}

/* Roundup(score × E × RL × RC): the product is exact in 1e-7. */
static int v3_temporal(enum cvss_version version, const struct parsed *p, int score)
{
	int e = p->val[V3_E] < 0 ? 0 : p->val[V3_E];
	int rl = p->val[V3_RL] < 0 ? 0 : p->val[V3_RL];
	int rc = p->val[V3_RC] < 0 ? 0 : p->val[V3_RC];

	return roundup(version, (int64_t)score * v3_e[e] * v3_rl[rl] * v3_rc[rc], 10000000);
}

/* 1000 - requirement × impact weight, in 1e-3. */
static int64_t v3_unprotected(const struct parsed *p, int requirement, int base, int modified)
{
	int r = p->val[requirement] < 0 ? 0 : p->val[requirement];

	return 1000 - v3_req[r] * v3_cia[v3_modified(p, base, modified)];
}

static int v3_environmental(enum cvss_version version, const struct parsed *p)
{
	int ms = p->val[V3_MS] > 0 ? p->val[V3_MS] - 1 : p->val[V3_S];
	bool changed = ms == 1;
	int64_t miss = 1000000000 - v3_unprotected(p, V3_CR, V3_C, V3_MC) *
					    v3_unprotected(p, V3_IR, V3_I, V3_MI) *
					    v3_unprotected(p, V3_AR, V3_A, V3_MA); /* 1e-9 */
	int64_t impact;
	int score;

	if (miss > 915000000)
		miss = 915000000;
	if (!changed)
		impact = 642 * miss * 10000;
	else if (version == CVSS_V3_0)
		impact = 752 * (miss - 29000000) * 10000 - power_term((double)(miss - 20000000) / 1e9, 15);
	else /* v3.1: 3.25 × (MISS × 0.9731 − 0.02)^13 */
		impact = 752 * (miss - 29000000) * 10000 -
			 power_term((double)(miss * 9731 - INT64_C(200000000000)) / 1e13, 13);
	score = v3_combine(version, impact,
			   v3_exploitability(v3_av[v3_modified(p, V3_AV, V3_MAV)],
					     v3_ac[v3_modified(p, V3_AC, V3_MAC)],
					     v3_pr[changed][v3_modified(p, V3_PR, V3_MPR)],
					     v3_ui[v3_modified(p, V3_UI, V3_MUI)]),
			   changed);
	return v3_temporal(version, p, score);
}

static void v3_score(enum cvss_version version, const struct parsed *p, struct cvss *out)
{
	out->base_score = v3_base(version, p);
	out->temporal_score = v3_temporal(version, p, out->base_score);
	out->environmental_score = v3_environmental(version, p);
	out->groups = groups_given(v3_metrics, V3_COUNT, p);
	if (out->groups & CVSS_GROUP_ENVIRONMENTAL)
		out->score = out->environmental_score;
	else if (out->groups & CVSS_GROUP_TEMPORAL)
		out->score = out->temporal_score;
	else
		out->score = out->base_score;
	out->av = v3_metrics[V3_AV].values[p->val[V3_AV]][0];
	out->ac = v3_metrics[V3_AC].values[p->val[V3_AC]][0];
	out->pr = v3_metrics[V3_PR].values[p->val[V3_PR]][0];
	out->ui = v3_metrics[V3_UI].values[p->val[V3_UI]][0];
	out->s = v3_metrics[V3_S].values[p->val[V3_S]][0];
	out->c = v3_metrics[V3_C].values[p->val[V3_C]][0];
	out->i = v3_metrics[V3_I].values[p->val[V3_I]][0];
	out->a = v3_metrics[V3_A].values[p->val[V3_A]][0];
}

/* --- v4.0 ------------------------------------------------------------- */

/* The score of each MacroVector (EQ1..EQ6 levels) in tenths:
 * cvss_lookup.js of the reference calculator. */
static const struct {
	char mv[7];
	unsigned char score;
} v4_lookup[] = {
	{ "000000", 100 }, { "000001", 99 }, { "000010", 98 }, { "000011", 95 }, { "000020", 95 }, { "000021", 92 },
	{ "000100", 100 }, { "000101", 96 }, { "000110", 93 }, { "000111", 87 }, { "000120", 91 }, { "000121", 81 },
	{ "000200", 93 },  { "000201", 90 }, { "000210", 89 }, { "000211", 80 }, { "000220", 81 }, { "000221", 68 },
	{ "001000", 98 },  { "001001", 95 }, { "001010", 95 }, { "001011", 92 }, { "001020", 90 }, { "001021", 84 },
	{ "001100", 93 },  { "001101", 92 }, { "001110", 89 }, { "001111", 81 }, { "001120", 81 }, { "001121", 65 },
	{ "001200", 88 },  { "001201", 80 }, { "001210", 78 }, { "001211", 70 }, { "001220", 69 }, { "001221", 48 },
	{ "002001", 92 },  { "002011", 82 }, { "002021", 72 }, { "002101", 79 }, { "002111", 69 }, { "002121", 50 },
	{ "002201", 69 },  { "002211", 55 }, { "002221", 27 },
	{ "010000", 99 },  { "010001", 97 }, { "010010", 95 }, { "010011", 92 }, { "010020", 92 }, { "010021", 85 },
	{ "010100", 95 },  { "010101", 91 }, { "010110", 90 }, { "010111", 83 }, { "010120", 84 }, { "010121", 71 },
	{ "010200", 92 },  { "010201", 81 }, { "010210", 82 }, { "010211", 71 }, { "010220", 72 }, { "010221", 53 },
	{ "011000", 95 },  { "011001", 93 }, { "011010", 92 }, { "011011", 85 }, { "011020", 85 }, { "011021", 73 },
	{ "011100", 92 },  { "011101", 82 }, { "011110", 80 }, { "011111", 72 }, { "011120", 70 }, { "011121", 59 },
	{ "011200", 84 },  { "011201", 70 }, { "011210", 71 }, { "011211", 52 }, { "011220", 50 }, { "011221", 30 },
	{ "012001", 86 },  { "012011", 75 }, { "012021", 52 }, { "012101", 71 }, { "012111", 52 }, { "012121", 29 },
	{ "012201", 63 },  { "012211", 29 }, { "012221", 17 },
	{ "100000", 98 },  { "100001", 95 }, { "100010", 94 }, { "100011", 87 }, { "100020", 91 }, { "100021", 81 },
	{ "100100", 94 },  { "100101", 89 }, { "100110", 86 }, { "100111", 74 }, { "100120", 77 }, { "100121", 64 },
	{ "100200", 87 },  { "100201", 75 }, { "100210", 74 }, { "100211", 63 }, { "100220", 63 }, { "100221", 49 },
	{ "101000", 94 },  { "101001", 89 }, { "101010", 88 }, { "101011", 77 }, { "101020", 76 }, { "101021", 67 },
	{ "101100", 86 },  { "101101", 76 }, { "101110", 74 }, { "101111", 58 }, { "101120", 59 }, { "101121", 50 },
	{ "101200", 72 },  { "101201", 57 }, { "101210", 57 }, { "101211", 52 }, { "101220", 52 }, { "101221", 25 },
	{ "102001", 83 },  { "102011", 70 }, { "102021", 54 }, { "102101", 65 }, { "102111", 58 }, { "102121", 26 },
	{ "102201", 53 },  { "102211", 21 }, { "102221", 13 },
	{ "110000", 95 },  { "110001", 90 }, { "110010", 88 }, { "110011", 76 }, { "110020", 76 }, { "110021", 70 },
	{ "110100", 90 },  { "110101", 77 }, { "110110", 75 }, { "110111", 62 }, { "110120", 61 }, { "110121", 53 },
	{ "110200", 77 },  { "110201", 66 }, { "110210", 68 }, { "110211", 59 }, { "110220", 52 }, { "110221", 30 },
	{ "111000", 89 },  { "111001", 78 }, { "111010", 76 }, { "111011", 67 }, { "111020", 62 }, { "111021", 58 },
	{ "111100", 74 },  { "111101", 59 }, { "111110", 57 }, { "111111", 57 }, { "111120", 47 }, { "111121", 23 },
	{ "111200", 61 },  { "111201", 52 }, { "111210", 57 }, { "111211", 29 }, { "111220", 24 }, { "111221", 16 },
	{ "112001", 71 },  { "112011", 59 }, { "112021", 30 }, { "112101", 58 }, { "112111", 26 }, { "112121", 15 },
	{ "112201", 23 },  { "112211", 13 }, { "112221", 6 },
	{ "200000", 93 },  { "200001", 87 }, { "200010", 86 }, { "200011", 72 }, { "200020", 75 }, { "200021", 58 },
	{ "200100", 86 },  { "200101", 74 }, { "200110", 74 }, { "200111", 61 }, { "200120", 56 }, { "200121", 34 },
	{ "200200", 70 },  { "200201", 54 }, { "200210", 52 }, { "200211", 40 }, { "200220", 40 }, { "200221", 22 },
	{ "201000", 85 },  { "201001", 75 }, { "201010", 74 }, { "201011", 55 }, { "201020", 62 }, { "201021", 51 },
	{ "201100", 72 },  { "201101", 57 }, { "201110", 55 }, { "201111", 41 }, { "201120", 46 }, { "201121", 19 },
	{ "201200", 53 },  { "201201", 36 }, { "201210", 34 }, { "201211", 19 }, { "201220", 19 }, { "201221", 8 },
	{ "202001", 64 },  { "202011", 51 }, { "202021", 20 }, { "202101", 47 }, { "202111", 21 }, { "202121", 11 },
	{ "202201", 24 },  { "202211", 9 },  { "202221", 4 },
	{ "210000", 88 },  { "210001", 75 }, { "210010", 73 }, { "210011", 53 }, { "210020", 60 }, { "210021", 50 },
	{ "210100", 73 },  { "210101", 55 }, { "210110", 59 }, { "210111", 40 }, { "210120", 41 }, { "210121", 20 },
	{ "210200", 54 },  { "210201", 43 }, { "210210", 45 }, { "210211", 22 }, { "210220", 20 }, { "210221", 11 },
	{ "211000", 75 },  { "211001", 55 }, { "211010", 58 }, { "211011", 45 }, { "211020", 40 }, { "211021", 21 },
	{ "211100", 61 },  { "211101", 51 }, { "211110", 48 }, { "211111", 18 }, { "211120", 20 }, { "211121", 9 },
	{ "211200", 46 },  { "211201", 18 }, { "211210", 17 }, { "211211", 7 },  { "211220", 8 },  { "211221", 2 },
	{ "212001", 53 },  { "212011", 24 }, { "212021", 14 }, { "212101", 24 }, { "212111", 12 }, { "212121", 5 },
	{ "212201", 10 },  { "212211", 3 },  { "212221", 1 },
};

/* The highest severity vectors of each EQ level (max_composed.js), as the
 * letters of the metrics in v4_eq_metrics, in the calculator's order. */
static const char *const v4_max_eq1[3][4] = {
	{ "NNN" }, { "ANN", "NLN", "NNP" }, { "PNN", "ALP" },
};
static const char *const v4_max_eq2[2][3] = {
	{ "LN" }, { "HN", "LP" },
};
static const char *const v4_max_eq3eq6[3][2][6] = { /* [EQ3][EQ6] */
	{ { "HHHHHH" }, { "HHLMMH", "HHHMMM" } },
	{ { "LHHHHH", "HLHHHH" }, { "LHLHMH", "LHHHMM", "HLHMHM", "HLLMHH", "LLHHHM" } },
	{ { NULL }, { "LLLHHH" } },
};
static const char *const v4_max_eq4[3][2] = {
	{ "HSS" }, { "HHH" }, { "LLL" },
};

/* The depth of each EQ level, in steps of 0.1 (max_severity.js). */
static const int v4_depth_eq1[3] = { 1, 4, 5 };
static const int v4_depth_eq2[2] = { 1, 2 };
static const int v4_depth_eq3eq6[3][2] = { { 7, 6 }, { 8, 8 }, { 0, 10 } };
static const int v4_depth_eq4[3] = { 6, 5, 4 };

/* The metrics each EQ's severity distance adds up, and each metric's
 * values from the most severe, one step (0.1) apart (cvss_score.js: SC
 * starts one step down, as only SI and SA can be S). */
enum { EQ1, EQ2, EQ3EQ6, EQ4, EQ_DISTANCES };
static const int v4_eq_metrics[EQ_DISTANCES][7] = {
	[EQ1] = { V4_AV, V4_PR, V4_UI, UNSET },
	[EQ2] = { V4_AC, V4_AT, UNSET },
	[EQ3EQ6] = { V4_VC, V4_VI, V4_VA, V4_CR, V4_IR, V4_AR, UNSET },
	[EQ4] = { V4_SC, V4_SI, V4_SA, UNSET },
};
static const char *const v4_levels[V4_SCORED] = {
	[V4_AV] = "NALP", [V4_AC] = "LH",   [V4_AT] = "NP",   [V4_PR] = "NLH",  [V4_UI] = "NPA",
	[V4_VC] = "HLN",  [V4_VI] = "HLN",  [V4_VA] = "HLN",  [V4_SC] = "SHLN", [V4_SI] = "SHLN",
	[V4_SA] = "SHLN", [V4_E] = "APU",   [V4_CR] = "HML",  [V4_IR] = "HML",  [V4_AR] = "HML",
};

static int v4_level(int metric, char value)
{
	const char *at = strchr(v4_levels[metric], value);

	assert(value && at);
	return (int)(at - v4_levels[metric]);
}

/* The MacroVector's score in tenths, or -1 when there is no such
 * MacroVector (a level past the last). */
static int v4_macro_score(const int eq[6])
{
	char mv[7];
	size_t k;

	for (k = 0; k < 6; k++)
		mv[k] = (char)('0' + eq[k]);
	mv[6] = '\0';
	for (k = 0; k < sizeof(v4_lookup) / sizeof(v4_lookup[0]); k++)
		if (memcmp(v4_lookup[k].mv, mv, 7) == 0)
			return v4_lookup[k].score;
	return -1;
}

/* The score of MacroVector eq with EQ which moved one level down, or -1. */
static int v4_lower_score(const int eq[6], int which)
{
	int lower[6];

	memcpy(lower, eq, sizeof(lower));
	lower[which]++;
	return v4_macro_score(lower);
}

/* The letters that score, in v4_metrics' order up to AR: the modified
 * metric's value where given and not X, the worst case for an absent E
 * (A) and security requirement (H). base_only ignores all but the base
 * metrics, for the CVSS-B score. */
static void v4_effective(const struct parsed *p, bool base_only, char eff[V4_SCORED])
{
	int k;

	for (k = V4_AV; k <= V4_SA; k++) {
		int modified = base_only ? UNSET : p->val[k + V4_MODIFIED];
		int m = modified > 0 ? k + V4_MODIFIED : k;

		eff[k] = v4_metrics[m].values[p->val[m]][0];
	}
	for (k = V4_E; k <= V4_AR; k++) {
		int given = base_only ? UNSET : p->val[k];

		eff[k] = given > 0 ? v4_metrics[k].values[given][0] : k == V4_E ? 'A' : 'H';
	}
}

static void v4_macro_vector(const char *x, int eq[6])
{
	bool any_n = x[V4_AV] == 'N' || x[V4_PR] == 'N' || x[V4_UI] == 'N';

	if (x[V4_AV] == 'N' && x[V4_PR] == 'N' && x[V4_UI] == 'N')
		eq[0] = 0;
	else
		eq[0] = any_n && x[V4_AV] != 'P' ? 1 : 2;
	eq[1] = x[V4_AC] == 'L' && x[V4_AT] == 'N' ? 0 : 1;
	if (x[V4_VC] == 'H' && x[V4_VI] == 'H')
		eq[2] = 0;
	else
		eq[2] = x[V4_VC] == 'H' || x[V4_VI] == 'H' || x[V4_VA] == 'H' ? 1 : 2;
	if (x[V4_SI] == 'S' || x[V4_SA] == 'S')
		eq[3] = 0;
	else
		eq[3] = x[V4_SC] == 'H' || x[V4_SI] == 'H' || x[V4_SA] == 'H' ? 1 : 2;
	eq[4] = v4_level(V4_E, x[V4_E]);
	eq[5] = (x[V4_CR] == 'H' && x[V4_VC] == 'H') || (x[V4_IR] == 'H' && x[V4_VI] == 'H') ||
			(x[V4_AR] == 'H' && x[V4_VA] == 'H')
		? 0
		: 1;
}

/* The severity distance of x from the highest severity vector max (the
 * letters of EQ which's metrics), in steps; -1 when max is below x in any
 * metric, so it does not bound x. *sum gets the distance either way, as
 * the calculator keeps the last one tried when none bounds x. */
static bool v4_distance(const char *x, int which, const char *max, int *sum)
{
	bool bounds = true;
	int k;

	*sum = 0;
	for (k = 0; v4_eq_metrics[which][k] != UNSET; k++) {
		int metric = v4_eq_metrics[which][k];
		int d = v4_level(metric, x[metric]) - v4_level(metric, max[k]);

		if (d < 0)
			bounds = false;
		*sum += d;
	}
	return bounds;
}

/* Each EQ's distance to the first highest severity vector that bounds x
 * in every metric (the calculator tries the combinations of the EQs'
 * vectors in order, and the first that bounds x in all is made of the
 * first that bounds it in each). Were there none, the calculator would
 * keep the last combination's distances, and so does this; with these
 * tables every vector has one. */
static void v4_distances(const char *x, const int eq[6], int dist[EQ_DISTANCES])
{
	const char *const *max[EQ_DISTANCES] = {
		[EQ1] = v4_max_eq1[eq[0]],
		[EQ2] = v4_max_eq2[eq[1]],
		[EQ3EQ6] = v4_max_eq3eq6[eq[2]][eq[5]],
		[EQ4] = v4_max_eq4[eq[3]],
	};
	const size_t room[EQ_DISTANCES] = { 4, 3, 6, 2 };
	int first[EQ_DISTANCES] = { 0 }, last[EQ_DISTANCES] = { 0 };
	bool all = true;
	int which;

	for (which = 0; which < EQ_DISTANCES; which++) {
		size_t k;
		bool found = false;

		for (k = 0; k < room[which] && max[which][k]; k++) {
			if (v4_distance(x, which, max[which][k], &last[which]) && !found) {
				first[which] = last[which];
				found = true;
			}
		}
		all = all && found;
	}
	for (which = 0; which < EQ_DISTANCES; which++)
		dist[which] = all ? first[which] : last[which];
}

/* Section 8 of the v4.0 specification: the MacroVector's score, less the
 * mean over the EQs that have a lower MacroVector of (score difference to
 * it) × (severity distance / depth). */
static int v4_score(const struct parsed *p, bool base_only)
{
	/* 840 is divisible by every depth, so each term is an integer. */
	enum { COMMON = 840 };
	char x[V4_SCORED];
	int eq[6], dist[EQ_DISTANCES], value, lower, n = 0;
	int64_t num = 0, den;

	v4_effective(p, base_only, x);
	if (x[V4_VC] == 'N' && x[V4_VI] == 'N' && x[V4_VA] == 'N' && x[V4_SC] == 'N' && x[V4_SI] == 'N' &&
	    x[V4_SA] == 'N')
		return 0;
	v4_macro_vector(x, eq);
	value = v4_macro_score(eq);
	assert(value >= 0);
	v4_distances(x, eq, dist);

	if ((lower = v4_lower_score(eq, 0)) >= 0) {
		n++;
		num += (int64_t)(value - lower) * dist[EQ1] * (COMMON / v4_depth_eq1[eq[0]]);
	}
	if ((lower = v4_lower_score(eq, 1)) >= 0) {
		n++;
		num += (int64_t)(value - lower) * dist[EQ2] * (COMMON / v4_depth_eq2[eq[1]]);
	}
	/* EQ3 and EQ6 go down together: 00 to the higher of 01 and 10, 01
	 * and 11 to EQ3 + 1, 10 to 11; 21 is the lowest. */
	if (eq[2] == 0 && eq[5] == 0) {
		int left = v4_lower_score(eq, 5), right = v4_lower_score(eq, 2);

		lower = left > right ? left : right;
	} else if (eq[5] == 1) {
		lower = v4_lower_score(eq, 2);
	} else {
		lower = v4_lower_score(eq, 5);
	}
	if (lower >= 0) {
		n++;
		num += (int64_t)(value - lower) * dist[EQ3EQ6] * (COMMON / v4_depth_eq3eq6[eq[2]][eq[5]]);
	}
	if ((lower = v4_lower_score(eq, 3)) >= 0) {
		n++;
		num += (int64_t)(value - lower) * dist[EQ4] * (COMMON / v4_depth_eq4[eq[3]]);
	}
	if (v4_lower_score(eq, 4) >= 0)
		n++; /* EQ5 counts, with a distance of 0 */
	if (n == 0)
		return value;

	/* score = (value × den − num) / den tenths, clamped to 0..10 and
	 * rounded half up. */
	den = (int64_t)COMMON * n;
	num = value * den - num;
	if (num < 0)
		num = 0;
	if (num > 100 * den)
		num = 100 * den;
	return (int)((2 * num + den) / (2 * den));
}

/* --- the API ---------------------------------------------------------- */

enum cvss_severity cvss_severity_of(int score)
{
	if (score == 0)
		return CVSS_SEV_NONE;
	if (score < 40)
		return CVSS_SEV_LOW;
	if (score < 70)
		return CVSS_SEV_MEDIUM;
	if (score < 90)
		return CVSS_SEV_HIGH;
	return CVSS_SEV_CRITICAL;
}

/* The version from the first component: "CVSS:3.0", "CVSS:3.1" or
 * "CVSS:4.0", ending the vector or followed by '/'. */
static int parse_prefix(const char *v, size_t len, enum cvss_version *version, struct fault *f)
{
	static const struct {
		const char *text;
		enum cvss_version version;
	} prefixes[] = {
		{ "CVSS:3.0", CVSS_V3_0 },
		{ "CVSS:3.1", CVSS_V3_1 },
		{ "CVSS:4.0", CVSS_V4_0 },
	};
	size_t end = 0, k;

	while (end < len && v[end] != '/')
		end++;
	for (k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
		if (end == 8 && memcmp(v, prefixes[k].text, 8) == 0) {
			*version = prefixes[k].version;
			return 0;
		}
	if (len >= 5 && memcmp(v, "CVSS:", 5) == 0)
		return fail(f, 0, "unknown version prefix; expected CVSS:3.0, CVSS:3.1 or CVSS:4.0");
	return fail(f, 0, "missing version prefix; expected CVSS:3.0, CVSS:3.1 or CVSS:4.0");
}

int cvss_parse(const char *vector, size_t len, struct cvss *out, size_t *bad_at, const char **why)
{
	struct fault f = { 0, NULL };
	struct parsed p;
	struct cvss c = { .temporal_score = -1, .environmental_score = -1 };
	int rc;

	assert(vector || len == 0);
	assert(out);
	rc = parse_prefix(vector ? vector : "", len, &c.version, &f);
	if (rc == 0 && c.version == CVSS_V4_0)
		rc = parse_metrics(vector, len, 8, v4_metrics, V4_COUNT, true, &p, &f);
	else if (rc == 0)
		rc = parse_metrics(vector, len, 8, v3_metrics, V3_COUNT, false, &p, &f);
	if (rc < 0) {
		if (bad_at)
			*bad_at = f.at;
		if (why)
			*why = f.why;
		return -1;
	}
	if (c.version == CVSS_V4_0) {
		c.score = v4_score(&p, false);
		c.base_score = v4_score(&p, true);
		c.groups = groups_given(v4_metrics, V4_COUNT, &p);
	} else {
		v3_score(c.version, &p, &c);
	}
	c.severity = cvss_severity_of(c.score);
	*out = c;
	return 0;
}

const char *cvss_severity_name(enum cvss_severity s)
{
	static const char *const names[] = {
		[CVSS_SEV_NONE] = "None",
		[CVSS_SEV_LOW] = "Low",
		[CVSS_SEV_MEDIUM] = "Medium",
		[CVSS_SEV_HIGH] = "High",
		[CVSS_SEV_CRITICAL] = "Critical",
	};

	assert((unsigned)s < sizeof(names) / sizeof(names[0]));
	return names[s];
}

void cvss_format_score(int score, char buf[static 5])
{
	assert(score >= 0 && score <= 100);
	snprintf(buf, 5, "%d.%d", score / 10, score % 10);
}
