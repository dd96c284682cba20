/* journal.c - the commit's journal (journal.h). */
#include "output/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "base/buf.h"
#include "output/history.h"
#include "output/output.h"

#define JOURNAL_MAX ((size_t)64 * 1024 * 1024)

static const char *const op_names[] = { [JOURNAL_ARCHIVE] = "archive",
					[JOURNAL_REMOVE] = "remove",
					[JOURNAL_RENAME] = "rename" };

static int add(struct journal *j, enum journal_op op, const char *from, const char *to,
	       bool owned)
{
	struct journal_step *v = array_grow(j->v, &j->cap, j->n, sizeof(*v));

	if (!v)
		return -1;
	j->v = v;
	v[j->n] = (struct journal_step){ op, from, to, owned };
	j->n++;
	return 0;
}

int journal_add(struct journal *j, enum journal_op op, const char *from, const char *to)
{
	char *f = strdup(from), *t = to ? strdup(to) : NULL;

	if (!f || (to && !t) || add(j, op, f, t, true) < 0) {
		free(f);
		free(t);
		return -1;
	}
	return 0;
}

int journal_add_borrowed(struct journal *j, enum journal_op op, const char *from,
			 const char *to)
{
	return add(j, op, from, to, false);
}

void journal_free(struct journal *j)
{
	size_t i;

	for (i = 0; i < j->n; i++)
		if (j->v[i].owned) {
			free((char *)j->v[i].from);
			free((char *)j->v[i].to);
		}
	free(j->v);
	free(j->revision);
	memset(j, 0, sizeof(*j));
}

/* dir/rel into b. 0, or -1 when out of memory (error in d). */
static int full_path(struct buf *b, const char *dir, const char *rel, struct diag *d)
{
	buf_reset(b);
	if (buf_printf(b, "%s/%s", dir, rel) < 0) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	return 0;
}

int journal_check(const struct journal *j, const char *dir, struct diag *d)
{
	struct buf b = BUF_INIT;
	size_t i, inside = strlen(dir) + 1;
	int rc = 0;

	for (i = 0; rc == 0 && i < j->n; i++)
		rc = full_path(&b, dir, j->v[i].from, d) < 0 ||
		     history_parents(b.data, inside, false, d) < 0 ||
		     (j->v[i].to && (full_path(&b, dir, j->v[i].to, d) < 0 ||
				     history_parents(b.data, inside, false, d) < 0)) ? -1 : 0;
	buf_free(&b);
	return rc;
}

int journal_write(const struct journal *j, const char *dir, struct diag *d)
{
	struct buf text = BUF_INIT, tmp = BUF_INIT, final = BUF_INIT;
	size_t i;
	int fd = -1, rc = -1, e;

	if (buf_printf(&text, "secpolgen journal 1\nrevision %s\n",
		       j->revision ? j->revision : "-") < 0)
		goto oom;
	for (i = 0; i < j->n; i++)
		if ((j->v[i].to ? buf_printf(&text, "%s %s %s\n", op_names[j->v[i].op],
					     j->v[i].from, j->v[i].to)
				: buf_printf(&text, "%s %s\n", op_names[j->v[i].op], j->v[i].from)) < 0)
			goto oom;
	if (buf_printf(&text, "end\n") < 0 ||
	    buf_printf(&tmp, "%s/%s.tmp", dir, JOURNAL_NAME) < 0 ||
	    buf_printf(&final, "%s/%s", dir, JOURNAL_NAME) < 0)
		goto oom;
	unlink(buf_str(&tmp)); /* a killed run's, never complete */
	fd = open(buf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 || output_write_all(fd, text.data, text.len) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(buf_str(&tmp), buf_str(&final)) < 0 || output_fsync(-1, dir) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(buf_str(&tmp));
	diag_error(d, NULL, 0, 0, "cannot write %s: %s", buf_str(&final), strerror(e));
	goto out;
oom:
	diag_error(d, NULL, 0, 0, "out of memory");
out:
	buf_free(&text);
	buf_free(&tmp);
	buf_free(&final);
	return rc;
}

/* One line of a journal: "<op> <from> <to>". 0, or -1 when it is not. */
static int parse_step(struct journal *j, char *line, bool *oom)
{
	char *from = strchr(line, ' '), *to = NULL;
	int op;

	if (!from)
		return -1;
	*from++ = '\0';
	for (op = 0; op < (int)(sizeof(op_names) / sizeof(op_names[0])); op++)
		if (strcmp(line, op_names[op]) == 0)
			break;
	if (op == (int)(sizeof(op_names) / sizeof(op_names[0])))
		return -1;
	/* "remove FROM"; the others "<op> FROM TO". */
	if (op != JOURNAL_REMOVE) {
		if (!(to = strchr(from, ' ')))
			return -1;
		*to++ = '\0';
		if (!history_path_ok(to) || strcmp(from, to) == 0)
			return -1;
	}
	if (!history_path_ok(from))
		return -1;
	if (journal_add(j, (enum journal_op)op, from, to) < 0) {
		*oom = true;
		return -1;
	}
	return 0;
}

int journal_read(struct journal *j, const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	char *line, *next;
	long lineno = 0;
	bool ended = false, oom = false;
	int rc = -1;

	memset(j, 0, sizeof(*j));
	if (buf_printf(&path, "%s/%s", dir, JOURNAL_NAME) < 0)
		goto oom;
	rc = history_read_file(buf_str(&path), &text, JOURNAL_MAX);
	if (rc < 0) {
		if (rc == -1 && errno == ENOENT) {
			rc = 0;
			goto out;
		}
		diag_error(d, buf_str(&path), 0, 0, "cannot read the journal of an interrupted build: %s",
			   rc == HISTORY_NOT_REGULAR ? "not a regular file"
			   : errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
		rc = -1;
		goto out;
	}
	rc = -1;
	for (line = text.data; line && *line; line = next) {
		next = strchr(line, '\n');
		if (!next) /* a journal is written whole, its last line ended */
			goto bad;
		*next++ = '\0';
		lineno++;
		if (ended)
			goto bad;
		if (lineno == 1) {
			if (strcmp(line, "secpolgen journal 1") != 0)
				goto bad;
		} else if (lineno == 2) {
			if (strncmp(line, "revision ", 9) != 0 || !(j->revision = strdup(line + 9)))
				goto bad;
		} else if (strcmp(line, "end") == 0) {
			ended = true;
		} else if (parse_step(j, line, &oom) < 0) {
			if (oom)
				goto oom;
			goto bad;
		}
	}
	if (!ended)
		goto bad;
	rc = 1;
	goto out;
bad:
	diag_error(d, buf_str(&path), lineno ? lineno : 1, 0,
		   "this is not the journal of a build secpolgen interrupted; move it away to build here");
	goto out;
oom:
	diag_error(d, NULL, 0, 0, "out of memory");
out:
	if (rc < 0)
		journal_free(j);
	buf_free(&path);
	buf_free(&text);
	return rc;
}

static int push_moved(const char ***moved, size_t *n, size_t *cap, const char *path,
		      struct diag *d)
{
	const char **v = array_grow(*moved, cap, *n, sizeof(*v));

	if (!v) {
		diag_error(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	*moved = v;
	v[(*n)++] = path;
	return 0;
}

int journal_apply(const struct journal *j, const char *dir, const char ***moved,
		  size_t *nmoved, struct diag *d)
{
	struct buf from = BUF_INIT, to = BUF_INIT;
	size_t i, inside = strlen(dir) + 1, cap = 0;
	struct stat st;
	int rc = -1;

	*moved = NULL;
	*nmoved = 0;
	for (i = 0; i < j->n; i++) {
		const struct journal_step *s = &j->v[i];

		if (full_path(&from, dir, s->from, d) < 0 ||
		    full_path(&to, dir, s->to ? s->to : s->from, d) < 0)
			goto out;
		/* Never through a link, whoever wrote the journal. */
		if (history_parents(from.data, inside, false, d) < 0 ||
		    history_parents(to.data, inside, false, d) < 0)
			goto out;
		if (lstat(buf_str(&from), &st) < 0) {
			if (errno == ENOENT)
				continue; /* done before */
			diag_error(d, NULL, 0, 0, "cannot read %s: %s", buf_str(&from), strerror(errno));
			goto out;
		}
		if (s->op == JOURNAL_REMOVE) {
			/* A link goes, not what it names; a folder is not ours. */
			if (unlink(buf_str(&from)) < 0) {
				diag_error(d, NULL, 0, 0, "cannot remove %s: %s", buf_str(&from),
					   strerror(errno));
				goto out;
			}
			if (push_moved(moved, nmoved, &cap, s->from, d) < 0)
				goto out;
			continue;
		}
		if (s->op == JOURNAL_ARCHIVE && lstat(buf_str(&to), &st) == 0)
			continue; /* archived before: never overwritten */
		if (history_parents(to.data, inside, true, d) < 0)
			goto out;
		if (rename(buf_str(&from), buf_str(&to)) < 0) {
			diag_error(d, NULL, 0, 0, "cannot %s %s: %s",
				   s->op == JOURNAL_ARCHIVE ? "move into the archive" : "replace",
				   s->op == JOURNAL_ARCHIVE ? buf_str(&from) : buf_str(&to),
				   strerror(errno));
			goto out;
		}
		if (push_moved(moved, nmoved, &cap, s->to, d) < 0)
			goto out;
	}
	rc = 0;
out:
	buf_free(&from);
	buf_free(&to);
	return rc;
}

int journal_remove(const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	int rc = -1;

	if (buf_printf(&path, "%s/%s", dir, JOURNAL_NAME) < 0) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	if ((unlink(buf_str(&path)) < 0 && errno != ENOENT) || output_fsync(-1, dir) < 0) {
		diag_error(d, NULL, 0, 0, "cannot remove %s: %s", buf_str(&path), strerror(errno));
		goto out;
	}
	rc = 0;
out:
	buf_free(&path);
	return rc;
}
