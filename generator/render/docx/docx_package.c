/* docx_package.c - what makes the parts a package (ECMA-376 Part 2):
 * content types, relationships, the core and application properties,
 * and the zip itself. */
#include "render/docx/docx.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <stdbool.h>

#include <zip.h>


/* Parts shorter than this are stored, not deflated: setting up zlib
 * (128 KiB cleared) costs more than compressing a footer saves. */
#define PACK_MIN 2048
/* Parts longer than this are not kept between packages. */
#define PACK_MAX (256 * 1024)

#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_CP "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define NS_EP "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

int docx_write_content_types(const struct docx *x, struct xw *w)
{
	static const struct {
		const char *part, *type;
	} overrides[] = {
		{ "/word/document.xml", WML "document.main+xml" },
		{ "/word/styles.xml", WML "styles+xml" },
		{ "/word/numbering.xml", WML "numbering+xml" },
		{ "/word/settings.xml", WML "settings+xml" },
		{ "/word/fontTable.xml", WML "fontTable+xml" },
		{ "/word/header1.xml", WML "header+xml" },
		{ "/word/footer1.xml", WML "footer+xml" },
		{ "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml" },
		{ "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml" },
	};
	const struct docx_reference *ref = x->ref;
	size_t i;

	if (xw_start(w, "Types") || xw_attr(w, "xmlns", NS_CT) ||
	    (ref && ref->logo.len &&
	     (xw_start(w, "Default") || xw_attr(w, "Extension", ref->logo_ext) ||
	      xw_attr(w, "ContentType", ref->logo_type) || xw_end(w))) ||
	    xw_start(w, "Default") || xw_attr(w, "Extension", "rels") ||
	    xw_attr(w, "ContentType", "application/vnd.openxmlformats-package.relationships+xml") ||
	    xw_end(w) || xw_start(w, "Default") || xw_attr(w, "Extension", "xml") ||
	    xw_attr(w, "ContentType", "application/xml") || xw_end(w))
		return -1;
	if (ref && ref->theme.len &&
	    (xw_start(w, "Override") || xw_attr(w, "PartName", "/word/theme/theme1.xml") ||
	     xw_attr(w, "ContentType", "application/vnd.openxmlformats-officedocument.theme+xml") ||
	     xw_end(w)))
		return -1;
	for (i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++)
		if (xw_start(w, "Override") || xw_attr(w, "PartName", overrides[i].part) ||
		    xw_attr(w, "ContentType", overrides[i].type) || xw_end(w))
			return -1;
	return xw_end(w);
}

static int relationship_named(struct xw *w, const char *rid,
			      const char *type, const char *target, int external)
{
	return xw_start(w, "Relationship") || xw_attr(w, "Id", rid) ||
	       xw_attr(w, "Type", type) || xw_attr(w, "Target", target) ||
	       (external && xw_attr(w, "TargetMode", "External")) || xw_end(w)
		       ? -1 : 0;
}

static int relationship(struct xw *w, int id, const char *type,
			const char *target, int external)
{
	char rid[16];

	snprintf(rid, sizeof(rid), "rId%d", id);
	return relationship_named(w, rid, type, target, external);
}

int docx_write_package_rels(const struct docx *x, struct xw *w)
{
	(void)x;
	if (xw_start(w, "Relationships") || xw_attr(w, "xmlns", NS_PR) ||
	    relationship(w, 1, REL "officeDocument", "word/document.xml", 0) ||
	    relationship(w, 2, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
			 "docProps/core.xml", 0) ||
	    relationship(w, 3, REL "extended-properties", "docProps/app.xml", 0) ||
	    xw_end(w))
		return -1;
	return 0;
}

int docx_write_document_rels(const struct docx *x, struct xw *w)
{
	size_t i;

	if (xw_start(w, "Relationships") || xw_attr(w, "xmlns", NS_PR) ||
	    relationship(w, DOCX_RID_STYLES, REL "styles", "styles.xml", 0) ||
	    relationship(w, DOCX_RID_NUMBERING, REL "numbering", "numbering.xml", 0) ||
	    relationship(w, DOCX_RID_SETTINGS, REL "settings", "settings.xml", 0) ||
	    relationship(w, DOCX_RID_FONT_TABLE, REL "fontTable", "fontTable.xml", 0) ||
	    relationship(w, DOCX_RID_HEADER, REL "header", "header1.xml", 0) ||
	    relationship(w, DOCX_RID_FOOTER, REL "footer", "footer1.xml", 0) ||
	    (x->ref && x->ref->theme.len &&
	     relationship_named(w, DOCX_RID_THEME, REL "theme", "theme/theme1.xml", 0)))
		return -1;
	for (i = 0; i < x->nlinks; i++)
		if (relationship(w, DOCX_RID_FIRST_LINK + (int)i, REL "hyperlink",
				 x->links[i], 1))
			return -1;
	return xw_end(w);
}

int docx_write_header_rels(const struct docx *x, struct xw *w)
{
	char target[32];

	snprintf(target, sizeof(target), "media/logo.%s", x->ref->logo_ext);
	if (xw_start(w, "Relationships") || xw_attr(w, "xmlns", NS_PR) ||
	    relationship_named(w, DOCX_RID_LOGO, REL "image", target, 0) || xw_end(w))
		return -1;
	return 0;
}

/* A W3CDTF date-time from the effective date, never from the clock: a
 * rebuild of the same profile gives the same file. */
static int dcterms_date(struct xw *w, const char *name, const char *iso)
{
	char when[32];

	snprintf(when, sizeof(when), "%.10sT00:00:00Z", iso);
	return xw_start(w, name) || xw_attr(w, "xsi:type", "dcterms:W3CDTF") ||
	       xw_text(w, when) || xw_end(w) ? -1 : 0;
}

/* True for a revision Word can show as its revision number: digits. */
static int is_count(const char *s)
{
	if (!*s || strlen(s) > 9)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Title, subject, keywords, language; the creator is the document's
 * author, or the company; the revision as cp:version (any text) and, when
 * it is a plain count, as cp:revision too (Word reads that as a number). */
int docx_write_core(const struct docx *x, struct xw *w)
{
	const struct doc_meta *m = &x->doc->meta;
	const char *creator = m->author ? m->author : m->company;

	if (xw_start(w, "cp:coreProperties") || xw_attr(w, "xmlns:cp", NS_CP) ||
	    xw_attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/") ||
	    xw_attr(w, "xmlns:dcterms", "http://purl.org/dc/terms/") ||
	    xw_attr(w, "xmlns:dcmitype", "http://purl.org/dc/dcmitype/") ||
	    xw_attr(w, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance") ||
	    (m->title && xw_element_text(w, "dc:title", m->title)) ||
	    (m->subject && xw_element_text(w, "dc:subject", m->subject)) ||
	    (creator && xw_element_text(w, "dc:creator", creator)) ||
	    (m->keywords && xw_element_text(w, "cp:keywords", m->keywords)) ||
	    (m->subtitle && xw_element_text(w, "dc:description", m->subtitle)) ||
	    (m->number && xw_element_text(w, "dc:identifier", m->number)) ||
	    xw_element_text(w, "dc:language", x->lang) ||
	    (m->classification && xw_element_text(w, "cp:category", m->classification)) ||
	    (m->revision && is_count(m->revision) &&
	     xw_element_text(w, "cp:revision", m->revision)) ||
	    (m->revision && xw_element_text(w, "cp:version", m->revision)) ||
	    (m->iso_date && (dcterms_date(w, "dcterms:created", m->iso_date) ||
			     dcterms_date(w, "dcterms:modified", m->iso_date))) ||
	    xw_end(w))
		return -1;
	return 0;
}

/* No application version and no page or word counts: we cannot know
 * them, and a tool's version would change every file it writes. */
int docx_write_app(const struct docx *x, struct xw *w)
{
	const struct doc_meta *m = &x->doc->meta;

	if (xw_start(w, "Properties") || xw_attr(w, "xmlns", NS_EP) ||
	    xw_element_text(w, "Application", "secpolgen") ||
	    xw_element_text(w, "DocSecurity", "0") ||
	    (m->company && xw_element_text(w, "Company", m->company)) ||
	    xw_element_text(w, "LinksUpToDate", "false") ||
	    xw_end(w))
		return -1;
	return 0;
}

/* The time every entry carries: noon of the effective date, so that no
 * daylight-saving change can move it. libzip turns it into a DOS date
 * with localtime(), so it is made with mktime() from the same fields. */
static time_t entry_time(const char *iso_date)
{
	struct tm tm;
	int y, mo, d;

	/* DOS dates run from 1980 to 2107. */
	if (!iso_date || sscanf(iso_date, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
	    y < 1980 || y > 2107 || mo < 1 || mo > 12 || d < 1 || d > 31)
		y = 1980, mo = 1, d = 1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* Fixed time, fixed attributes: nothing that varies from run to run.
 * Deflate's fastest level: level 9 cost a staff sheet twice the time for
 * 15 % fewer bytes. A part under 2 KiB is stored (PACK_MIN). */
static int set_entry(zip_t *za, zip_int64_t idx, size_t len, time_t when)
{
	return zip_set_file_compression(za, (zip_uint64_t)idx,
					len < PACK_MIN ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
					len < PACK_MIN ? 0 : 1) < 0 ||
	       zip_file_set_mtime(za, (zip_uint64_t)idx, when, 0) < 0 ||
	       zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
						0100644u << 16) < 0 ? -1 : 0;
}

/* Adds one part from src, which the archive then owns. */
static int add_source(zip_t *za, const char *name, zip_source_t *src, size_t len,
		      time_t when)
{
	zip_int64_t idx;

	if (!src)
		return -1;
	idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
	if (idx < 0) {
		zip_source_free(src);
		return -1;
	}
	return set_entry(za, idx, len, when);
}

/* Adds one part; the source only points at the part's bytes. */
static int add_part(zip_t *za, const struct docx_part *p, time_t when)
{
	return add_source(za, p->name,
			  zip_source_buffer(za, buf_str(&p->data), p->data.len, 0),
			  p->data.len, when);
}

/* ---- parts kept deflated between packages (struct docx_cache) ---- */

static int zip_parts(const struct docx_part *parts, size_t n, time_t when,
		     struct docx_cache *cache, struct buf *out, zip_error_t *ze);

static void packed_free(struct docx_packed *k)
{
	if (k->za)
		zip_discard(k->za);
	k->za = NULL;
	buf_free(&k->data);
	buf_free(&k->zip);
}

void docx_cache_free_packed(struct docx_cache *c)
{
	size_t i;

	for (i = 0; c && i < c->npacked; i++)
		packed_free(&c->packed[i]);
	for (i = 0; c && i < c->nseen; i++)
		buf_free(&c->seen[i].data);
	if (c)
		c->npacked = c->next = c->nseen = 0;
}

/* The kept copy of part p, deflated, or NULL. */
static struct docx_packed *packed_find(struct docx_cache *c, const struct docx_part *p)
{
	size_t i;

	for (i = 0; i < c->npacked; i++) {
		struct docx_packed *k = &c->packed[i];
		if (k->za && strcmp(k->name, p->name) == 0 &&
		    k->data.len == p->data.len && memcmp(k->data.data, p->data.data, k->data.len) == 0)
			return k;
	}
	return NULL;
}

/* Whether the part had these bytes the last time a part of its name was
 * zipped; remembers them for the next time. */
static bool seen_before(struct docx_cache *c, const struct docx_part *p)
{
	struct docx_seen *s = NULL;
	size_t i;

	for (i = 0; i < c->nseen && !s; i++)
		if (strcmp(c->seen[i].name, p->name) == 0)
			s = &c->seen[i];
	if (!s) {
		if (c->nseen == DOCX_SEEN_MAX)
			return false;
		s = &c->seen[c->nseen++];
		snprintf(s->name, sizeof(s->name), "%s", p->name);
		s->data = (struct buf)BUF_INIT;
	}
	if (s->data.len == p->data.len && memcmp(s->data.data, p->data.data, p->data.len) == 0)
		return true;
	buf_reset(&s->data);
	if (buf_put(&s->data, p->data.data, p->data.len) < 0)
		s->data = (struct buf)BUF_INIT; /* freed: seen again next time */
	return false;
}

/* Deflates p into an archive of its own, kept in c (replacing the oldest
 * when c is full). NULL when it cannot: the part is then zipped as any. */
static struct docx_packed *pack(struct docx_cache *c, const struct docx_part *p)
{
	struct docx_packed *k;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	if (c->npacked < DOCX_PACKED_MAX) {
		k = &c->packed[c->npacked++];
	} else {
		/* Not one the package being zipped copies from: it has fewer
		 * parts than the cache has places. */
		do {
			k = &c->packed[c->next];
			c->next = (c->next + 1) % DOCX_PACKED_MAX;
		} while (k->busy);
		packed_free(k);
	}
	memset(k, 0, sizeof(*k));
	snprintf(k->name, sizeof(k->name), "%s", p->name);
	k->data = (struct buf)BUF_INIT;
	k->zip = (struct buf)BUF_INIT;
	zip_error_init(&ze);
	if (buf_put(&k->data, p->data.data, p->data.len) < 0 ||
	    zip_parts(p, 1, 0, NULL, &k->zip, &ze) < 0) {
		zip_error_fini(&ze);
		goto fail;
	}
	src = zip_source_buffer_create(k->zip.data, k->zip.len, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!za) {
		zip_source_free(src);
		zip_error_fini(&ze);
		goto fail;
	}
	zip_error_fini(&ze);
	k->za = za;
	return k;
fail:
	/* Leave the slot empty: it holds no archive to copy from. */
	buf_free(&k->data);
	buf_free(&k->zip);
	k->name[0] = '\0';
	return NULL;
}

/* Adds part p: copied already deflated from the cache when it has the same
 * bytes as a part kept there, or as the same part of the last package
 * (then kept); else deflated here. */
static int add_part_cached(zip_t *za, struct docx_cache *c, const struct docx_part *p,
			   time_t when)
{
	struct docx_packed *k;

	/* The document's text is its own; a part of more than PACK_MAX is
	 * not worth holding a copy of. */
	if (!c || p->data.len < PACK_MIN || p->data.len > PACK_MAX ||
	    strcmp(p->name, "word/document.xml") == 0 ||
	    strlen(p->name) >= sizeof(c->packed[0].name))
		return add_part(za, p, when);
	k = packed_find(c, p);
	if (!k && seen_before(c, p))
		k = pack(c, p);
	if (!k)
		return add_part(za, p, when);
	k->busy = true;
	/* The whole entry, start 0 and length -1: libzip copies its deflated
	 * bytes, CRC and sizes as they are. */
	return add_source(za, p->name, zip_source_zip(za, k->za, 0, 0, 0, -1),
			  p->data.len, when);
}

/* Copies the finished archive out of its in-memory source. */
static int read_archive(zip_source_t *src, struct buf *out)
{
	zip_stat_t st;
	char chunk[8192];
	zip_int64_t n;
	zip_uint64_t total = 0;
	int rc = -1;

	if (zip_source_open(src) < 0)
		return -1;
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
		goto out;
	while ((n = zip_source_read(src, chunk, sizeof(chunk))) > 0) {
		if (buf_put(out, chunk, (size_t)n) < 0)
			goto out;
		total += (zip_uint64_t)n;
	}
	if (n == 0 && total == st.size)
		rc = 0;
out:
	zip_source_close(src);
	return rc;
}

/* The archive of parts into out; a failure's cause in ze. */
static int zip_parts(const struct docx_part *parts, size_t n, time_t when,
		     struct docx_cache *cache, struct buf *out, zip_error_t *ze)
{
	zip_source_t *src = NULL;
	zip_t *za = NULL;
	size_t i;
	int rc = -1;

	src = zip_source_buffer_create(NULL, 0, 0, ze);
	if (!src)
		goto out;
	za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, ze);
	if (!za)
		goto out;
	zip_source_keep(src); /* zip_close must not free it: the archive is in it */
	for (i = 0; i < n; i++) {
		if (add_part_cached(za, cache, &parts[i], when) < 0) {
			zip_error_set(ze, zip_error_code_zip(zip_get_error(za)),
				      zip_error_code_system(zip_get_error(za)));
			goto out;
		}
	}
	if (zip_close(za) < 0) {
		zip_error_set(ze, zip_error_code_zip(zip_get_error(za)),
			      zip_error_code_system(zip_get_error(za)));
		goto out;
	}
	za = NULL;
	if (read_archive(src, out) < 0) {
		zip_error_set(ze, ZIP_ER_MEMORY, 0);
		goto out;
	}
	rc = 0;
out:
	if (za)
		zip_discard(za);
	zip_source_free(src);
	for (i = 0; cache && i < cache->npacked; i++)
		cache->packed[i].busy = false;
	return rc;
}

int docx_zip(const struct docx_part *parts, size_t n, const char *iso_date,
	     struct docx_cache *cache, struct buf *out, struct diag *d)
{
	zip_error_t ze;
	int rc;

	zip_error_init(&ze);
	rc = zip_parts(parts, n, entry_time(iso_date), cache, out, &ze);
	if (rc < 0)
		diag_error(d, NULL, 0, 0, "cannot write the DOCX package: %s",
			   zip_error_code_zip(&ze) == ZIP_ER_MEMORY
				   ? "out of memory or too large" : zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return rc;
}
