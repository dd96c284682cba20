/* fuzz_docxml.c - document XML (policy-templates/document.rng), what a
 * template renders to: doc_parse against the real schema and, when it
 * parses, render_html and render_docx on the tree. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/diag.h"
#include "doc/doc.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct doc *doc = doc_parse((const char *)data, size, "fuzz.xml",
				    fuzz_doc_schema(), &d);

	if (doc) {
		struct doc_iter it;
		char *text = doc_node_text(doc->root);
		doc_iter_init(&it, doc->root);
		while (doc_iter_next(&it) != DOC_DONE)
			;
		free(text);
		fuzz_render_doc(doc, NULL);
	}
	doc_free(doc);
	diag_free(&d);
	return 0;
}
