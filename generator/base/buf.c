/* buf.c - growable byte buffer with a hard cap. */
#include "base/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"

static int buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra >= BUF_MAX || b->len > BUF_MAX - extra - 1) {
		buf_free(b);
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > BUF_MAX / 2 ? BUF_MAX + 1 : cap * 2;
	p = realloc(b->data, cap);
	if (!p) {
		buf_free(b);
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

int buf_put(struct buf *b, const void *p, size_t n)
{
	/* The common case first: it fits (cap never exceeds BUF_MAX + 1). */
	if (b->cap && n < b->cap - b->len) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return 0;
	}
	if (buf_grow(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

char *buf_room(struct buf *b, size_t n)
{
	if (!(b->cap && n < b->cap - b->len) && buf_grow(b, n) < 0)
		return NULL;
	return b->data + b->len;
}

void buf_added(struct buf *b, const char *end)
{
	b->len = (size_t)(end - b->data);
	b->data[b->len] = '\0';
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_put(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_put(b, &c, 1);
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) < 0) {
		if (n < 0)
			buf_free(b);
		return -1;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->data;

	if (len)
		*len = b->len;
	if (!p)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}

int buf_read_file(struct buf *b, const char *path, size_t max)
{
	char chunk[65536];
	size_t n, start = b->len;
	int fd = file_open_regular(path, NULL), err;
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "rb");

	if (!fp) {
		err = errno;
		if (fd >= 0)
			close(fd);
		buf_free(b);
		errno = err;
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b->len - start + n > max) {
			fclose(fp);
			buf_free(b);
			errno = EFBIG;
			return -1;
		}
		if (buf_put(b, chunk, n) < 0) {
			fclose(fp);
			errno = ENOMEM;
			return -1;
		}
	}
	err = ferror(fp) ? EIO : 0;
	fclose(fp);
	if (err) {
		buf_free(b);
		errno = err;
		return -1;
	}
	return buf_put(b, "", 0);
}
