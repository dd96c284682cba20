/* check_build.c - the all-or-nothing writer and the whole pipeline. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build.h"
#include "check_suites.h"
#include "output.h"

static char tmpdir[256];

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/secpolgen-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *slurp(const char *path)
{
	struct buf b = BUF_INIT;

	if (buf_read_file(&b, path, 1 << 20) < 0)
		return NULL;
	return buf_detach(&b, NULL);
}

static void add(struct output_set *s, const char *path, const char *text, int want)
{
	struct buf b = BUF_INIT;
	struct diag d = DIAG_INIT;

	ck_assert_int_eq(buf_puts(&b, text), 0);
	ck_assert_int_eq(output_add(s, path, &b, &d), want);
	buf_free(&b);
	diag_free(&d);
}

START_TEST(test_paths_refused)
{
	static const char *const bad[] = { "../x", "/etc/passwd", "a/../../b", "a//b",
		"a/./b", ".", "..", "", "a/", "a\\b", "a:b", "ja/pol icy.html" };
	struct output_set s = OUTPUT_SET_INIT;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		add(&s, bad[i], "x", -1);
	ck_assert_uint_eq(s.n, 0);
	add(&s, "ja/products/nc-200.html", "x", 0);
	add(&s, ".well-known/security.txt", "x", 0);
	ck_assert_uint_eq(s.n, 2);
	output_free(&s);
}
END_TEST

START_TEST(test_commit_writes_all)
{
	struct output_set s = OUTPUT_SET_INIT;
	struct diag d = DIAG_INIT;
	char path[512], *got;

	add(&s, "ja/policy.html", "一", 0);
	add(&s, "en/policy.html", "one", 0);
	ck_assert_int_eq(output_commit(&s, tmpdir, &d), 0);
	snprintf(path, sizeof(path), "%s/ja/policy.html", tmpdir);
	got = slurp(path);
	ck_assert_str_eq(got, "一");
	free(got);
	output_free(&s);
	diag_free(&d);
}
END_TEST

static int count_entries(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	while ((e = readdir(dp)))
		n += e->d_name[0] != '.';
	closedir(dp);
	return n;
}

START_TEST(test_failure_keeps_previous)
{
	struct output_set s = OUTPUT_SET_INIT;
	struct diag d = DIAG_INIT;
	char path[512], *got;
	FILE *fp;

	/* Last year's document. */
	add(&s, "ja/policy.html", "old", 0);
	ck_assert_int_eq(output_commit(&s, tmpdir, &d), 0);
	output_free(&s);
	/* A file stands where this run needs a folder: the second file fails. */
	snprintf(path, sizeof(path), "%s/blocked", tmpdir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fclose(fp);
	add(&s, "ja/policy.html", "new", 0);
	add(&s, "blocked/x.html", "new", 0);
	ck_assert_int_eq(output_commit(&s, tmpdir, &d), -1);
	ck_assert_uint_eq(d.errors, 1);
	snprintf(path, sizeof(path), "%s/ja/policy.html", tmpdir);
	got = slurp(path);
	ck_assert_str_eq(got, "old");
	free(got);
	/* and no temporary file is left beside it */
	snprintf(path, sizeof(path), "%s/ja", tmpdir);
	ck_assert_int_eq(count_entries(path), 1);
	output_free(&s);
	diag_free(&d);
}
END_TEST

Suite *build_suite(void)
{
	Suite *s = suite_create("build");
	TCase *tc = tcase_create("output");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_paths_refused);
	tcase_add_test(tc, test_commit_writes_all);
	tcase_add_test(tc, test_failure_keeps_previous);
	suite_add_tcase(s, tc);
	return s;
}
