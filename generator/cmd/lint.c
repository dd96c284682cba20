/* lint.c - the locale lint (run by make check). */
#include "cmd/lint.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/xmlutil.h"
#include "cmd/build.h"
#include "model/catalog.h"
#include "cmd/diff.h"
#include "cmd/init.h"
#include "l10n/l10n.h"
#include "l10n/messages.h"
#include "l10n/register.h"
#include "l10n/terms.h"
#include "template/mustache.h"

#define SOURCE_LANG "en"

/* A growable, sortable list of strings. */
struct names {
	char **v;
	size_t n, cap;
	int oom;
};

static void names_add(void *ctx, const char *s)
{
	struct names *l = ctx;
	char **v = array_grow(l->v, &l->cap, l->n, sizeof(*v));

	if (!v) {
		l->oom = 1;
		return;
	}
	l->v = v;
	if (!(l->v[l->n] = strdup(s))) {
		l->oom = 1;
		return;
	}
	l->n++;
}

static void names_free(struct names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_sort(struct names *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(char *), cmp_str);
}

static int names_has(const struct names *l, const char *s)
{
	return l->n && bsearch(&s, l->v, l->n, sizeof(char *), cmp_str) != NULL;
}

/* Adds s to a sorted list unless it is there already (a build looks up
 * the same few thousand ids again and again). */
static void names_add_once(struct names *l, const char *s)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(l->v[mid], s);
		if (c == 0)
			return;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	names_add(l, s);
	if (l->n && strcmp(l->v[l->n - 1], s) == 0 && lo < l->n - 1) {
		char *last = l->v[l->n - 1];
		memmove(l->v + lo + 1, l->v + lo, (l->n - 1 - lo) * sizeof(char *));
		l->v[lo] = last;
	}
}

static int dir_exists(const char *dir)
{
	DIR *dp = opendir(dir);

	if (!dp)
		return 0;
	closedir(dp);
	return 1;
}

/* The sorted file names in dir that end in suffix. */
static int list_dir(const char *dir, const char *suffix, struct names *out,
		    struct diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t sl = strlen(suffix);

	if (!dp) {
		diag_error(d, dir, 0, 0, "cannot open the folder");
		return -1;
	}
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		if (n > sl && strcmp(e->d_name + n - sl, suffix) == 0)
			names_add(out, e->d_name);
	}
	closedir(dp);
	names_sort(out);
	return out->oom ? -1 : 0;
}

/* Adds the name of a partial tag ("{{>name}}", as mustache_list_tags
 * writes it) and ignores every other tag. */
static void partial_add(void *ctx, const char *tag)
{
	struct names *l = ctx;
	size_t n = strlen(tag);
	char *name;

	if (strncmp(tag, "{{>", 3) != 0 || n < 5)
		return;
	if (!(name = strndup(tag + 3, n - 5))) {
		l->oom = 1;
		return;
	}
	names_add(l, name);
	free(name);
}

/* The {{…}} tags of a message, as the Mustache parser reads them, sorted
 * and joined by spaces: the same in every language, whatever the word
 * order. NULL when out of memory or after a syntax error (added to d). */
static char *tag_set(const char *s, const char *where, struct diag *d)
{
	struct names tags = { 0 };
	struct buf b = BUF_INIT;
	char *out = NULL;
	size_t i;

	if (mustache_list_tags(s, strlen(s), where, names_add, &tags, d) < 0 || tags.oom)
		goto out;
	names_sort(&tags);
	for (i = 0; i < tags.n; i++)
		if ((i && buf_putc(&b, ' ') < 0) || buf_puts(&b, tags.v[i]) < 0)
			goto out;
	out = buf_detach(&b, NULL);
out:
	buf_free(&b);
	names_free(&tags);
	return out;
}

static int check_translation(const struct messages *en, const struct messages *tr,
			     struct diag *d)
{
	struct names en_ids = { 0 }, tr_ids = { 0 };
	size_t i, j;
	int rc = 0;

	for (i = 0; i < messages_count(en); i++)
		names_add(&en_ids, messages_id_at(en, i));
	for (i = 0; i < messages_count(tr); i++)
		names_add(&tr_ids, messages_id_at(tr, i));
	names_sort(&en_ids);
	names_sort(&tr_ids);
	for (i = 0; i < messages_count(en); i++)
		if (!names_has(&tr_ids, messages_id_at(en, i))) {
			diag_error(d, messages_path(tr), 0, 0,
				   "message \"%s\" is missing (it is in %s, line %ld)",
				   messages_id_at(en, i), messages_path(en),
				   messages_line_at(en, i));
			rc = -1;
		}
	for (i = 0; i < messages_count(tr); i++) {
		const char *id = messages_id_at(tr, i);
		const char *src;
		char *a, *b;
		if (!names_has(&en_ids, id)) {
			diag_error(d, messages_path(tr), messages_line_at(tr, i), 0,
				   "message \"%s\" is not in %s (unknown id)", id,
				   messages_path(en));
			rc = -1;
			continue;
		}
		src = messages_raw(en, id);
		for (j = 0; j < messages_count(en); j++)
			if (strcmp(messages_id_at(en, j), id) == 0)
				break;
		if (strcmp(messages_source_at(tr, i), src) != 0) {
			diag_error(d, messages_path(tr), messages_line_at(tr, i), 0,
				   "message \"%s\" is stale: its <source> differs from the English text (%s:%ld); translate the new text and copy it into <source>",
				   id, messages_path(en), messages_line_at(en, j));
			rc = -1;
		}
		a = tag_set(src, messages_path(en), d);
		b = tag_set(messages_text_at(tr, i), messages_path(tr), d);
		if (!a || !b) {
			diag_error(d, messages_path(tr), 0, 0, "out of memory");
			rc = -1;
		} else if (strcmp(a, b) != 0) {
			diag_error(d, messages_path(tr), messages_line_at(tr, i), 0,
				   "message \"%s\" has the tags %s but English has %s",
				   id, b[0] ? b : "(none)", a[0] ? a : "(none)");
			rc = -1;
		}
		free(a);
		free(b);
	}
	names_free(&en_ids);
	names_free(&tr_ids);
	return rc;
}

/* What the runs over the test profiles looked up: the ids a catalogue
 * had, and those none had. */
struct lookups {
	struct names used, missed;
};

static void record_lookup(void *ctx, const char *id, bool found)
{
	struct lookups *r = ctx;

	names_add_once(found ? &r->used : &r->missed, id);
}

/* Where the runs' inputs are, under the data folder: a source tree (an
 * installed one has only the example). Each is every .xml of the folder. */
static const char *const profile_dirs[] = { "examples", "tests/profiles", "tests/e2e",
					    "tests/e2e/raci", "tests/diff", NULL };

/* The languages and paths of one lint's runs. */
struct runs {
	const char *datadir;
	struct strlist langs; /* every locale's language */
	struct names profiles; /* paths of every input profile */
};

/* Every document of profile in every language, and check's report in
 * every language and form on each day; the diagnostics (of the hostile
 * profiles) are of no interest here. HTML only: the Word renderer looks
 * nothing up (its words come with the document tree), and leaving it out
 * makes the lint several times faster. */
static void run_profile(const struct runs *rs, const char *profile)
{
	struct build_options o = { .profile = profile, .datadir = rs->datadir,
				   .langs = rs->langs, .html = 1 };
	struct diag quiet = DIAG_INIT;
	struct buf out = BUF_INIT;
	size_t l;
	int html;

	build_try(&o, &quiet);
	for (l = 0; l < rs->langs.n; l++)
		for (html = 0; html <= 1; html++) {
			build_report(profile, NULL, NULL, rs->datadir, rs->langs.v[l], html, 0, &out, &quiet);
			buf_reset(&out);
		}
	buf_free(&out);
	diag_free(&quiet);
}

/* diff from a to b in every language and format. */
static void run_diff(const struct runs *rs, const char *a, const char *b)
{
	static const enum diff_format formats[] = { DIFF_TEXT, DIFF_REVISION };
	struct diag quiet = DIAG_INIT;
	struct buf out = BUF_INIT;
	size_t l, f;

	for (l = 0; l < rs->langs.n; l++)
		for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			diff_run(a, b, rs->datadir, rs->langs.v[l], formats[f], &out, &quiet);
			buf_reset(&out);
		}
	buf_free(&out);
	diag_free(&quiet);
}

/* init answered from the file answers in language lang, into output (made
 * when it does not exist yet, and removed again); interactive, as at a
 * terminal, a bad answer is asked again. */
static void run_init(const char *datadir, const char *lang, const char *answers,
		     const char *output, bool interactive)
{
	struct diag quiet = DIAG_INIT;
	struct init_options o = { .datadir = datadir, .lang = lang,
				  .interactive = interactive, .output = output };
	int existed = access(output, F_OK) == 0;

	o.in = fopen(answers, "r");
	o.out = fopen("/dev/null", "w");
	if (o.in && o.out && init_run(&o, &quiet) == 0 && !existed)
		remove(output);
	if (o.in)
		fclose(o.in);
	if (o.out)
		fclose(o.out);
	diag_free(&quiet);
}

/* Makes an empty file at path. 0, or -1. */
static int touch(const char *path)
{
	FILE *f = fopen(path, "w");

	return f && fclose(f) == 0 ? 0 : -1;
}

/* init over each tests/init/<lang>*.answers in its language: at a terminal
 * and not, over an existing file and into a folder that is not there; and
 * with no answers at all. */
static int run_inits(const struct runs *rs, struct diag *d)
{
	char dir[] = "/tmp/secpolgen-lint.XXXXXX";
	struct names files = { 0 };
	struct buf path = BUF_INIT, out = BUF_INIT, absent = BUF_INIT;
	size_t i, l;
	int rc = -1;

	if (buf_printf(&path, "%s/tests/init", rs->datadir) < 0 ||
	    list_dir(buf_str(&path), ".answers", &files, d) < 0)
		goto out;
	if (!mkdtemp(dir)) {
		diag_error(d, dir, 0, 0, "cannot make a scratch folder for init");
		goto out;
	}
	if (buf_printf(&out, "%s/profile.xml", dir) < 0 ||
	    buf_printf(&absent, "%s/absent/profile.xml", dir) < 0)
		goto out_dir;
	for (i = 0; i < files.n; i++)
		for (l = 0; l < rs->langs.n; l++) {
			size_t n = strlen(rs->langs.v[l]);
			if (strncmp(files.v[i], rs->langs.v[l], n) != 0 ||
			    (files.v[i][n] != '.' && files.v[i][n] != '-'))
				continue;
			buf_reset(&path);
			if (buf_printf(&path, "%s/tests/init/%s", rs->datadir, files.v[i]) < 0)
				goto out_dir;
			run_init(rs->datadir, rs->langs.v[l], buf_str(&path), buf_str(&out), true);
			run_init(rs->datadir, rs->langs.v[l], buf_str(&path), buf_str(&out), false);
			run_init(rs->datadir, rs->langs.v[l], buf_str(&path), buf_str(&absent), true);
			if (touch(buf_str(&out)) == 0) {
				run_init(rs->datadir, rs->langs.v[l], buf_str(&path), buf_str(&out), true);
				remove(buf_str(&out));
			}
		}
	for (l = 0; l < rs->langs.n; l++)
		run_init(rs->datadir, rs->langs.v[l], "/dev/null", buf_str(&out), true);
	rc = 0;
out_dir:
	rmdir(dir);
out:
	names_free(&files);
	buf_free(&path);
	buf_free(&out);
	buf_free(&absent);
	return rc;
}

/* Adds the path of every .xml in each of profile_dirs to rs->profiles,
 * the example first. 0; 1 when the data folder has no test profiles (an
 * installed one); -1 after an error. */
static int collect_profiles(struct runs *rs, struct diag *d)
{
	struct buf path = BUF_INIT;
	size_t i, k;
	int rc = -1;

	if (buf_printf(&path, "%s/tests/profiles", rs->datadir) < 0)
		goto out;
	if (!dir_exists(buf_str(&path))) {
		rc = 1;
		goto out;
	}
	for (i = 0; profile_dirs[i]; i++) {
		struct names files = { 0 };
		buf_reset(&path);
		if (buf_printf(&path, "%s/%s", rs->datadir, profile_dirs[i]) < 0 ||
		    list_dir(buf_str(&path), ".xml", &files, d) < 0) {
			names_free(&files);
			goto out;
		}
		for (k = 0; k < files.n; k++) {
			buf_reset(&path);
			if (buf_printf(&path, "%s/%s/%s", rs->datadir, profile_dirs[i],
				       files.v[k]) == 0)
				names_add(&rs->profiles, buf_str(&path));
		}
		names_free(&files);
	}
	/* The cases of check's findings about records, and of rare
	 * advisories: a folder each, with its profile.xml and records/ or
	 * advisories/ (tests/records/make-fixtures.py,
	 * tests/advisories/make-fixtures.py). */
	for (i = 0; i < 2; i++) {
		static const char *const kinds[] = { "records", "advisories" };
		DIR *dp;
		struct dirent *e;
		struct names cases = { 0 };
		buf_reset(&path);
		if (buf_printf(&path, "%s/tests/%s", rs->datadir, kinds[i]) < 0)
			goto out;
		if ((dp = opendir(buf_str(&path)))) {
			while ((e = readdir(dp)))
				if (e->d_name[0] != '.' && !strchr(e->d_name, '.'))
					names_add(&cases, e->d_name);
			closedir(dp);
		}
		names_sort(&cases);
		for (k = 0; k < cases.n; k++) {
			buf_reset(&path);
			if (buf_printf(&path, "%s/tests/%s/%s/profile.xml", rs->datadir, kinds[i],
				       cases.v[k]) == 0)
				names_add(&rs->profiles, buf_str(&path));
		}
		rs->profiles.oom |= cases.oom;
		names_free(&cases);
	}
	rc = rs->profiles.oom ? -1 : 0;
out:
	buf_free(&path);
	return rc;
}

/* Whether path is in the folder tests/diff of the data folder. */
static bool in_diff_dir(const struct runs *rs, const char *path)
{
	size_t n = strlen(rs->datadir);

	return strncmp(path, rs->datadir, n) == 0 && strncmp(path + n, "/tests/diff/", 12) == 0 &&
	       !strchr(path + n + 12, '/');
}

/* Whether path is the profile of a case of tests/records (name: that
 * case; NULL: any). */
static bool records_case(const struct runs *rs, const char *path, const char *name)
{
	size_t n = strlen(rs->datadir);
	const char *c = path + n + 15;

	if (strncmp(path, rs->datadir, n) != 0 || strncmp(path + n, "/tests/records/", 15) != 0)
		return false;
	return !name || (strncmp(c, name, strlen(name)) == 0 && strcmp(c + strlen(name), "/profile.xml") == 0);
}

/* Every command over the test profiles, with the lookups recorded in lk:
 * each profile built and checked; the example diffed with each one both
 * ways (itself too), and each two of tests/diff/ both ways; init from each
 * answer file.
 * 0; 1 without test profiles; -1 after an error. */
static int record_runs(struct runs *rs, struct lookups *lk, struct diag *d)
{
	size_t i, j;
	int rc = collect_profiles(rs, d);

	if (rc != 0)
		return rc;
	messages_record(record_lookup, lk);
	for (i = 0; i < rs->profiles.n; i++) {
		run_profile(rs, rs->profiles.v[i]);
		run_diff(rs, rs->profiles.v[0], rs->profiles.v[i]);
		if (i)
			run_diff(rs, rs->profiles.v[i], rs->profiles.v[0]);
		for (j = 0; in_diff_dir(rs, rs->profiles.v[i]) && j < rs->profiles.n; j++)
			if (j != i && in_diff_dir(rs, rs->profiles.v[j]))
				run_diff(rs, rs->profiles.v[i], rs->profiles.v[j]);
		/* Each case of the records' findings against the clean records,
		 * both ways: what moved in them. */
		if (records_case(rs, rs->profiles.v[i], NULL) && !records_case(rs, rs->profiles.v[i], "none-fixed"))
			for (j = 0; j < rs->profiles.n; j++)
				if (records_case(rs, rs->profiles.v[j], "none-fixed")) {
					run_diff(rs, rs->profiles.v[j], rs->profiles.v[i]);
					run_diff(rs, rs->profiles.v[i], rs->profiles.v[j]);
				}
	}
	rc = run_inits(rs, d);
	messages_record(NULL, NULL);
	return lk->used.oom || lk->missed.oom ? -1 : rc;
}

/* The partials that the templates and the fragments of policy-templates/
 * and the messages of en use, into used; the fragments' names into
 * fragments. A partial that is neither a message nor a fragment is an
 * error. */
static int template_uses(const char *datadir, const struct messages *en, struct names *used,
			 struct names *fragments, struct diag *d)
{
	struct names templates = { 0 };
	struct buf path = BUF_INIT, text = BUF_INIT;
	size_t i, k;
	int rc = -1;

	if (buf_printf(&path, "%s/policy-templates", datadir) < 0 ||
	    list_dir(buf_str(&path), ".mustache", &templates, d) < 0)
		goto out;
	buf_reset(&path);
	if (buf_printf(&path, "%s/policy-templates/partials", datadir) < 0)
		goto out;
	if (dir_exists(buf_str(&path))) {
		if (list_dir(buf_str(&path), ".mustache", fragments, d) < 0)
			goto out;
		for (i = 0; i < fragments->n; i++) {
			buf_reset(&text);
			if (buf_printf(&text, "partials/%s", fragments->v[i]) == 0)
				names_add(&templates, buf_str(&text));
			fragments->v[i][strlen(fragments->v[i]) - strlen(".mustache")] = '\0';
		}
		names_sort(fragments);
	}
	for (i = 0; i < templates.n; i++) {
		struct names refs = { 0 };
		buf_reset(&path);
		buf_reset(&text);
		if (buf_printf(&path, "%s/policy-templates/%s", datadir, templates.v[i]) < 0 ||
		    buf_read_file(&text, buf_str(&path), 4u << 20) < 0) {
			diag_error(d, buf_str(&path), 0, 0, "cannot read the template");
			continue;
		}
		mustache_list_tags(text.data, text.len, buf_str(&path), partial_add, &refs, d);
		for (k = 0; k < refs.n; k++) {
			if (!messages_raw(en, refs.v[k]) && !names_has(fragments, refs.v[k]))
				diag_error(d, buf_str(&path), 0, 0,
					   "the template uses \"%s\", which is neither a message in %s nor a file in policy-templates/partials/",
					   refs.v[k], messages_path(en));
			names_add(used, refs.v[k]);
		}
		names_free(&refs);
	}
	for (i = 0; i < messages_count(en); i++) {
		const char *t = messages_get(en, messages_id_at(en, i), NULL, NULL, NULL);
		mustache_list_tags(t, strlen(t), messages_path(en), partial_add, used, d);
	}
	rc = templates.oom || fragments->oom ? -1 : 0;
out:
	names_free(&templates);
	buf_free(&path);
	buf_free(&text);
	return rc;
}

/* Every message of en is used, and every id a run looked up is one of
 * them (a fragment of policy-templates/partials/ is looked up as a
 * message first). */
static void check_used(const struct messages *en, const struct names *used,
		       const struct names *missed, const struct names *fragments,
		       struct diag *d)
{
	size_t i;

	for (i = 0; i < messages_count(en); i++)
		if (!names_has(used, messages_id_at(en, i)))
			diag_error(d, messages_path(en), messages_line_at(en, i), 0,
				   "message \"%s\" is used by no template, no catalogue entry and nothing the commands did with the example and the test profiles",
				   messages_id_at(en, i));
	for (i = 0; i < missed->n; i++)
		if (!messages_raw(en, missed->v[i]) && !names_has(fragments, missed->v[i]))
			diag_error(d, messages_path(en), 0, 0,
				   "message \"%s\" is looked up, but there is no such message",
				   missed->v[i]);
}

/* The language tags of the locale files (their names less ".xlf"). */
static int locale_langs(const struct names *files, struct names *langs, struct diag *d)
{
	size_t i;

	for (i = 0; i < files->n; i++) {
		char *tag = strdup(files->v[i]);
		if (!tag)
			return -1;
		tag[strlen(tag) - strlen(".xlf")] = '\0';
		if (messages_lang_ok(tag))
			names_add(langs, tag);
		else
			diag_error(d, files->v[i], 0, 0, "a locale file is named after its language tag");
		free(tag);
	}
	return langs->oom ? -1 : 0;
}

/* Every catalogue but English against English. */
static void check_translations(const char *datadir, const struct names *langs,
			       const struct messages *en, struct diag *d)
{
	struct buf path = BUF_INIT;
	size_t i;

	for (i = 0; i < langs->n; i++) {
		struct messages *tr;
		if (strcmp(langs->v[i], SOURCE_LANG) == 0)
			continue;
		buf_reset(&path);
		if (buf_printf(&path, "%s/locales/%s.xlf", datadir, langs->v[i]) < 0) {
			diag_error(d, NULL, 0, 0, "out of memory");
			break;
		}
		tr = messages_load(buf_str(&path), langs->v[i], d);
		if (!tr)
			continue;
		check_translation(en, tr, d);
		messages_free(tr);
	}
	buf_free(&path);
}

/* Texts of the catalogue XML node x and below, each in its xml:lang,
 * against the termbase. */
static void terms_in_xml(const struct termbase *t, xmlNodePtr x, const char *file, struct diag *d)
{
	for (; x; x = x->next) {
		if (x->type == XML_TEXT_NODE && x->content) {
			xmlChar *lang = xmlNodeGetLang(x->parent);
			if (lang)
				terms_check(t, (const char *)lang, (const char *)x->content, file,
					    xmlGetLineNo(x->parent), d);
			xmlFree(lang);
		}
		if (x->type == XML_ELEMENT_NODE)
			terms_in_xml(t, x->children, file, d);
	}
}

/* A template's text, comments ({{! … }}) left out, line by line,
 * against the deprecated terms of every language. */
static void terms_in_template(const struct termbase *t, const char *path, struct diag *d)
{
	struct buf text = BUF_INIT, line = BUF_INIT;
	const char *s;
	long n = 1;
	bool comment = false;

	if (buf_read_file(&text, path, 1u << 20) < 0) {
		diag_error(d, path, 0, 0, "cannot read the template");
		return;
	}
	for (s = buf_str(&text); *s; n++) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s), i;
		buf_reset(&line);
		for (i = 0; i < len; i++) {
			if (!comment && strncmp(s + i, "{{!", 3) == 0)
				comment = true;
			if (comment) {
				if (strncmp(s + i, "}}", 2) == 0) {
					comment = false;
					i++;
				}
				continue;
			}
			buf_putc(&line, s[i]);
		}
		terms_check(t, NULL, buf_str(&line), path, n, d);
		s += len + (end != NULL);
	}
	buf_free(&line);
	buf_free(&text);
}

static void check_definitions(const char *datadir, const struct names *langs,
			      const struct termbase *tb, struct diag *d);

/* Every message of every language, every template and every catalogue
 * text against locales/terms.tbx. */
static void check_terms(const char *datadir, const struct names *langs, struct diag *d)
{
	struct buf path = BUF_INIT;
	struct termbase *t;
	struct names files = { 0 };
	size_t i, k;

	if (buf_printf(&path, "%s/locales/terms.tbx", datadir) < 0 || !(t = terms_load(buf_str(&path), d))) {
		buf_free(&path);
		return;
	}
	for (i = 0; i < langs->n; i++) {
		struct messages *m;
		buf_reset(&path);
		if (buf_printf(&path, "%s/locales/%s.xlf", datadir, langs->v[i]) < 0 ||
		    !(m = messages_load(buf_str(&path), langs->v[i], d)))
			continue;
		for (k = 0; k < messages_count(m); k++)
			terms_check(t, langs->v[i], messages_text_at(m, k), messages_path(m),
				    messages_line_at(m, k), d);
		messages_free(m);
	}
	for (i = 0; i < 2; i++) {
		static const char *const dirs[] = { "policy-templates", "policy-templates/partials" };
		names_free(&files);
		memset(&files, 0, sizeof(files));
		buf_reset(&path);
		if (buf_printf(&path, "%s/%s", datadir, dirs[i]) < 0 ||
		    list_dir(buf_str(&path), ".mustache", &files, d) < 0)
			continue;
		for (k = 0; k < files.n; k++) {
			buf_reset(&path);
			if (buf_printf(&path, "%s/%s/%s", datadir, dirs[i], files.v[k]) == 0)
				terms_in_template(t, buf_str(&path), d);
		}
	}
	names_free(&files);
	memset(&files, 0, sizeof(files));
	buf_reset(&path);
	if (buf_printf(&path, "%s/policy-templates", datadir) == 0 &&
	    list_dir(buf_str(&path), ".xml", &files, d) == 0)
		for (k = 0; k < files.n; k++) {
			xmlDocPtr doc;
			buf_reset(&path);
			if (buf_printf(&path, "%s/policy-templates/%s", datadir, files.v[k]) < 0 ||
			    !(doc = xmlutil_read_file(buf_str(&path), d)))
				continue;
			terms_in_xml(t, xmlDocGetRootElement(doc), buf_str(&path), d);
			xmlFreeDoc(doc);
		}
	names_free(&files);
	check_definitions(datadir, langs, t, d);
	terms_free(t);
	buf_free(&path);
}

/* --- terms the policy defines --------------------------------------- */

static long line_of(const struct messages *m, const char *id)
{
	size_t i;

	for (i = 0; i < messages_count(m); i++)
		if (strcmp(messages_id_at(m, i), id) == 0)
			return messages_line_at(m, i);
	return 0;
}

/* The messages that name (a message id, a fragment of partials/ or a
 * template) uses, into out, through fragments and messages. */
static void messages_under(const char *datadir, const char *name, const struct messages *m,
			   struct names *seen, struct names *out, struct diag *d)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	struct names refs = { 0 };
	const char *t;
	size_t k;

	if (names_has(seen, name))
		return;
	names_add(seen, name);
	names_sort(seen);
	if ((t = messages_raw(m, name))) {
		names_add(out, name);
		mustache_list_tags(t, strlen(t), messages_path(m), partial_add, &refs, d);
	} else if (buf_printf(&path, "%s/policy-templates/partials/%s.mustache", datadir, name) == 0 &&
		   buf_read_file(&text, buf_str(&path), 4u << 20) == 0) {
		mustache_list_tags(text.data, text.len, buf_str(&path), partial_add, &refs, d);
	}
	for (k = 0; k < refs.n; k++)
		messages_under(datadir, refs.v[k], m, seen, out, d);
	names_free(&refs);
	buf_free(&path);
	buf_free(&text);
}

/* text without its tags and without what it quotes (「…」『…』‘…’“…”):
 * a title cited in quotation marks uses no term of its own. Both are
 * left as spaces, so that no word is joined across them. */
static void unquoted(struct buf *out, const char *text)
{
	static const char *const open[] = { "「", "『", "‘", "“" };
	static const char *const close[] = { "」", "』", "’", "”" };
	const char *s = text, *e;
	size_t k;

	while (*s) {
		if (s[0] == '{' && s[1] == '{' && (e = strstr(s, "}}"))) {
			buf_putc(out, ' ');
			s = e + 2;
			continue;
		}
		for (k = 0; k < 4; k++)
			if (strncmp(s, open[k], strlen(open[k])) == 0 && (e = strstr(s, close[k])))
				break;
		/* An apostrophe (’ after a letter) is not a quotation. */
		if (k < 4 && !(k == 2 && s > text && ((s[-1] >= 'a' && s[-1] <= 'z') ||
						     (s[-1] >= 'A' && s[-1] <= 'Z')))) {
			buf_putc(out, ' ');
			s = e + strlen(close[k]);
			continue;
		}
		buf_putc(out, *s++);
	}
}

static bool letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The next place at or after from where word is in text: as written in
 * Japanese; in English in any case, as a whole word, "y" also as "ies"
 * and with a plural "s". -1 when none; *len is the length found. */
static long find_term(const char *text, size_t from, const char *word, bool latin, size_t *len)
{
	size_t n = strlen(word), tl = strlen(text), i;

	for (i = from; i + n <= tl + (latin && n && word[n - 1] == 'y' ? 2 : 0) && i < tl; i++) {
		size_t m = n;
		if (!latin) {
			if (strncmp(text + i, word, n) == 0) {
				*len = n;
				return (long)i;
			}
			continue;
		}
		if (i > 0 && letter(text[i - 1]))
			continue;
		if (strncasecmp(text + i, word, n) != 0) {
			if (n > 1 && word[n - 1] == 'y' && strncasecmp(text + i, word, n - 1) == 0 &&
			    strncasecmp(text + i + n - 1, "ies", 3) == 0)
				m = n + 2;
			else
				continue;
		} else if (text[i + n] == 's') {
			m = n + 1;
		}
		if (letter(text[i + m]))
			continue;
		*len = m;
		return (long)i;
	}
	return -1;
}

/* Whether the use of a term at [at, at + len) of text is part of a longer
 * term (a longer defined term, a preferred term of the termbase, a
 * document's title or a role's name, such as 製品セキュリティ方針 for
 * 製品セキュリティ). */
static bool within_longer(const char *text, size_t at, size_t len, const struct names *longer,
			  bool latin)
{
	size_t i, l;
	long p;

	for (i = 0; i < longer->n; i++) {
		size_t from = 0;
		if (strlen(longer->v[i]) <= len)
			continue;
		while ((p = find_term(text, from, longer->v[i], latin, &l)) >= 0) {
			if ((size_t)p <= at && at + len <= (size_t)p + l)
				return true;
			from = (size_t)p + 1;
		}
	}
	return false;
}

/* No term that the policy's definitions section defines (the messages
 * *.term named in policy.mustache's <section id="definitions">) is used
 * by a message the policy shows before that section, in any language;
 * and every defined term is a preferred term of locales/terms.tbx, so
 * that it is defined once. */
static void check_definitions(const char *datadir, const struct names *langs,
			      const struct termbase *tb, struct diag *d)
{
	struct buf path = BUF_INIT, text = BUF_INIT, plain = BUF_INIT;
	struct names before = { 0 }, defined = { 0 }, seen = { 0 }, refs = { 0 };
	const char *sec;
	size_t i, k, j;

	if (buf_printf(&path, "%s/policy-templates/policy.mustache", datadir) < 0 ||
	    buf_read_file(&text, buf_str(&path), 4u << 20) < 0)
		goto out;
	if (!(sec = strstr(buf_str(&text), "<section id=\"definitions\">"))) {
		diag_error(d, buf_str(&path), 0, 0, "the policy has no <section id=\"definitions\">");
		goto out;
	}
	mustache_list_tags(text.data, (size_t)(sec - text.data), buf_str(&path), partial_add, &refs, d);
	{
		const char *end = strstr(sec, "</section>");
		struct names in = { 0 };
		mustache_list_tags(sec, end ? (size_t)(end - sec) : strlen(sec), buf_str(&path),
				   partial_add, &in, d);
		for (k = 0; k < in.n; k++)
			if (strlen(in.v[k]) > 5 && strcmp(in.v[k] + strlen(in.v[k]) - 5, ".term") == 0 &&
			    !strstr(in.v[k], ".col."))
				names_add(&defined, in.v[k]);
		names_free(&in);
	}
	for (i = 0; i < langs->n; i++) {
		bool latin = strcmp(langs->v[i], "ja") != 0;
		struct names longer = { 0 }, used = { 0 };
		struct messages *m;
		buf_reset(&path);
		if (buf_printf(&path, "%s/locales/%s.xlf", datadir, langs->v[i]) < 0 ||
		    !(m = messages_load(buf_str(&path), langs->v[i], d)))
			continue;
		for (k = 0; k < defined.n; k++)
			if (messages_raw(m, defined.v[k]))
				names_add(&longer, messages_raw(m, defined.v[k]));
		for (k = 0; k < tb->npref; k++)
			if (strcmp(tb->pref[k].lang, langs->v[i]) == 0)
				names_add(&longer, tb->pref[k].term);
		for (k = 0; k < messages_count(m); k++) {
			const char *id = messages_id_at(m, k);
			size_t n = strlen(id);
			if ((n > 6 && strcmp(id + n - 6, ".title") == 0) ||
			    (strncmp(id, "role.", 5) == 0 && n > 5 && strcmp(id + n - 5, ".name") == 0))
				names_add(&longer, messages_text_at(m, k));
		}
		names_free(&seen);
		memset(&seen, 0, sizeof(seen));
		for (k = 0; k < refs.n; k++)
			messages_under(datadir, refs.v[k], m, &seen, &used, d);
		for (k = 0; k < defined.n; k++) {
			const char *term = messages_raw(m, defined.v[k]);
			bool held = false;
			if (!term)
				continue;
			for (j = 0; j < tb->npref && !held; j++)
				held = strcmp(tb->pref[j].lang, langs->v[i]) == 0 &&
				       (latin ? strcasecmp(tb->pref[j].term, term)
					      : strcmp(tb->pref[j].term, term)) == 0;
			if (!held)
				diag_error(d, messages_path(m), line_of(m, defined.v[k]), 0,
					   "the policy defines \"%s\" (%s), which %s does not hold as a preferred term in \"%s\": add it, so that it is defined once",
					   term, defined.v[k], tb->path, langs->v[i]);
			for (j = 0; j < used.n; j++) {
				size_t len, from = 0;
				long at;
				buf_reset(&plain);
				unquoted(&plain, messages_raw(m, used.v[j]));
				while ((at = find_term(buf_str(&plain), from, term, latin, &len)) >= 0) {
					if (!within_longer(buf_str(&plain), (size_t)at, len, &longer, latin)) {
						diag_error(d, messages_path(m), line_of(m, used.v[j]), 0,
							   "message \"%s\" uses \"%s\" before the policy's definitions section defines it (%s): define it first, or say it otherwise",
							   used.v[j], term, defined.v[k]);
						break;
					}
					from = (size_t)at + 1;
				}
			}
		}
		names_free(&longer);
		names_free(&used);
		messages_free(m);
	}
out:
	names_free(&before);
	names_free(&defined);
	names_free(&seen);
	names_free(&refs);
	buf_free(&path);
	buf_free(&text);
	buf_free(&plain);
}

/* --- the register of each document's Japanese ------------------------ */

struct msg_index {
	const char *id;
	size_t i;
};

static int cmp_index(const void *a, const void *b)
{
	return strcmp(((const struct msg_index *)a)->id, ((const struct msg_index *)b)->id);
}

/* The position of id among m's messages, or -1. */
static long message_index(const struct msg_index *ix, size_t n, const char *id)
{
	struct msg_index key = { id, 0 };
	const struct msg_index *hit = bsearch(&key, ix, n, sizeof(*ix), cmp_index);

	return hit ? (long)hit->i : -1;
}

/* Whether id matches pattern, where "*" stands for one part of an id
 * (a run of characters without a dot): "course.*.goal.*" matches
 * "course.secure-coding.goal.2", not "course.about.summary.x". */
static bool id_matches(const char *pattern, const char *id)
{
	if (!*pattern)
		return !*id;
	if (*pattern == '*') {
		const char *end = id;
		while (*end && *end != '.')
			end++;
		for (; end > id; end--)
			if (id_matches(pattern + 1, end))
				return true;
		return false;
	}
	return *pattern == *id && id_matches(pattern + 1, id + 1);
}

/* The messages of ja that template name (policy-templates/NAME.mustache,
 * or a fragment in partials/) uses, through its fragments and the
 * messages it names, into used (a flag by message). */
static void uses_of(const char *datadir, const char *name, const struct messages *ja,
		    const struct msg_index *ix, unsigned char *used, struct names *seen,
		    struct diag *d)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	struct names refs = { 0 };
	long at;
	size_t k;

	if (names_has(seen, name))
		return;
	names_add(seen, name);
	names_sort(seen);
	if ((at = message_index(ix, messages_count(ja), name)) >= 0) {
		const char *t = messages_text_at(ja, (size_t)at);
		used[at] = 1;
		mustache_list_tags(t, strlen(t), messages_path(ja), partial_add, &refs, d);
	} else {
		if (buf_printf(&path, "%s/policy-templates/%s.mustache", datadir, name) < 0)
			goto out;
		if (access(buf_str(&path), R_OK) != 0) {
			buf_reset(&path);
			if (buf_printf(&path, "%s/policy-templates/partials/%s.mustache", datadir, name) < 0)
				goto out;
		}
		if (buf_read_file(&text, buf_str(&path), 4u << 20) < 0)
			goto out; /* template_uses says what is missing */
		mustache_list_tags(text.data, text.len, buf_str(&path), partial_add, &refs, d);
	}
	for (k = 0; k < refs.n; k++)
		uses_of(datadir, refs.v[k], ja, ix, used, seen, d);
out:
	names_free(&refs);
	buf_free(&path);
	buf_free(&text);
}

/* The sentence s of text, for a message: at most about 60 characters of
 * its end, with its 。. */
static void quote_sentence(struct buf *b, const char *text, struct sentence s)
{
	size_t from = s.start;

	if (s.end - s.start > 180) {
		from = s.end - 180;
		while (from < s.end && ((unsigned char)text[from] & 0xC0) == 0x80)
			from++;
		buf_puts(b, "…");
	}
	buf_put(b, text + from, s.end - from);
	buf_puts(b, "。");
}

/* Every Japanese sentence of the messages each document uses ends in the
 * document's register (documents.xml); a message with sentences serves
 * one register only; no message addresses the reader as あなた. */
static void check_register(const char *datadir, const struct catalog *cat, struct diag *d)
{
	struct buf path = BUF_INIT, q = BUF_INIT;
	struct messages *ja;
	struct msg_index *ix = NULL;
	unsigned char *used = NULL;
	long *first = NULL; /* by message: the document that first used it */
	size_t n, i, k;

	if (buf_printf(&path, "%s/locales/ja.xlf", datadir) < 0 || access(buf_str(&path), R_OK) != 0 ||
	    !(ja = messages_load(buf_str(&path), "ja", d))) {
		buf_free(&path);
		return;
	}
	n = messages_count(ja);
	if (!(ix = calloc(n + 1, sizeof(*ix))) || !(used = calloc(n + 1, 1)) ||
	    !(first = calloc(n + 1, sizeof(*first)))) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		ix[i] = (struct msg_index){ messages_id_at(ja, i), i };
		first[i] = -1;
		if (strstr(messages_text_at(ja, i), "あなた"))
			diag_error(d, messages_path(ja), messages_line_at(ja, i), 0,
				   "message \"%s\" addresses the reader as 「あなた」, which reads as translated: leave the subject out, or name the reader (従業員、報告者)",
				   messages_id_at(ja, i));
	}
	qsort(ix, n, sizeof(*ix), cmp_index);
	for (k = 0; k < cat->ndocuments; k++) {
		const struct catalog_document *doc = &cat->documents[k];
		bool polite = strcmp(doc->reg, "polite") == 0;
		struct names seen = { 0 };
		memset(used, 0, n);
		uses_of(datadir, doc->id, ja, ix, used, &seen, d);
		names_free(&seen);
		for (i = 0; i < n; i++)
			for (size_t g = 0; !used[i] && g < doc->messages.n; g++)
				used[i] = id_matches(doc->messages.v[g], messages_id_at(ja, i));
		for (i = 0; i < n; i++) {
			const char *text = messages_text_at(ja, i);
			struct sentence s;
			if (!used[i] || !register_has_sentence(text))
				continue;
			if (first[i] >= 0 && strcmp(cat->documents[first[i]].reg, doc->reg) != 0) {
				diag_error(d, messages_path(ja), messages_line_at(ja, i), 0,
					   "message \"%s\" has sentences and is used by the %s document \"%s\" and the %s document \"%s\": give each register its own message",
					   messages_id_at(ja, i), cat->documents[first[i]].reg,
					   cat->documents[first[i]].id, doc->reg, doc->id);
				continue;
			}
			if (first[i] >= 0)
				continue; /* checked with the first */
			first[i] = (long)k;
			if (!register_misfit(text, polite, &s))
				continue;
			buf_reset(&q);
			quote_sentence(&q, text, s);
			diag_error(d, messages_path(ja), messages_line_at(ja, i), 0,
				   "message \"%s\": 「%s」 ends in the %s register, but \"%s\" is written for %s in the %s register (%s; documents.xml)",
				   messages_id_at(ja, i), buf_str(&q), polite ? "plain" : "polite", doc->id,
				   doc->audience, doc->reg, polite ? "です・ます調" : "である調");
		}
	}
out:
	free(ix);
	free(used);
	free(first);
	messages_free(ja);
	buf_free(&path);
	buf_free(&q);
}

int lint_locales(const char *datadir, struct diag *d)
{
	struct names files = { 0 }, used = { 0 }, fragments = { 0 }, langs = { 0 }, catalogued = { 0 };
	struct lookups lk = { { 0 }, { 0 } };
	struct messages *en = NULL;
	struct catalog *cat = NULL;
	struct runs rs = { .datadir = datadir };
	struct buf path = BUF_INIT;
	size_t i, before = d->errors;
	int recorded, status = SP_EINPUT;

	if (buf_printf(&path, "%s/locales", datadir) < 0 ||
	    list_dir(buf_str(&path), ".xlf", &files, d) < 0)
		goto out;
	buf_reset(&path);
	if (locale_langs(&files, &langs, d) < 0 || buf_printf(&path, "%s/policy-templates", datadir) < 0)
		goto oom;
	cat = catalog_load(buf_str(&path), d);
	if (!cat)
		goto out;
	buf_reset(&path);
	if (buf_printf(&path, "%s/locales/%s.xlf", datadir, SOURCE_LANG) < 0)
		goto oom;
	en = messages_load(buf_str(&path), SOURCE_LANG, d);
	if (!en)
		goto out;

	/* What is used: partials in templates, fragments and messages, the
	 * catalogue's entries and the calendar's words, and what every
	 * command looks up while it makes everything from the test profiles. */
	if (template_uses(datadir, en, &used, &fragments, d) < 0)
		goto out;
	catalog_message_ids(cat, names_add, &catalogued);
	for (i = 0; i < catalogued.n; i++) {
		if (!messages_raw(en, catalogued.v[i]))
			diag_error(d, messages_path(en), 0, 0,
				   "message \"%s\" is missing: an entry of the catalogues in policy-templates/ needs it",
				   catalogued.v[i]);
		names_add(&used, catalogued.v[i]);
	}
	l10n_message_ids(names_add, &used);
	rs.langs = (struct strlist){ .v = langs.v, .n = langs.n };
	recorded = record_runs(&rs, &lk, d);
	if (recorded < 0)
		goto out;
	for (i = 0; i < lk.used.n; i++)
		names_add(&used, lk.used.v[i]);
	names_sort(&used);
	if (used.oom)
		goto oom;
	if (recorded == 0)
		check_used(en, &used, &lk.missed, &fragments, d);
	else
		printf("locales: unused messages not looked for: %s/tests/ (the test profiles) is not there\n",
		       datadir);
	check_translations(datadir, &langs, en, d);
	check_terms(datadir, &langs, d);
	check_register(datadir, cat, d);
	goto out;
oom:
	diag_error(d, NULL, 0, 0, "out of memory");
	status = SP_ENOMEM;
out:
	names_free(&files);
	names_free(&used);
	names_free(&fragments);
	names_free(&langs);
	names_free(&catalogued);
	names_free(&lk.used);
	names_free(&lk.missed);
	names_free(&rs.profiles);
	messages_free(en);
	catalog_free(cat);
	buf_free(&path);
	return d->errors == before ? SP_OK : status;
}
