/* lint.c - the locale lint (run by make check). */
#include "cmd/lint.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <dirent.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/buf.h"
#include "cmd/build.h"
#include "model/catalog.h"
#include "derive/derive.h"
#include "cmd/diff.h"
#include "cmd/init.h"
#include "l10n/messages.h"
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

/* The {{…}} tags of a message, normalised and sorted, joined by spaces:
 * the same set in every language, whatever the word order. */
static char *tag_set(const pcre2_code *re, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	struct names tags = { 0 };
	struct buf b = BUF_INIT;
	size_t off = 0, len = strlen(s), i;
	char *out = NULL;

	if (!md)
		return NULL;
	while (off <= len && pcre2_match(re, (PCRE2_SPTR)s, len, off, 0, md, NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		struct buf t = BUF_INIT;
		/* A triple mustache is the same tag as {{&name}}. */
		int triple = ov[2] != PCRE2_UNSET;
		if ((triple ? buf_putc(&t, '&') : buf_put(&t, s + ov[4], ov[5] - ov[4])) < 0 ||
		    buf_put(&t, s + ov[6], ov[7] - ov[6]) < 0) {
			buf_free(&t);
			goto out;
		}
		names_add(&tags, buf_str(&t));
		buf_free(&t);
		off = ov[1] > off ? ov[1] : off + 1;
	}
	names_sort(&tags);
	for (i = 0; i < tags.n; i++)
		if ((i && buf_putc(&b, ' ') < 0) || buf_printf(&b, "{{%s}}", tags.v[i]) < 0)
			goto out;
	out = buf_detach(&b, NULL);
out:
	buf_free(&b);
	names_free(&tags);
	pcre2_match_data_free(md);
	return out;
}

static int check_translation(const struct messages *en, const struct messages *tr,
			     const pcre2_code *re, struct diag *d)
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
		a = tag_set(re, src);
		b = tag_set(re, messages_text_at(tr, i));
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

int lint_locales(const char *datadir, struct diag *d)
{
	struct names files = { 0 }, templates = { 0 }, used = { 0 }, fragments = { 0 };
	struct messages *en = NULL;
	struct catalog *cat = NULL;
	struct buf path = BUF_INIT, text = BUF_INIT;
	pcre2_code *re = NULL;
	size_t i, before = d->errors;
	int errcode;
	PCRE2_SIZE erroff;

	/* {{name}}, {{#name}}, {{> name}}, {{{name}}} … : sigil and name. */
	re = pcre2_compile((PCRE2_SPTR) "\\{\\{(?:\\{\\s*())?\\s*([#^/>&]?)\\s*([^{}\\s]+)\\s*\\}?\\}\\}",
			   PCRE2_ZERO_TERMINATED, PCRE2_UTF, &errcode, &erroff, NULL);
	if (!re) {
		diag_error(d, NULL, 0, 0, "internal error: bad pattern");
		return SP_EINPUT;
	}

	if (buf_printf(&path, "%s/policy-templates", datadir) < 0)
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

	/* What is used: partials in templates, fragments and messages, and
	 * the labels derive.c looks up. */
	buf_reset(&path);
	if (buf_printf(&path, "%s/policy-templates", datadir) < 0 ||
	    list_dir(buf_str(&path), ".mustache", &templates, d) < 0)
		goto out;
	buf_reset(&path);
	if (buf_printf(&path, "%s/policy-templates/partials", datadir) < 0)
		goto oom;
	if (dir_exists(buf_str(&path))) {
		if (list_dir(buf_str(&path), ".mustache", &fragments, d) < 0)
			goto out;
		for (i = 0; i < fragments.n; i++) {
			char rel[300];
			snprintf(rel, sizeof(rel), "partials/%s", fragments.v[i]);
			names_add(&templates, rel);
			fragments.v[i][strlen(fragments.v[i]) - strlen(".mustache")] = '\0';
		}
		names_sort(&fragments);
	}
	for (i = 0; i < templates.n; i++) {
		struct names refs = { 0 };
		size_t k;
		buf_reset(&path);
		buf_reset(&text);
		if (buf_printf(&path, "%s/policy-templates/%s", datadir, templates.v[i]) < 0 ||
		    buf_read_file(&text, buf_str(&path), 4u << 20) < 0) {
			diag_error(d, buf_str(&path), 0, 0, "cannot read the template");
			continue;
		}
		mustache_list_partials(text.data, text.len, buf_str(&path), names_add, &refs, d);
		for (k = 0; k < refs.n; k++) {
			if (!messages_raw(en, refs.v[k]) && !names_has(&fragments, refs.v[k]))
				diag_error(d, buf_str(&path), 0, 0,
					   "the template uses \"%s\", which is neither a message in %s nor a file in policy-templates/partials/",
					   refs.v[k], messages_path(en));
			names_add(&used, refs.v[k]);
		}
		names_free(&refs);
	}
	for (i = 0; i < messages_count(en); i++) {
		const char *t = messages_get(en, messages_id_at(en, i), NULL, NULL, NULL);
		mustache_list_partials(t, strlen(t), messages_path(en), names_add, &used, d);
	}
	derive_message_ids(cat, names_add, &used);
	build_message_ids(names_add, &used);
	diff_message_ids(names_add, &used);
	init_message_ids(names_add, &used);
	names_sort(&used);
	for (i = 0; i < messages_count(en); i++)
		if (!names_has(&used, messages_id_at(en, i)))
			diag_error(d, messages_path(en), messages_line_at(en, i), 0,
				   "message \"%s\" is not used by any template", messages_id_at(en, i));

	/* Every other catalogue against English. */
	buf_reset(&path);
	if (buf_printf(&path, "%s/locales", datadir) < 0 ||
	    list_dir(buf_str(&path), ".xlf", &files, d) < 0)
		goto out;
	for (i = 0; i < files.n; i++) {
		char lang[32];
		struct messages *tr;
		size_t n = strlen(files.v[i]) - 4;
		if (n >= sizeof(lang))
			continue;
		memcpy(lang, files.v[i], n);
		lang[n] = '\0';
		if (strcmp(lang, SOURCE_LANG) == 0)
			continue;
		if (!messages_lang_ok(lang)) {
			diag_error(d, files.v[i], 0, 0, "a locale file is named after its language tag");
			continue;
		}
		buf_reset(&path);
		if (buf_printf(&path, "%s/locales/%s", datadir, files.v[i]) < 0)
			goto oom;
		tr = messages_load(buf_str(&path), lang, d);
		if (!tr)
			continue;
		check_translation(en, tr, re, d);
		messages_free(tr);
	}
	if (used.oom || files.oom || templates.oom)
		goto oom;
	goto out;
oom:
	diag_error(d, NULL, 0, 0, "out of memory");
out:
	names_free(&files);
	names_free(&templates);
	names_free(&used);
	names_free(&fragments);
	messages_free(en);
	catalog_free(cat);
	buf_free(&path);
	buf_free(&text);
	pcre2_code_free(re);
	return d->errors == before ? SP_OK : SP_EINPUT;
}
