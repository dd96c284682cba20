/* parallel.c - jobs in forked workers, results back in job order. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "base/parallel.h"

#include "base/interrupt.h"

#if defined(SECPOLGEN_SANITIZER_EXIT) && defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* A frame on a worker's pipe: job, failed, length, then the result. */
/* A worker's exit status: 0 done, 1 a job failed (its result says why),
 * 2 its results could not be sent, 3 stopped by a signal between jobs. */
#define WORKER_INTERRUPTED 3
#define FRAME_HEAD (3 * sizeof(uint64_t))
/* No worker runs more than this many jobs' results ahead of being read:
 * a result is a few hundred bytes (names, hashes, messages). */
#define RESULT_MAX ((size_t)16 * 1024 * 1024)

struct worker {
	pid_t pid;
	int fd;        /* read end of its pipe; -1 once at its end */
	struct buf in; /* bytes read and not yet split into frames */
};

/* What the workers share: the next job to hand out, and whether one has
 * failed (then none is handed out any more). */
struct shared {
	size_t next;
	int stop;
};

struct result {
	struct buf bytes;
	bool have, failed;
};

unsigned parallel_cpus(void)
{
	cpu_set_t set;
	long n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The worker's life: jobs taken one at a time from what is left (in the
 * order given, or 0, 1, 2 ...), each result framed on fd, so that a
 * worker that drew long documents does fewer of them. Returns its exit
 * status. */
static int work(struct shared *sh, const size_t *order, size_t njobs,
		const struct parallel_ops *ops, void *ctx, int fd)
{
	struct buf result = BUF_INIT;
	int status = 0;

	while (status == 0 && !__atomic_load_n(&sh->stop, __ATOMIC_RELAXED)) {
		size_t k, j;
		uint64_t head[3];

		if (interrupt_pending()) { /* interrupt.h: between jobs */
			status = WORKER_INTERRUPTED;
			__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
			break;
		}
		k = __atomic_fetch_add(&sh->next, 1, __ATOMIC_RELAXED);
		if (k >= njobs)
			break;
		j = order ? order[k] : k;
		buf_reset(&result);
		if (ops->run(ctx, j, &result) < 0) {
			status = 1;
			__atomic_store_n(&sh->stop, 1, __ATOMIC_RELAXED);
		}
		head[0] = j;
		head[1] = (uint64_t)status;
		head[2] = result.len;
		if (write_all(fd, head, sizeof(head)) < 0 ||
		    write_all(fd, result.data ? result.data : "", result.len) < 0)
			status = 2;
	}
	buf_free(&result);
	return status;
}

/* Moves every whole frame of w->in into results. -1 on a frame no worker
 * of ours would send. */
static int split_frames(struct worker *w, struct result *results, size_t njobs)
{
	size_t at = 0;

	while (w->in.len - at >= FRAME_HEAD) {
		uint64_t head[3];
		struct result *r;

		memcpy(head, w->in.data + at, sizeof(head));
		if (head[0] >= njobs || head[2] > RESULT_MAX || results[head[0]].have)
			return -1;
		if (w->in.len - at - FRAME_HEAD < head[2])
			break;
		r = &results[head[0]];
		if (buf_put(&r->bytes, w->in.data + at + FRAME_HEAD, (size_t)head[2]) < 0)
			return -1;
		r->have = true;
		r->failed = head[1] != 0;
		at += FRAME_HEAD + (size_t)head[2];
	}
	if (at > 0) {
		memmove(w->in.data, w->in.data + at, w->in.len - at);
		w->in.len -= at;
	}
	return 0;
}

/* Reads every worker's pipe to its end. -1 after an error in d. */
static int collect(struct worker *w, unsigned nw, struct result *results, size_t njobs,
		   struct diag *d)
{
	struct pollfd *pfd = calloc(nw, sizeof(*pfd));
	unsigned i, open = nw;
	int rc = -1;

	if (!pfd) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	while (open > 0) {
		for (i = 0; i < nw; i++) {
			pfd[i].fd = w[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, nw, -1) < 0) {
			if (errno == EINTR) {
				if (interrupt_error(d) < 0)
					goto out; /* the workers are stopped */
				continue;
			}
			diag_error(d, NULL, 0, 0, "cannot read from the worker processes: %s",
				   strerror(errno));
			goto out;
		}
		for (i = 0; i < nw; i++) {
			char chunk[65536];
			ssize_t n;

			if (w[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(w[i].fd, chunk, sizeof(chunk));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				/* Its end (or an error, which ends it as well). */
				close(w[i].fd);
				w[i].fd = -1;
				open--;
				continue;
			}
			if (buf_put(&w[i].in, chunk, (size_t)n) < 0 ||
			    split_frames(&w[i], results, njobs) < 0) {
				diag_error(d, NULL, 0, 0,
					   "a worker process sent what cannot be read (or out of memory)");
				goto out;
			}
		}
	}
	rc = 0;
out:
	free(pfd);
	return rc;
}

/* Waits for every worker; -1 after an error for one that did not end as
 * it should (killed, crashed, or failed without telling why). */
static int reap(struct worker *w, unsigned nw, struct diag *d)
{
	unsigned i;
	int rc = 0;

	for (i = 0; i < nw; i++) {
		int st;

		if (w[i].pid <= 0)
			continue;
		while (waitpid(w[i].pid, &st, 0) < 0)
			if (errno != EINTR) {
				st = -1;
				break;
			}
		w[i].pid = 0;
#ifdef SECPOLGEN_SANITIZER_EXIT
		/* A sanitizer build (Makefile): a worker's report ends the
		 * whole run with the status no test expects. */
		if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == SECPOLGEN_SANITIZER_EXIT) {
			fprintf(stderr, "secpolgen: a worker process ended with a sanitizer report\n");
			_exit(SECPOLGEN_SANITIZER_EXIT);
		}
#endif
		if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) <= 1)
			continue; /* 1: a failed job, whose result says why */
		if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == WORKER_INTERRUPTED) {
			/* Ctrl-C reaches the parent too, which says so once. */
			if (!interrupt_pending())
				diag_error(d, NULL, 0, 0,
					   "a worker process was stopped by a signal sent to it");
		} else if (st != -1 && WIFSIGNALED(st))
			diag_error(d, NULL, 0, 0, "a worker process was stopped by signal %d (%s)",
				   WTERMSIG(st), strsignal(WTERMSIG(st)));
		else if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 2)
			diag_error(d, NULL, 0, 0, "a worker process could not send its results");
		else
			diag_error(d, NULL, 0, 0, "a worker process ended with status %d",
				   st == -1 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : st);
		rc = -1;
	}
	return rc;
}

struct work_args {
	struct shared *sh;
	const size_t *order;
	size_t njobs;
	const struct parallel_ops *ops;
	void *ctx;
	int fd;
	int status;
};

static void *work_thread(void *p)
{
	struct work_args *a = p;

	a->status = work(a->sh, a->order, a->njobs, a->ops, a->ctx, a->fd);
	return NULL;
}

/* work() in a thread of its own: its allocations then come from an arena
 * of their own (glibc gives a new thread a new one), never from the holes
 * of the heap the worker shares with its parent, where each would copy a
 * whole page. */
static int work_in_thread(struct shared *sh, const size_t *order, size_t njobs,
			  const struct parallel_ops *ops, void *ctx, int fd)
{
	struct work_args a = { sh, order, njobs, ops, ctx, fd, 1 };
	pthread_t t;

	if (pthread_create(&t, NULL, work_thread, &a) != 0)
		return work(sh, order, njobs, ops, ctx, fd);
	pthread_join(t, NULL);
	return a.status;
}

int parallel_run(size_t njobs, const size_t *order, unsigned workers,
		 const struct parallel_ops *ops, void *ctx, struct diag *d)
{
	struct shared *sh = MAP_FAILED;
	struct worker *w = NULL;
	struct result *results = NULL;
	unsigned nw = 0, i;
	pid_t parent = getpid();
	size_t j, missing = 0, errors;
	int rc = -1;

	if (njobs == 0)
		return 0;
	if (workers < 1)
		workers = 1;
	if (workers > njobs)
		workers = (unsigned)njobs;
	w = calloc(workers, sizeof(*w));
	results = calloc(njobs, sizeof(*results));
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!w || !results || sh == MAP_FAILED) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	sh->next = 0;
	sh->stop = 0;
	/* Whole pages the heap holds free go back to the system before the
	 * workers share it (glibc's malloc_trim releases those inside the
	 * heap too). */
	malloc_trim(0);
	for (nw = 0; nw < workers; nw++) {
		int fds[2];
		pid_t pid;

		w[nw].fd = -1;
		w[nw].in = (struct buf)BUF_INIT;
		if (pipe(fds) < 0) {
			diag_error(d, NULL, 0, 0, "cannot start a worker process: %s", strerror(errno));
			goto stop;
		}
		pid = fork();
		if (pid < 0) {
			diag_error(d, NULL, 0, 0, "cannot start a worker process: %s", strerror(errno));
			close(fds[0]);
			close(fds[1]);
			goto stop;
		}
		if (pid == 0) {
			int status;

			/* Dies with the parent, even by SIGKILL. */
			if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
				_exit(2);
			close(fds[0]);
			for (i = 0; i < nw; i++)
				close(w[i].fd);
			/* The parent's bookkeeping is none of the worker's. */
			free(w);
			free(results);
			status = work_in_thread(sh, order, njobs, ops, ctx, fds[1]);
			close(fds[1]);
#if defined(SECPOLGEN_SANITIZER_EXIT) && defined(__SANITIZE_ADDRESS__)
			/* _exit skips LeakSanitizer's check at exit: run it
			 * here, so that a worker's leak fails the tests too. */
			if (__lsan_do_recoverable_leak_check())
				status = SECPOLGEN_SANITIZER_EXIT;
#endif
			_exit(status);
		}
		close(fds[1]);
		w[nw].pid = pid;
		w[nw].fd = fds[0];
	}
	if (collect(w, nw, results, njobs, d) < 0)
		goto stop;
	/* A worker that ended early has said why (reap), or its failed
	 * job's result will (take); a signal to us says so here. */
	rc = reap(w, nw, d);
	if (interrupt_error(d) < 0)
		rc = -1;
	errors = d->errors;
	for (j = 0; j < njobs; j++) {
		struct result *r = &results[j];

		if (!r->have) {
			missing++;
			continue;
		}
		if (ops->take(ctx, j, r->failed, r->bytes.data ? r->bytes.data : "",
			      r->bytes.len, d) < 0 || r->failed)
			rc = -1;
	}
	/* Only when nothing else told why: after the causes, not before. */
	if (missing && rc == 0 && d->errors == errors)
		diag_error(d, NULL, 0, 0, "the worker processes ended with %zu of %zu jobs not done",
			   missing, njobs);
	if (missing)
		rc = -1;
	goto out;
stop:
	/* Something of ours failed: no more work, but what the workers made
	 * is still taken, so that the caller can remove it. */
	for (i = 0; i < nw; i++)
		if (w[i].pid > 0)
			kill(w[i].pid, SIGKILL);
	for (i = 0; i < nw; i++)
		if (w[i].fd >= 0) {
			close(w[i].fd);
			w[i].fd = -1;
		}
	for (i = 0; i < nw; i++)
		if (w[i].pid > 0)
			while (waitpid(w[i].pid, NULL, 0) < 0 && errno == EINTR)
				;
	for (j = 0; j < njobs; j++)
		if (results[j].have)
			ops->take(ctx, j, true, results[j].bytes.data ? results[j].bytes.data : "",
				  results[j].bytes.len, d);
	rc = -1;
out:
	for (i = 0; w && i < nw; i++) {
		if (w[i].fd >= 0)
			close(w[i].fd);
		buf_free(&w[i].in);
	}
	for (j = 0; results && j < njobs; j++)
		buf_free(&results[j].bytes);
	free(results);
	free(w);
	if (sh != MAP_FAILED)
		munmap(sh, sizeof(*sh));
	return rc;
}

int parallel_put_u64(struct buf *b, uint64_t v)
{
	return buf_put(b, &v, sizeof(v));
}

int parallel_put_str(struct buf *b, const char *s)
{
	if (!s)
		return parallel_put_u64(b, UINT64_MAX);
	return parallel_put_u64(b, strlen(s)) || buf_put(b, s, strlen(s) + 1) ? -1 : 0;
}

uint64_t parallel_get_u64(struct parallel_reader *r)
{
	uint64_t v;

	if (r->bad || (size_t)(r->end - r->p) < sizeof(v)) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

const char *parallel_get_str(struct parallel_reader *r)
{
	uint64_t n = parallel_get_u64(r);
	const char *s;

	if (r->bad || n == UINT64_MAX)
		return NULL;
	if ((uint64_t)(r->end - r->p) <= n || r->p[n] != '\0' || memchr(r->p, '\0', n)) {
		r->bad = true;
		return NULL;
	}
	s = r->p;
	r->p += n + 1;
	return s;
}

bool parallel_done(const struct parallel_reader *r)
{
	return !r->bad && r->p == r->end;
}
