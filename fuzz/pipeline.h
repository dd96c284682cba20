/* pipeline.h - what the fuzz targets share: the data under the source tree
 * (FUZZ_SRCDIR), loaded once per process, and the pipeline build.c runs
 * (view -> every document template -> document XML -> HTML and DOCX),
 * so that each target runs every renderer on what it parses. */
#ifndef SECPOLGEN_FUZZ_PIPELINE_H
#define SECPOLGEN_FUZZ_PIPELINE_H

#include <stddef.h>

#include "base/buf.h"
#include "model/catalog.h"
#include "doc/doc.h"
#include "l10n/messages.h"
#include "model/model.h"
#include "template/value.h"

#ifndef FUZZ_SRCDIR
#error "build with -DFUZZ_SRCDIR='\"/path/to/secpolgen\"'"
#endif

/* The built-in catalogue, the document schema, the profile schema's path
 * and examples/profile.xml, loaded on first use and kept for the life of
 * the process (borrowed). Abort when the source tree is unusable: that is
 * a broken setup, not a finding. */
const struct catalog *fuzz_catalog(void);
const struct doc_schema *fuzz_doc_schema(void);
const struct profile *fuzz_example_profile(void);

/* A fresh catalogue of locales/<lang>.xlf (caller frees). */
struct messages *fuzz_locale(const char *lang);

/* Renders doc as HTML (both page sizes, with and without links) and DOCX;
 * failures are fine, leaks and crashes are not. html may be NULL; else
 * the HTML with links is appended to it (empty when that render failed). */
void fuzz_render_doc(const struct doc *doc, struct buf *html);

/* Document i of the catalogue made of view (derive_view's), as build.c
 * makes it: its template rendered in strict mode, each partial from the
 * first of the nmsgs catalogues msgs that has it (a message override
 * over the language's messages) or policy-templates/partials/; the
 * document's own header and history (view's histories) lent as "doc" and
 * "revisions", and for a document of one per item the first item lent
 * as "item"; then parsed. view is as it was on return. NULL when there is
 * no item or a step fails; else caller frees with doc_free. */
struct doc *fuzz_make_doc(struct value *view, const struct messages *const *msgs, size_t nmsgs,
			  size_t i);

/* derive_view of p in lang with msgs, then every catalogue document
 * rendered (strict mode, partials from msgs and
 * policy-templates/partials/), parsed and passed to fuzz_render_doc. */
void fuzz_render_profile(const struct profile *p, const struct messages *msgs,
			 const char *lang);

/* Writes data to this process's own scratch file (one per process and
 * suffix, reused) and returns its path (static storage). */
const char *fuzz_scratch(const char *suffix, const unsigned char *data,
			 size_t size);

#endif
