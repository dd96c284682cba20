/* history.c - the output folder's manifest and archive (history.h). */
#include "output/history.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_MAX ((size_t)4 * 1024 * 1024)

#define FNV_OFFSET 14695981039346656037u

static uint64_t hash_more(uint64_t h, const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 1099511628211u;
	}
	return h;
}

uint64_t history_hash(const char *data, size_t len)
{
	return hash_more(FNV_OFFSET, data, len);
}

/* Opens path for reading only when it is a regular file: never through a
 * symbolic link, never waiting on a pipe. The descriptor, its size in
 * *size; -1 with errno (ENOENT: nothing there); NOT_REGULAR when something
 * else stands there. */
#define NOT_REGULAR (-2)
static int open_regular(const char *path, off_t *size)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return errno == ELOOP ? NOT_REGULAR : -1;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return NOT_REGULAR;
	}
	*size = st.st_size;
	return fd;
}

/* Reads fd to its end a chunk at a time, handing each to fn, which stops
 * the reading by returning non-zero; then closes fd. 0 at the end, fn's
 * non-zero, or -1 when a read fails; errno kept. */
static int each_chunk(int fd, int (*fn)(void *ctx, const char *p, size_t n), void *ctx)
{
	char chunk[65536];
	int rc, e;

	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -1 : 0;
			break;
		}
		if ((rc = fn(ctx, chunk, (size_t)n)) != 0)
			break;
	}
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

struct capped {
	struct buf *b;
	size_t max;
};

static int append_chunk(void *ctx, const char *p, size_t n)
{
	struct capped *c = ctx;

	if (c->b->len + n > c->max) {
		errno = EFBIG;
		return -1;
	}
	if (buf_put(c->b, p, n) < 0) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

static int hash_chunk(void *ctx, const char *p, size_t n)
{
	uint64_t *h = ctx;

	*h = hash_more(*h, p, n);
	return 0;
}

struct expected {
	const char *data;
	size_t len, at;
};

/* Stops at the first byte that differs, or one more than expected. */
static int compare_chunk(void *ctx, const char *p, size_t n)
{
	struct expected *x = ctx;

	if (n > x->len - x->at || memcmp(p, x->data + x->at, n) != 0)
		return 1;
	x->at += n;
	return 0;
}

int history_read_file(const char *path, struct buf *b, size_t max)
{
	struct capped cap = { b, max };
	off_t size;
	int fd = open_regular(path, &size);

	if (fd < 0)
		return fd == NOT_REGULAR ? HISTORY_NOT_REGULAR : -1;
	if (each_chunk(fd, append_chunk, &cap) < 0 || buf_put(b, "", 0) < 0)
		return -1;
	return 0;
}

void history_free(struct history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->v[i].path);
	free(h->v);
	free(h->revision);
	memset(h, 0, sizeof(*h));
}

/* A revision names a folder: digits, letters, '.', '-' and '_' only. */
static bool revision_ok(const char *r)
{
	size_t n = strspn(r, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_");

	return n > 0 && n <= 32 && !r[n] && strcmp(r, ".") != 0 && strcmp(r, "..") != 0;
}

bool history_path_ok(const char *p)
{
	const char *c;

	if (!*p || *p == '/' || strstr(p, "..") || strstr(p, "//"))
		return false;
	for (c = p; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' || *c == '_' || *c == '/'))
			return false;
	return true;
}

int history_read(struct history *h, const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	char *line, *next;
	long lineno = 0;
	int rc = -1, got;

	memset(h, 0, sizeof(*h));
	if (buf_printf(&path, "%s/%s", dir, HISTORY_MANIFEST) < 0)
		goto oom;
	got = history_read_file(buf_str(&path), &text, MANIFEST_MAX);
	if (got == HISTORY_NOT_REGULAR) {
		diag_error(d, buf_str(&path), 0, 0, "cannot read: not a regular file");
		goto out;
	}
	if (got < 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			rc = 0;
			goto out;
		}
		diag_error(d, buf_str(&path), 0, 0, "cannot read: %s",
			   errno == EFBIG ? "larger than 4 MiB" : strerror(errno));
		goto out;
	}
	for (line = text.data; line && *line; line = next) {
		char *end, *p;
		uint64_t hash;
		struct history_entry *v;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (lineno == 1) {
			if (strcmp(line, "secpolgen manifest 1") != 0)
				goto bad;
			continue;
		}
		if (strncmp(line, "revision ", 9) == 0 && !h->revision) {
			if (!revision_ok(line + 9) || !(h->revision = strdup(line + 9)))
				goto bad;
			continue;
		}
		errno = 0;
		hash = strtoull(line, &end, 16);
		p = end + (*end == ' ');
		if (errno || end == line || *end != ' ' || !history_path_ok(p))
			goto bad;
		v = realloc(h->v, (h->n + 1) * sizeof(*v));
		if (!v)
			goto oom;
		h->v = v;
		if (!(h->v[h->n].path = strdup(p)))
			goto oom;
		h->v[h->n++].hash = hash;
	}
	if (lineno == 0 || !h->revision)
		goto bad;
	rc = 0;
	goto out;
bad:
	diag_error(d, buf_str(&path), lineno, 0,
		   "this is not a manifest secpolgen wrote; move it away to build here");
	goto out;
oom:
	diag_error(d, NULL, 0, 0, "out of memory");
out:
	if (rc < 0)
		history_free(h);
	buf_free(&path);
	buf_free(&text);
	return rc;
}

int history_format(struct buf *out, const char *revision, const char *const *paths,
		   const uint64_t *hash, size_t n)
{
	size_t i;

	if (buf_printf(out, "secpolgen manifest 1\nrevision %s\n", revision) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (buf_printf(out, "%016" PRIx64 " %s\n", hash[i], paths[i]) < 0)
			return -1;
	return 0;
}

bool history_untouched(const char *dir, const struct history_entry *e,
		       const uint64_t *next)
{
	char path[4096];
	uint64_t hash = FNV_OFFSET;
	off_t size;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->path) >= sizeof(path))
		return false;
	fd = open_regular(path, &size);
	if (fd < 0) /* gone is untouched; a link, a pipe or a folder is not */
		return fd == -1 && errno == ENOENT;
	if (each_chunk(fd, hash_chunk, &hash) != 0)
		return false;
	return hash == e->hash || (next && hash == *next);
}

bool history_holds(const char *dir, const char *path, const char *data, size_t len)
{
	char full[4096];
	struct expected x = { data, len, 0 };
	off_t size;
	int fd;

	if ((size_t)snprintf(full, sizeof(full), "%s/%s", dir, path) >= sizeof(full))
		return false;
	fd = open_regular(full, &size);
	if (fd < 0)
		return false;
	if ((uint64_t)size != len) {
		close(fd);
		return false;
	}
	/* The whole of it, no more: it may have grown since the fstat. */
	return each_chunk(fd, compare_chunk, &x) == 0 && x.at == len;
}

int history_parents(char *path, size_t from, bool make, struct diag *d)
{
	struct stat st;
	char *p;
	int rc = 0;

	for (p = strchr(path + from, '/'); p && rc == 0; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (make && mkdir(path, 0777) == 0) {
			*p = '/';
			continue;
		}
		if (lstat(path, &st) < 0) {
			if (make || errno != ENOENT) {
				diag_error(d, NULL, 0, 0, "cannot create folder %s: %s", path,
					   strerror(errno));
				rc = -1;
			}
		} else if (S_ISLNK(st.st_mode)) {
			diag_error(d, NULL, 0, 0,
				   "cannot keep the previous files in %s: a symbolic link stands there, and secpolgen writes only inside the output folder",
				   path);
			rc = -1;
		} else if (!S_ISDIR(st.st_mode)) {
			diag_error(d, NULL, 0, 0, "cannot create folder %s: %s", path,
				   strerror(ENOTDIR));
			rc = -1;
		}
		*p = '/';
	}
	return rc;
}
