/* messages.c - XLIFF 2.0 catalogues and per-company overrides. */
#include "l10n/messages.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/xmlutil.h"
#include "template/mustache.h"

struct message {
	char *id;
	char *raw;     /* the text as written */
	char *source;  /* the English source text */
	char *escaped; /* raw, XML-escaped outside {{…}} tags */
	const char *file; /* borrowed: m->path or an override's file */
	long line;
};

struct messages {
	char *path;
	char *lang;
	struct message *v;
	size_t n, cap;
	size_t *sorted; /* indexes into v, by id */
	char **files;   /* override file names, owned */
	size_t nfiles;
};

int messages_lang_ok(const char *lang)
{
	size_t i, n = strlen(lang);

	if (n < 2 || n > 16)
		return 0;
	for (i = 0; i < n; i++) {
		char c = lang[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (c == '-' && i > 0 && i + 1 < n)))
			return 0;
	}
	return 1;
}

/* XML-escapes text outside Mustache tags, so a message can both hold
 * "R&D" and say "{{> other.message}}". */
static char *escape_message(const char *s)
{
	struct buf b = BUF_INIT;
	const char *p = s;

	while (*p) {
		if (p[0] == '{' && p[1] == '{') {
			const char *end = strstr(p + 2, "}}");
			size_t n;
			if (!end)
				end = p + strlen(p) - 2;
			n = (size_t)(end + 2 - p);
			if (end[2] == '}' && p[2] == '{')
				n++;
			if (buf_put(&b, p, n) < 0)
				return NULL;
			p += n;
			continue;
		}
		switch (*p) {
		case '&':
			if (buf_puts(&b, "&amp;") < 0)
				return NULL;
			break;
		case '<':
			if (buf_puts(&b, "&lt;") < 0)
				return NULL;
			break;
		case '>':
			if (buf_puts(&b, "&gt;") < 0)
				return NULL;
			break;
		default:
			if (buf_putc(&b, *p) < 0)
				return NULL;
		}
		p++;
	}
	return buf_detach(&b, NULL);
}

static struct message *find(const struct messages *m, const char *id)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->v[m->sorted[mid]].id, id);
		if (c == 0)
			return &m->v[m->sorted[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct id_index {
	const char *id;
	size_t i;
};

static int cmp_id_index(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->i < y->i ? -1 : x->i > y->i);
}

/* Builds m->sorted; qsort on (id, index) pairs keeps it deterministic. */
static int index_ids(struct messages *m)
{
	struct id_index *tmp = calloc(m->n ? m->n : 1, sizeof(*tmp));
	size_t i;

	m->sorted = calloc(m->n ? m->n : 1, sizeof(size_t));
	if (!tmp || !m->sorted) {
		free(tmp);
		return -1;
	}
	for (i = 0; i < m->n; i++) {
		tmp[i].id = m->v[i].id;
		tmp[i].i = i;
	}
	qsort(tmp, m->n, sizeof(*tmp), cmp_id_index);
	for (i = 0; i < m->n; i++)
		m->sorted[i] = tmp[i].i;
	free(tmp);
	return 0;
}

static int add_unit(struct messages *m, xmlNodePtr unit, int use_target,
		    struct diag *d)
{
	xmlNodePtr seg, c, src = NULL, tgt = NULL;
	struct message *msg, *v;
	char *id = xmlutil_attr(unit, "id");

	if (!id) {
		diag_error(d, m->path, xmlGetLineNo(unit), 0, "<unit> without an id");
		return -1;
	}
	for (seg = unit->children; seg; seg = seg->next) {
		if (!xmlutil_is(seg, XLIFF_NS, "segment"))
			continue;
		for (c = seg->children; c; c = c->next) {
			if (xmlutil_is(c, XLIFF_NS, "source") && !src)
				src = c;
			else if (xmlutil_is(c, XLIFF_NS, "target") && !tgt)
				tgt = c;
		}
		break;
	}
	if (!src || (use_target && !tgt)) {
		diag_error(d, m->path, xmlGetLineNo(unit), 0,
			   "message \"%s\" has no %s text", id,
			   use_target ? "<target>" : "<source>");
		free(id);
		return -1;
	}
	v = array_grow(m->v, &m->cap, m->n, sizeof(*v));
	if (!v) {
		free(id);
		return -1;
	}
	m->v = v;
	msg = &m->v[m->n++];
	memset(msg, 0, sizeof(*msg));
	msg->id = id;
	msg->source = xmlutil_text(src);
	msg->raw = xmlutil_text(use_target ? tgt : src);
	msg->escaped = msg->raw ? escape_message(msg->raw) : NULL;
	msg->file = m->path;
	msg->line = xmlGetLineNo(use_target ? tgt : src);
	if (!msg->source || !msg->raw || !msg->escaped)
		return -1;
	return 0;
}

static int walk(struct messages *m, xmlNodePtr n, int use_target, int depth,
		struct diag *d)
{
	int rc = 0;

	if (depth > 16)
		return 0;
	for (; n; n = n->next) {
		if (xmlutil_is(n, XLIFF_NS, "unit")) {
			if (add_unit(m, n, use_target, d) < 0)
				rc = -1;
		} else if (xmlutil_is(n, XLIFF_NS, "group") ||
			   xmlutil_is(n, XLIFF_NS, "file")) {
			if (walk(m, n->children, use_target, depth + 1, d) < 0)
				rc = -1;
		}
	}
	return rc;
}

struct messages *messages_load(const char *path, const char *lang,
			       struct diag *d)
{
	struct messages *m = NULL;
	xmlDocPtr x = NULL;
	xmlNodePtr root;
	char *src = NULL, *trg = NULL;
	size_t i, before = d->errors;
	int use_target;

	x = xmlutil_read_file(path, d);
	if (!x)
		return NULL;
	root = xmlDocGetRootElement(x);
	if (!xmlutil_is(root, XLIFF_NS, "xliff")) {
		diag_error(d, path, 1, 1, "not an XLIFF 2.0 file (expected <xliff xmlns=\"%s\">)",
			   XLIFF_NS);
		goto fail;
	}
	src = xmlutil_attr(root, "srcLang");
	trg = xmlutil_attr(root, "trgLang");
	if (!src) {
		diag_error(d, path, xmlGetLineNo(root), 0, "<xliff> has no srcLang");
		goto fail;
	}
	use_target = strcmp(src, lang) != 0;
	if (use_target && (!trg || strcmp(trg, lang) != 0)) {
		diag_error(d, path, xmlGetLineNo(root), 0,
			   "this file translates into \"%s\", not \"%s\"",
			   trg ? trg : src, lang);
		goto fail;
	}
	m = calloc(1, sizeof(*m));
	if (!m || !(m->path = strdup(path)) || !(m->lang = strdup(lang)))
		goto oom;
	if (walk(m, root->children, use_target, 0, d) < 0) {
		if (d->errors == before)
			goto oom;
		goto fail;
	}
	if (index_ids(m) < 0)
		goto oom;
	for (i = 1; i < m->n; i++) {
		const struct message *a = &m->v[m->sorted[i - 1]];
		const struct message *b = &m->v[m->sorted[i]];
		if (strcmp(a->id, b->id) == 0)
			diag_error(d, path, b->line, 0,
				   "message \"%s\" is defined twice (first at line %ld)",
				   b->id, a->line);
	}
	if (d->errors != before)
		goto fail;
	goto out;
oom:
	diag_error(d, path, 0, 0, "out of memory while reading messages");
fail:
	messages_free(m);
	m = NULL;
out:
	free(src);
	free(trg);
	xmlFreeDoc(x);
	return m;
}

void messages_free(struct messages *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->v[i].id);
		free(m->v[i].raw);
		free(m->v[i].source);
		free(m->v[i].escaped);
	}
	for (i = 0; i < m->nfiles; i++)
		free(m->files[i]);
	free(m->files);
	free(m->v);
	free(m->sorted);
	free(m->path);
	free(m->lang);
	free(m);
}

/* An override comes from the profile: it must be text with {{name}} tags
 * whose values are escaped, parsed by the same parser as the catalogues'
 * messages, so that neither the override nor a profile value it inserts
 * can become document markup (escape_message keeps tags as they are). */
static int override_is_text(const char *id, const char *text, const char *file,
			    long line, long col, struct diag *d)
{
	struct diag why = DIAG_INIT;
	int rc = mustache_check_escaped(text, strlen(text), id, &why);

	if (rc < 0)
		diag_error(d, file, line, col, "the override of message \"%s\": %s%s", id,
			   why.n ? why.v[0].msg : "out of memory",
			   why.n && why.v[0].line > 1 ? " (further down its text)" : "");
	diag_free(&why);
	return rc;
}

int messages_override(struct messages *m, const char *id, const char *text,
		      const char *file, long line, long col, struct diag *d)
{
	struct message *msg = find(m, id);
	char *raw, *esc, *f = NULL;
	char **files;

	if (!msg) {
		diag_error(d, file, line, col, "no message has the id \"%s\" to override", id);
		return -1;
	}
	if (override_is_text(id, text, file, line, col, d) < 0)
		return -1;
	raw = strdup(text);
	esc = raw ? escape_message(raw) : NULL;
	files = realloc(m->files, (m->nfiles + 1) * sizeof(*files));
	if (files) {
		m->files = files;
		f = strdup(file);
	}
	if (!raw || !esc || !f) {
		free(raw);
		free(esc);
		free(f);
		diag_error(d, file, line, col, "out of memory");
		return -1;
	}
	m->files[m->nfiles++] = f;
	free(msg->raw);
	free(msg->escaped);
	msg->raw = raw;
	msg->escaped = esc;
	msg->file = f;
	msg->line = line;
	return 0;
}

/* The recorder messages_record sets; NULL but in the locale lint. */
static void (*record_fn)(void *ctx, const char *id, bool found);
static void *record_ctx;

void messages_record(void (*fn)(void *ctx, const char *id, bool found), void *ctx)
{
	record_fn = fn;
	record_ctx = ctx;
}

/* find, telling the recorder what was looked up and whether it was there. */
static const struct message *look_up(const struct messages *m, const char *id)
{
	const struct message *msg = find(m, id);

	if (record_fn)
		record_fn(record_ctx, id, msg != NULL);
	return msg;
}

const char *messages_get(const struct messages *m, const char *id,
			 size_t *len, const char **source, long *line)
{
	const struct message *msg = look_up(m, id);

	if (!msg)
		return NULL;
	if (len)
		*len = strlen(msg->escaped);
	if (source)
		*source = msg->file;
	if (line)
		*line = msg->line;
	return msg->escaped;
}

const char *messages_raw(const struct messages *m, const char *id)
{
	const struct message *msg = look_up(m, id);

	return msg ? msg->raw : NULL;
}

const char *messages_partial(void *ctx, const char *name, size_t *len,
			     const char **source, long *line)
{
	return messages_get(ctx, name, len, source, line);
}

size_t messages_count(const struct messages *m)
{
	return m->n;
}

const char *messages_id_at(const struct messages *m, size_t i)
{
	return m->v[i].id;
}

const char *messages_text_at(const struct messages *m, size_t i)
{
	return m->v[i].raw;
}

const char *messages_source_at(const struct messages *m, size_t i)
{
	return m->v[i].source;
}

long messages_line_at(const struct messages *m, size_t i)
{
	return m->v[i].line;
}

const char *messages_path(const struct messages *m)
{
	return m->path;
}

