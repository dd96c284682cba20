/* fuzz_override.c - a message override, as a company writes it in its
 * profile (<messages><message xml:lang="…" id="…">text</message>), through
 * the pipeline to one document, HTML and DOCX.
 *
 * Input: two bytes (big-endian) pick a (language, document, message id):
 * ja or en, and an id that document of the example shows, looked up by
 * its template or by derive_view (setup finds which); the rest is the
 * override's text, up to a NUL. The text is XML-escaped (what XML cannot
 * hold is left out) into examples/profile.xml, which profile_load reads;
 * its override is applied with messages_override to a catalogue of the
 * one message, laid over the language's messages, and, for an id that
 * derive_view looks up, to a fresh whole catalogue that the view is
 * derived from; else the view is the one made without the override.
 * When the override is accepted the document is rendered.
 *
 * Oracle, beyond crashes, leaks and UB: an override is text, so the HTML
 * of an accepted one has no markup the same document lacks without it: no
 * kind of element or attribute it did not have, no more links, scripts or
 * other active elements, no more URL attributes, no URL it did not hold.
 * A breach prints what differs and aborts. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/xmlutil.h"
#include "derive/derive.h"
#include "l10n/messages.h"
#include "pipeline.h"
#include "profile/profile.h"

#define SRC(rel) FUZZ_SRCDIR "/" rel

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const langs[] = { "ja", "en" };
#define NLANGS (sizeof(langs) / sizeof(*langs))

/* ---- what the HTML's markup holds ---- */

/* Elements that fetch, run or link, and attributes that hold a URL: an
 * override must never add one. */
static const char *const active_elements[] = {
	"a", "area", "audio", "base", "button", "embed", "form", "frame", "iframe", "image",
	"img", "input", "link", "math", "meta", "object", "script", "source", "style",
	"svg", "template", "track", "use", "video",
};
static const char *const url_attributes[] = {
	"action", "background", "cite", "data", "formaction", "href", "ping", "poster",
	"src", "srcdoc", "srcset", "xlink:href",
};

struct count {
	char *name;
	size_t n;
};

struct counts {
	struct count *v;
	size_t n, cap;
};

/* The markup of one HTML file: element and attribute names, and the
 * values of its URL attributes, each with how often it occurs. */
struct markup {
	struct counts elements, attributes, urls;
};

static bool in_list(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static size_t count_of(const struct counts *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, name) == 0)
			return c->v[i].n;
	return 0;
}

static void count_add(struct counts *c, const char *s, size_t len)
{
	struct count *v;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strlen(c->v[i].name) == len && memcmp(c->v[i].name, s, len) == 0) {
			c->v[i].n++;
			return;
		}
	if (!(v = array_grow(c->v, &c->cap, c->n, sizeof(*v))))
		abort();
	c->v = v;
	if (!(v[c->n].name = strndup(s, len)))
		abort();
	v[c->n++].n = 1;
}

static void counts_free(struct counts *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].name);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static void markup_free(struct markup *m)
{
	counts_free(&m->elements);
	counts_free(&m->attributes);
	counts_free(&m->urls);
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == ':' || c == '_' || c == '.';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* s lower-cased into tmp, at most 63 bytes (longer names are cut). */
static void lower(const char *s, size_t len, char tmp[64])
{
	size_t i;

	if (len > 63)
		len = 63;
	for (i = 0; i < len; i++)
		tmp[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	tmp[len] = '\0';
}

/* One start tag from p (just after its name) to its '>'; returns where
 * the tag ends. Attribute values are quoted or end at a space or '>'. */
static const char *read_attributes(struct markup *m, const char *p, const char *end)
{
	char tmp[64];

	while (p < end && *p != '>') {
		const char *name = p, *val = NULL;
		size_t vlen = 0;

		if (is_space(*p) || *p == '/') {
			p++;
			continue;
		}
		while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/')
			p++;
		if (p == name) { /* a lone '=': not an attribute name */
			p++;
			continue;
		}
		lower(name, (size_t)(p - name), tmp);
		count_add(&m->attributes, tmp, strlen(tmp));
		if (p < end && *p == '=') {
			char q = ++p < end ? *p : '\0';
			if (q == '"' || q == '\'') {
				val = ++p;
				while (p < end && *p != q)
					p++;
				vlen = (size_t)(p - val);
				p += p < end;
			} else {
				val = p;
				while (p < end && !is_space(*p) && *p != '>')
					p++;
				vlen = (size_t)(p - val);
			}
		}
		if (val && in_list(url_attributes, sizeof(url_attributes) / sizeof(*url_attributes),
				   tmp))
			count_add(&m->urls, val, vlen);
	}
	return p;
}

/* The first s at or after p, or end. */
static const char *skip_to(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	while (p < end && ((size_t)(end - p) < n || memcmp(p, s, n) != 0))
		p++;
	return p;
}

/* The markup of html: every '<' starts markup there, since text and
 * attribute values have theirs escaped. script and style hold raw text up
 * to their end tag. */
static void markup_read(struct markup *m, const char *html, size_t len)
{
	const char *p = html, *end = html + len;
	char tmp[64];

	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		const char *name = ++p;

		if (p < end && (*p == '!' || *p == '/' || *p == '?')) {
			bool comment = end - p >= 3 && memcmp(p, "!--", 3) == 0;
			p = skip_to(p, end, comment ? "-->" : ">");
			continue;
		}
		while (p < end && is_name_char(*p))
			p++;
		if (p == name) {
			count_add(&m->elements, "#stray-lt", strlen("#stray-lt"));
			continue;
		}
		lower(name, (size_t)(p - name), tmp);
		count_add(&m->elements, tmp, strlen(tmp));
		p = read_attributes(m, p, end);
		if (strcmp(tmp, "script") == 0)
			p = skip_to(p, end, "</script");
		else if (strcmp(tmp, "style") == 0)
			p = skip_to(p, end, "</style");
	}
}

static void report(const char *what, const char *name, size_t n, size_t base, const char *id,
		   const char *lang, const char *doc)
{
	fprintf(stderr,
		"fuzz_override: the override of %s (%s, document %s) adds markup: %s \"%s\" "
		"%zu times, %zu without it\n",
		id, lang, doc, what, name, n, base);
}

/* 0 when got adds nothing to base; else reports and returns -1. */
static int markup_compare(const struct markup *got, const struct markup *base, const char *id,
			  const char *lang, const char *doc)
{
	int rc = 0;
	size_t i;

	for (i = 0; i < got->elements.n; i++) {
		const struct count *c = &got->elements.v[i];
		size_t b = count_of(&base->elements, c->name);
		if (b == 0 ||
		    (in_list(active_elements, sizeof(active_elements) / sizeof(*active_elements),
			     c->name) && c->n > b)) {
			report("element", c->name, c->n, b, id, lang, doc);
			rc = -1;
		}
	}
	for (i = 0; i < got->attributes.n; i++) {
		const struct count *c = &got->attributes.v[i];
		size_t b = count_of(&base->attributes, c->name);
		if (b == 0 || ((strncmp(c->name, "on", 2) == 0 ||
				in_list(url_attributes, sizeof(url_attributes) / sizeof(*url_attributes),
					c->name)) && c->n > b)) {
			report("attribute", c->name, c->n, b, id, lang, doc);
			rc = -1;
		}
	}
	for (i = 0; i < got->urls.n; i++) {
		const struct count *c = &got->urls.v[i];
		size_t b = count_of(&base->urls, c->name);
		if (c->n > b) {
			report("URL", c->name, c->n, b, id, lang, doc);
			rc = -1;
		}
	}
	return rc;
}

/* ---- the catalogue of (language, document, message id) ---- */

struct pick {
	size_t lang, doc;
	char *id;
	bool derived; /* derive_view looks it up */
};

static struct {
	struct buf profile;          /* examples/profile.xml */
	size_t insert_at;            /* where its </profile> begins */
	struct messages *msgs[NLANGS]; /* locales/<lang>.xlf, never overridden */
	struct value *views[NLANGS]; /* the example's with msgs (borrows from it) */
	struct buf xlf[NLANGS];      /* msgs as a bare XLIFF: ids and texts */
	struct pick *picks;
	size_t npicks, cap;
	struct markup *base;         /* [lang * ndocuments + doc]: the HTML without an override */
} S;

/* messages_record's: the ids found, into a strlist. */
static void record(void *ctx, const char *id, bool found)
{
	if (found && strlist_push(ctx, id) < 0)
		abort();
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, each id once. */
static void sort_unique(struct strlist *s)
{
	size_t i, n = 0;

	qsort(s->v, s->n, sizeof(*s->v), compare_strings);
	for (i = 0; i < s->n; i++) {
		if (n && strcmp(s->v[n - 1], s->v[i]) == 0)
			free(s->v[i]);
		else
			s->v[n++] = s->v[i];
	}
	s->n = n;
}

static int compare_picks(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;

	if (x->lang != y->lang)
		return x->lang < y->lang ? -1 : 1;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return strcmp(x->id, y->id);
}

static void add_pick(size_t lang, size_t doc, const char *id)
{
	struct pick *v = array_grow(S.picks, &S.cap, S.npicks, sizeof(*v));

	if (!v || !(v[S.npicks].id = strdup(id)))
		abort();
	S.picks = v;
	v[S.npicks].lang = lang;
	v[S.npicks].doc = doc;
	v[S.npicks++].derived = false;
}

/* The HTML of document doc of view into html (empty when it fails), its
 * DOCX rendered too; partials from the first of msgs[0..n) that has them. */
static void render(struct value *view, const struct messages *const *msgs, size_t n, size_t doc,
		   struct buf *html)
{
	struct doc *dp = fuzz_make_doc(view, msgs, n, doc);

	if (dp)
		fuzz_render_doc(dp, html);
	doc_free(dp);
}

/* The example's view in language lang with msgs; NULL when it fails. */
static struct value *example_view(const struct messages *msgs, size_t lang)
{
	struct diag d = DIAG_INIT;
	struct value *view = derive_view(fuzz_example_profile(), fuzz_catalog(), msgs,
					 langs[lang], &d);

	diag_free(&d);
	return view;
}

static void xliff_head(struct buf *b, size_t lang)
{
	if (buf_printf(b, "<xliff xmlns=\"%s\" version=\"2.0\" srcLang=\"%s\"><file id=\"f\">\n",
		       XLIFF_NS, langs[lang]) < 0)
		abort();
}

static void xliff_unit(struct buf *b, const char *id, const char *text)
{
	if (buf_printf(b, "<unit id=\"%s\"><segment><source>", id) < 0 ||
	    xmlutil_put_xml(b, text, false) < 0 || buf_puts(b, "</source></segment></unit>\n") < 0)
		abort();
}

static void xliff_tail(struct buf *b)
{
	if (buf_puts(b, "</file></xliff>\n") < 0)
		abort();
}

/* The catalogue of language lang that xlf holds (caller frees). */
static struct messages *xliff_load(const struct buf *xlf, size_t lang)
{
	struct diag d = DIAG_INIT;
	const char *path = fuzz_scratch(".xlf", (const uint8_t *)xlf->data, xlf->len);
	struct messages *m = messages_load(path, langs[lang], &d);

	if (!m) {
		diag_print(&d, stderr);
		abort();
	}
	diag_free(&d);
	return m;
}

/* msgs[lang] as an XLIFF of its ids and texts alone, which loads in less
 * time than the locale with its notes and other language; checked to
 * read back the same. */
static void bare_xliff(size_t lang)
{
	const struct messages *m = S.msgs[lang];
	struct buf *b = &S.xlf[lang];
	struct messages *copy;
	size_t i;

	xliff_head(b, lang);
	for (i = 0; i < messages_count(m); i++)
		xliff_unit(b, messages_id_at(m, i), messages_text_at(m, i));
	xliff_tail(b);
	copy = xliff_load(b, lang);
	for (i = 0; i < messages_count(m); i++)
		if (strcmp(messages_raw(copy, messages_id_at(m, i)), messages_text_at(m, i)) != 0) {
			fprintf(stderr, "fuzz_override: %s reads back otherwise\n",
				messages_id_at(m, i));
			abort();
		}
	messages_free(copy);
}

/* The ids derive_view looks up go into the view, so where they show is
 * found by making each a marker, "ZQ<index>QZ", in one fresh catalogue
 * and rendering every document once. Those that show nowhere (or all, if
 * the markers break the view) are picked with document fallback. */
static void pick_derived(size_t lang, const struct strlist *derived, size_t fallback)
{
	const struct catalog *c = fuzz_catalog();
	struct messages *m = xliff_load(&S.xlf[lang], lang);
	const struct messages *layers[] = { m };
	bool *shown = calloc(derived->n + 1, sizeof(*shown));
	struct value *view;
	char marker[32];
	size_t k, doc;

	if (!shown)
		abort();
	for (k = 0; k < derived->n; k++) {
		struct diag d = DIAG_INIT;
		snprintf(marker, sizeof(marker), "ZQ%zuQZ", k);
		messages_override(m, derived->v[k], marker, "marker", 1, 1, &d);
		diag_free(&d);
	}
	view = example_view(m, lang);
	for (doc = 0; view && doc < c->ndocuments; doc++) {
		struct buf html = BUF_INIT;
		const char *p;

		render(view, layers, 1, doc, &html);
		for (p = buf_str(&html); (p = strstr(p, "ZQ")); p += 2) {
			char *end;
			k = strtoul(p + 2, &end, 10);
			if (end != p + 2 && strncmp(end, "QZ", 2) == 0 && k < derived->n) {
				add_pick(lang, doc, derived->v[k]);
				shown[k] = true;
			}
		}
		buf_free(&html);
	}
	for (k = 0; k < derived->n; k++)
		for (doc = 0; !shown[k] && doc < c->ndocuments; doc++)
			if (view ? doc == fallback : true)
				add_pick(lang, doc, derived->v[k]);
	value_free(view);
	messages_free(m);
	free(shown);
}

/* Each document of the example in each language, without an override:
 * the markup of its HTML, and the ids it shows; sorted picks of them. */
static void setup(void)
{
	const struct catalog *c = fuzz_catalog();
	size_t lang, doc, i;
	const char *at;

	if (buf_read_file(&S.profile, SRC("examples/profile.xml"), 1u << 20) < 0 ||
	    !(at = strstr(buf_str(&S.profile), "</profile>")))
		abort();
	S.insert_at = (size_t)(at - buf_str(&S.profile));
	if (!(S.base = calloc(NLANGS * c->ndocuments, sizeof(*S.base))))
		abort();
	for (lang = 0; lang < NLANGS; lang++) {
		struct strlist derived = { 0 };
		size_t smallest = 0, least = SIZE_MAX;
		const struct messages *layers[1];

		layers[0] = S.msgs[lang] = fuzz_locale(langs[lang]);
		bare_xliff(lang);
		messages_record(record, &derived);
		S.views[lang] = example_view(S.msgs[lang], lang);
		messages_record(NULL, NULL);
		if (!S.views[lang]) {
			fprintf(stderr, "fuzz_override: the example's view (%s) fails\n", langs[lang]);
			abort();
		}
		for (doc = 0; doc < c->ndocuments; doc++) {
			struct strlist used = { 0 };
			struct buf html = BUF_INIT;

			messages_record(record, &used);
			render(S.views[lang], layers, 1, doc, &html);
			messages_record(NULL, NULL);
			markup_read(&S.base[lang * c->ndocuments + doc], buf_str(&html), html.len);
			/* A document of one per item, of a list the example
			 * leaves empty (its advisories: none beside the profile
			 * as the target loads it), has nothing to render. */
			if (!html.len && c->documents[doc].each &&
			    !value_list_len(value_map_get(S.views[lang], c->documents[doc].each))) {
				strlist_free(&used);
				buf_free(&html);
				continue;
			}
			if (!html.len) {
				fprintf(stderr, "fuzz_override: %s (%s) does not render\n",
					c->documents[doc].id, langs[lang]);
				abort();
			}
			if (html.len < least) {
				least = html.len;
				smallest = doc;
			}
			for (i = 0; i < used.n; i++)
				add_pick(lang, doc, used.v[i]);
			strlist_free(&used);
			buf_free(&html);
		}
		sort_unique(&derived);
		pick_derived(lang, &derived, smallest);
		for (i = 0; i < S.npicks; i++)
			if (S.picks[i].lang == lang)
				S.picks[i].derived = bsearch(&S.picks[i].id, derived.v, derived.n,
							     sizeof(*derived.v), compare_strings);
		strlist_free(&derived);
	}
	qsort(S.picks, S.npicks, sizeof(*S.picks), compare_picks);
	for (i = 1; i < S.npicks; i++) /* the same pick twice: drop the second */
		if (compare_picks(&S.picks[i - 1], &S.picks[i]) == 0) {
			free(S.picks[i].id);
			memmove(&S.picks[i], &S.picks[i + 1], (S.npicks - i - 1) * sizeof(*S.picks));
			S.npicks--;
			i--;
		}
	if (getenv("FUZZ_OVERRIDE_PICKS"))
		for (i = 0; i < S.npicks; i++)
			fprintf(stderr, "pick %zu: %s %s %s%s\n", i, langs[S.picks[i].lang],
				c->documents[S.picks[i].doc].id, S.picks[i].id,
				S.picks[i].derived ? " (derived)" : "");
}

/* ---- one input ---- */

/* The example profile with one <message> of text (n bytes, up to a NUL;
 * what XML cannot hold is left out) for pick k, into out. */
static void profile_with(struct buf *out, const struct pick *k, const uint8_t *text, size_t n)
{
	struct buf t = BUF_INIT;

	if (buf_put(&t, text, n) < 0 || buf_put(out, S.profile.data, S.insert_at) < 0 ||
	    buf_printf(out, "<messages><message xml:lang=\"%s\" id=\"%s\">", langs[k->lang],
		       k->id) < 0 ||
	    xmlutil_put_xml(out, buf_str(&t), false) < 0 ||
	    buf_puts(out, "</message></messages>\n") < 0 ||
	    buf_puts(out, buf_str(&S.profile) + S.insert_at) < 0)
		abort();
	buf_free(&t);
}

/* A catalogue of the one message of pick k, its text the language's. */
static struct messages *one_message(const struct pick *k)
{
	struct buf xlf = BUF_INIT;
	struct messages *m;

	xliff_head(&xlf, k->lang);
	xliff_unit(&xlf, k->id, messages_raw(S.msgs[k->lang], k->id));
	xliff_tail(&xlf);
	m = xliff_load(&xlf, k->lang);
	buf_free(&xlf);
	return m;
}

/* The profile's one override applied to m, as build.c applies it. */
static int override(struct messages *m, const struct pick *k, const struct profile *p,
		    struct diag *d)
{
	const struct message_override *o = &p->overrides[0];

	return messages_override(m, k->id, o->text, p->path, o->loc.line, o->loc.col, d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *c = fuzz_catalog();
	struct buf xml = BUF_INIT, html = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct profile *p = NULL;
	struct messages *one = NULL, *all = NULL;
	const struct messages *layers[2];
	struct value *own = NULL, *view;
	struct markup got = { .elements = { 0 } };
	const struct pick *k;

	if (!S.picks)
		setup();
	if (size < 2)
		return -1;
	k = &S.picks[((size_t)data[0] << 8 | data[1]) % S.npicks];
	profile_with(&xml, k, data + 2, size - 2);
	p = profile_load(fuzz_scratch(".xml", (const uint8_t *)xml.data, xml.len),
			 &c->builtins, &d);
	if (!p || p->noverrides != 1)
		goto out;
	/* The override over the language's messages: a catalogue of its one
	 * message first, and the whole catalogue (loaded again, as it takes
	 * time) only for what derive_view looks up; else the view is the one
	 * made without the override. */
	one = one_message(k);
	if (override(one, k, p, &d) < 0)
		goto out;
	if (k->derived) {
		all = xliff_load(&S.xlf[k->lang], k->lang);
		if (override(all, k, p, &d) < 0)
			abort(); /* the same override, accepted by one */
		layers[0] = all;
		view = own = derive_view(p, c, all, langs[k->lang], &d);
	} else {
		layers[0] = one;
		layers[1] = S.msgs[k->lang];
		view = S.views[k->lang];
	}
	if (view) {
		render(view, layers, k->derived ? 1 : 2, k->doc, &html);
		markup_read(&got, buf_str(&html), html.len);
		if (markup_compare(&got, &S.base[k->lang * c->ndocuments + k->doc], k->id,
				   langs[k->lang], c->documents[k->doc].id) < 0)
			abort();
	}
out:
	markup_free(&got);
	value_free(own); /* before the catalogue it borrows from */
	messages_free(all);
	messages_free(one);
	profile_free(p);
	diag_free(&d);
	buf_free(&xml);
	buf_free(&html);
	return 0;
}
