/* check_build.c - the all-or-nothing writer and the whole pipeline. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd/build.h"
#include "check_suites.h"
#include "ooxml_validate.h"
#include "base/parallel.h"
#include "output/journal.h"
#include "output/lock.h"
#include "output/output.h"

static char tmpdir[256];

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/secpolgen-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *slurp(const char *path)
{
	struct buf b = BUF_INIT;

	if (buf_read_file(&b, path, 1 << 20) < 0)
		return NULL;
	return buf_detach(&b, NULL);
}

static void add(struct output_set *s, const char *path, const char *text, int want)
{
	struct buf b = BUF_INIT;
	struct diag d = DIAG_INIT;

	ck_assert_int_eq(buf_puts(&b, text), 0);
	ck_assert_int_eq(output_add(s, path, &b, &d), want);
	buf_free(&b);
	diag_free(&d);
}

/* A new set in place of *s, the old one freed. */
static void renew(struct output_set **s)
{
	output_free(*s);
	*s = output_set_new();
	ck_assert_ptr_nonnull(*s);
}

START_TEST(test_paths_refused)
{
	static const char *const bad[] = { "../x", "/etc/passwd", "a/../../b", "a//b",
		"a/./b", ".", "..", "", "a/", "a\\b", "a:b", "ja/pol icy.html" };
	struct output_set *s = output_set_new();
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		add(s, bad[i], "x", -1);
	ck_assert_uint_eq(output_count(s), 0);
	add(s, "ja/products/nc-200.html", "x", 0);
	add(s, ".well-known/security.txt", "x", 0);
	ck_assert_uint_eq(output_count(s), 2);
	output_free(s);
}
END_TEST

START_TEST(test_commit_writes_all)
{
	struct output_set *s = output_set_new();
	struct diag d = DIAG_INIT;
	char path[512], *got;

	add(s, "ja/policy.html", "一", 0);
	add(s, "en/policy.html", "one", 0);
	ck_assert_int_eq(output_commit(s, tmpdir, &d), 0);
	snprintf(path, sizeof(path), "%s/ja/policy.html", tmpdir);
	got = slurp(path);
	ck_assert_str_eq(got, "一");
	free(got);
	output_free(s);
	diag_free(&d);
}
END_TEST

static int count_entries(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	while ((e = readdir(dp)))
		n += e->d_name[0] != '.';
	closedir(dp);
	return n;
}

/* An empty file at tmpdir/rel. */
static void touch(const char *rel)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fclose(fp);
}

/* tmpdir/rel holds exactly want. */
static void holds(const char *rel, const char *want)
{
	char path[512], *got;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	got = slurp(path);
	ck_assert_msg(got != NULL, "%s is missing", rel);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_failure_keeps_previous)
{
	struct output_set *s = output_set_new();
	struct diag d = DIAG_INIT;
	char path[512];

	/* Last year's document. */
	add(s, "ja/policy.html", "old", 0);
	ck_assert_int_eq(output_commit(s, tmpdir, &d), 0);
	renew(&s);
	/* A file stands where this run needs a folder: the second file fails. */
	touch("blocked");
	add(s, "ja/policy.html", "new", 0);
	add(s, "blocked/x.html", "new", 0);
	ck_assert_int_eq(output_commit(s, tmpdir, &d), -1);
	ck_assert_uint_eq(d.errors, 1);
	holds("ja/policy.html", "old");
	/* and no temporary file is left beside it */
	snprintf(path, sizeof(path), "%s/ja", tmpdir);
	ck_assert_int_eq(count_entries(path), 1);
	output_free(s);
	diag_free(&d);
}
END_TEST

/* Spooling: files are on disk under temporary names, in a staging folder,
 * as soon as they are added, and take their final names only at the
 * commit; a set given up removes them, the staging folder and the folders
 * it made, so the folder is as it was. */
START_TEST(test_spool)
{
	struct output_set *s = output_set_new();
	struct diag d = DIAG_INIT;
	char path[512], stage[512];

	add(s, "ja/policy.html", "old", 0);
	ck_assert_int_eq(output_commit(s, tmpdir, &d), 0);
	renew(&s);

	/* Given up after two files: nothing new stays. */
	ck_assert_int_eq(output_spool(s, tmpdir, &d), 0);
	add(s, "ja/policy.html", "new", 0);
	add(s, "en/staff/lin.html", "new", 0);
	ck_assert_ptr_nonnull(output_spooled(s, 0));
	ck_assert_int_eq(access(output_spooled(s, 1), F_OK), 0);
	/* In a staging folder of the set's own under tmpdir. */
	ck_assert_ptr_nonnull(strstr(output_spooled(s, 0), "/.secpolgen-stage.tmp"));
	snprintf(stage, sizeof(stage), "%s", output_spooled(s, 0));
	*strrchr(stage, '/') = '\0';
	ck_assert_int_eq(access(stage, F_OK), 0);
	ck_assert_int_eq(count_entries(tmpdir), 2); /* ja, en */
	renew(&s);
	ck_assert_int_eq(count_entries(tmpdir), 1); /* ja */
	ck_assert_int_eq(access(stage, F_OK), -1);  /* the staging folder is gone */
	snprintf(path, sizeof(path), "%s/en", tmpdir);
	ck_assert_int_eq(access(path, F_OK), -1); /* the folder it made is gone */
	holds("ja/policy.html", "old");

	/* Committed: the new bytes, the folders kept, no temporary left. */
	ck_assert_int_eq(output_spool(s, tmpdir, &d), 0);
	add(s, "ja/policy.html", "new", 0);
	add(s, "en/staff/lin.html", "lin", 0);
	ck_assert_int_eq(output_commit(s, tmpdir, &d), 0);
	renew(&s);
	holds("ja/policy.html", "new");
	holds("en/staff/lin.html", "lin");
	snprintf(path, sizeof(path), "%s/ja", tmpdir);
	ck_assert_int_eq(count_entries(path), 1);
	ck_assert_int_eq(access(stage, F_OK), -1); /* nor the new one */

	/* A file where a folder must go fails at once, flagged as a write. */
	touch("blocked");
	ck_assert_int_eq(output_spool(s, tmpdir, &d), 0);
	add(s, "blocked/x.html", "x", -1);
	ck_assert(output_write_failed(s));
	output_free(s);
	diag_free(&d);
}
END_TEST

/* The worker protocol: what a worker's set and diagnostics export, the
 * parent's import takes as its own -- its commit renames the files --
 * and the worker's set no longer holds them. The worker is a fork of
 * the parent, its set the parent's as it was (the folder's lock held by
 * the parent), as in parallel.c. */
/* What the worker holds when it leaves (volatile: stores the compiler
 * must keep, though nothing reads them). */
static void *volatile worker_kept[3];

START_TEST(test_worker_protocol)
{
	struct output_set *s = output_set_new();
	struct diag d = DIAG_INIT;
	struct buf wire = BUF_INIT;
	struct parallel_reader rd;
	char path[512], chunk[4096];
	int fds[2], st;
	pid_t pid;
	ssize_t n;

	ck_assert_int_eq(output_spool(s, tmpdir, &d), 0);
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct diag wd = DIAG_INIT;
		struct output_mark mark;
		struct buf out = BUF_INIT;
		int bad;

		close(fds[0]);
		add(s, "ja/policy.html", "kept", 0); /* before the mark: not sent */
		mark = output_mark(s);
		add(s, "ja/staff/sato.html", "佐藤", 0);
		add(s, "en/policy.html", "one", 0);
		diag_add(&wd, DIAG_ERROR, "old.xml", 1, 1, "sent before");
		diag_add(&wd, DIAG_WARNING, "p.xml", 3, 5, "careful");
		bad = output_export(s, mark, &out) < 0 || diag_export(&wd, 1, &out) < 0 ||
		      output_count(s) != 1 || write(fds[1], out.data, out.len) != (ssize_t)out.len;
		/* A worker leaves by _exit, its memory in use to the end (as
		 * in parallel.c): held here, valgrind sees it so. */
		worker_kept[0] = s;
		worker_kept[1] = wd.v;
		worker_kept[2] = out.data;
		_exit(bad);
	}
	close(fds[1]);
	while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
		ck_assert_int_eq(buf_put(&wire, chunk, (size_t)n), 0);
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	rd = (struct parallel_reader){ .p = wire.data, .end = wire.data + wire.len };
	ck_assert_int_eq(output_import(s, &rd, &d), 0);
	diag_import(&d, &rd);
	ck_assert(parallel_done(&rd));
	ck_assert_uint_eq(output_count(s), 2);
	ck_assert_str_eq(output_path(s, 0), "ja/staff/sato.html");
	ck_assert_str_eq(output_path(s, 1), "en/policy.html");
	ck_assert_ptr_nonnull(output_spooled(s, 0));
	ck_assert_uint_eq(d.n, 1);
	ck_assert_uint_eq(d.warnings, 1);
	ck_assert_str_eq(d.v[0].file, "p.xml");
	ck_assert_int_eq(d.v[0].line, 3);
	ck_assert_int_eq(d.v[0].col, 5);
	ck_assert_str_eq(d.v[0].msg, "careful");

	/* The worker's own file stays in its staging folder, which the
	 * parent removes; the files it sent are committed. */
	ck_assert_int_eq(output_commit(s, tmpdir, &d), 0);
	output_free(s);
	holds("ja/staff/sato.html", "佐藤");
	holds("en/policy.html", "one");
	snprintf(path, sizeof(path), "%s/ja/policy.html", tmpdir);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(count_entries(tmpdir), 2); /* ja and en: no stage, no lock */
	ck_assert_uint_eq(d.errors, 0);
	buf_free(&wire);
	diag_free(&d);
}
END_TEST

/* Writes text to tmpdir/rel. */
static void put(const char *rel, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

/* The journal (output/journal.h): applied twice it does each step once,
 * a new file that took an archived file's name is never archived in its
 * turn, and a file already in the archive is never overwritten; read
 * back it is what was written; one not of ours is refused, located. */
START_TEST(test_journal_replay)
{
	struct journal j = { NULL }, back = { NULL };
	const char **moved = NULL;
	size_t nmoved = 0;
	struct diag d = DIAG_INIT;
	char path[512];

	put("a.html", "old a");
	put("b.html", "old b");
	snprintf(path, sizeof(path), "%s/archive", tmpdir);
	ck_assert_int_eq(mkdir(path, 0777), 0);
	snprintf(path, sizeof(path), "%s/archive/1", tmpdir);
	ck_assert_int_eq(mkdir(path, 0777), 0);
	put("archive/1/b.html", "archived before");
	put("a.html.tmpXXXXXX", "new a");
	j.revision = strdup("2");
	ck_assert_int_eq(journal_add(&j, JOURNAL_ARCHIVE, "a.html", "archive/1/a.html"), 0);
	ck_assert_int_eq(journal_add(&j, JOURNAL_ARCHIVE, "b.html", "archive/1/b.html"), 0);
	ck_assert_int_eq(journal_add(&j, JOURNAL_RENAME, "a.html.tmpXXXXXX", "a.html"), 0);
	ck_assert_int_eq(journal_check(&j, tmpdir, &d), 0);
	ck_assert_int_eq(journal_write(&j, tmpdir, &d), 0);
	ck_assert_int_eq(journal_read(&back, tmpdir, &d), 1);
	ck_assert_uint_eq(back.n, 3);
	ck_assert_str_eq(back.revision, "2");
	ck_assert_str_eq(back.v[2].from, "a.html.tmpXXXXXX");
	ck_assert_int_eq(back.v[2].op, JOURNAL_RENAME);
	ck_assert_int_eq(journal_apply(&back, tmpdir, &moved, &nmoved, &d), 0);
	ck_assert_uint_eq(nmoved, 2);
	ck_assert_str_eq(moved[0], "archive/1/a.html");
	ck_assert_str_eq(moved[1], "a.html");
	free(moved);
	/* Again, as a build killed after the moves would: nothing moves. */
	ck_assert_int_eq(journal_apply(&back, tmpdir, &moved, &nmoved, &d), 0);
	ck_assert_uint_eq(nmoved, 0);
	free(moved);
	holds("a.html", "new a");
	holds("archive/1/a.html", "old a");
	holds("archive/1/b.html", "archived before");
	holds("b.html", "old b");
	ck_assert_int_eq(journal_remove(tmpdir, &d), 0);
	journal_free(&back);
	ck_assert_int_eq(journal_read(&back, tmpdir, &d), 0);
	ck_assert_uint_eq(d.errors, 0);

	/* A file no longer made goes, once; the step read back as written. */
	put("gone.html", "old sheet");
	journal_free(&j);
	j.revision = strdup("2");
	ck_assert_int_eq(journal_add(&j, JOURNAL_REMOVE, "gone.html", NULL), 0);
	ck_assert_int_eq(journal_write(&j, tmpdir, &d), 0);
	journal_free(&back);
	ck_assert_int_eq(journal_read(&back, tmpdir, &d), 1);
	ck_assert_int_eq(back.v[0].op, JOURNAL_REMOVE);
	ck_assert_ptr_null(back.v[0].to);
	ck_assert_int_eq(journal_apply(&back, tmpdir, &moved, &nmoved, &d), 0);
	ck_assert_uint_eq(nmoved, 1);
	free(moved);
	snprintf(path, sizeof(path), "%s/gone.html", tmpdir);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(journal_apply(&back, tmpdir, &moved, &nmoved, &d), 0);
	ck_assert_uint_eq(nmoved, 0);
	free(moved);
	ck_assert_int_eq(journal_remove(tmpdir, &d), 0);
	journal_free(&back);

	/* A journal not of ours: a path out of the folder, or cut short. */
	put(JOURNAL_NAME, "secpolgen journal 1\nrevision 2\nrename x ../../etc/passwd\nend\n");
	ck_assert_int_eq(journal_read(&back, tmpdir, &d), -1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 3);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "not the journal of a build secpolgen interrupted"));
	put(JOURNAL_NAME, "secpolgen journal 1\nrevision 2\nrename a b\n");
	ck_assert_int_eq(journal_read(&back, tmpdir, &d), -1);
	ck_assert_uint_eq(d.errors, 2);
	journal_free(&j);
	journal_free(&back);
	diag_free(&d);
}
END_TEST

/* The folder's lock (output/lock.h): a second taker, another process,
 * is refused after waiting its time, told the holder's pid; the lock
 * leaves nothing in the folder; released, the next one takes it. */
START_TEST(test_lock)
{
	struct output_lock l = OUTPUT_LOCK_INIT;
	struct diag d = DIAG_INIT;
	struct timespec t0, t1;
	pid_t pid;
	int st;

	ck_assert_int_eq(lock_take(&l, tmpdir, 0, &d), 0);
	ck_assert_int_eq(count_entries(tmpdir), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct output_lock l2 = OUTPUT_LOCK_INIT;
		struct diag d2 = DIAG_INIT;
		char pidtext[64];
		int bad = lock_take(&l2, tmpdir, 1, &d2) != -1 || d2.n != 1;

		snprintf(pidtext, sizeof(pidtext), "(pid %ld)", (long)getppid());
		bad = bad || !strstr(d2.v[0].msg, "another secpolgen build is writing into") ||
		      !strstr(d2.v[0].msg, pidtext);
		diag_free(&d2);
		_exit(bad);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert_int_ge(t1.tv_sec - t0.tv_sec + (t1.tv_nsec >= t0.tv_nsec ? 0 : -1), 1);
	lock_release(&l);
	ck_assert_int_eq(lock_take(&l, tmpdir, 0, &d), 0);
	lock_release(&l);
	ck_assert_uint_eq(d.errors, 0);
	diag_free(&d);
}
END_TEST

/* tmpdir/rel's inode, which a replaced file changes. */
static ino_t inode_of(const char *rel)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	ck_assert_msg(lstat(path, &st) == 0, "%s is missing", rel);
	return st.st_ino;
}

/* One rebuild into out/ of files a, b and c with the given bytes. */
static int rebuild(struct output_set *s, const char *revision, bool force, const char *a,
		   const char *b, const char *c, struct diag *d)
{
	struct output_options o = { revision, force };
	char out[512];

	snprintf(out, sizeof(out), "%s/out", tmpdir);
	ck_assert_int_eq(output_spool(s, out, d), 0);
	output_keep_unchanged(s, revision);
	add(s, "ja/a.html", a, 0);
	add(s, "ja/b.html", b, 0);
	add(s, "c.txt", c, 0);
	return output_commit_revision(s, out, &o, d);
}

/* A file already holding its bytes is left as it is (the same inode, no
 * temporary file), a changed one replaced; with nothing changed not even
 * the manifest is rewritten. A link or a pipe where a file was is never
 * read through: it counts as an edit, and --force replaces it with a
 * file, the link's target untouched. A new revision writes every file
 * anew, the old ones archived. */
START_TEST(test_keep_unchanged)
{
	struct output_set *s = output_set_new();
	struct diag d = DIAG_INIT;
	char path[512], outside[512];
	ino_t a0, b0, m0;
	FILE *fp;

	ck_assert_int_eq(rebuild(s, "1", false, "one", "two", "three", &d), 0);
	ck_assert(output_keeps_unchanged(s)); /* no manifest yet */
	ck_assert(!output_same(s, 0) && !output_same(s, 1));
	renew(&s);
	a0 = inode_of("out/ja/a.html");
	b0 = inode_of("out/ja/b.html");

	/* b changed: only b is replaced. */
	ck_assert_int_eq(rebuild(s, "1", false, "one", "TWO", "three", &d), 0);
	ck_assert(output_same(s, 0) && !output_same(s, 1) && output_same(s, 2));
	renew(&s);
	ck_assert(inode_of("out/ja/a.html") == a0);
	ck_assert(inode_of("out/ja/b.html") != b0);
	holds("out/ja/b.html", "TWO");
	m0 = inode_of("out/.secpolgen-manifest");

	/* Nothing changed: nothing is written, the manifest included. */
	ck_assert_int_eq(rebuild(s, "1", false, "one", "TWO", "three", &d), 0);
	ck_assert(output_same(s, 0) && output_same(s, 1) && output_same(s, 2));
	renew(&s);
	ck_assert(inode_of("out/.secpolgen-manifest") == m0);
	snprintf(path, sizeof(path), "%s/out/ja", tmpdir);
	ck_assert_int_eq(count_entries(path), 2);
	ck_assert_uint_eq(d.errors, 0);

	/* a a link to a file outside holding the same bytes, c a pipe. */
	snprintf(outside, sizeof(outside), "%s/outside", tmpdir);
	fp = fopen(outside, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("one", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/out/ja/a.html", tmpdir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(symlink(outside, path), 0);
	snprintf(path, sizeof(path), "%s/out/c.txt", tmpdir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(mkfifo(path, 0644), 0);
	ck_assert_int_eq(rebuild(s, "1", false, "one", "TWO", "three", &d), SP_EINPUT);
	ck_assert(!output_same(s, 0) && output_same(s, 1) && !output_same(s, 2));
	ck_assert_uint_eq(d.errors, 2); /* a and c named */
	renew(&s);
	ck_assert_int_eq(rebuild(s, "1", true, "one", "TWO", "three", &d), 0);
	renew(&s);
	holds("out/ja/a.html", "one");
	holds("out/c.txt", "three");
	snprintf(path, sizeof(path), "%s/out/ja/a.html", tmpdir);
	{
		struct stat st;
		ck_assert_int_eq(lstat(path, &st), 0);
		ck_assert(S_ISREG(st.st_mode));
		ck_assert_int_eq(lstat(outside, &st), 0);
		ck_assert(S_ISREG(st.st_mode));
	}
	holds("outside", "one");

	/* A new revision: every file anew, revision 1's in the archive. */
	a0 = inode_of("out/ja/a.html");
	ck_assert_int_eq(rebuild(s, "2", false, "one", "TWO", "three", &d), 0);
	ck_assert(!output_keeps_unchanged(s) && !output_same(s, 0));
	output_free(s);
	ck_assert(inode_of("out/ja/a.html") != a0);
	holds("out/ja/a.html", "one");
	holds("out/archive/1/ja/a.html", "one");
	diag_free(&d);
}
END_TEST

static char *slurp_n(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;

	if (buf_read_file(&b, path, 64u << 20) < 0)
		return NULL;
	return buf_detach(&b, len);
}

/* The times needle occurs in s. */
static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (; (s = strstr(s, needle)); s += strlen(needle))
		n++;
	return n;
}

/* out/index.html, in the first language, links every document written
 * (paths, a line each) relative to out/: the title and "HTML" to its
 * HTML file, "DOCX" to its Word file, typed as one so that a browser
 * offers it for download. */
static void check_index(const char *paths)
{
	char path[512], want[512];
	char *html;
	size_t docs = 0;
	const char *p, *nl;

	snprintf(path, sizeof(path), "%s/index.html", tmpdir);
	html = slurp(path);
	ck_assert_ptr_nonnull(html);
	ck_assert_ptr_nonnull(strstr(html, "<html lang=\"ja\">"));
	for (p = paths; (nl = strchr(p, '\n')); p = nl + 1) {
		int n = (int)(nl - p) - 5;
		if (n <= 0 || strncmp(p + n, ".html", 5) != 0 || strncmp(p, "index.html\n", 11) == 0)
			continue;
		snprintf(want, sizeof(want), "<a href=\"%.*s.html\">", n, p);
		ck_assert_msg(count(html, want) == 2, "%s: %.*s.html not linked twice", path, n, p);
		snprintf(want, sizeof(want),
			 "<a href=\"%.*s.docx\" type=\"application/"
			 "vnd.openxmlformats-officedocument.wordprocessingml.document\">DOCX</a>",
			 n, p);
		ck_assert_msg(count(html, want) == 1, "%s: %.*s.docx not linked", path, n, p);
		docs++;
	}
	ck_assert_uint_gt(docs, 40);
	/* and besides, the contents: a link to each language's part and to
	 * its register of requirements, which links its CSV. */
	ck_assert_uint_eq(count(html, "<a href=\"#"), 4);
	ck_assert_uint_eq(count(html, "<a href=\"ja/register.csv\">"), 1);
	ck_assert_uint_eq(count(html, "<a href=\"en/register.csv\">"), 1);
	ck_assert_uint_eq(count(html, "<a href=\""), 3 * docs + 6);
	/* Each part in its language, each row named by its document. */
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"lang-ja\" lang=\"ja\">"));
	ck_assert_ptr_nonnull(strstr(html, "<section id=\"lang-en\" lang=\"en\">"));
	/* and each row of the registers, as many as their CSV files have. */
	{
		size_t rows = 0;
		const char *const csv[] = { "ja", "en" };
		for (size_t l = 0; l < 2; l++) {
			char *text;
			snprintf(path, sizeof(path), "%s/%s/register.csv", tmpdir, csv[l]);
			text = slurp(path);
			ck_assert_ptr_nonnull(text);
			rows += count(text, "\r\n") - 1;
			free(text);
		}
		ck_assert_uint_gt(rows, 100);
		ck_assert_uint_eq(count(html, "<th scope=\"row\">"), docs + rows);
	}
	free(html);
}

struct tally {
	size_t changed, same;
	struct buf paths; /* each file written, a line each */
};

static void count_written(void *ctx, const char *path, bool changed)
{
	struct tally *t = ctx;

	ck_assert_int_eq(buf_printf(&t->paths, "%s\n", path), 0);
	if (changed)
		t->changed++;
	else
		t->same++;
}

/* output_fsync: a file by its descriptor, a folder by its name; what
 * cannot be put on disk (a pipe, a FIFO, nothing) is an error with errno. */
START_TEST(test_fsync)
{
	char path[512];
	int fd, p[2];

	snprintf(path, sizeof(path), "%s/f", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "x", 1), 1);
	ck_assert_int_eq(output_fsync(fd, NULL), 0);
	ck_assert_int_eq(close(fd), 0);
	ck_assert_int_eq(output_fsync(-1, tmpdir), 0);
	ck_assert_int_eq(output_fsync(-1, path), 0);

	ck_assert_int_eq(pipe(p), 0);
	errno = 0;
	ck_assert_int_eq(output_fsync(p[1], NULL), -1);
	ck_assert_int_eq(errno, EINVAL);
	close(p[0]);
	close(p[1]);
	snprintf(path, sizeof(path), "%s/fifo", tmpdir);
	ck_assert_int_eq(mkfifo(path, 0644), 0);
	errno = 0;
	ck_assert_int_eq(output_fsync(-1, path), -1);
	ck_assert_int_eq(errno, EINVAL);
	snprintf(path, sizeof(path), "%s/missing", tmpdir);
	errno = 0;
	ck_assert_int_eq(output_fsync(-1, path), -1);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

/* A staging folder that cannot be put on disk before the renames (here a
 * FIFO in its place: fsync says EINVAL, as a failing disk says EIO) fails
 * the commit as a write does, naming it, and publishes nothing. */
START_TEST(test_fsync_failure_publishes_nothing)
{
	struct output_set *s = output_set_new();
	struct diag d = DIAG_INIT;
	char stage[512], moved[600], path[512];

	add(s, "ja/policy.html", "old", 0);
	ck_assert_int_eq(output_commit(s, tmpdir, &d), 0);
	renew(&s);
	ck_assert_int_eq(output_spool(s, tmpdir, &d), 0);
	add(s, "ja/policy.html", "new", 0);
	add(s, "en/policy.html", "new", 0);
	snprintf(stage, sizeof(stage), "%s", output_spooled(s, 0));
	*strrchr(stage, '/') = '\0';
	snprintf(moved, sizeof(moved), "%s.moved", stage);
	ck_assert_int_eq(rename(stage, moved), 0);
	ck_assert_int_eq(mkfifo(stage, 0644), 0);
	ck_assert_int_eq(output_commit(s, tmpdir, &d), -1);
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "cannot write "));
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, strerror(EINVAL)));
	holds("ja/policy.html", "old");
	snprintf(path, sizeof(path), "%s/en/policy.html", tmpdir);
	ck_assert_int_eq(access(path, F_OK), -1);
	output_free(s);
	diag_free(&d);
}
END_TEST

/* The whole pipeline on the example: every DOCX it writes validates
 * against the OOXML schemas, part by part, and the HTML declares its
 * language; built again, nothing is rewritten. */
START_TEST(test_example_documents_validate)
{
	char ja[] = "ja", en[] = "en";
	char *langs[] = { ja, en };
	struct tally first = { 0, 0, BUF_INIT }, again = { 0, 0, BUF_INIT };
	struct build_options o = { .profile = test_path("examples/profile.xml"),
				   .out_dir = tmpdir, .datadir = TEST_SRCDIR,
				   .langs = { .v = langs, .n = 2 }, .html = 1, .docx = 1,
				   .written = count_written, .written_ctx = &first, .jobs = 2 };
	struct diag d = DIAG_INIT;
	char path[512], err[2048];
	size_t i, len;

	ck_assert_int_eq(build_run(&o, &d), SP_OK);
	ck_assert_uint_eq(d.errors, 0);
	ck_assert_uint_gt(first.changed, 90);
	ck_assert_uint_eq(first.same, 0);
	/* Built again, by the same workers: every file found the same. */
	o.written_ctx = &again;
	ck_assert_int_eq(build_run(&o, &d), SP_OK);
	ck_assert_uint_eq(again.changed, 0);
	ck_assert_uint_eq(again.same, first.changed);
	for (i = 0; i < 2; i++) {
		char *bytes;
		snprintf(path, sizeof(path), "%s/%s/policy.docx", tmpdir, langs[i]);
		bytes = slurp_n(path, &len);
		ck_assert_ptr_nonnull(bytes);
		ck_assert_msg(ooxml_validate_docx(bytes, len, err, sizeof(err)) == 0,
			      "%s: %s", path, err);
		free(bytes);
		snprintf(path, sizeof(path), "%s/%s/policy.html", tmpdir, langs[i]);
		bytes = slurp_n(path, &len);
		ck_assert_ptr_nonnull(bytes);
		snprintf(err, sizeof(err), "<html lang=\"%s\">", langs[i]);
		ck_assert_ptr_nonnull(strstr(bytes, err));
		free(bytes);
	}
	check_index(first.paths.data);
	buf_free(&first.paths);
	buf_free(&again.paths);
	diag_free(&d);
}
END_TEST

Suite *build_suite(void)
{
	Suite *s = suite_create("build");
	TCase *tc = tcase_create("output");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_paths_refused);
	tcase_add_test(tc, test_commit_writes_all);
	tcase_add_test(tc, test_failure_keeps_previous);
	tcase_add_test(tc, test_spool);
	tcase_add_test(tc, test_worker_protocol);
	tcase_add_test(tc, test_journal_replay);
	tcase_add_test(tc, test_lock);
	tcase_add_test(tc, test_keep_unchanged);
	tcase_add_test(tc, test_fsync);
	tcase_add_test(tc, test_fsync_failure_publishes_nothing);
	tcase_add_test(tc, test_example_documents_validate);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
