/* buf.h - the one growable byte buffer (after curl's dynbuf).
 *
 * A buffer is never NULL-terminated-unsafe: after any successful put,
 * data[len] == '\0'. Every buffer has a hard cap; an append that would pass
 * it, or that fails to allocate, frees the buffer and returns -1, so callers
 * just return. */
#ifndef SECPOLGEN_BUF_H
#define SECPOLGEN_BUF_H

#include <stddef.h>

/* Hard cap on any one buffer: a generated part or document larger than this
 * is an error, not an out-of-memory crash. */
#define BUF_MAX ((size_t)256 * 1024 * 1024)

struct buf {
	char *data; /* NULL until the first put; owned by the buffer */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

/* 0 ok, -1 on overflow or allocation failure (the buffer is then freed). */
int buf_put(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Room for n more bytes: where they go (b->data + b->len), to be written
 * there and counted with buf_added; NULL on overflow or allocation failure
 * (the buffer is then freed). For a writer that would otherwise append a
 * few bytes at a time. */
char *buf_room(struct buf *b, size_t n);
/* Counts the bytes written at buf_room's pointer, up to end (no further
 * than the room asked for), and ends them with a NUL. */
void buf_added(struct buf *b, const char *end);

/* Always a valid NUL-terminated string, "" for an empty buffer. Borrowed. */
const char *buf_str(const struct buf *b);

/* Appends the whole file at path (at most max bytes), which must be a
 * regular file (file_open_regular: a named pipe is never waited on). 0
 * ok; -1 with errno set (EFBIG when larger than max; EISDIR for a folder,
 * EINVAL for a pipe or a device), the buffer then freed. */
int buf_read_file(struct buf *b, const char *path, size_t max);

void buf_reset(struct buf *b); /* len = 0, keeps the memory */
void buf_free(struct buf *b);  /* back to BUF_INIT */

/* Hands the bytes to the caller (caller frees; never NULL: "" when empty,
 * NULL only when that allocation fails) and resets the buffer. */
char *buf_detach(struct buf *b, size_t *len);

#endif
