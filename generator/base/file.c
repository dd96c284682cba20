/* file.c - opening only regular files, and writing new ones (file.h). */
#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

/* What a file of this mode is, when it is not a regular file. */
static const char *kind_of(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a named pipe (FIFO)";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "something else";
}

int file_open_regular(const char *path, const char **what)
{
	struct stat st;
	int fd, flags, err;

	if (what)
		*what = NULL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	/* A regular file never blocks: back to blocking, so that the reader
	 * need not know. */
	if (fstat(fd, &st) < 0 ||
	    (S_ISREG(st.st_mode) && ((flags = fcntl(fd, F_GETFL)) < 0 ||
				     fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0))) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (S_ISREG(st.st_mode))
		return fd;
	if (what)
		*what = kind_of(st.st_mode);
	close(fd);
	errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	return -1;
}

int file_publish_new(const char *path, const void *data, size_t len)
{
	size_t n = strlen(path) + 48, done = 0;
	char *tmp = malloc(n);
	struct stat st;
	int fd = -1, k, err = 0, made = 0;

	if (!tmp)
		return -1;
	for (k = 0; fd < 0; k++) {
		snprintf(tmp, n, "%s.new-%ld-%d.tmp", path, (long)getpid(), k);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && (errno != EEXIST || k == 100)) {
			err = errno;
			goto out;
		}
	}
	made = 1;
	while (done < len) {
		ssize_t w = write(fd, (const char *)data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			err = errno;
			goto out;
		}
		done += (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		err = errno;
		fd = -1;
		goto out;
	}
	fd = -1;
	if (link(tmp, path) < 0) {
		err = errno;
		if (err != EPERM && err != ENOSYS && err != EOPNOTSUPP && err != EMLINK)
			goto out;
		if (lstat(path, &st) == 0) {
			err = EEXIST;
			goto out;
		}
		err = rename(tmp, path) < 0 ? errno : 0;
		made = err != 0;
	}
out:
	if (fd >= 0)
		close(fd);
	if (made)
		unlink(tmp);
	free(tmp);
	errno = err;
	return err ? -1 : 0;
}
