/* check_parallel.c - jobs in worker processes: every result taken, in job
 * order, from more than one process, whatever the order they are handed
 * out in; a failed job, a worker that exits or is killed; the wire helpers, whole and cut short. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_suites.h"
#include "base/parallel.h"

#define NJOBS 20

struct trial {
	int fail_at;      /* job that fails, or -1 */
	int exit_at;      /* job whose worker leaves with _exit(7), or -1 */
	int kill_at;      /* job whose worker is killed, or -1 */
	unsigned sleep_us; /* each job's time, so that every worker gets some */
	size_t taken[NJOBS], ntaken;
	bool failed[NJOBS];
	long pid[NJOBS];
	char text[NJOBS][32];
};

static int run_job(void *ctx, size_t job, struct buf *result)
{
	struct trial *t = ctx;

	if ((int)job == t->exit_at)
		_exit(7);
	if ((int)job == t->kill_at)
		raise(SIGKILL);
	if (t->sleep_us) {
		struct timespec ts = { 0, (long)t->sleep_us * 1000 };
		nanosleep(&ts, NULL);
	}
	if (parallel_put_u64(result, (uint64_t)getpid()) < 0)
		return -1;
	if ((int)job == t->fail_at) {
		parallel_put_str(result, "it went wrong");
		return -1;
	}
	return parallel_put_str(result, job % 2 ? "odd" : NULL);
}

static int take_job(void *ctx, size_t job, bool failed, const char *result, size_t len,
		    struct diag *d)
{
	struct trial *t = ctx;
	struct parallel_reader r = { result, result + len, false };
	const char *s;

	t->taken[t->ntaken++] = job;
	t->failed[job] = failed;
	t->pid[job] = (long)parallel_get_u64(&r);
	s = parallel_get_str(&r);
	snprintf(t->text[job], sizeof(t->text[job]), "%s", s ? s : "(null)");
	if (!parallel_done(&r))
		diag_error(d, NULL, 0, 0, "job %zu: a result that cannot be read", job);
	if (failed)
		diag_error(d, NULL, 0, 0, "job %zu: %s", job, t->text[job]);
	return parallel_done(&r) ? 0 : -1;
}

static const struct parallel_ops ops = { run_job, take_job };

static void trial_init(struct trial *t)
{
	memset(t, 0, sizeof(*t));
	t->fail_at = t->exit_at = t->kill_at = -1;
}

START_TEST(every_result_in_order)
{
	struct trial t;
	struct diag d = DIAG_INIT;
	size_t i;
	int other_pid = 0;

	trial_init(&t);
	t.sleep_us = 10000; /* 200 ms of jobs: the last worker starts long before */
	ck_assert_int_eq(parallel_run(NJOBS, NULL, 3, &ops, &t, &d), 0);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_uint_eq(t.ntaken, NJOBS);
	for (i = 0; i < NJOBS; i++) {
		ck_assert_uint_eq(t.taken[i], i);
		ck_assert(!t.failed[i]);
		ck_assert_str_eq(t.text[i], i % 2 ? "odd" : "(null)");
		ck_assert_int_ne(t.pid[i], (long)getpid());
		other_pid |= t.pid[i] != t.pid[0];
	}
	ck_assert(other_pid);
	diag_free(&d);
}
END_TEST

/* Handed out in another order (the last first), taken in job order. */
START_TEST(handed_out_in_order_given)
{
	struct trial t;
	struct diag d = DIAG_INIT;
	size_t order[NJOBS], i;

	trial_init(&t);
	for (i = 0; i < NJOBS; i++)
		order[i] = NJOBS - 1 - i;
	ck_assert_int_eq(parallel_run(NJOBS, order, 2, &ops, &t, &d), 0);
	ck_assert_uint_eq(t.ntaken, NJOBS);
	for (i = 0; i < NJOBS; i++)
		ck_assert_uint_eq(t.taken[i], i);
	diag_free(&d);
}
END_TEST

START_TEST(more_workers_than_jobs)
{
	struct trial t;
	struct diag d = DIAG_INIT;

	trial_init(&t);
	ck_assert_int_eq(parallel_run(2, NULL, 8, &ops, &t, &d), 0);
	ck_assert_uint_eq(t.ntaken, 2);
	ck_assert_int_eq(parallel_run(0, NULL, 8, &ops, &t, &d), 0);
	ck_assert_uint_eq(t.ntaken, 2);
	diag_free(&d);
}
END_TEST

START_TEST(failed_job)
{
	struct trial t;
	struct diag d = DIAG_INIT;
	size_t i;

	trial_init(&t);
	t.fail_at = 7;
	ck_assert_int_eq(parallel_run(NJOBS, NULL, 3, &ops, &t, &d), -1);
	/* Its result came, and said why; what the workers had already
	 * taken on was done and taken, in order; little after it. */
	ck_assert(t.failed[7]);
	ck_assert_str_eq(t.text[7], "it went wrong");
	for (i = 0; i < t.ntaken; i++)
		ck_assert(i == 0 || t.taken[i] > t.taken[i - 1]);
	ck_assert_uint_ge(t.ntaken, 8); /* 0 .. 6 were handed out before it */
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_str_eq(d.v[0].msg, "job 7: it went wrong");
	diag_free(&d);
}
END_TEST

START_TEST(worker_exits)
{
	struct trial t;
	struct diag d = DIAG_INIT;
	size_t i;
	int said = 0;

	trial_init(&t);
	t.exit_at = 4;
	ck_assert_int_eq(parallel_run(NJOBS, NULL, 2, &ops, &t, &d), -1);
	for (i = 0; i < d.n; i++)
		said |= strstr(d.v[i].msg, "ended with status 7") != NULL;
	ck_assert_msg(said, "no message names the worker's exit status");
	/* The other worker did every other job. */
	ck_assert_uint_eq(t.ntaken, NJOBS - 1);
	ck_assert(!t.failed[3] && !t.failed[5]);
	diag_free(&d);
}
END_TEST

START_TEST(worker_killed)
{
	struct trial t;
	struct diag d = DIAG_INIT;
	size_t i;
	int said = 0;

	trial_init(&t);
	t.kill_at = 0;
	ck_assert_int_eq(parallel_run(NJOBS, NULL, 2, &ops, &t, &d), -1);
	for (i = 0; i < d.n; i++)
		said |= strstr(d.v[i].msg, "stopped by signal 9") != NULL;
	ck_assert_msg(said, "no message names the signal");
	ck_assert_uint_eq(t.ntaken, NJOBS - 1);
	diag_free(&d);
}
END_TEST

START_TEST(wire_round_trip)
{
	struct buf b = BUF_INIT;
	struct parallel_reader r;

	ck_assert_int_eq(parallel_put_u64(&b, 42), 0);
	ck_assert_int_eq(parallel_put_str(&b, "日本語"), 0);
	ck_assert_int_eq(parallel_put_str(&b, NULL), 0);
	ck_assert_int_eq(parallel_put_str(&b, ""), 0);
	r = (struct parallel_reader){ b.data, b.data + b.len, false };
	ck_assert_uint_eq(parallel_get_u64(&r), 42);
	ck_assert_str_eq(parallel_get_str(&r), "日本語");
	ck_assert_ptr_null(parallel_get_str(&r));
	ck_assert_str_eq(parallel_get_str(&r), "");
	ck_assert(parallel_done(&r));
	/* Cut short anywhere: bad, never past the end. */
	for (size_t cut = 0; cut < b.len; cut++) {
		r = (struct parallel_reader){ b.data, b.data + cut, false };
		parallel_get_u64(&r);
		parallel_get_str(&r);
		parallel_get_str(&r);
		parallel_get_str(&r);
		ck_assert_msg(r.bad && !parallel_done(&r), "cut at %zu not noticed", cut);
	}
	/* A length that runs past the end, and one whose string holds a NUL. */
	buf_reset(&b);
	parallel_put_u64(&b, 1000);
	buf_put(&b, "abc", 4);
	r = (struct parallel_reader){ b.data, b.data + b.len, false };
	ck_assert_ptr_null(parallel_get_str(&r));
	ck_assert(r.bad);
	buf_reset(&b);
	parallel_put_u64(&b, 3);
	buf_put(&b, "a\0c", 4);
	r = (struct parallel_reader){ b.data, b.data + b.len, false };
	ck_assert_ptr_null(parallel_get_str(&r));
	ck_assert(r.bad);
	buf_free(&b);
}
END_TEST

START_TEST(cpus)
{
	ck_assert_uint_ge(parallel_cpus(), 1);
}
END_TEST

Suite *parallel_suite(void)
{
	Suite *s = suite_create("parallel");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_result_in_order);
	tcase_add_test(tc, handed_out_in_order_given);
	tcase_add_test(tc, more_workers_than_jobs);
	tcase_add_test(tc, failed_job);
	tcase_add_test(tc, worker_exits);
	tcase_add_test(tc, worker_killed);
	tcase_add_test(tc, wire_round_trip);
	tcase_add_test(tc, cpus);
	suite_add_tcase(s, tc);
	return s;
}
