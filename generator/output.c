/* output.c - all-or-nothing writing of the generated files. */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "history.h"

static int path_ok(const char *p)
{
	const char *c = p;
	size_t comp = 0;

	if (!*p || *p == '/')
		return 0;
	for (;; c++) {
		if (*c == '/' || *c == '\0') {
			if (comp == 0)
				return 0;
			if ((comp == 1 && c[-1] == '.') ||
			    (comp == 2 && c[-1] == '.' && c[-2] == '.'))
				return 0;
			if (*c == '\0')
				return 1;
			comp = 0;
			continue;
		}
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' || *c == '-'))
			return 0;
		comp++;
	}
}

int output_add(struct output_set *s, const char *path, struct buf *b,
	       struct diag *d)
{
	struct output_file *f, *v;

	if (!path_ok(path)) {
		diag_error(d, NULL, 0, 0, "refusing to write \"%s\": not a plain path inside the output folder", path);
		return -1;
	}
	v = array_grow(s->v, &s->cap, s->n, sizeof(*v));
	if (!v)
		goto oom;
	s->v = v;
	f = &s->v[s->n];
	f->path = strdup(path);
	if (!f->path)
		goto oom;
	f->data = buf_detach(b, &f->len);
	if (!f->data) {
		free(f->path);
		goto oom;
	}
	s->n++;
	return 0;
oom:
	diag_error(d, NULL, 0, 0, "out of memory");
	return -1;
}

void output_free(struct output_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].path);
		free(s->v[i].data);
	}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* The folders a commit created, so that a failed one takes them away. */
struct made_dirs {
	char **v;
	size_t n;
};

static int one_dir(const char *path, struct made_dirs *made, struct diag *d)
{
	char **v;

	if (mkdir(path, 0777) < 0) {
		if (errno == EEXIST)
			return 0;
		diag_error(d, NULL, 0, 0, "cannot create folder %s: %s", path, strerror(errno));
		return -1;
	}
	v = realloc(made->v, (made->n + 1) * sizeof(*v));
	if (!v || !(v[made->n] = strdup(path))) {
		if (v)
			made->v = v;
		rmdir(path);
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	made->v = v;
	made->n++;
	return 0;
}

/* mkdir -p for the folders of rel under dir, remembering the new ones. */
static int make_dirs(const char *dir, const char *rel, struct made_dirs *made,
		     struct diag *d)
{
	char path[4096];
	const char *p;

	if (strlen(dir) + strlen(rel) + 2 > sizeof(path)) {
		diag_error(d, NULL, 0, 0, "output path too long: %s/%s", dir, rel);
		return -1;
	}
	if (one_dir(dir, made, d) < 0)
		return -1;
	for (p = rel; (p = strchr(p, '/')); p++) {
		snprintf(path, sizeof(path), "%s/%.*s", dir, (int)(p - rel), rel);
		if (one_dir(path, made, d) < 0)
			return -1;
	}
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* 1 when name is "<file>.tmpXXXXXX" (what mkstemp made for file). */
static int is_temp_of(const char *name, const char *file)
{
	size_t n = strlen(file);

	return strncmp(name, file, n) == 0 && strncmp(name + n, ".tmp", 4) == 0 &&
	       strlen(name + n + 4) == 6;
}

/* Removes the temporary files a killed earlier run left beside the files
 * this run has just written: each folder once, only names of our own. */
static void remove_stale(const struct output_set *s, const char *dir)
{
	char folder[4096], path[4096 + 256];
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		const char *slash = strrchr(s->v[i].path, '/');
		size_t flen = slash ? (size_t)(slash - s->v[i].path) : 0;
		DIR *dp;
		struct dirent *e;

		/* A folder is scanned at its first file only. */
		for (j = 0; j < i; j++) {
			const char *sl = strrchr(s->v[j].path, '/');
			size_t l = sl ? (size_t)(sl - s->v[j].path) : 0;
			if (l == flen && strncmp(s->v[j].path, s->v[i].path, l) == 0)
				break;
		}
		if (j < i)
			continue;
		snprintf(folder, sizeof(folder), "%s/%.*s", dir, (int)flen, s->v[i].path);
		dp = opendir(folder);
		if (!dp)
			continue;
		while ((e = readdir(dp))) {
			for (j = 0; j < s->n; j++) {
				const char *sl = strrchr(s->v[j].path, '/');
				size_t l = sl ? (size_t)(sl - s->v[j].path) : 0;
				if (l != flen || strncmp(s->v[j].path, s->v[i].path, l) != 0 ||
				    !is_temp_of(e->d_name, sl ? sl + 1 : s->v[j].path))
					continue;
				snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
				unlink(path);
				break;
			}
		}
		closedir(dp);
	}
}

/* The commit itself; before_renames (when set) runs once every
 * temporary file is complete, and may stop the commit. */
static int commit(const struct output_set *s, const char *dir,
		  int (*before_renames)(void *ctx), void *ctx, struct diag *d)
{
	char **tmp = calloc(s->n ? s->n : 1, sizeof(char *));
	struct made_dirs made = { NULL, 0 };
	char final[4096];
	size_t i;
	int rc = -1;

	if (!tmp) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	/* First every file to a temporary name beside its final one. */
	for (i = 0; i < s->n; i++) {
		const struct output_file *f = &s->v[i];
		size_t n = strlen(dir) + strlen(f->path) + 16;
		int fd;

		if (make_dirs(dir, f->path, &made, d) < 0)
			goto out;
		tmp[i] = malloc(n);
		if (!tmp[i]) {
			diag_error(d, NULL, 0, 0, "out of memory");
			goto out;
		}
		snprintf(tmp[i], n, "%s/%s.tmpXXXXXX", dir, f->path);
		fd = mkstemp(tmp[i]);
		if (fd < 0) {
			diag_error(d, NULL, 0, 0, "cannot write %s/%s: %s", dir, f->path, strerror(errno));
			free(tmp[i]);
			tmp[i] = NULL;
			goto out;
		}
		if (write_all(fd, f->data, f->len) < 0 || fchmod(fd, 0644) < 0) {
			diag_error(d, NULL, 0, 0, "cannot write %s/%s: %s", dir, f->path, strerror(errno));
			close(fd);
			goto out;
		}
		if (close(fd) < 0) {
			diag_error(d, NULL, 0, 0, "cannot write %s/%s: %s", dir, f->path, strerror(errno));
			goto out;
		}
	}
	if (before_renames && before_renames(ctx) < 0)
		goto out;
	/* Then every rename; each is atomic on its own. */
	for (i = 0; i < s->n; i++) {
		snprintf(final, sizeof(final), "%s/%s", dir, s->v[i].path);
		if (rename(tmp[i], final) < 0) {
			diag_error(d, NULL, 0, 0, "cannot replace %s: %s", final, strerror(errno));
			goto out;
		}
		free(tmp[i]);
		tmp[i] = NULL;
	}
	remove_stale(s, dir);
	rc = 0;
out:
	for (i = 0; i < s->n; i++) {
		if (tmp[i])
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(tmp);
	/* A failed run leaves no new folder behind (newest first: children
	 * before their parents; a folder some file reached stays). */
	for (i = made.n; i-- > 0;) {
		if (rc < 0)
			rmdir(made.v[i]);
		free(made.v[i]);
	}
	free(made.v);
	return rc;
}

int output_commit(const struct output_set *s, const char *dir, struct diag *d)
{
	return commit(s, dir, NULL, NULL, d);
}

struct keeping {
	const struct output_set *s; /* with the new manifest last */
	const char *dir;
	const struct output_options *o;
	struct history old;
	struct diag *d;
	bool refused;
};

static const struct output_file *find(const struct output_set *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			return &s->v[i];
	return NULL;
}

/* Between the temporary files and the renames: nothing edited is lost. */
static int keep_history(void *ctx)
{
	struct keeping *k = ctx;
	bool same = k->old.revision && strcmp(k->old.revision, k->o->revision) == 0;
	size_t i, edited = 0;

	for (i = 0; i < k->old.n; i++) {
		const struct output_file *f = find(k->s, k->old.v[i].path);
		if (history_untouched(k->dir, &k->old.v[i], f ? f->data : NULL, f ? f->len : 0))
			continue;
		if (same && !k->o->force) {
			diag_error(k->d, NULL, 0, 0,
				   "%s/%s was changed since secpolgen wrote it; move it away, or build with --force to replace it",
				   k->dir, k->old.v[i].path);
			edited++;
		}
	}
	if (edited) {
		k->refused = true;
		return -1;
	}
	if (k->old.revision && !same)
		return history_archive(&k->old, k->dir, k->d);
	return 0;
}

int output_commit_revision(const struct output_set *s, const char *dir,
			   const struct output_options *o, struct diag *d)
{
	struct keeping k = { NULL, dir, o, { NULL, NULL, 0 }, d, false };
	struct output_set all = OUTPUT_SET_INIT;
	const char **paths = calloc(s->n + 1, sizeof(*paths));
	const char **data = calloc(s->n + 1, sizeof(*data));
	size_t *len = calloc(s->n + 1, sizeof(*len)), i;
	struct buf manifest = BUF_INIT;
	int rc = -1;

	if (!paths || !data || !len) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	if (history_read(&k.old, dir, d) < 0) {
		k.refused = true;
		goto out;
	}
	for (i = 0; i < s->n; i++) {
		paths[i] = s->v[i].path;
		data[i] = s->v[i].data;
		len[i] = s->v[i].len;
	}
	/* The same files, borrowed, and the manifest renamed last. */
	all.v = calloc(s->n + 1, sizeof(*all.v));
	if (!all.v || history_format(&manifest, o->revision, paths, data, len, s->n) < 0) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	memcpy(all.v, s->v, s->n * sizeof(*all.v));
	all.v[s->n] = (struct output_file){ (char *)HISTORY_MANIFEST, manifest.data, manifest.len };
	all.n = all.cap = s->n + 1;
	k.s = &all;
	rc = commit(&all, dir, keep_history, &k, d);
out:
	if (rc < 0 && k.refused)
		rc = OUTPUT_REFUSED;
	free(all.v);
	buf_free(&manifest);
	history_free(&k.old);
	free(paths);
	free(data);
	free(len);
	return rc;
}
