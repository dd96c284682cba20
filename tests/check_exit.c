/* check_exit.c - the exit statuses: each command's outcome (enum
 * sp_status, base/status.h) becomes the status secpolgen.1 promises, in
 * cmd/main.c alone. main.c is not in the library (it holds main), so it
 * is compiled in here, its main renamed. */
#include <stdlib.h>
#include <unistd.h>

#include "base/status.h"
#include "check_suites.h"

int secpolgen_main(int argc, char **argv);
#define main secpolgen_main
#include "cmd/main.c"
#undef main

/* The table of secpolgen.1's EXIT STATUS, and the README's. */
START_TEST(test_each_status)
{
	ck_assert_int_eq(exit_status(SP_OK), 0);
	ck_assert_int_eq(exit_status(SP_EINPUT), 1);
	ck_assert_int_eq(exit_status(SP_EUSAGE), 2);
	ck_assert_int_eq(exit_status(SP_EIO), 3);
	ck_assert_int_eq(exit_status(SP_ENOMEM), 3);
	ck_assert_int_eq(exit_status(CHECK_GAPS), 4);
}
END_TEST

/* Errors are negative and distinct; check's gaps are not an error. */
START_TEST(test_codes_distinct)
{
	static const int codes[] = { SP_EINPUT, SP_ENOMEM, SP_EIO, SP_EUSAGE };
	size_t i, j, n = sizeof(codes) / sizeof(codes[0]);

	for (i = 0; i < n; i++) {
		ck_assert_int_lt(codes[i], 0);
		for (j = 0; j < i; j++)
			ck_assert_int_ne(codes[i], codes[j]);
	}
	ck_assert_int_gt(CHECK_GAPS, 0);
	/* Every row of the table once. */
	for (i = 0; i < sizeof(exit_statuses) / sizeof(exit_statuses[0]); i++)
		for (j = 0; j < i; j++)
			ck_assert_int_ne(exit_statuses[i].status, exit_statuses[j].status);
}
END_TEST

/* Runs main on the words (stdout and stderr to /dev/null); its status. */
static int run_main(const char *const *words)
{
	char *argv[8];
	int argc = 0, out = dup(STDOUT_FILENO), err = dup(STDERR_FILENO), rc;

	while (words[argc])
		argv[argc] = (char *)words[argc], argc++;
	argv[argc] = NULL;
	ck_assert(freopen("/dev/null", "w", stdout) != NULL);
	ck_assert(freopen("/dev/null", "w", stderr) != NULL);
	rc = secpolgen_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(out, STDOUT_FILENO);
	dup2(err, STDERR_FILENO);
	close(out);
	close(err);
	return rc;
}

/* main returns the mapped status, whatever the command. */
START_TEST(test_main_maps)
{
	static const char *const version[] = { "secpolgen", "--version", NULL };
	static const char *const unknown[] = { "secpolgen", "frobnicate", NULL };
	static const char *const option[] = { "secpolgen", "build", "-x", NULL };
	static const char *const none[] = { "secpolgen", NULL };
	static const char *const missing[] = { "secpolgen", "check", "/nonexistent/profile.xml",
					       NULL };

	ck_assert_int_eq(setenv("SECPOLGEN_DATADIR", TEST_SRCDIR, 1), 0);
	ck_assert_int_eq(run_main(version), 0);
	ck_assert_int_eq(run_main(unknown), 2);
	ck_assert_int_eq(run_main(option), 2);
	ck_assert_int_eq(run_main(none), 2);
	ck_assert_int_eq(run_main(missing), 1);
}
END_TEST

Suite *exit_suite(void)
{
	Suite *s = suite_create("exit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_each_status);
	tcase_add_test(tc, test_codes_distinct);
	tcase_add_test(tc, test_main_maps);
	suite_add_tcase(s, tc);
	return s;
}
