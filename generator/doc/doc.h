/* doc.h - the document tree every renderer walks.
 *
 * A template renders to document XML (the small vocabulary described by
 * policy-templates/document.rng); doc_parse() validates that XML against the
 * schema and turns it into this tree. Renderers only read the tree.
 *
 * Vocabulary (XML element -> node type):
 *   document   DOC_DOCUMENT  @id (document kind, e.g. "policy"), @lang
 *   meta       (not a node: parsed into struct doc_meta)
 *   toc        DOC_TOC       where a table of contents goes
 *   section    DOC_SECTION   @id (anchor, optional), @lang (when its text is
 *                            in another language than the document's:
 *                            the HTML marks it, DOCX keeps the
 *                            document's); holds heading + blocks
 *   heading    DOC_HEADING   inline content; level = section depth (1..6)
 *   p          DOC_PARAGRAPH inline content
 *   list       DOC_LIST      @style "bullet" | "number"; holds items
 *   item       DOC_ITEM      inline content and nested lists
 *   table      DOC_TABLE     @widths relative column widths ("2 5 3"),
 *                            @cards "true": on a phone's narrow screen
 *                            each row is a card, every value after its
 *                            column's header (HTML only)
 *   row        DOC_ROW       @header "true" for a header row
 *   cell       DOC_CELL      @span columns (default 1), @align "center" for
 *                            a short value, @header "true" for the cell
 *                            that names its row, @wrap "false" for a
 *                            value that must stay on one line (a date,
 *                            a number); inline content or p/list
 *   note       DOC_NOTE      @kind "note" | "warning"; inline content
 *   signature  DOC_SIGNATURE holds lines
 *   line       DOC_SIGNATURE_LINE @label; inline content (may be empty: a
 *                            blank to be filled in by hand)
 *   strong, em DOC_STRONG, DOC_EM  inline
 *   link       DOC_LINK      @href (https:, http:, mailto:, #anchor, or a
 *                            file beside the document: "ja/policy.docx")
 *   br         DOC_BREAK     line break inside a paragraph or cell
 *   timeline   DOC_TIMELINE  periods (head) and lanes marked in some of them
 *                            (parsed into struct doc_timeline; no child
 *                            nodes); every lane has a slot per head
 *   orgchart   DOC_ORGCHART  a picture of the organisation: boxes in a
 *                            reporting tree, and groups of boxes drawn
 *                            apart (parsed into struct doc_orgchart; no
 *                            child nodes). @continued: what a box says
 *                            when its subtree goes on in another figure,
 *                            "{n}" standing for that figure's number;
 *                            @figure: each figure's caption when the
 *                            chart is split, "{n}" its number
 *   text       DOC_TEXT      (character data; never an element)
 */
#ifndef SECPOLGEN_DOC_H
#define SECPOLGEN_DOC_H

#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"

enum doc_type {
	DOC_DOCUMENT,
	DOC_TOC,
	DOC_SECTION,
	DOC_HEADING,
	DOC_PARAGRAPH,
	DOC_LIST,
	DOC_ITEM,
	DOC_TABLE,
	DOC_ROW,
	DOC_CELL,
	DOC_NOTE,
	DOC_SIGNATURE,
	DOC_SIGNATURE_LINE,
	DOC_STRONG,
	DOC_EM,
	DOC_LINK,
	DOC_BREAK,
	DOC_ORGCHART,
	DOC_TIMELINE,
	DOC_TEXT
};

/* <timeline>: <head>×n, then <lane label><slot on?/>×n</lane>…. */
struct doc_timeline_lane {
	char *label;
	unsigned char *on; /* nheads flags */
};

struct doc_timeline {
	char **heads;
	size_t nheads;
	struct doc_timeline_lane *lanes;
	size_t nlanes;
};

/* <orgchart>: <box id parent?><title/><line/>*</box>, then
 * <apart caption><box/>…</apart>. A box without parent is a root of the
 * tree; boxes inside an apart group have none. */
struct doc_chart_box {
	char *id;
	char *parent_id; /* @parent as written, or NULL */
	long parent;   /* index of the parent box, or -1 */
	long group;    /* index into groups for a box drawn apart, or -1 */
	char *title;   /* first line, bold: e.g. the role */
	char **lines;  /* further lines: e.g. the people who hold it */
	size_t nlines;
	long line;     /* line in the document XML */
};

struct doc_orgchart {
	struct doc_chart_box *boxes; /* in document order */
	size_t nboxes;
	char **groups; /* captions of the groups drawn apart */
	size_t ngroups;
	char *continued; /* e.g. "続きは図{n}"; never NULL after doc_parse */
	char *figure;    /* caption of a figure when there are several, e.g.
			  * "図{n}"; never NULL after doc_parse */
	char *separator; /* joins the titles in a figure's text alternative:
			  * "、"; never NULL after doc_parse */
};

struct doc_node {
	enum doc_type type;
	struct doc_node *parent;
	struct doc_node *first; /* first child */
	struct doc_node *last;  /* last child */
	struct doc_node *next;  /* next sibling */
	struct doc_node *prev;  /* previous sibling */
	long line;              /* line in the document XML */

	char *text;   /* DOC_TEXT: UTF-8 text, whitespace as written */
	char *href;   /* DOC_LINK */
	char *id;     /* DOC_SECTION: anchor or NULL; DOC_DOCUMENT: kind */
	char *label;  /* DOC_SIGNATURE_LINE */
	char *lang;   /* DOC_SECTION: its language, or NULL for the document's */
	int level;    /* DOC_SECTION, DOC_HEADING: 1 for a top section, at most 6 */
	int ordered;  /* DOC_LIST: 1 when numbered */
	int header;   /* DOC_ROW: 1 for a header row; DOC_CELL: 1 for the
		       * cell that names its row */
	int span;     /* DOC_CELL: columns spanned, >= 1 */
	int center;   /* DOC_CELL: 1 for align="center" */
	int nowrap;   /* DOC_CELL: 1 for wrap="false" */
	int cards;    /* DOC_TABLE: 1 for cards="true" */
	int warning;  /* DOC_NOTE: 1 for kind="warning" */
	int new_page; /* DOC_SECTION: 1 for page="new" (it starts a page) */
	struct doc_orgchart *chart; /* DOC_ORGCHART */
	struct doc_timeline *timeline; /* DOC_TIMELINE */
	double *widths; /* DOC_TABLE: ncols relative widths (sum > 0) */
	size_t ncols;   /* DOC_TABLE: number of columns */
};

/* The words a renderer writes around the tree, from <meta><labels …/>:
 * the template supplies them from the language's messages. Never NULL
 * after doc_parse, which refuses document XML that leaves one out. */
struct doc_labels {
	char *toc;            /* title of the table of contents */
	char *classification;
	char *index;          /* link back to the list of all documents */
	char *links;          /* accessible name of the bar of links */
	char *approval;       /* the cover's sign-off block: its title, */
	char *draft;          /* what a cover says when nobody has approved */
};

/* A line of the cover's box: <cover><field label iso>value</field>. */
struct doc_field {
	char *label;
	char *value;
	char *iso;   /* the value as YYYY-MM-DD when it is a date, or NULL */
};

/* A column of the sign-off block: <signoff><step label title name date/>;
 * title, name and date NULL where the document leaves them to be filled
 * in by hand. */
struct doc_step {
	char *label; /* 承認, 確認, 作成 … */
	char *title;
	char *name;
	char *date;
};

/* Text fields of <meta>, all owned, NULL when absent. */
struct doc_meta {
	char *title;          /* document title */
	char *subtitle;
	char *company;        /* company name in the document's language */
	char *number;         /* document number, e.g. "AKB-PS-001" */
	char *revision;       /* e.g. "1.2" */
	char *date;           /* effective date as displayed */
	char *iso_date;       /* effective date, YYYY-MM-DD (core properties) */
	char *classification; /* e.g. 社外秘 */
	char *author;         /* who owns the document (creator) */
	char *subject;
	char *keywords;
	char *approver;       /* <approval name=…>: who approved; NULL: draft */
	char *version;        /* the revision as written everywhere (footer) */
	struct doc_field *cover; /* the box beside the title, in order */
	size_t ncover;
	struct doc_step *steps;  /* the sign-off block; none: no block */
	size_t nsteps;
	struct doc_labels labels;
};

struct doc {
	char *name; /* what diagnostics name it, as given to doc_parse */
	char *kind; /* "policy", ... */
	char *lang; /* BCP 47, e.g. "ja", "en" */
	int landscape; /* @orientation="landscape": pages wider than tall */
	struct doc_meta meta;
	struct doc_node *root; /* DOC_DOCUMENT */
};

/* The compiled document schema (policy-templates/document.rng), loaded
 * once and shared by every doc_parse. Caller frees with doc_schema_free.
 * NULL after adding an error to d. */
struct doc_schema;
struct doc_schema *doc_schema_load(const char *rng_path, struct diag *d);
void doc_schema_free(struct doc_schema *s);

/* Parses document XML (len bytes; name is used in diagnostics), validates
 * it against schema, and builds the tree. Whitespace-only text between
 * blocks is dropped; inside inline content runs of white space become one
 * space and a block's leading and trailing space is trimmed (meta fields
 * too). Beyond the schema it checks what renderers rely on: section ids
 * are unique, every "#id" link names a section, every row of a table
 * spans the same number of columns (the number of widths, when given),
 * sections nest at most 6 deep, an org chart's box ids are unique and
 * every parent names a box of the tree without forming a loop. Returns a new doc (caller frees with
 * doc_free), or NULL after adding located errors. */
struct doc *doc_parse(const char *xml, size_t len, const char *name,
		      const struct doc_schema *schema, struct diag *d);

/* The same for XML in xml, which is freed (buf_free) as soon as it is
 * parsed, before the tree is built: a large document's text and tree are
 * not held at once. */
struct doc *doc_parse_buf(struct buf *xml, const char *name,
			  const struct doc_schema *schema, struct diag *d);

void doc_free(struct doc *doc);

/* Iteration in document order, as cmark's iterator: each node is visited
 * on entering and, for nodes that may have children, on exiting. */
enum doc_event { DOC_ENTER, DOC_EXIT, DOC_DONE };

struct doc_iter {
	struct doc_node *root;
	struct doc_node *cur;
	enum doc_event ev;
};

void doc_iter_init(struct doc_iter *it, struct doc_node *root);
/* Returns the next event and sets it->cur; DOC_DONE at the end. Leaf
 * nodes (DOC_TEXT, DOC_BREAK, DOC_TOC) get DOC_ENTER only. */
enum doc_event doc_iter_next(struct doc_iter *it);

/* Concatenated text of a node's descendants (caller frees; NULL on OOM). */
char *doc_node_text(const struct doc_node *n);

#endif
