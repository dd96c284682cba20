/* output.c - all-or-nothing writing of the generated files. */
/* syncfs(2): every file of a build on disk in one call. */
#define _GNU_SOURCE
#include "output/output.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "base/interrupt.h"
#include "base/parallel.h"
#include "output/history.h"
#include "output/journal.h"
#include "output/lock.h"

struct output_file {
	char *path;    /* relative to the output folder, '/'-separated */
	char *data;    /* owned; NULL once spooled */
	size_t len;
	char *tmp;     /* spooled: its temporary file beside its final name */
	uint64_t hash; /* history_hash of the bytes */
	bool same;     /* already at its final name, byte for byte: left as it is */
};

struct output_set {
	struct output_file *v;
	size_t n, cap;
	char *dir;         /* output_spool's folder, or NULL: bytes in memory */
	char **made;       /* folders spooling created, oldest first */
	size_t nmade;
	bool write_failed; /* an output_add could not write its file */
	char *last_dir;    /* the folder of the last file spooled */
	/* Spooled files are written into a staging folder of the process's
	 * own under dir, and renamed from there into place. */
	char *stage;            /* this process's (one of stages), or NULL */
	long stage_pid;         /* the process it belongs to */
	unsigned long nstaged;  /* files written into it */
	char **stages;          /* every staging folder of the run */
	size_t nstages;
	bool keep_same;         /* output_keep_unchanged */
	bool discard;           /* output_discard: bytes hashed, then dropped */
	struct output_lock lock; /* on the output folder, from spool or commit */
	unsigned wait;          /* seconds to wait for another build's lock */
	/* A commit's journal is on disk and not finished: its temporary
	 * files are the next build's to rename, not ours to remove. */
	bool journaled;
};

/* The name of a staging folder, before mkdtemp's six characters. */
#define STAGE_PREFIX ".secpolgen-stage.tmp"

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

/* The folders a commit created, so that a failed one takes them away. */
struct made_dirs {
	char **v;
	size_t n;
};

/* Appends a copy of name to the list *v of *n names. 0, or -1 when out
 * of memory (the list unchanged). */
static int push_copy(char ***v, size_t *n, const char *name)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return -1;
	*v = nv;
	if (!(nv[*n] = strdup(name)))
		return -1;
	(*n)++;
	return 0;
}

/* Makes the folder path, remembering it when new. One that exists must
 * be a folder; inside the output folder (inside set) a real one: a
 * symbolic link there would take the files outside the output folder. */
static int one_dir(const char *path, bool inside, struct made_dirs *made, struct diag *d)
{
	if (mkdir(path, 0777) < 0) {
		struct stat st;
		int e = errno;

		/* A file where the folder must go fails now, not at the
		 * commit's rename. */
		if (e == EEXIST && (inside ? lstat(path, &st) : stat(path, &st)) == 0) {
			if (S_ISDIR(st.st_mode))
				return 0;
			if (S_ISLNK(st.st_mode)) {
				diag_error(d, NULL, 0, 0,
					   "cannot create folder %s: a symbolic link stands there, and secpolgen writes only inside the output folder",
					   path);
				return -1;
			}
		}
		diag_error(d, NULL, 0, 0, "cannot create folder %s: %s", path,
			   strerror(e == EEXIST ? ENOTDIR : e));
		return -1;
	}
	if (push_copy(&made->v, &made->n, path) < 0) {
		rmdir(path);
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
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
	/* The output folder itself may be a link: the user chose it. */
	if (one_dir(dir, false, made, d) < 0)
		return -1;
	for (p = rel; (p = strchr(p, '/')); p++) {
		snprintf(path, sizeof(path), "%s/%.*s", dir, (int)(p - rel), rel);
		if (one_dir(path, true, made, d) < 0)
			return -1;
	}
	return 0;
}

int output_write_all(int fd, const char *data, size_t len)
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

int output_fsync(int fd, const char *path)
{
	int own = -1, rc, e;

	if (fd < 0 && (fd = own = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	rc = fsync(fd);
	e = errno;
	if (own >= 0)
		close(own);
	errno = e;
	return rc < 0 ? -1 : 0;
}

/* Writes data into the new file fd (at path) and closes it; on failure
 * removes it, errno telling why. 0 or -1. The file is put on disk with
 * all the others before any is renamed (sync_before_renames). */
static int fill_file(int fd, const char *path, const char *data, size_t len)
{
	int e;

	if (output_write_all(fd, data, len) == 0) {
		if (close(fd) == 0)
			return 0;
		e = errno;
	} else {
		e = errno;
		close(fd);
	}
	unlink(path);
	errno = e;
	return -1;
}

/* Writes data to a new temporary file beside dir/path; its name in *tmp
 * (caller frees, and unlinks it unless renamed). 0, or -1 after an error
 * naming the file. */
static int write_temp(const char *dir, const char *path, const char *data, size_t len,
		      char **tmp, struct diag *d)
{
	size_t n = strlen(dir) + strlen(path) + 16;
	int fd;

	*tmp = malloc(n);
	if (!*tmp) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	snprintf(*tmp, n, "%s/%s.tmpXXXXXX", dir, path);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		diag_error(d, NULL, 0, 0, "cannot write %s/%s: %s", dir, path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	if (fchmod(fd, 0644) < 0) {
		int e = errno;
		close(fd);
		unlink(*tmp);
		errno = e;
		goto fail;
	}
	if (fill_file(fd, *tmp, data, len) < 0)
		goto fail;
	return 0;
fail:
	diag_error(d, NULL, 0, 0, "cannot write %s/%s: %s", dir, path, strerror(errno));
	free(*tmp);
	*tmp = NULL;
	return -1;
}

/* The staging folder of this process under the spool's folder, made at
 * its first file: "<dir>/.secpolgen-stage.tmpXXXXXX". A worker process
 * (parallel.h) inherits its parent's and makes its own, so that no two
 * processes create files in one folder at once (creating a file locks
 * its folder: two processes writing into one were no faster than one).
 * 0, or -1 after an error in d. */
static int stage_ready(struct output_set *s, struct diag *d)
{
	struct made_dirs made = { s->made, s->nmade };
	char p[4096];
	int rc;

	if (s->stage && s->stage_pid == (long)getpid())
		return 0;
	s->stage = NULL; /* a parent's, still in s->stages */
	rc = make_dirs(s->dir, "x", &made, d); /* the folder itself */
	s->made = made.v;
	s->nmade = made.n;
	if (rc < 0)
		return -1;
	if (strlen(s->dir) + sizeof("/" STAGE_PREFIX "XXXXXX") > sizeof(p)) {
		diag_error(d, NULL, 0, 0, "output path too long: %s", s->dir);
		return -1;
	}
	snprintf(p, sizeof(p), "%s/" STAGE_PREFIX "XXXXXX", s->dir);
	if (!mkdtemp(p)) {
		diag_error(d, NULL, 0, 0, "cannot write into %s: %s", s->dir, strerror(errno));
		return -1;
	}
	if (push_copy(&s->stages, &s->nstages, p) < 0) {
		rmdir(p);
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	s->stage = s->stages[s->nstages - 1];
	s->stage_pid = (long)getpid();
	s->nstaged = 0;
	return 0;
}

/* Writes data to a new file in this process's staging folder, for path;
 * its name in *tmp (caller frees, and unlinks it unless renamed). 0, or
 * -1 after an error naming the file. */
static int write_staged(struct output_set *s, const char *path, const char *data, size_t len,
			char **tmp, struct diag *d)
{
	const char *base = strrchr(path, '/');
	size_t n;
	int fd;

	if (stage_ready(s, d) < 0)
		return -1;
	base = base ? base + 1 : path;
	n = strlen(s->stage) + strlen(base) + 32;
	*tmp = malloc(n);
	if (!*tmp) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	snprintf(*tmp, n, "%s/%lu-%s", s->stage, ++s->nstaged, base);
	/* As any program makes a file (cp, an editor): 0666 less the umask.
	 * The folder is the process's own, so the name cannot be taken. */
	fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0 || fill_file(fd, *tmp, data, len) < 0)
		goto fail;
	return 0;
fail:
	diag_error(d, NULL, 0, 0, "cannot write %s/%s: %s", s->dir, path, strerror(errno));
	free(*tmp);
	*tmp = NULL;
	return -1;
}

void output_keep_unchanged(struct output_set *s, const char *revision)
{
	struct history h = { NULL, NULL, 0 };
	struct diag quiet = DIAG_INIT;

	/* An unreadable manifest: the commit says so, and refuses. */
	s->keep_same = s->dir && history_read(&h, s->dir, &quiet) == 0 &&
		       (!h.revision || strcmp(h.revision, revision) == 0);
	history_free(&h);
	diag_free(&quiet);
}

static int open_folder(struct output_set *s, const char *dir, struct diag *d);
static void remove_stages(const struct output_set *s, const char *dir, bool all);

int output_spool(struct output_set *s, const char *dir, struct diag *d)
{
	s->dir = strdup(dir);
	if (!s->dir) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	return open_folder(s, dir, d);
}

void output_wait(struct output_set *s, unsigned seconds)
{
	s->wait = seconds;
}

/* The place for one more file, its path set (not yet counted in s->n),
 * or NULL when out of memory. */
static struct output_file *next_file(struct output_set *s, const char *path)
{
	struct output_file *f, *v = array_grow(s->v, &s->cap, s->n, sizeof(*v));

	if (!v)
		return NULL;
	s->v = v;
	f = &s->v[s->n];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	return f->path ? f : NULL;
}

int output_add(struct output_set *s, const char *path, struct buf *b,
	       struct diag *d)
{
	struct output_file *f;

	if (!path_ok(path)) {
		diag_error(d, NULL, 0, 0, "refusing to write \"%s\": not a plain path inside the output folder", path);
		return -1;
	}
	f = next_file(s, path);
	if (!f)
		goto oom;
	f->hash = history_hash(b->data ? b->data : "", b->len);
	if (s->dir) {
		struct made_dirs made = { s->made, s->nmade };
		const char *slash = strrchr(path, '/');
		size_t dlen = slash ? (size_t)(slash - path) : 0;
		/* Files come folder by folder: the folder of the last one is
		 * known to be there. */
		bool known = s->last_dir && strlen(s->last_dir) == dlen &&
			     strncmp(s->last_dir, path, dlen) == 0;
		int rc = known ? 0 : make_dirs(s->dir, path, &made, d);
		s->made = made.v;
		s->nmade = made.n;
		if (rc == 0 && !known) {
			free(s->last_dir);
			s->last_dir = strndup(path, dlen); /* NULL only costs a mkdir */
		}
		if (rc == 0 && s->keep_same && history_holds(s->dir, path, b->data, b->len))
			f->same = true;
		else if (rc < 0 ||
			 write_staged(s, path, b->data ? b->data : "", b->len, &f->tmp, d) < 0) {
			s->write_failed = true;
			free(f->path);
			buf_free(b);
			return -1;
		}
		f->len = b->len;
		buf_free(b);
		s->n++;
		return 0;
	}
	if (s->discard) {
		f->len = b->len;
		buf_free(b);
		s->n++;
		return 0;
	}
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

int output_mkdir(struct output_set *s, const char *rel, struct diag *d)
{
	struct made_dirs made = { s->made, s->nmade };
	struct buf path = BUF_INIT;
	int rc;

	if (!s->dir)
		return 0;
	if (!path_ok(rel) || buf_printf(&path, "%s/", rel) < 0) {
		buf_free(&path);
		diag_error(d, NULL, 0, 0, "refusing to make folder \"%s\"", rel);
		return -1;
	}
	rc = make_dirs(s->dir, buf_str(&path), &made, d);
	s->made = made.v;
	s->nmade = made.n;
	if (rc < 0)
		s->write_failed = true;
	buf_free(&path);
	return rc;
}

/* A file a worker process spooled: tmp NULL for one found the same (not
 * written). 0, or -1 after an error in d (the temporary file is then
 * removed). */
static int adopt_file(struct output_set *s, const char *path, const char *tmp, size_t len,
		 uint64_t hash, struct diag *d)
{
	struct output_file *f;

	if ((!s->dir && !s->discard) || (s->discard && tmp) || !path_ok(path)) {
		diag_error(d, NULL, 0, 0, "refusing to take \"%s\" from a worker process", path);
		if (tmp)
			unlink(tmp);
		return -1;
	}
	f = next_file(s, path);
	if (!f || (tmp && !(f->tmp = strdup(tmp)))) {
		if (f)
			free(f->path);
		if (tmp)
			unlink(tmp);
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	f->same = !tmp;
	f->len = len;
	f->hash = hash;
	s->n++;
	return 0;
}

static int adopt_dir(struct output_set *s, const char *dir, struct diag *d)
{
	if (push_copy(&s->made, &s->nmade, dir) < 0) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	return 0;
}

/* A worker's staging folder (NULL until its first file), which the
 * parent adopts: removed, empty, after the commit or when freed. */
static const char *own_stage(const struct output_set *s)
{
	return s->stage && s->stage_pid == (long)getpid() ? s->stage : NULL;
}

static int adopt_stage(struct output_set *s, const char *dir, struct diag *d)
{
	size_t i;

	for (i = 0; i < s->nstages; i++)
		if (strcmp(s->stages[i], dir) == 0)
			return 0;
	if (push_copy(&s->stages, &s->nstages, dir) < 0) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	return 0;
}

/* Drops the entries from mark on without touching their files. */
static void forget(struct output_set *s, struct output_mark mark)
{
	while (s->n > mark.files) {
		s->n--;
		free(s->v[s->n].path);
		free(s->v[s->n].data);
		free(s->v[s->n].tmp);
	}
	while (s->nmade > mark.made)
		free(s->made[--s->nmade]);
}

struct output_mark output_mark(const struct output_set *s)
{
	return (struct output_mark){ .files = s->n, .made = s->nmade };
}

int output_export(struct output_set *s, struct output_mark mark, struct buf *b)
{
	size_t i;
	int rc = parallel_put_u64(b, s->write_failed) || parallel_put_str(b, own_stage(s)) ||
		 parallel_put_u64(b, s->n - mark.files);

	for (i = mark.files; rc == 0 && i < s->n; i++)
		rc = parallel_put_str(b, s->v[i].path) || parallel_put_str(b, s->v[i].tmp) ||
		     parallel_put_u64(b, s->v[i].len) || parallel_put_u64(b, s->v[i].hash);
	rc = rc || parallel_put_u64(b, s->nmade - mark.made);
	for (i = mark.made; rc == 0 && i < s->nmade; i++)
		rc = parallel_put_str(b, s->made[i]);
	forget(s, mark);
	return rc ? -1 : 0;
}

int output_import(struct output_set *s, struct parallel_reader *rd, struct diag *d)
{
	const char *stage;
	uint64_t n, i;
	int rc = 0;

	if (parallel_get_u64(rd))
		s->write_failed = true;
	/* Its staging folder first: this set removes it at the end. */
	stage = parallel_get_str(rd);
	if (stage && adopt_stage(s, stage, d) < 0)
		rc = -1;
	n = parallel_get_u64(rd);
	for (i = 0; i < n && !rd->bad; i++) {
		const char *path = parallel_get_str(rd), *tmp = parallel_get_str(rd);
		uint64_t len = parallel_get_u64(rd), hash = parallel_get_u64(rd);
		if (!rd->bad && path && adopt_file(s, path, tmp, (size_t)len, hash, d) < 0)
			rc = -1;
	}
	n = parallel_get_u64(rd);
	for (i = 0; i < n && !rd->bad; i++) {
		const char *dir = parallel_get_str(rd);
		if (!rd->bad && dir && adopt_dir(s, dir, d) < 0)
			rc = -1;
	}
	return rc;
}

/* After a commit, or to give up: spooled files not renamed into place
 * are removed, and (giving up) the folders spooling created. */
static void forget_spool(struct output_set *s, bool give_up)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->v[i].tmp && !s->journaled)
			unlink(s->v[i].tmp);
		free(s->v[i].tmp);
		s->v[i].tmp = NULL;
	}
	/* The staging folders, empty now, before the folders they are in. */
	for (i = 0; i < s->nstages; i++) {
		if (!s->journaled)
			rmdir(s->stages[i]);
		free(s->stages[i]);
	}
	free(s->stages);
	s->stages = NULL;
	s->nstages = 0;
	s->stage = NULL;
	/* Newest first: children before their parents; a folder some file
	 * reached stays. */
	for (i = s->nmade; i-- > 0;) {
		if (give_up && !s->journaled)
			rmdir(s->made[i]);
		free(s->made[i]);
	}
	free(s->made);
	s->made = NULL;
	s->nmade = 0;
}

struct output_set *output_set_new(void)
{
	struct output_set *s = calloc(1, sizeof(struct output_set));

	if (s)
		s->lock = (struct output_lock)OUTPUT_LOCK_INIT;
	return s;
}

size_t output_count(const struct output_set *s)
{
	return s->n;
}

const char *output_path(const struct output_set *s, size_t i)
{
	assert(i < s->n);
	return s->v[i].path;
}

bool output_same(const struct output_set *s, size_t i)
{
	assert(i < s->n);
	return s->v[i].same;
}

const char *output_spooled(const struct output_set *s, size_t i)
{
	assert(i < s->n);
	return s->v[i].tmp;
}

bool output_spooling(const struct output_set *s)
{
	return s->dir != NULL;
}

void output_discard(struct output_set *s)
{
	s->discard = true;
}

bool output_discarding(const struct output_set *s)
{
	return s->discard;
}

bool output_write_failed(const struct output_set *s)
{
	return s->write_failed;
}

bool output_keeps_unchanged(const struct output_set *s)
{
	return s->keep_same;
}

void output_free(struct output_set *s)
{
	size_t i;

	if (!s)
		return;
	/* A run that gives up removes every staging folder, its workers'
	 * included, while it still holds the lock. */
	if (s->lock.fd >= 0 && s->dir && !s->journaled)
		remove_stages(s, s->dir, true);
	lock_release(&s->lock);
	forget_spool(s, true);
	for (i = 0; i < s->n; i++) {
		free(s->v[i].path);
		free(s->v[i].data);
	}
	free(s->v);
	free(s->dir);
	free(s->last_dir);
	free(s);
}


/* Removes the staging folders a killed earlier run left in dir, with
 * what is in them; this run's are its own to remove, unless all is set
 * (a run that gives up: its workers' too, some never reported). Only
 * while the folder's lock is held (lock.h): no other build's are there. */
static void remove_stages(const struct output_set *s, const char *dir, bool all)
{
	char path[4096], file[4096 + 256];
	DIR *dp = opendir(dir);
	struct dirent *e;

	if (!dp)
		return;
	while ((e = readdir(dp))) {
		size_t i;
		DIR *sp;
		struct dirent *f;
		struct stat st;

		if (strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		for (i = 0; i < s->nstages; i++)
			if (strcmp(s->stages[i], path) == 0)
				break;
		if ((i < s->nstages && !all) || lstat(path, &st) < 0)
			continue;
		/* Never followed: a link by that name goes, not what it names. */
		if (!S_ISDIR(st.st_mode)) {
			unlink(path);
			continue;
		}
		if (!(sp = opendir(path)))
			continue;
		while ((f = readdir(sp)))
			if (strcmp(f->d_name, ".") != 0 && strcmp(f->d_name, "..") != 0) {
				snprintf(file, sizeof(file), "%s/%s", path, f->d_name);
				unlink(file);
			}
		closedir(sp);
		rmdir(path);
	}
	closedir(dp);
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Removes the temporary files a killed earlier run left beside the files
 * this run has just written: each folder once, only names of our own
 * ("<file>.tmpXXXXXX" for a file of this run). Linear in the files and
 * folders but for one sort: a run writes thousands. */
static void remove_stale(const struct output_set *s, const char *dir)
{
	char folder[4096], path[4096 + 256], rel[4096];
	const char **sorted = malloc((s->n ? s->n : 1) * sizeof(*sorted));
	size_t i;

	if (!sorted)
		return; /* out of memory: the stale files stay, harmless */
	for (i = 0; i < s->n; i++)
		sorted[i] = s->v[i].path;
	qsort(sorted, s->n, sizeof(*sorted), path_cmp);
	for (i = 0; i < s->n; i++) {
		const char *p = sorted[i], *slash = strrchr(p, '/');
		size_t flen = slash ? (size_t)(slash - p) : 0;
		DIR *dp;
		struct dirent *e;

		/* Sorted, a folder's files mostly come together: a folder is
		 * scanned at the first of each run of its files (again only
		 * when a subfolder's files sort between, which is harmless). */
		if (i > 0) {
			const char *q = sorted[i - 1], *qs = strrchr(q, '/');
			size_t qlen = qs ? (size_t)(qs - q) : 0;
			if (qlen == flen && strncmp(q, p, flen) == 0)
				continue;
		}
		snprintf(folder, sizeof(folder), "%s/%.*s", dir, (int)flen, p);
		dp = opendir(folder);
		if (!dp)
			continue;
		while ((e = readdir(dp))) {
			size_t n = strlen(e->d_name);
			const char *key = rel;

			if (n <= 10 || strncmp(e->d_name + n - 10, ".tmp", 4) != 0 ||
			    flen + 1 + n >= sizeof(rel))
				continue;
			/* The file it would be a temporary of, relative to dir. */
			snprintf(rel, sizeof(rel), "%.*s%s%.*s", (int)flen, p, flen ? "/" : "",
				 (int)(n - 10), e->d_name);
			if (!bsearch(&key, sorted, s->n, sizeof(*sorted), path_cmp))
				continue;
			snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
			unlink(path);
		}
		closedir(dp);
	}
	free(sorted);
	remove_stages(s, dir, false);
}

/* A folder: the first len characters of a path (a prefix up to a '/'). */
struct folder {
	const char *path;
	size_t len;
};

static int folder_cmp(const void *a, const void *b)
{
	const struct folder *x = a, *y = b;
	int c = memcmp(x->path, y->path, x->len < y->len ? x->len : y->len);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int push_folder(struct folder **v, size_t *n, size_t *cap, const char *path, size_t len)
{
	struct folder *nv = array_grow(*v, cap, *n, sizeof(*nv));

	if (!nv)
		return -1;
	*v = nv;
	nv[(*n)++] = (struct folder){ .path = path, .len = len };
	return 0;
}

/* Puts on disk (output_fsync) the folder of each of the n files paths
 * (relative to dir), every folder between it and dir, and dir: a rename
 * or a new folder lasts only once the folder it is in does. Each folder
 * once. 0, or -1 after an error naming the folder. */
static int sync_folders(const char *dir, const char *const *paths, size_t n, struct diag *d)
{
	struct folder *v = NULL;
	struct buf full = BUF_INIT;
	size_t i, nv = 0, cap = 0, last = SIZE_MAX;
	int rc = -1;

	for (i = 0; i < n; i++) {
		const char *p = paths[i], *slash = strrchr(p, '/');
		size_t k = slash ? (size_t)(slash - p) : 0;

		/* A set's files come folder by folder: most add nothing new. */
		if (last != SIZE_MAX && k == last && memcmp(paths[i - 1], p, k) == 0)
			continue;
		last = k;
		if (push_folder(&v, &nv, &cap, p, k) < 0)
			goto oom;
		while (k > 0) {
			while (--k > 0 && p[k] != '/')
				;
			if (push_folder(&v, &nv, &cap, p, k) < 0)
				goto oom;
		}
	}
	if (nv)
		qsort(v, nv, sizeof(*v), folder_cmp);
	for (i = 0; i < nv; i++) {
		if (i > 0 && folder_cmp(&v[i - 1], &v[i]) == 0)
			continue;
		buf_reset(&full);
		if ((v[i].len ? buf_printf(&full, "%s/%.*s", dir, (int)v[i].len, v[i].path)
			      : buf_printf(&full, "%s", dir)) < 0)
			goto oom;
		if (output_fsync(-1, buf_str(&full)) < 0) {
			diag_error(d, NULL, 0, 0, "cannot write %s: %s", buf_str(&full),
				   strerror(errno));
			goto out;
		}
	}
	rc = 0;
	goto out;
oom:
	diag_error(d, NULL, 0, 0, "out of memory");
out:
	free(v);
	buf_free(&full);
	return rc;
}

/* Puts on disk every file written for the set, before any is renamed:
 * once renamed, a power cut cannot leave a name on an empty or partial
 * file. One syncfs(2) of the output folder's file system does for all
 * of them what an fsync each would (a fsync a file costs a 2,000-staff
 * build seconds: the wait on each, not the bytes); then the staging
 * folders, holding complete files. */
static int sync_before_renames(const struct output_set *s, const char *dir, struct diag *d)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc, e;
	size_t i;

	rc = fd < 0 ? -1 : syncfs(fd);
	e = errno;
	if (fd >= 0)
		close(fd);
	if (rc < 0) {
		diag_error(d, NULL, 0, 0, "cannot write %s: %s", dir, strerror(e));
		return -1;
	}
	for (i = 0; i < s->nstages; i++)
		if (output_fsync(-1, s->stages[i]) < 0) {
			diag_error(d, NULL, 0, 0, "cannot write %s: %s", s->stages[i],
				   strerror(errno));
			return -1;
		}
	return 0;
}

/* Finishes the commit an interrupted build left in dir (journal.h). 0
 * (nothing to finish, or finished: a note in d says so); -1 after an
 * error in d, *theirs set when the journal is not one secpolgen wrote
 * (the user's to resolve) rather than a failure to write. */
static int recover(const char *dir, bool *theirs, struct diag *d)
{
	struct journal j = { NULL };
	const char **moved = NULL;
	size_t nmoved = 0;
	int rc = journal_read(&j, dir, d);

	*theirs = rc < 0;
	if (rc <= 0)
		return rc;
	interrupt_defer();
	rc = journal_apply(&j, dir, &moved, &nmoved, d) < 0 ||
	     sync_folders(dir, moved, nmoved, d) < 0 ||
	     journal_remove(dir, d) < 0 ? -1 : 0;
	interrupt_allow();
	if (rc == 0)
		diag_add(d, DIAG_NOTE, NULL, 0, 0,
			 "%s/ held revision %s half written by a build that was stopped; its files are all in place now (%zu moved)",
			 dir, j.revision, nmoved);
	else
		diag_error(d, NULL, 0, 0,
			   "%s/%s: the files of a build that was stopped could not all be put in place; once the cause is fixed, the next build finishes it",
			   dir, JOURNAL_NAME);
	journal_free(&j);
	free(moved);
	return rc;
}

/* Before anything is read or written in dir: made when missing (the
 * made folders remembered in s, for a failed run to remove), locked for
 * the whole run (lock.h), an interrupted commit finished (journal.h),
 * and the staging folders of ended builds removed. 0, or -1 after an
 * error in d (s->write_failed set unless the folder holds what the user
 * must resolve). */
static int open_folder(struct output_set *s, const char *dir, struct diag *d)
{
	struct made_dirs made = { s->made, s->nmade };
	size_t before = s->nmade;
	bool theirs = false;
	int rc = make_dirs(dir, "x", &made, d); /* the folder itself */

	s->made = made.v;
	s->nmade = made.n;
	if (rc == 0 && (rc = lock_take(&s->lock, dir, s->wait, d)) < 0)
		/* Another build has it: the folder is that build's now, even
		 * one this build made, and stays when this one gives up. */
		while (s->nmade > before)
			free(s->made[--s->nmade]);
	if (rc == 0 && (rc = recover(dir, &theirs, d)) == 0)
		remove_stages(s, dir, false);
	if (rc < 0 && !theirs)
		s->write_failed = true;
	return rc;
}

/* The commit itself; before_renames (when set) runs once every
 * temporary file is complete, may stop the commit, and may add the
 * steps that come before the renames to its journal. */
static int commit(struct output_set *s, const char *dir,
		  int (*before_renames)(void *ctx, struct journal *j), void *ctx, struct diag *d)
{
	char **tmp = calloc(s->n ? s->n : 1, sizeof(char *));
	struct made_dirs made = { NULL, 0 };
	struct journal j = { NULL };
	const char **moved = NULL;
	size_t i, nmoved = 0, dlen = strlen(dir);
	bool deferred = false;
	int rc = -1;

	if (!tmp) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	if (s->lock.fd < 0 && open_folder(s, dir, d) < 0)
		goto out;
	/* First every file to a temporary name beside its final one (a
	 * spooled file is there already). */
	for (i = 0; i < s->n; i++) {
		const struct output_file *f = &s->v[i];

		if (f->tmp || f->same)
			continue;
		if (make_dirs(dir, f->path, &made, d) < 0 ||
		    write_temp(dir, f->path, f->data, f->len, &tmp[i], d) < 0)
			goto out;
	}
	/* Every file is on disk; the staging folders too. A set in which
	 * every file is up to date writes nothing, so syncs nothing. */
	for (i = 0; i < s->n && s->v[i].same; i++)
		;
	if ((i < s->n && sync_before_renames(s, dir, d) < 0) ||
	    (before_renames && before_renames(ctx, &j) < 0))
		goto out;
	/* Then the journal of every move, and the moves (journal.h). */
	for (i = 0; i < s->n; i++) {
		const char *t = tmp[i] ? tmp[i] : s->v[i].tmp;

		if (s->v[i].same)
			continue;
		/* Every temporary name is dir's, made above or when spooled. */
		assert(strncmp(t, dir, dlen) == 0 && t[dlen] == '/');
		/* Borrowed: both outlive the journal, which ends here. */
		if (journal_add_borrowed(&j, JOURNAL_RENAME, t + dlen + 1, s->v[i].path) < 0) {
			diag_error(d, NULL, 0, 0, "out of memory");
			goto out;
		}
	}
	if (j.n > 0) {
		if (journal_check(&j, dir, d) < 0)
			goto out;
		/* From here on a signal waits for the commit's end; one that
		 * came before stops it before anything has moved. */
		interrupt_defer();
		deferred = true;
		if (interrupt_error(d) < 0 || journal_write(&j, dir, d) < 0)
			goto out;
		s->journaled = true;
		if (journal_apply(&j, dir, &moved, &nmoved, d) < 0 ||
		    sync_folders(dir, moved, nmoved, d) < 0 ||
		    journal_remove(dir, d) < 0) {
			diag_error(d, NULL, 0, 0,
				   "the new files could not all be put in place in %s/; once the cause is fixed, the next build finishes what this one began",
				   dir);
			goto out;
		}
		s->journaled = false;
	}
	remove_stale(s, dir);
	rc = 0;
out:
	if (deferred)
		interrupt_allow();
	for (i = 0; i < s->n; i++) {
		if (tmp[i] && !s->journaled)
			unlink(tmp[i]);
		free(tmp[i]);
	}
	free(tmp);
	journal_free(&j);
	free(moved);
	/* A failed run leaves no new folder behind (newest first: children
	 * before their parents; a folder some file reached stays). */
	for (i = made.n; i-- > 0;) {
		if (rc < 0 && !s->journaled)
			rmdir(made.v[i]);
		free(made.v[i]);
	}
	free(made.v);
	return rc;
}

/* After a successful commit every spooled file has its final name. */
static void committed(struct output_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].tmp);
		s->v[i].tmp = NULL;
	}
	forget_spool(s, false);
}

int output_commit(struct output_set *s, const char *dir, struct diag *d)
{
	int rc = commit(s, dir, NULL, NULL, d);

	if (rc == 0)
		committed(s);
	return rc;
}

struct keeping {
	const struct output_set *s; /* with the new manifest last */
	const struct output_file **sorted; /* s's files by path */
	const char *dir;
	const struct output_options *o;
	struct history old;
	struct diag *d;
	bool refused;
	size_t removed;      /* files of the same revision no longer made */
	const char *removed_one; /* the first of them */
};

static int file_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct output_file *const *)a)->path,
		      (*(const struct output_file *const *)b)->path);
}

static const struct output_file *find(const struct keeping *k, const char *path)
{
	struct output_file key = { (char *)path, NULL, 0, NULL, 0, false };
	const struct output_file *kp = &key, *const *f;

	f = bsearch(&kp, k->sorted, k->s->n, sizeof(*k->sorted), file_cmp);
	return f ? *f : NULL;
}

/* The files of the new set that are in dir already, hold other bytes,
 * and are not in its manifest: a file of the user's (a first build into a
 * folder with its own index.html), refused unless forced. Each named;
 * how many, or -1 when out of memory. */
static long foreign_files(struct keeping *k)
{
	const char **known = calloc(k->old.n + 1, sizeof(*known));
	struct buf full = BUF_INIT;
	long n = 0;
	size_t i;

	if (!known) {
		diag_error(k->d, NULL, 0, 0, "out of memory");
		return -1;
	}
	for (i = 0; i < k->old.n; i++)
		known[i] = k->old.v[i].path;
	qsort(known, k->old.n, sizeof(*known), path_cmp);
	for (i = 0; i + 1 < k->s->n; i++) { /* the manifest, last, is ours */
		const struct output_file *f = &k->s->v[i];
		struct stat st;
		if (f->same || (k->old.n && bsearch(&f->path, known, k->old.n, sizeof(*known),
						    path_cmp)))
			continue;
		buf_reset(&full);
		if (buf_printf(&full, "%s/%s", k->dir, f->path) < 0) {
			diag_error(k->d, NULL, 0, 0, "out of memory");
			n = -1;
			break;
		}
		if (lstat(buf_str(&full), &st) < 0)
			continue;
		diag_error(k->d, NULL, 0, 0,
			   "%s is not a file secpolgen wrote (it is not in %s/%s); move it away, or build with --force to replace it",
			   buf_str(&full), k->dir, HISTORY_MANIFEST);
		n++;
	}
	buf_free(&full);
	free(known);
	return n;
}

/* Between the temporary files and the renames: nothing edited is lost,
 * and no file of the user's is replaced. */
static int keep_history(void *ctx, struct journal *j)
{
	struct keeping *k = ctx;
	struct buf to = BUF_INIT;
	bool same = k->old.revision && strcmp(k->old.revision, k->o->revision) == 0;
	size_t i, edited = 0;
	long foreign = k->o->force ? 0 : foreign_files(k);

	if (foreign < 0)
		return -1;
	edited += (size_t)foreign;

	for (i = 0; i < k->old.n; i++) {
		const struct output_file *f = find(k, k->old.v[i].path);
		/* A file found the same is not replaced: no edit is lost. */
		if ((f && f->same) || history_untouched(k->dir, &k->old.v[i], f ? &f->hash : NULL))
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
	if (!(j->revision = strdup(k->o->revision)))
		goto oom;
	/* A file of this revision that this build no longer makes (the sheet
	 * of a person who has left) goes: left, it would stand in the folder
	 * beside a set that no longer names it. One edited by hand was
	 * refused above, or, forced, is left as the user's. */
	for (i = 0; same && i < k->old.n; i++) {
		struct stat st;
		if (find(k, k->old.v[i].path) ||
		    !history_untouched(k->dir, &k->old.v[i], NULL))
			continue;
		buf_reset(&to);
		if (buf_printf(&to, "%s/%s", k->dir, k->old.v[i].path) < 0)
			goto oom;
		if (lstat(buf_str(&to), &st) < 0)
			continue;
		/* Borrowed: the old manifest outlives the commit. */
		if (journal_add_borrowed(j, JOURNAL_REMOVE, k->old.v[i].path, NULL) < 0)
			goto oom;
		if (!k->removed++)
			k->removed_one = k->old.v[i].path;
	}
	/* The old files into the archive before new ones take their
	 * names: the journal's first steps. */
	for (i = 0; k->old.revision && !same && i < k->old.n; i++) {
		buf_reset(&to);
		if (buf_printf(&to, "%s/%s/%s", HISTORY_ARCHIVE, k->old.revision,
			       k->old.v[i].path) < 0 ||
		    journal_add(j, JOURNAL_ARCHIVE, k->old.v[i].path, buf_str(&to)) < 0)
			goto oom;
	}
	buf_free(&to);
	return 0;
oom:
	buf_free(&to);
	diag_error(k->d, NULL, 0, 0, "out of memory");
	return -1;
}

int output_commit_revision(struct output_set *s, const char *dir,
			   const struct output_options *o, struct diag *d)
{
	struct keeping k = { NULL, NULL, dir, o, { NULL, NULL, 0 }, d, false, 0, NULL };
	struct output_set all = { .v = NULL };
	const char **paths = calloc(s->n + 1, sizeof(*paths));
	uint64_t *hash = calloc(s->n + 1, sizeof(*hash));
	const struct output_file **sorted = calloc(s->n + 1, sizeof(*sorted));
	struct buf manifest = BUF_INIT;
	struct output_file *m;
	size_t i;
	int rc = -1;

	if (!paths || !hash || !sorted) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	if (s->lock.fd < 0 && open_folder(s, dir, d) < 0) {
		k.refused = !s->write_failed;
		goto out;
	}
	if (history_read(&k.old, dir, d) < 0) {
		k.refused = true;
		goto out;
	}
	/* Files were left as they were for this revision's manifest: one of
	 * another revision means another build has run since. */
	if (s->keep_same && k.old.revision && strcmp(k.old.revision, o->revision) != 0) {
		diag_error(d, NULL, 0, 0, "%s/%s changed during the build; build again", dir,
			   HISTORY_MANIFEST);
		goto out;
	}
	for (i = 0; i < s->n; i++) {
		paths[i] = s->v[i].path;
		hash[i] = s->v[i].hash;
	}
	/* The same files, borrowed, and the manifest renamed last. */
	all.v = calloc(s->n + 1, sizeof(*all.v));
	if (!all.v || history_format(&manifest, o->revision, paths, hash, s->n) < 0) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	memcpy(all.v, s->v, s->n * sizeof(*all.v));
	all.stages = s->stages; /* borrowed too */
	all.nstages = s->nstages;
	m = &all.v[s->n];
	*m = (struct output_file){ (char *)HISTORY_MANIFEST, manifest.data, manifest.len, NULL,
				   history_hash(manifest.data, manifest.len), false };
	m->same = s->keep_same && history_holds(dir, m->path, m->data, m->len);
	all.n = all.cap = s->n + 1;
	for (i = 0; i < all.n; i++)
		sorted[i] = &all.v[i];
	qsort(sorted, all.n, sizeof(*sorted), file_cmp);
	k.s = &all;
	k.sorted = sorted;
	all.lock = s->lock; /* held: commit takes no other */
	rc = commit(&all, dir, keep_history, &k, d);
	s->journaled = all.journaled;
	if (rc == 0)
		committed(s);
	if (rc == 0 && k.removed)
		diag_add(d, DIAG_NOTE, NULL, 0, 0,
			 "%zu file%s of the previous build that this one no longer makes %s removed from %s/ (%s%s)",
			 k.removed, k.removed == 1 ? "" : "s", k.removed == 1 ? "was" : "were", dir,
			 k.removed_one, k.removed == 1 ? "" : ", …");
out:
	if (rc < 0)
		rc = k.refused ? SP_EINPUT : SP_EIO;
	free(all.v);
	free(sorted);
	buf_free(&manifest);
	history_free(&k.old);
	free(paths);
	free(hash);
	return rc;
}
