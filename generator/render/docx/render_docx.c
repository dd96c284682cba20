/* render_docx.c - document tree -> .docx: plans the document (page,
 * typography, heading numbers and bookmarks), has each part written by its
 * own function (docx_*.c), and zips the parts in a fixed order. */
#include "render/docx/render_docx.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/docx/docx.h"
#include "doc/page.h"

/* The words the renderer adds, as render_html.c has them. English serves
 * any language without its own entry. */

/* Japanese documents are set in Mincho with Gothic headings, Latin
 * letters included, as Japanese Word documents are; others in a Latin
 * serif with a sans-serif for headings, with Japanese faces for any
 * Japanese names they hold. Noto CJK JP and Liberation are what
 * LibreOffice finds on Debian (fonts-noto-cjk, fonts-liberation);
 * fontTable.xml tells Word what to use where they are missing. */
static const struct docx_fonts fonts_ja = {
	"Noto Serif CJK JP", "Noto Serif CJK JP",
	"Noto Sans CJK JP", "Noto Sans CJK JP",
};
static const struct docx_fonts fonts_latin = {
	"Liberation Serif", "Noto Serif CJK JP",
	"Liberation Sans", "Noto Sans CJK JP",
};

static bool lang_is(const char *lang, const char *base)
{
	size_t n = strlen(base);

	return strncmp(lang, base, n) == 0 && (lang[n] == '\0' || lang[n] == '-');
}

/* w:lang wants a language with its region, as Word's spelling tools do. */
static void set_language(struct docx *x, const char *lang)
{
	x->ja = lang_is(lang, "ja");
	x->fonts = x->ja ? &fonts_ja : &fonts_latin;
	if (strchr(lang, '-') || !(x->ja || strcmp(lang, "en") == 0))
		snprintf(x->lang, sizeof(x->lang), "%s", lang);
	else
		/* The profile's English is British English. */
		snprintf(x->lang, sizeof(x->lang), "%s", x->ja ? "ja-JP" : "en-GB");
}

/* The page (page.h): paper, orientation and margins. */
static void set_page(struct docx *x, int letter, bool landscape)
{
	struct page pg;

	page_setup(&pg, letter, landscape);
	x->page = pg;
	x->page_w = pg.w, x->page_h = pg.h;
	x->mar_top = pg.top, x->mar_bottom = pg.bottom;
	x->mar_left = pg.left, x->mar_right = pg.right;
	x->mar_header = pg.header, x->mar_footer = pg.footer;
	x->text_w = x->page_w - x->mar_left - x->mar_right;
}

/* Word's bookmark names: a letter first, then letters, digits and '_',
 * at most 40 characters. Section ids are [a-z0-9][a-z0-9._-]*. */
static void bookmark_from_id(char *name, size_t size, const char *id)
{
	size_t j = 0;

	if (!((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z')))
		name[j++] = 's';
	for (; *id && j + 1 < size; id++) {
		bool keep = (*id >= 'a' && *id <= 'z') ||
			    (*id >= 'A' && *id <= 'Z') ||
			    (*id >= '0' && *id <= '9');
		name[j++] = keep ? *id : '_';
	}
	name[j] = '\0';
}

/* Numbers every heading as the heading numbering will show it, and names
 * its bookmarks: "_Toc00000001" for the table of contents, and one after
 * the section id for links to "#id". */
static int plan_headings(struct docx *x)
{
	struct doc_iter it;
	enum doc_event ev;
	int count[DOCX_HEADING_MAX] = { 0 };
	size_t n = 0, i, j;

	doc_iter_init(&it, x->doc->root);
	while ((ev = doc_iter_next(&it)) != DOC_DONE)
		n += ev == DOC_ENTER && it.cur->type == DOC_SECTION;
	if (n == 0)
		return 0;
	x->headings = calloc(n, sizeof(*x->headings));
	if (!x->headings) {
		diag_error(x->d, NULL, 0, 0, "out of memory while writing DOCX");
		return -1;
	}
	doc_iter_init(&it, x->doc->root);
	while ((ev = doc_iter_next(&it)) != DOC_DONE) {
		struct docx_heading *h;
		size_t len = 0;
		int level;

		if (ev != DOC_ENTER || it.cur->type != DOC_SECTION)
			continue;
		h = &x->headings[x->nheadings];
		h->section = it.cur;
		level = it.cur->level;
		if (level < 1)
			level = 1;
		if (level > DOCX_HEADING_MAX)
			level = DOCX_HEADING_MAX;
		h->level = level;
		count[level - 1]++;
		for (j = (size_t)level; j < DOCX_HEADING_MAX; j++)
			count[j] = 0;
		for (j = 0; j < (size_t)level && len < sizeof(h->number); j++)
			len += (size_t)snprintf(h->number + len,
						sizeof(h->number) - len, "%s%d",
						j ? "." : "", count[j]);
		snprintf(h->toc_name, sizeof(h->toc_name), "_Toc%08zu",
			 x->nheadings + 1);
		x->nheadings++;
		if (!it.cur->id)
			continue;
		bookmark_from_id(h->id_name, sizeof(h->id_name), it.cur->id);
		for (i = 0; i + 1 < x->nheadings; i++) {
			const struct docx_heading *o = &x->headings[i];
			if (o->section->id && strcmp(o->section->id, it.cur->id) == 0) {
				diag_error(x->d, x->doc->name, it.cur->line, 0,
					   "two sections have the id \"%s\" (the other is on line %ld)",
					   it.cur->id, o->section->line);
				return -1;
			}
			/* Ids that differ only in '.' and '-', or past 40
			 * characters: links reach this one by its _Toc name. */
			if (strcmp(o->id_name, h->id_name) == 0)
				h->id_name[0] = '\0';
		}
	}
	return 0;
}

static void docx_free(struct docx *x)
{
	size_t i;

	for (i = 0; i < x->nlinks; i++)
		free(x->links[i]);
	free(x->links);
	free(x->ordered);
	free(x->headings);
}

/* The reference's look in place of ours: its styles merged with ours,
 * its font table with our faces added. */
static int apply_reference(struct docx_reference *ref, struct buf *styles,
			   struct buf *fonts)
{
	struct buf merged = BUF_INIT;

	if (docx_reference_styles(ref, styles, &merged) < 0)
		goto fail;
	buf_free(styles);
	*styles = merged;
	merged = (struct buf)BUF_INIT;
	if (docx_reference_font_table(ref, fonts, &merged) < 0)
		goto fail;
	buf_free(fonts);
	*fonts = merged;
	return 0;
fail:
	buf_free(&merged);
	return -1;
}

/* The kept parts for x's language and page width, or NULL. */
static const struct docx_cache_slot *cache_find(const struct docx_cache *c, const struct docx *x)
{
	size_t i;

	for (i = 0; c && i < c->n; i++)
		if (strcmp(c->slot[i].lang, x->lang) == 0 && c->slot[i].text_w == x->text_w)
			return &c->slot[i];
	return NULL;
}

/* Keeps copies of the parts for the next documents like x; a full cache
 * or a failed copy only means they are written again. */
static void cache_keep(struct docx_cache *c, const struct docx *x, const struct buf *styles,
		       const struct buf *settings, const struct buf *fonts)
{
	struct docx_cache_slot *s;

	if (c->n == DOCX_CACHE_SLOTS || strlen(x->lang) >= sizeof(s->lang))
		return;
	s = &c->slot[c->n];
	memset(s, 0, sizeof(*s));
	snprintf(s->lang, sizeof(s->lang), "%s", x->lang);
	s->text_w = x->text_w;
	if (buf_put(&s->styles, styles->data, styles->len) < 0 ||
	    buf_put(&s->settings, settings->data, settings->len) < 0 ||
	    buf_put(&s->fonts, fonts->data, fonts->len) < 0) {
		buf_free(&s->styles);
		buf_free(&s->settings);
		buf_free(&s->fonts);
		return;
	}
	c->n++;
}

void docx_cache_free(struct docx_cache *c)
{
	size_t i;

	for (i = 0; c && i < c->n; i++) {
		buf_free(&c->slot[i].styles);
		buf_free(&c->slot[i].settings);
		buf_free(&c->slot[i].fonts);
	}
	if (c)
		c->n = 0;
	docx_cache_free_packed(c);
}

/* One part: the XML declaration, then what its writer writes, appended
 * to out. 0, or -1 when out of memory or too large. */
static int write_part(const struct docx *x,
		      int (*writer)(const struct docx *, struct xw *), struct buf *out)
{
	struct xw *w = docx_xml_open(out);

	return w ? docx_xml_close(w, writer(x, w)) : -1;
}

/* word/document.xml, the same way; its writer also notes the links and
 * numbered lists that the other parts then hold. */
static int write_document(struct docx *x, struct buf *out)
{
	struct xw *w = docx_xml_open(out);

	return w ? docx_xml_close(w, docx_write_document(x, w)) : -1;
}

int render_docx(const struct doc *doc, const struct docx_options *opt,
		struct buf *out, struct diag *d)
{
	/* The package, in the order its zip holds it: content types first,
	 * as every consumer expects, then each part before its own rels.
	 * Parts without a writer come from a reference document, and are
	 * left out when it has none. */
	struct docx_part parts[] = {
		{ "[Content_Types].xml", BUF_INIT },
		{ "_rels/.rels", BUF_INIT },
		{ "word/document.xml", BUF_INIT },
		{ "word/_rels/document.xml.rels", BUF_INIT },
		{ "word/styles.xml", BUF_INIT },
		{ "word/numbering.xml", BUF_INIT },
		{ "word/settings.xml", BUF_INIT },
		{ "word/fontTable.xml", BUF_INIT },
		{ "word/theme/theme1.xml", BUF_INIT },
		{ "word/header1.xml", BUF_INIT },
		{ "word/_rels/header1.xml.rels", BUF_INIT },
		{ NULL, BUF_INIT }, /* word/media/logo.<ext> */
		{ "word/footer1.xml", BUF_INIT },
		{ "docProps/core.xml", BUF_INIT },
		{ "docProps/app.xml", BUF_INIT },
	};
	/* Written after word/document.xml, which finds the links and
	 * numbered lists the relationships and numbering hold. */
	static int (*const writers[])(const struct docx *, struct xw *) = {
		docx_write_content_types, docx_write_package_rels, NULL,
		docx_write_document_rels, docx_write_styles,
		docx_write_numbering, docx_write_settings,
		docx_write_font_table, NULL, docx_write_header,
		docx_write_header_rels, NULL, docx_write_footer,
		docx_write_core, docx_write_app,
	};
	enum {
		DOCUMENT = 2, STYLES = 4, SETTINGS = 6, FONTS = 7, THEME = 8, HEADER_RELS = 10,
		LOGO = 11, NPARTS = sizeof(parts) / sizeof(parts[0])
	};
	struct docx_part zipped[NPARTS];
	const struct docx_cache_slot *slot;
	struct docx_reference ref;
	char logo_name[32];
	struct docx x;
	size_t i, n = 0;
	int rc = -1;

	_Static_assert(sizeof(writers) / sizeof(writers[0]) == NPARTS,
		       "one writer a part");
	memset(&x, 0, sizeof(x));
	memset(&ref, 0, sizeof(ref));
	x.doc = doc;
	x.d = d;
	set_language(&x, doc->lang ? doc->lang : "ja");
	x.labels = &doc->meta.labels;
	set_page(&x, opt && opt->letter, doc->landscape);
	if (opt && opt->reference) {
		if (docx_reference_load(&ref, opt->reference, opt->reference_len,
					opt->reference_name, d) < 0)
			goto out;
		x.ref = &ref;
	}
	if (plan_headings(&x) < 0)
		goto out;
	if (write_document(&x, &parts[DOCUMENT].data) < 0) {
		diag_error(d, doc->name, 0, 0, "cannot write %s: out of memory or too large",
			   parts[DOCUMENT].name);
		goto out;
	}
	slot = cache_find(opt ? opt->cache : NULL, &x);
	for (i = 0; i < NPARTS; i++) {
		const struct buf *kept = !slot ? NULL : i == STYLES ? &slot->styles
						  : i == SETTINGS ? &slot->settings
						  : i == FONTS ? &slot->fonts : NULL;
		if (kept) {
			if (buf_put(&parts[i].data, kept->data, kept->len) < 0)
				goto oom;
			continue;
		}
		if (!writers[i] || (i == HEADER_RELS && !(x.ref && ref.logo.len)) ||
		    write_part(&x, writers[i], &parts[i].data) == 0)
			continue;
oom:
		diag_error(d, doc->name, 0, 0, "cannot write %s: out of memory or too large",
			   parts[i].name);
		goto out;
	}
	if (x.ref) {
		if (!slot && apply_reference(&ref, &parts[STYLES].data, &parts[FONTS].data) < 0) {
			diag_error(d, doc->name, 0, 0, "cannot merge the styles of %s: out of memory",
				   ref.name);
			goto out;
		}
		/* The parts keep their bytes; ref frees its own. */
		parts[THEME].data = ref.theme;
		ref.theme = (struct buf)BUF_INIT;
		snprintf(logo_name, sizeof(logo_name), "word/media/logo.%s",
			 ref.logo.len ? ref.logo_ext : "png");
		parts[LOGO].name = logo_name;
		parts[LOGO].data = ref.logo;
		ref.logo = (struct buf)BUF_INIT;
	}
	if (!slot && opt && opt->cache)
		cache_keep(opt->cache, &x, &parts[STYLES].data, &parts[SETTINGS].data,
			   &parts[FONTS].data);
	for (i = 0; i < NPARTS; i++)
		if (parts[i].name && parts[i].data.len)
			zipped[n++] = parts[i];
	rc = docx_zip(zipped, n, doc->meta.iso_date, opt ? opt->cache : NULL, out, d);
out:
	for (i = 0; i < NPARTS; i++)
		buf_free(&parts[i].data);
	docx_reference_free(&ref);
	docx_free(&x);
	if (rc < 0)
		buf_free(out);
	return rc;
}
