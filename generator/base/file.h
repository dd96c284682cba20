/* file.h - opening a file the user named, to read it: only a regular
 * file is read. A named pipe would make the program wait for a writer
 * forever, a device (/dev/zero) would feed it without end, a folder
 * cannot be read at all: each is refused at once, saying what it is. */
#ifndef SECPOLGEN_FILE_H
#define SECPOLGEN_FILE_H

#include <stddef.h>

/* Opens path read-only without waiting (O_NONBLOCK: opening a named pipe
 * would otherwise wait for a writer) and keeps it only if fstat says it
 * is a regular file. The descriptor, in blocking mode again (caller
 * closes); -1 when path cannot be opened (errno set; *what NULL) or is
 * not a regular file: then *what says what it is ("a folder", "a named
 * pipe (FIFO)", "a character device", "a block device", "a socket"), for
 * "it is %s, not a regular file", and errno is EISDIR for a folder, else
 * EINVAL. what may be NULL. */
int file_open_regular(const char *path, const char **what);

/* Writes len bytes of data to a new file at path: to a temporary file
 * beside it, put on disk, then linked into place, so an existing file is
 * never replaced (link fails) and a failed run leaves nothing. Where the
 * file system has no hard links, rename() after a last look. 0, or -1
 * with errno set (EEXIST: path is there already). */
int file_publish_new(const char *path, const void *data, size_t len);

#endif
