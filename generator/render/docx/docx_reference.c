/* docx_reference.c - reads a company's Word file for its look (styles,
 * theme, font table, header logo), cleans what it takes to ECMA-376, and
 * merges its styles with ours. See docx_reference.h. */
#include "render/docx/docx_reference.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zip.h>

#include "base/xmlutil.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_V "urn:schemas-microsoft-com:vml"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_XML "http://www.w3.org/XML/1998/namespace"

/* Largest logo: 200 mm a side is no logo. */
#define EMU_MAX 7200000L
/* Widest logo in the header: 60 mm. */
#define LOGO_WIDTH_MAX 2160000L

/* ---- the zip ---- */

struct package {
	const char *name;
	zip_t *za;
};

/* The part at path into out (reset first). 1 read, 0 no such part, -1
 * after adding an error to d (too large, unreadable). */
static int read_part(const struct package *pk, const char *path, struct buf *out,
		     struct diag *d)
{
	zip_int64_t idx = zip_name_locate(pk->za, path, ZIP_FL_NOCASE);
	zip_stat_t st;
	zip_file_t *f;
	char chunk[8192];
	zip_int64_t n;

	buf_reset(out);
	if (idx < 0)
		return 0;
	zip_stat_init(&st);
	if (zip_stat_index(pk->za, (zip_uint64_t)idx, 0, &st) < 0 ||
	    !(st.valid & ZIP_STAT_SIZE) || st.size > DOCX_REFERENCE_PART_MAX) {
		diag_error(d, pk->name, 0, 0, "%s in the reference document is too large "
			   "(the limit is %zu bytes)", path, DOCX_REFERENCE_PART_MAX);
		return -1;
	}
	if (!(f = zip_fopen_index(pk->za, (zip_uint64_t)idx, 0)))
		goto bad;
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		/* The size in the directory may lie. */
		if (out->len + (size_t)n > DOCX_REFERENCE_PART_MAX ||
		    buf_put(out, chunk, (size_t)n) < 0) {
			zip_fclose(f);
			goto bad;
		}
	}
	if (zip_fclose(f) != 0 || n < 0)
		goto bad;
	return 1;
bad:
	diag_error(d, pk->name, 0, 0, "cannot read %s from the reference document "
		   "(damaged, too large or out of memory)", path);
	return -1;
}

/* A part parsed as XML (caller frees), NULL when absent (*found 0) or
 * after errors (*found 1). */
static xmlDocPtr read_xml(const struct package *pk, const char *path,
			  struct diag *d, int *found)
{
	struct buf b = BUF_INIT;
	char where[512];
	xmlDocPtr x = NULL;
	int rc = read_part(pk, path, &b, d);

	*found = rc != 0;
	if (rc > 0) {
		snprintf(where, sizeof(where), "%s:%s", pk->name, path);
		x = xmlutil_read_memory(buf_str(&b), b.len, where, d);
	}
	buf_free(&b);
	return x;
}

/* ---- cleaning to ECMA-376 ---- */

static bool understood(const xmlChar *href)
{
	static const char *const known[] = { NS_W, NS_R, NS_A, NS_XML };
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (href && strcmp((const char *)href, known[i]) == 0)
			return true;
	return false;
}

static bool is_el(const xmlNode *n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, ns) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The branch of an mc:AlternateContent a consumer that understands only
 * our namespaces takes: the first Choice whose Requires prefixes it all
 * understands, else the Fallback, else none. */
static xmlNodePtr alternate_branch(xmlNodePtr ac)
{
	xmlNodePtr c;

	for (c = ac->children; c; c = c->next) {
		xmlChar *req;
		char *s, *tok, *save = NULL;
		bool ok = true;

		if (!is_el(c, NS_MC, "Choice"))
			continue;
		req = xmlGetProp(c, BAD_CAST "Requires");
		s = req ? strdup((const char *)req) : NULL;
		xmlFree(req);
		if (!s)
			continue;
		for (tok = strtok_r(s, " \t\r\n", &save); tok && ok;
		     tok = strtok_r(NULL, " \t\r\n", &save)) {
			xmlNsPtr ns = xmlSearchNs(c->doc, c, BAD_CAST tok);
			ok = ns && understood(ns->href);
		}
		free(s);
		if (ok)
			return c;
	}
	for (c = ac->children; c; c = c->next)
		if (is_el(c, NS_MC, "Fallback"))
			return c;
	return NULL;
}

static void drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static bool blank(const xmlChar *s)
{
	return !s || s[strspn((const char *)s, " \t\r\n")] == '\0';
}

/* Keeps what our schemas describe, in place (see docx_reference.h):
 * resolves mc:AlternateContent, drops foreign elements, attributes,
 * namespace declarations, DrawingML extension lists, comments,
 * processing instructions and white space between elements. */
static void clean(xmlNodePtr n)
{
	xmlAttrPtr a, an;
	xmlNsPtr *link, ns;
	xmlNodePtr c, next;

	for (a = n->properties; a; a = an) {
		an = a->next;
		if (a->ns && !understood(a->ns->href))
			xmlRemoveProp(a);
	}
	for (c = n->children; c; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE && blank(c->content) &&
		    !is_el(n, NS_W, "t") && !is_el(n, NS_A, "t")) {
			drop(c);
		} else if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
			drop(c);
		} else if (is_el(c, NS_MC, "AlternateContent")) {
			/* Its branch's elements take its place, cleaned in turn. */
			xmlNodePtr br = alternate_branch(c), k, kn, first = NULL;
			for (k = br ? br->children : NULL; k; k = kn) {
				kn = k->next;
				if (k->type != XML_ELEMENT_NODE)
					continue;
				xmlUnlinkNode(k);
				xmlAddPrevSibling(c, k);
				if (!first)
					first = k;
			}
			drop(c);
			if (first)
				next = first;
		} else if (c->type == XML_ELEMENT_NODE &&
			   (!c->ns || !understood(c->ns->href) ||
			    strcmp((const char *)c->name, "extLst") == 0)) {
			drop(c);
		} else if (c->type == XML_ELEMENT_NODE) {
			clean(c);
		}
	}
	/* Nothing uses the declarations of what was dropped. */
	for (link = &n->nsDef; (ns = *link);) {
		if (understood(ns->href)) {
			link = &ns->next;
			continue;
		}
		*link = ns->next;
		ns->next = NULL;
		xmlFreeNs(ns);
	}
}

/* Appends x to out, indented, declared standalone. */
static int dump(xmlDocPtr x, struct buf *out)
{
	xmlChar *mem = NULL;
	int n = 0, rc;

	x->standalone = 1;
	xmlDocDumpFormatMemoryEnc(x, &mem, &n, "UTF-8", 1);
	if (!mem || n < 0)
		return -1;
	rc = buf_put(out, mem, (size_t)n);
	xmlFree(mem);
	return rc < 0 ? -1 : 0;
}

/* ---- relationships and the logo ---- */

/* The part a relationship target names, from the folder of its source
 * ("word/"): "media/a.png", "../word/media/a.png", "/word/media/a.png". */
static void resolve(const char *dir, const char *target, char *out, size_t size)
{
	char path[1024];
	char *seg, *save = NULL;
	size_t len = 0;

	snprintf(path, sizeof(path), "%s%s", target[0] == '/' ? "" : dir, target);
	out[0] = '\0';
	for (seg = strtok_r(path, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			out[len] = '\0';
			continue;
		}
		len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "/" : "", seg);
		if (len >= size) {
			out[0] = '\0';
			return;
		}
	}
}

/* The target of relationship id in rels (caller frees), or NULL. */
static char *rel_target(xmlDocPtr rels, const xmlChar *id)
{
	xmlNodePtr root = rels ? xmlDocGetRootElement(rels) : NULL, c;

	for (c = root ? root->children : NULL; c && id; c = c->next) {
		xmlChar *cid, *mode, *t;
		bool hit;

		if (!is_el(c, NS_PR, "Relationship"))
			continue;
		cid = xmlGetProp(c, BAD_CAST "Id");
		mode = xmlGetProp(c, BAD_CAST "TargetMode");
		hit = cid && xmlStrcmp(cid, id) == 0 &&
		      !(mode && xmlStrcmp(mode, BAD_CAST "External") == 0);
		xmlFree(cid);
		xmlFree(mode);
		if (!hit)
			continue;
		t = xmlGetProp(c, BAD_CAST "Target");
		if (t) {
			char *s = strdup((const char *)t);
			xmlFree(t);
			return s;
		}
	}
	return NULL;
}

/* The first element under n, in document order, for which match holds. */
static xmlNodePtr find(xmlNodePtr n, bool (*match)(const xmlNode *))
{
	xmlNodePtr c, hit;

	for (c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (match(c))
			return c;
		if ((hit = find(c, match)))
			return hit;
	}
	return NULL;
}

static bool is_default_header_ref(const xmlNode *n)
{
	xmlChar *t;
	bool ok;

	if (!is_el(n, NS_W, "headerReference"))
		return false;
	t = xmlGetNsProp((xmlNodePtr)n, BAD_CAST "type", BAD_CAST NS_W);
	ok = t && xmlStrcmp(t, BAD_CAST "default") == 0;
	xmlFree(t);
	return ok;
}

static bool is_picture(const xmlNode *n)
{
	return (is_el(n, NS_A, "blip") && xmlHasNsProp(n, BAD_CAST "embed", BAD_CAST NS_R)) ||
	       (is_el(n, NS_V, "imagedata") && xmlHasNsProp(n, BAD_CAST "id", BAD_CAST NS_R));
}

/* The default header of the body's last section, else the first one
 * anywhere: its part name into out ("" when none). */
static void default_header(const struct package *pk, struct diag *d, char *out,
			   size_t size)
{
	int found;
	xmlDocPtr doc = read_xml(pk, "word/document.xml", d, &found);
	xmlDocPtr rels = doc ? read_xml(pk, "word/_rels/document.xml.rels", d, &found) : NULL;
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL, body = NULL, c, ref = NULL;
	xmlChar *rid = NULL;
	char *target = NULL;

	out[0] = '\0';
	for (c = root ? root->children : NULL; c; c = c->next)
		if (is_el(c, NS_W, "body"))
			body = c;
	if (body && body->last && is_el(body->last, NS_W, "sectPr"))
		ref = find(body->last, is_default_header_ref);
	if (!ref)
		ref = find(root, is_default_header_ref);
	if (ref)
		rid = xmlGetNsProp(ref, BAD_CAST "id", BAD_CAST NS_R);
	if (rid && (target = rel_target(rels, rid)))
		resolve("word/", target, out, size);
	free(target);
	xmlFree(rid);
	xmlFreeDoc(rels);
	xmlFreeDoc(doc);
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

/* The image format from its first bytes, and its size in pixels when it
 * says (else 0). */
static bool image_format(struct docx_reference *r, unsigned long *w,
			 unsigned long *h)
{
	const unsigned char *p = (const unsigned char *)r->logo.data;
	size_t n = r->logo.len, i;

	*w = *h = 0;
	if (n >= 24 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) {
		r->logo_ext = "png", r->logo_type = "image/png";
		if (memcmp(p + 12, "IHDR", 4) == 0)
			*w = be32(p + 16), *h = be32(p + 20);
		return true;
	}
	if (n >= 10 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0)) {
		r->logo_ext = "gif", r->logo_type = "image/gif";
		*w = p[6] | (unsigned long)p[7] << 8;
		*h = p[8] | (unsigned long)p[9] << 8;
		return true;
	}
	if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8) {
		r->logo_ext = "jpeg", r->logo_type = "image/jpeg";
		/* The frame header (SOF0..SOF15 but DHT, JPG, DAC) has the size. */
		for (i = 2; i + 9 < n && p[i] == 0xFF;) {
			unsigned m = p[i + 1], len = (unsigned)p[i + 2] << 8 | p[i + 3];
			if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
				*h = (unsigned long)p[i + 5] << 8 | p[i + 6];
				*w = (unsigned long)p[i + 7] << 8 | p[i + 8];
				break;
			}
			i += 2 + len;
		}
		return true;
	}
	return false;
}

/* The picture's size in the reference (the extent of the drawing that
 * holds it), else from its pixels at DOCX_LOGO_HEIGHT; then no taller
 * than DOCX_LOGO_HEIGHT_MAX nor wider than LOGO_WIDTH_MAX. */
static void logo_size(struct docx_reference *r, xmlNodePtr pic,
		      unsigned long pw, unsigned long ph)
{
	xmlNodePtr n, c;
	long cx = 0, cy = 0;

	for (n = pic; n && cx <= 0; n = n->parent) {
		if (!is_el(n, NS_WP, "inline") && !is_el(n, NS_WP, "anchor"))
			continue;
		for (c = n->children; c; c = c->next) {
			if (is_el(c, NS_WP, "extent")) {
				xmlChar *x = xmlGetProp(c, BAD_CAST "cx");
				xmlChar *y = xmlGetProp(c, BAD_CAST "cy");
				cx = x ? strtol((const char *)x, NULL, 10) : 0;
				cy = y ? strtol((const char *)y, NULL, 10) : 0;
				xmlFree(x);
				xmlFree(y);
				break;
			}
		}
	}
	if (cx <= 0 || cy <= 0 || cx > EMU_MAX || cy > EMU_MAX) {
		cy = DOCX_LOGO_HEIGHT;
		cx = pw > 0 && ph > 0 && pw / ph < 50 && ph / pw < 50
			     ? (long)((double)cy * (double)pw / (double)ph) : cy;
	}
	if (cy > DOCX_LOGO_HEIGHT_MAX) {
		cx = (long)((double)cx * DOCX_LOGO_HEIGHT_MAX / (double)cy);
		cy = DOCX_LOGO_HEIGHT_MAX;
	}
	if (cx > LOGO_WIDTH_MAX) {
		cy = (long)((double)cy * LOGO_WIDTH_MAX / (double)cx);
		cx = LOGO_WIDTH_MAX;
	}
	r->logo_cx = cx > 0 ? cx : 1;
	r->logo_cy = cy > 0 ? cy : 1;
}

/* The first picture of the default header, if any. The logo is a
 * nicety: a header without a picture, one in a format Word's header
 * would not show, or parts that do not read give no logo and, for the
 * last two, a warning. */
static void read_logo(struct docx_reference *r, const struct package *pk,
		      struct diag *d)
{
	struct diag quiet = DIAG_INIT;
	char hdr[512], rels_name[2 * 512 + 16], dir[512], img[512];
	xmlDocPtr hx = NULL, rels = NULL;
	xmlNodePtr pic;
	xmlChar *rid = NULL;
	char *target = NULL, *slash;
	unsigned long pw, ph;
	int found;

	default_header(pk, &quiet, hdr, sizeof(hdr));
	if (!hdr[0] || !(hx = read_xml(pk, hdr, &quiet, &found)))
		goto out;
	snprintf(dir, sizeof(dir), "%s", hdr);
	slash = strrchr(dir, '/');
	*(slash ? slash + 1 : dir) = '\0';
	snprintf(rels_name, sizeof(rels_name), "%s_rels/%s.rels", dir,
		 slash ? hdr + (slash - dir) + 1 : hdr);
	if (!(pic = find(xmlDocGetRootElement(hx), is_picture)) ||
	    !(rels = read_xml(pk, rels_name, &quiet, &found)))
		goto out;
	rid = xmlGetNsProp(pic, BAD_CAST (is_el(pic, NS_A, "blip") ? "embed" : "id"),
			   BAD_CAST NS_R);
	if (!(target = rel_target(rels, rid)))
		goto out;
	resolve(dir, target, img, sizeof(img));
	if (!img[0] || read_part(pk, img, &r->logo, &quiet) <= 0)
		goto out;
	if (!image_format(r, &pw, &ph)) {
		diag_warning(d, r->name, 0, 0, "the logo in its header (%s) is not PNG, "
			     "JPEG or GIF: the documents have none", img);
		buf_free(&r->logo);
		goto out;
	}
	logo_size(r, pic, pw, ph);
out:
	if (quiet.errors) {
		buf_free(&r->logo);
		diag_warning(d, r->name, 0, 0, "its header logo cannot be read "
			     "(damaged or too large): the documents have none");
	}
	diag_free(&quiet);
	xmlFree(rid);
	free(target);
	xmlFreeDoc(rels);
	xmlFreeDoc(hx);
}

/* ---- loading ---- */

void docx_reference_free(struct docx_reference *r)
{
	xmlFreeDoc(r->styles);
	xmlFreeDoc(r->font_table);
	buf_free(&r->theme);
	buf_free(&r->logo);
	memset(r, 0, sizeof(*r));
}

/* An optional part, cleaned, or NULL (with a warning when it is there
 * but unusable). */
static xmlDocPtr optional_part(const struct package *pk, const char *path,
			       const char *ns, const char *root_name,
			       struct diag *d)
{
	struct diag quiet = DIAG_INIT;
	int found;
	xmlDocPtr x = read_xml(pk, path, &quiet, &found);
	xmlNodePtr root = x ? xmlDocGetRootElement(x) : NULL;

	diag_free(&quiet);
	if (x && is_el(root, ns, root_name)) {
		clean(root);
		return x;
	}
	if (found)
		diag_warning(d, pk->name, 0, 0, "%s in the reference document is not "
			     "usable; the documents use their own", path);
	xmlFreeDoc(x);
	return NULL;
}

int docx_reference_load(struct docx_reference *r, const char *bytes,
			size_t len, const char *name, struct diag *d)
{
	struct package pk = { name ? name : "reference.docx", NULL };
	zip_error_t ze;
	zip_source_t *src = NULL;
	xmlDocPtr theme = NULL;
	size_t before = d->errors;
	int found;

	memset(r, 0, sizeof(*r));
	r->name = pk.name;
	zip_error_init(&ze);
	src = zip_source_buffer_create(bytes, len, 0, &ze);
	if (src && !(pk.za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		zip_source_free(src);
		src = NULL;
	}
	if (!pk.za) {
		if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP)
			diag_error(d, pk.name, 0, 0, "not a Word file (.docx): not a zip archive");
		else
			diag_error(d, pk.name, 0, 0, "not a Word file (.docx): cannot open it as a zip archive (%s)",
				   zip_error_strerror(&ze));
		goto out;
	}
	r->styles = read_xml(&pk, "word/styles.xml", d, &found);
	if (!found) {
		diag_error(d, pk.name, 0, 0, "not a usable Word file (.docx): it has no word/styles.xml");
		goto out;
	}
	if (!r->styles) {
		/* The XML reader has said where and why, as a rule. */
		if (d->errors == before)
			diag_error(d, pk.name, 0, 0, "its word/styles.xml does not parse");
		goto out;
	}
	if (!is_el(xmlDocGetRootElement(r->styles), NS_W, "styles")) {
		diag_error(d, pk.name, 0, 0, "its word/styles.xml is not a WordprocessingML "
			   "(ECMA-376 transitional) styles part");
		goto out;
	}
	clean(xmlDocGetRootElement(r->styles));
	theme = optional_part(&pk, "word/theme/theme1.xml", NS_A, "theme", d);
	if (theme && dump(theme, &r->theme) < 0)
		diag_error(d, pk.name, 0, 0, "out of memory reading its theme");
	r->font_table = optional_part(&pk, "word/fontTable.xml", NS_W, "fonts", d);
	if (d->errors == before)
		read_logo(r, &pk, d);
out:
	xmlFreeDoc(theme);
	if (pk.za)
		zip_discard(pk.za); /* frees src */
	zip_error_fini(&ze);
	if (d->errors == before)
		return 0;
	docx_reference_free(r);
	return -1;
}

/* ---- merging ---- */

/* The first element child of n called name (in w:), or NULL. */
static xmlNodePtr wchild(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, NS_W, name))
			return c;
	return NULL;
}

static bool wattr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = n ? xmlGetNsProp(n, BAD_CAST name, BAD_CAST NS_W) : NULL;
	bool eq = v && value && strcmp((const char *)v, value) == 0;

	xmlFree(v);
	return eq;
}

/* The value of <name w:val="..."/> under n, caller frees (xmlFree). */
static xmlChar *wval(xmlNodePtr n, const char *name)
{
	xmlNodePtr c = wchild(n, name);

	return c ? xmlGetNsProp(c, BAD_CAST "val", BAD_CAST NS_W) : NULL;
}

/* Our copy of a node, in w: as the reference declares it: every node
 * moved to w first, then the copy's own declarations freed. */
static void adopt_ns(xmlNodePtr n, xmlNsPtr w)
{
	xmlAttrPtr a;
	xmlNodePtr c;

	if (n->type != XML_ELEMENT_NODE)
		return;
	if (n->ns && xmlStrcmp(n->ns->href, BAD_CAST NS_W) == 0)
		n->ns = w;
	for (a = n->properties; a; a = a->next)
		if (a->ns && xmlStrcmp(a->ns->href, BAD_CAST NS_W) == 0)
			a->ns = w;
	for (c = n->children; c; c = c->next)
		adopt_ns(c, w);
}

static void free_ns_defs(xmlNodePtr n)
{
	xmlNodePtr c;

	if (n->type != XML_ELEMENT_NODE)
		return;
	xmlFreeNsList(n->nsDef);
	n->nsDef = NULL;
	for (c = n->children; c; c = c->next)
		free_ns_defs(c);
}

static xmlNodePtr copy_into(xmlNodePtr src, xmlDocPtr doc, xmlNsPtr w)
{
	xmlNodePtr c = xmlDocCopyNode(src, doc, 1);

	if (c) {
		adopt_ns(c, w);
		free_ns_defs(c);
	}
	return c;
}

/* Puts node under parent, in place of an element of the same name, or
 * where the schema's sequence (order, NULL-terminated) wants it. */
static void put_in_order(xmlNodePtr parent, xmlNodePtr node,
			 const char *const *order)
{
	xmlNodePtr c, next;
	size_t rank = 0, i;

	for (c = parent->children; c; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, node->name) == 0)
			drop(c);
	}
	while (order[rank] && strcmp(order[rank], (const char *)node->name) != 0)
		rank++;
	for (c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (i = rank + 1; order[i]; i++)
			if (strcmp(order[i], (const char *)c->name) == 0)
				break;
		if (order[i]) {
			xmlAddPrevSibling(c, node);
			return;
		}
	}
	xmlAddChild(parent, node);
}

static const char *const style_order[] = {
	"name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
	"uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked",
	"personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr",
	"tblPr", "trPr", "tcPr", "tblStylePr", NULL,
};
static const char *const ppr_order[] = {
	"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
	"widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
	"suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
	"topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
	"snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
	"suppressOverlap", "jc", "textDirection", "textAlignment",
	"textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
	"pPrChange", NULL,
};
static const char *const rpr_order[] = {
	"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
	"strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
	"snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
	"position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
	"fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
	"specVanish", "oMath", NULL,
};

static xmlNodePtr style_by(xmlNodePtr root, const char *attr, const xmlChar *v,
			   const xmlChar *type)
{
	xmlNodePtr c;

	for (c = root->children; c; c = c->next) {
		xmlChar *t, *got;
		bool hit;

		if (!is_el(c, NS_W, "style"))
			continue;
		t = xmlGetNsProp(c, BAD_CAST "type", BAD_CAST NS_W);
		got = attr ? xmlGetNsProp(c, BAD_CAST attr, BAD_CAST NS_W) : wval(c, "name");
		hit = got && v && (attr ? xmlStrcmp(got, v) == 0
					: strcasecmp((const char *)got, (const char *)v) == 0) &&
		      (!type || (t && xmlStrcmp(t, type) == 0));
		xmlFree(t);
		xmlFree(got);
		if (hit)
			return c;
	}
	return NULL;
}

/* A reference style takes our id; what named its old id follows. */
static void rename_style(xmlNodePtr root, xmlNodePtr style, const xmlChar *id)
{
	static const char *const refs[] = { "basedOn", "next", "link" };
	xmlChar *old = xmlGetNsProp(style, BAD_CAST "styleId", BAD_CAST NS_W);
	xmlNodePtr c, e;
	size_t i;

	xmlSetNsProp(style, style->ns, BAD_CAST "styleId", id);
	for (c = root->children; c && old; c = c->next) {
		if (!is_el(c, NS_W, "style"))
			continue;
		for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++)
			if ((e = wchild(c, refs[i])) && wattr_is(e, "val", (const char *)old))
				xmlSetNsProp(e, c->ns, BAD_CAST "val", id);
	}
	xmlFree(old);
}

/* What stays ours in a style the reference defines: the heading
 * numbering and outline level, and tab stops where ours has them. */
static void keep_structure(xmlNodePtr theirs, xmlNodePtr ours, xmlNsPtr w)
{
	static const char *const ours_only[] = { "numPr", "tabs", "outlineLvl" };
	xmlNodePtr oppr = wchild(ours, "pPr"), tppr = wchild(theirs, "pPr"), e, c;
	size_t i;

	for (i = 0; i < sizeof(ours_only) / sizeof(ours_only[0]); i++) {
		if (!(e = wchild(oppr, ours_only[i])))
			continue;
		if (!tppr) {
			if (!(tppr = xmlNewDocNode(theirs->doc, w, BAD_CAST "pPr", NULL)))
				return;
			put_in_order(theirs, tppr, style_order);
		}
		if ((c = copy_into(e, theirs->doc, w)))
			put_in_order(tppr, c, ppr_order);
	}
}

/* Their numbering points into their numbering.xml, which is not ours;
 * the language of the text is the document's (docDefaults), not theirs. */
static void drop_theirs_only(xmlNodePtr root)
{
	xmlNodePtr c, n;

	for (c = root->children; c; c = c->next) {
		if (!is_el(c, NS_W, "style"))
			continue;
		if ((n = wchild(wchild(c, "pPr"), "numPr")))
			drop(n);
		if ((n = wchild(wchild(c, "rPr"), "lang")))
			drop(n);
	}
}

/* The document's language, not the reference's; their defaults, else ours. */
static void merge_defaults(xmlNodePtr root, xmlNodePtr ours, xmlNsPtr w)
{
	xmlNodePtr od = wchild(ours, "docDefaults"), td = wchild(root, "docDefaults");
	xmlNodePtr trpr, olang, c;

	if (!od)
		return;
	if (!td) {
		if ((c = copy_into(od, root->doc, w)))
			root->children ? (void)xmlAddPrevSibling(root->children, c)
				       : (void)xmlAddChild(root, c);
		return;
	}
	olang = wchild(wchild(wchild(od, "rPrDefault"), "rPr"), "lang");
	trpr = wchild(wchild(td, "rPrDefault"), "rPr");
	if (olang && trpr && (c = copy_into(olang, root->doc, w)))
		put_in_order(trpr, c, rpr_order);
	else if (!wchild(td, "rPrDefault") &&
		 (c = copy_into(wchild(od, "rPrDefault"), root->doc, w)))
		td->children ? (void)xmlAddPrevSibling(td->children, c)
			     : (void)xmlAddChild(td, c);
}

int docx_reference_styles(struct docx_reference *r, const struct buf *ours,
			  struct buf *out)
{
	xmlDocPtr mine = xmlReadMemory(buf_str(ours), (int)ours->len, "styles.xml",
				       NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	xmlDocPtr theirs = r->styles;
	xmlNodePtr root = xmlDocGetRootElement(theirs), oroot, s, t, c;
	xmlNsPtr w = root ? xmlSearchNsByHref(theirs, root, BAD_CAST NS_W) : NULL;
	int rc = -1;

	r->styles = NULL;
	if (!mine || !w || !(oroot = xmlDocGetRootElement(mine)))
		goto out;
	drop_theirs_only(root);
	merge_defaults(root, oroot, w);
	for (s = oroot->children; s; s = s->next) {
		xmlChar *id, *type, *name;

		if (!is_el(s, NS_W, "style"))
			continue;
		id = xmlGetNsProp(s, BAD_CAST "styleId", BAD_CAST NS_W);
		type = xmlGetNsProp(s, BAD_CAST "type", BAD_CAST NS_W);
		name = wval(s, "name");
		t = style_by(root, "styleId", id, NULL);
		if (!t && (t = style_by(root, NULL, name, type)))
			rename_style(root, t, id);
		if (t)
			keep_structure(t, s, w);
		else if ((c = copy_into(s, theirs, w)))
			xmlAddChild(root, c);
		xmlFree(id);
		xmlFree(type);
		xmlFree(name);
	}
	rc = dump(theirs, out);
out:
	xmlFreeDoc(mine);
	xmlFreeDoc(theirs);
	return rc;
}

int docx_reference_font_table(struct docx_reference *r, const struct buf *ours,
			      struct buf *out)
{
	xmlDocPtr mine = NULL, theirs = r->font_table;
	xmlNodePtr root = theirs ? xmlDocGetRootElement(theirs) : NULL, f, c, g;
	xmlNsPtr w = root ? xmlSearchNsByHref(theirs, root, BAD_CAST NS_W) : NULL;
	int rc = -1;

	r->font_table = NULL;
	if (!w) {
		rc = buf_put(out, ours->data, ours->len) < 0 ? -1 : 0;
		goto out;
	}
	mine = xmlReadMemory(buf_str(ours), (int)ours->len, "fontTable.xml", NULL,
			     XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	if (!mine)
		goto out;
	for (f = xmlDocGetRootElement(mine)->children; f; f = f->next) {
		xmlChar *name = xmlGetNsProp(f, BAD_CAST "name", BAD_CAST NS_W);
		bool have = false;
		for (g = root->children; g && name && !have; g = g->next)
			have = is_el(g, NS_W, "font") &&
			       wattr_is(g, "name", (const char *)name);
		xmlFree(name);
		if (!have && (c = copy_into(f, theirs, w)))
			xmlAddChild(root, c);
	}
	rc = dump(theirs, out);
out:
	xmlFreeDoc(mine);
	xmlFreeDoc(theirs);
	return rc;
}
