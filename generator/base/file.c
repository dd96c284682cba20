/* file.c - opening only regular files (file.h). */
#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
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
