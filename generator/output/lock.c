/* lock.c - the output folder's lock (lock.h). */
#define _GNU_SOURCE /* flock */
#include "output/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "base/interrupt.h"

/* How often a waiting build tries again, in milliseconds. */
#define RETRY_MS 50

/* The process holding a flock(2) on the folder st is of, from the
 * kernel's table of locks, or 0 when it cannot be told. */
static long holder(const struct stat *st)
{
	FILE *fp = fopen("/proc/locks", "re");
	char line[256];
	long pid = 0;

	if (!fp)
		return 0;
	/* "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF" */
	while (!pid && fgets(line, sizeof(line), fp)) {
		char kind[16], how[16], mode[16];
		unsigned maj, min;
		uintmax_t ino;
		long p;

		if (sscanf(line, "%*[^:]: %15s %15s %15s %ld %x:%x:%" SCNuMAX, kind, how, mode, &p,
			   &maj, &min, &ino) == 7 &&
		    strcmp(kind, "FLOCK") == 0 && ino == (uintmax_t)st->st_ino &&
		    maj == major(st->st_dev) && min == minor(st->st_dev))
			pid = p;
	}
	fclose(fp);
	return pid;
}

/* Whether fd is still the folder at dir: one removed (and made again)
 * after we opened it is locked in vain. */
static bool still_there(int fd, const char *dir)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(dir, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

static void busy(struct diag *d, const char *dir, long pid)
{
	if (pid)
		diag_error(d, NULL, 0, 0,
			   "another secpolgen build is writing into %s/ (pid %ld); build again when it has finished, or wait longer with --wait SECONDS",
			   dir, pid);
	else
		diag_error(d, NULL, 0, 0,
			   "another secpolgen build is writing into %s/; build again when it has finished, or wait longer with --wait SECONDS",
			   dir);
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

int lock_take(struct output_lock *l, const char *dir, unsigned wait, struct diag *d)
{
	struct timespec start;
	bool said = false;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct timespec pause = { 0, RETRY_MS * 1000000L };
		struct stat st;
		long other;
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd < 0) {
			diag_error(d, NULL, 0, 0, "cannot lock %s/: %s", dir, strerror(errno));
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (still_there(fd, dir)) {
				l->fd = fd;
				return 0;
			}
			close(fd);
			continue; /* replaced meanwhile: lock the one there now */
		}
		if (errno != EWOULDBLOCK && errno != EINTR) {
			diag_error(d, NULL, 0, 0, "cannot lock %s/: %s", dir, strerror(errno));
			close(fd);
			return -1;
		}
		other = fstat(fd, &st) == 0 ? holder(&st) : 0;
		close(fd);
		if (interrupt_error(d) < 0)
			return -1;
		if (elapsed_ms(&start) >= (long)wait * 1000) {
			busy(d, dir, other);
			return -1;
		}
		if (!said) {
			/* Said at once: the build may wait a while. */
			fprintf(stderr, "secpolgen: waiting for another secpolgen build writing into %s/",
				dir);
			if (other)
				fprintf(stderr, " (pid %ld)", other);
			fprintf(stderr, ", at most %u s\n", wait);
			said = true;
		}
		nanosleep(&pause, NULL);
	}
}

void lock_release(struct output_lock *l)
{
	if (l->fd < 0)
		return;
	close(l->fd);
	l->fd = -1;
}
