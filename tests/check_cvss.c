/* check_cvss.c - CVSS vector strings (model/cvss.c): FIRST's published
 * examples scored as published, the roundings at their edges, the
 * metric groups a score stands for, and each kind of malformed vector
 * with the offset of its fault. */
#include <string.h>

#include "check_suites.h"
#include "model/cvss.h"

struct example {
	const char *vector;
	int score; /* tenths */
};

/* FIRST, "CVSS v3.1 Examples" (first.org/cvss/v3.1/examples), as two
 * test suites transcribe it with the document's section anchors
 * (scm-rs/cvss-rs tests/v3.rs; a Go module's v3_test.go). */
static const struct example v31_examples[] = {
	{ "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 64 }, /* CVE-2013-0375 MySQL stored SQL injection */
	{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 31 }, /* CVE-2014-3566 SSLv3 POODLE */
	{ "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 99 }, /* CVE-2012-1516 VMware guest to host escape */
	{ "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 42 }, /* CVE-2009-0783 Apache Tomcat XML parser */
	{ "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 72 }, /* CVE-2012-0384 Cisco IOS command execution */
	{ "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 78 }, /* CVE-2015-1098 Apple iWork denial of service */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 75 }, /* CVE-2014-0160 OpenSSL Heartbleed */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 98 }, /* CVE-2014-6271 GNU Bash Shellshock */
	{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 68 }, /* CVE-2008-1447 DNS Kaminsky bug */
	{ "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 68 }, /* CVE-2014-2005 Sophos login screen bypass */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 58 }, /* CVE-2010-0467 Joomla directory traversal */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 58 }, /* CVE-2012-1342 Cisco access control bypass */
	{ "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 93 }, /* CVE-2013-6014 Juniper proxy ARP */
	{ "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 88 }, /* CVE-2011-1265 Windows Bluetooth */
	{ "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 46 }, /* CVE-2014-2019 Apple iOS control bypass */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 88 }, /* CVE-2015-0970 SearchBlox CSRF */
	{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 74 }, /* CVE-2014-0224 SSL/TLS MITM */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 96 }, /* CVE-2012-5376 Chrome sandbox bypass */
	{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 68 }, /* CVE-2016-0128 Badlock (SAMR/LSAD) */
	{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 75 }, /* CVE-2016-2118 Badlock */
	{ "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 90 }, /* CVE-2019-7551 Cantemo Portal stored XSS */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 61 }, /* CVE-2017-5942 WordPress Mail plugin XSS */
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L", 86 }, /* CVE-2016-5558 Oracle Outside In */
	{ "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 82 }, /* CVE-2016-5729 Lenovo ThinkPwn */
	{ "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H", 60 }, /* CVE-2015-2890 flash unlocked on resume */
	{ "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 76 }, /* CVE-2018-3652 Intel DCI */
	{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 42 }, /* CVE-2019-0884 scripting engine (Edge) */
	{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 75 }, /* CVE-2019-0884 scripting engine (IE) */
};

/* FIRST, "CVSS v3.0 Examples" (first.org/cvss/v3.0/examples), from the
 * same transcriptions: phpMyAdmin and DokuWiki are only there, and Cisco
 * IOS was scored PR:L before v3.1 rescored it PR:H. */
static const struct example v30_examples[] = {
	{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 61 }, /* CVE-2013-1937 phpMyAdmin reflected XSS */
	{ "CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 54 }, /* CVE-2014-9253 DokuWiki reflected XSS */
	{ "CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 88 }, /* CVE-2012-0384 Cisco IOS, v3.0 scoring */
	{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 98 }, /* CVE-2014-6271 GNU Bash Shellshock */
	{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 75 }, /* CVE-2014-0160 OpenSSL Heartbleed */
};

/* FIRST, "CVSS v4.0 Examples" (first.org/cvss/v4.0/examples), as a
 * Python test suite transcribes it (tests/test_cvss4.py of a "cvss4"
 * package); Log4Shell, Heartbleed and Zimbra also as a second write-up
 * quotes them. CVSS-B unless E is given. */
static const struct example v40_examples[] = {
	{ "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 73 }, /* CVE-2022-41741 NGINX mp4 */
	{ "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 77 }, /* CVE-2020-3549 Cisco FMC */
	{ "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N", 83 }, /* CVE-2023-3089 OpenShift FIPS */
	{ "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 46 }, /* CVE-2021-44714 Adobe Reader */
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 51 }, /* CVE-2022-24682 Zimbra XSS */
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 69 }, /* CVE-2022-22186 Juniper */
	{ "CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N", 59 }, /* CVE-2023-21989 VirtualBox */
	{ "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 94 }, /* CVE-2020-3947 VMware */
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:H/SI:H/SA:H", 93 }, /* CVE-2023-48228 authentik */
	{ "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", 64 }, /* CVE-2013-6014 Juniper ARP */
	{ "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", 82 }, /* CVE-2024-6387 */
	{ "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 52 }, /* CVE-2020-3549, E:U */
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:A", 87 }, /* CVE-2014-0160 */
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 93 }, /* CVE-2021-44228 */
};

/* The reference calculator's test vectors: RedHatProductSecurity/cvss
 * (the Python port of FIRST's calculator) tests/vectors_threat4 and
 * vectors_security4, and @pandatix/js-cvss's tests/cvss40.test.ts, whose
 * author sits on FIRST's CVSS SIG (its "clement" vectors were checked
 * against the official calculator before publication). */
static const struct example v40_reference[] = {
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 100 }, /* full impact */
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0 },   /* no impact */
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 93 },
	{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 10 },
	{ "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:N/VI:H/VA:H/SC:N/SI:L/SA:L", 52 },
	/* threat */
	{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P", 59 },
	{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U", 41 },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U", 91 },
	{ "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U", 4 },
	/* environmental */
	{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:H/IR:H/AR:H", 73 },
	{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:H/IR:M/AR:L", 71 },
	{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:M/IR:M/AR:M", 55 },
	{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/CR:L/IR:L/AR:L", 54 },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/CR:H/IR:H/AR:H", 0 },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MVI:L/MSA:S", 98 },
	{ "CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:N/VC:N/VI:N/VA:H/SC:H/SI:H/SA:H/CR:L/IR:L/AR:L", 58 },
	/* threat, environmental and supplemental */
	{ "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:N/VI:H/VA:H/SC:N/SI:L/SA:L/E:P/CR:H/IR:M/AR:H/MAV:A/MAT:P/"
	  "MPR:N/MVI:H/MVA:N/MSI:H/MSA:N/S:N/V:C/U:Amber",
	  47 },
};

/* Parses vector, which must be well formed. */
static struct cvss scored(const char *vector)
{
	struct cvss c;
	size_t at = 0;
	const char *why = "";
	int rc = cvss_parse(vector, strlen(vector), &c, &at, &why);

	ck_assert_msg(rc == 0, "%s: %s at %zu", vector, why, at);
	return c;
}

static void check_example(const struct example *ex)
{
	struct cvss c = scored(ex->vector);

	ck_assert_msg(c.score == ex->score, "%s: %d, not %d", ex->vector, c.score, ex->score);
}

START_TEST(v31_examples_score_as_published)
{
	check_example(&v31_examples[_i]);
	ck_assert_int_eq(scored(v31_examples[_i].vector).version, CVSS_V3_1);
}
END_TEST

START_TEST(v30_examples_score_as_published)
{
	check_example(&v30_examples[_i]);
	ck_assert_int_eq(scored(v30_examples[_i].vector).version, CVSS_V3_0);
}
END_TEST

START_TEST(v40_examples_score_as_published)
{
	check_example(&v40_examples[_i]);
	ck_assert_int_eq(scored(v40_examples[_i].vector).version, CVSS_V4_0);
}
END_TEST

START_TEST(v40_reference_vectors_score_as_the_calculator)
{
	check_example(&v40_reference[_i]);
}
END_TEST

START_TEST(v3_base_metrics_are_kept_as_letters)
{
	struct cvss c = scored("CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:C/C:N/I:L/A:H");

	ck_assert_int_eq(c.av, 'A');
	ck_assert_int_eq(c.ac, 'H');
	ck_assert_int_eq(c.pr, 'L');
	ck_assert_int_eq(c.ui, 'R');
	ck_assert_int_eq(c.s, 'C');
	ck_assert_int_eq(c.c, 'N');
	ck_assert_int_eq(c.i, 'L');
	ck_assert_int_eq(c.a, 'H');
	c = scored("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
	ck_assert_int_eq(c.av, 0);
	ck_assert_int_eq(c.a, 0);
}
END_TEST

/* The score reported is the environmental one when an environmental
 * metric is given, else the temporal one when a temporal metric is,
 * else the base score; X counts as not given. */
START_TEST(v3_score_is_the_most_specific_given)
{
	/* The v3.1 specification's vector string example (section 6):
	 * base 3.8, times E:F 0.97 = 3.686, up to 3.7. */
	struct cvss c = scored("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F/RL:X");

	ck_assert_int_eq(c.base_score, 38);
	ck_assert_int_eq(c.temporal_score, 37);
	ck_assert_int_eq(c.score, 37);
	ck_assert_uint_eq(c.groups, CVSS_GROUP_TEMPORAL);
	ck_assert_int_eq(c.severity, CVSS_SEV_LOW);

	/* 9.8 × 0.94 × 0.95 = 8.7514, up to 8.8 (cvss-rs tests/v3.rs). */
	c = scored("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C");
	ck_assert_int_eq(c.base_score, 98);
	ck_assert_int_eq(c.score, 88);
	ck_assert_int_eq(c.severity, CVSS_SEV_HIGH);

	/* cvss-rs issue 9: explicit X is the same as absent; base 7.8,
	 * environmental 8.0. */
	c = scored("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H/MAV:A/MAC:L/MPR:N/MUI:X/MS:U/CR:L/IR:H/AR:X");
	ck_assert_int_eq(c.base_score, 78);
	ck_assert_int_eq(c.temporal_score, 78);
	ck_assert_int_eq(c.environmental_score, 80);
	ck_assert_int_eq(c.score, 80);
	ck_assert_uint_eq(c.groups, CVSS_GROUP_ENVIRONMENTAL);
	c = scored("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H/MAV:A/MAC:L/MPR:N/MS:U/CR:L/IR:H");
	ck_assert_int_eq(c.score, 80);

	/* Every optional metric Not Defined: the base score, no group. */
	c = scored("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/"
		   "MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X");
	ck_assert_uint_eq(c.groups, 0);
	ck_assert_int_eq(c.score, 100);
	ck_assert_int_eq(c.base_score, 100);
}
END_TEST

/* Exact arithmetic where floating point strays: 10.0 × RC:U 0.92 is 9.2,
 * which a plain ceil(x × 10) over doubles takes to 9.3. */
START_TEST(v3_rounding_is_exact)
{
	struct cvss c = scored("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U");

	ck_assert_int_eq(c.base_score, 100);
	ck_assert_int_eq(c.score, 92);
	/* v3.0's Round up, by its definition: the smallest one-decimal
	 * number not below 9.2. */
	c = scored("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U");
	ck_assert_int_eq(c.score, 92);
	/* 1.08 × (Impact + Exploitability) over 10 is capped at 10. */
	ck_assert_int_eq(scored("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").score, 100);
	/* A scope change with no impact scores 0, not a negative. */
	ck_assert_int_eq(scored("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N").score, 0);
	ck_assert_int_eq(scored("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N").severity, CVSS_SEV_NONE);
}
END_TEST

/* v3.1 changed the modified impact of a changed scope to 7.52 × (MISS −
 * 0.029) − 3.25 × (MISS × 0.9731 − 0.02)^13; v3.0 kept the base formula,
 * with the power 15. Base 8.8 either way. */
START_TEST(v3_environmental_formula_follows_the_version)
{
	struct cvss v30 = scored("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C/MC:H");
	struct cvss v31 = scored("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/MS:C/MC:H");

	ck_assert_int_eq(v30.base_score, 88);
	ck_assert_int_eq(v31.base_score, 88);
	ck_assert_int_eq(v30.score, 99);
	ck_assert_int_eq(v31.score, 100);
	/* The modified scope also picks the changed-scope weight of the
	 * (here unmodified) PR:H, 0.5 rather than 0.27. */
	ck_assert_int_eq(scored("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H/MS:C").score, 91);
	ck_assert_int_eq(scored("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H").score, 91);
}
END_TEST

/* The v3.x specification tells readers to take metrics in any order. */
START_TEST(v3_metrics_in_any_order)
{
	struct cvss c = scored("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N");

	ck_assert_int_eq(c.score, 98);
	c = scored("CVSS:3.1/MC:L/E:U/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	ck_assert_uint_eq(c.groups, CVSS_GROUP_TEMPORAL | CVSS_GROUP_ENVIRONMENTAL);
}
END_TEST

/* v4.0 has one score, named by the groups used; base_score is CVSS-B. */
START_TEST(v4_groups_name_the_score)
{
	struct cvss c = scored("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U");

	ck_assert_int_eq(c.score, 52);
	ck_assert_int_eq(c.base_score, 77);
	ck_assert_int_eq(c.severity, CVSS_SEV_MEDIUM);
	ck_assert_uint_eq(c.groups, CVSS_GROUP_TEMPORAL);
	ck_assert_int_eq(c.temporal_score, -1);
	ck_assert_int_eq(c.environmental_score, -1);

	c = scored("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:N/VI:H/VA:H/SC:N/SI:L/SA:L/E:P/CR:H/IR:M/AR:H/MAV:A/"
		   "MAT:P/MPR:N/MVI:H/MVA:N/MSI:H/MSA:N/S:N/V:C/U:Amber");
	ck_assert_int_eq(c.score, 47);
	ck_assert_int_eq(c.base_score, 52);
	ck_assert_uint_eq(c.groups, CVSS_GROUP_TEMPORAL | CVSS_GROUP_ENVIRONMENTAL);

	/* claircore issue 1382, scored by FIRST's calculator: CR:X is not
	 * an environmental metric given. */
	c = scored("CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:H/CR:X");
	ck_assert_int_eq(c.score, 41);
	ck_assert_uint_eq(c.groups, 0);

	/* Supplemental metrics change nothing. */
	c = scored("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red");
	ck_assert_int_eq(c.score, 93);
	ck_assert_uint_eq(c.groups, 0);

	/* Every optional metric Not Defined, in the specification's order. */
	c = scored("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/"
		   "MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X");
	ck_assert_int_eq(c.score, 93);
	ck_assert_uint_eq(c.groups, 0);
}
END_TEST

/* The interpolation lands exactly on 8.55 here: MacroVector 101100 (8.6)
 * less the mean of one distance, (8.6 − 7.6) × 2/8, over five lower
 * MacroVectors. The calculator rounds it half up, after its epsilon, to
 * 8.6; a rounding of the floating-point 8.549999... would give 8.5. */
START_TEST(v4_half_rounds_up)
{
	ck_assert_int_eq(scored("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H").score, 86);
}
END_TEST

/* Modified metrics replace their base metrics in the score: lowering
 * every impact to None scores 0, raising it all scores 10. */
START_TEST(v4_modified_metrics_replace_the_base)
{
	ck_assert_int_eq(scored("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MVC:N/MVI:N/"
				"MVA:N/MSC:N/MSI:N/MSA:N")
				 .score,
			 0);
	ck_assert_int_eq(scored("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MAV:N/MAC:L/"
				"MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:H/MSA:H")
				 .score,
			 100);
}
END_TEST

struct malformed {
	const char *vector;
	size_t bad_at;
	const char *why;
};

#define V3 "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" /* 44 bytes */
#define V4 "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" /* 63 bytes */
#define PREFIXES "CVSS:3.0, CVSS:3.1 or CVSS:4.0"

static const struct malformed malformed[] = {
	{ "", 0, "missing version prefix; expected " PREFIXES },
	{ "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, "missing version prefix; expected " PREFIXES },
	{ "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, "missing version prefix; expected " PREFIXES },
	{ "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", 0, "unknown version prefix; expected " PREFIXES },
	{ "CVSS:3/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, "unknown version prefix; expected " PREFIXES },
	{ "CVSS:3.1X/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, "unknown version prefix; expected " PREFIXES },
	{ "CVSS:3.1", 8, "mandatory metric \"AV\" missing" },
	{ "CVSS:3.1/", 8, "trailing \"/\"" },
	{ V3 "/", 44, "trailing \"/\"" },
	{ "CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9, "empty component" },
	{ "CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 14, "empty component" },
	{ "CVSS:3.1/AV:N/XX:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 14, "unknown metric" },
	{ V3 "/AT:N", 45, "unknown metric" }, /* a v4.0 metric */
	{ "CVSS:3.1/AV:N/ACL/PR:N/UI:N/S:U/C:H/I:H/A:H", 14, "component is not of the form metric:value" },
	{ V3 "/AV:L", 45, "metric \"AV\" given twice" },
	{ V3 "/E:X/E:X", 49, "metric \"E\" given twice" },
	{ "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 12, "value not allowed for \"AV\"; expected N, A, L or P" },
	{ "CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 12, "value not allowed for \"AV\"; expected N, A, L or P" },
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H", 31, "value not allowed for \"S\"; expected U or C" },
	{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:", 43, "value not allowed for \"A\"; expected H, L or N" },
	{ V3 "/E:Z", 47, "value not allowed for \"E\"; expected X, H, F, P or U" },
	{ "CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H", 39, "mandatory metric \"PR\" missing" },
	{ "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", 40, "mandatory metric \"A\" missing" },
	/* v4.0: the order of table 23 is required. */
	{ "CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 14,
	  "metrics out of the specification's order" },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N", 44,
	  "metrics out of the specification's order" },
	{ V4 "/CR:H/E:A", 69, "metrics out of the specification's order" },
	{ V4 "/E:A/E:P", 68, "metric \"E\" given twice" },
	{ "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 19, "mandatory metric \"AT\" missing" },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", 58, "mandatory metric \"SA\" missing" },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/", 63, "trailing \"/\"" },
	{ "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 12,
	  "value not allowed for \"AV\"; expected N, A, L or P" },
	{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", 57,
	  "value not allowed for \"SI\"; expected H, L or N" },
	{ V4 "/MSC:S", 68, "value not allowed for \"MSC\"; expected X, H, L or N" },
	{ V4 "/U:red", 66, "value not allowed for \"U\"; expected X, Clear, Green, Amber or Red" },
	{ V4 "/RL:O", 64, "unknown metric" },					   /* a v3.x metric */
	/* v3.x under the v4.0 prefix: S is v4.0's Safety. */
	{ "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 31, "value not allowed for \"S\"; expected X, N or P" },
};

START_TEST(malformed_vectors_say_where)
{
	const struct malformed *m = &malformed[_i];
	struct cvss c = { .score = 42 };
	size_t at = 9999;
	const char *why = NULL;

	ck_assert_msg(cvss_parse(m->vector, strlen(m->vector), &c, &at, &why) == -1, "%s: accepted", m->vector);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strcmp(why, m->why) == 0, "%s: \"%s\", not \"%s\"", m->vector, why, m->why);
	ck_assert_msg(at == m->bad_at, "%s: at %zu, not %zu", m->vector, at, m->bad_at);
	ck_assert_int_eq(c.score, 42); /* *out untouched */
}
END_TEST

START_TEST(only_len_bytes_are_read)
{
	static const char text[] = V3 "/garbage";
	struct cvss c;

	ck_assert_int_eq(cvss_parse(text, strlen(V3), &c, NULL, NULL), 0);
	ck_assert_int_eq(c.score, 98);
	/* Without the limit the same text fails, and NULL bad_at and why
	 * are allowed. */
	ck_assert_int_eq(cvss_parse(text, strlen(text), &c, NULL, NULL), -1);
	/* A NUL inside len is a byte like another. */
	ck_assert_int_eq(cvss_parse(V3 "\0", strlen(V3) + 1, &c, NULL, NULL), -1);
	ck_assert_int_eq(cvss_parse(NULL, 0, &c, NULL, NULL), -1);
}
END_TEST

START_TEST(severities_follow_the_scale)
{
	static const struct {
		const char *vector;
		enum cvss_severity severity;
	} cases[] = {
		{ "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", CVSS_SEV_NONE },
		{ "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", CVSS_SEV_LOW },      /* 3.1 */
		{ "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", CVSS_SEV_MEDIUM },   /* 4.2 */
		{ "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", CVSS_SEV_HIGH },     /* 7.2 */
		{ "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", CVSS_SEV_CRITICAL }, /* 9.0 */
		{ "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", CVSS_SEV_LOW }, /* 1.0 */
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", CVSS_SEV_MEDIUM },
		{ "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CVSS_SEV_HIGH },
		{ "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CVSS_SEV_CRITICAL },
	};
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		ck_assert_msg(scored(cases[k].vector).severity == cases[k].severity, "%s", cases[k].vector);
	ck_assert_str_eq(cvss_severity_name(CVSS_SEV_NONE), "None");
	ck_assert_str_eq(cvss_severity_name(CVSS_SEV_LOW), "Low");
	ck_assert_str_eq(cvss_severity_name(CVSS_SEV_MEDIUM), "Medium");
	ck_assert_str_eq(cvss_severity_name(CVSS_SEV_HIGH), "High");
	ck_assert_str_eq(cvss_severity_name(CVSS_SEV_CRITICAL), "Critical");
}
END_TEST

START_TEST(scores_print_with_one_decimal)
{
	char buf[5];

	cvss_format_score(98, buf);
	ck_assert_str_eq(buf, "9.8");
	cvss_format_score(100, buf);
	ck_assert_str_eq(buf, "10.0");
	cvss_format_score(0, buf);
	ck_assert_str_eq(buf, "0.0");
	cvss_format_score(4, buf);
	ck_assert_str_eq(buf, "0.4");
	cvss_format_score(70, buf);
	ck_assert_str_eq(buf, "7.0");
}
END_TEST

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *cvss_suite(void)
{
	Suite *s = suite_create("cvss");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, v31_examples_score_as_published, 0, COUNT(v31_examples));
	tcase_add_loop_test(tc, v30_examples_score_as_published, 0, COUNT(v30_examples));
	tcase_add_loop_test(tc, v40_examples_score_as_published, 0, COUNT(v40_examples));
	tcase_add_loop_test(tc, v40_reference_vectors_score_as_the_calculator, 0, COUNT(v40_reference));
	tcase_add_test(tc, v3_base_metrics_are_kept_as_letters);
	tcase_add_test(tc, v3_score_is_the_most_specific_given);
	tcase_add_test(tc, v3_rounding_is_exact);
	tcase_add_test(tc, v3_environmental_formula_follows_the_version);
	tcase_add_test(tc, v3_metrics_in_any_order);
	tcase_add_test(tc, v4_groups_name_the_score);
	tcase_add_test(tc, v4_half_rounds_up);
	tcase_add_test(tc, v4_modified_metrics_replace_the_base);
	tcase_add_loop_test(tc, malformed_vectors_say_where, 0, COUNT(malformed));
	tcase_add_test(tc, only_len_bytes_are_read);
	tcase_add_test(tc, severities_follow_the_scale);
	tcase_add_test(tc, scores_print_with_one_decimal);
	suite_add_tcase(s, tc);
	return s;
}
