/* fuzz_advisory.c - an advisory, the file a PSIRT writes
 * (advisories/<id>.xml beside the profile): advisories_load beside
 * examples/profile.xml, with the real schema and its CVSS vectors
 * scored; when it loads, its CSAF document and the provider metadata
 * are written, and its document is derived in Japanese and rendered to
 * HTML and DOCX, as `secpolgen build` does. The input is written as
 * akb-sa-2026-001.xml, the name of the seeds' id: others are refused
 * for their name, after every other check has run. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "derive/derive.h"
#include "doc/doc.h"
#include "l10n/messages.h"
#include "model/advisory.h"
#include "pipeline.h"
#include "profile/advisories.h"
#include "profile/profile.h"
#include "render/csaf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The folder the input is written into, made once per process. */
static const char *folder(void)
{
	static char dir[64];

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/secpolgen-fuzz-%ld-advisories", (long)getpid());
		if (mkdir(dir, 0700) < 0) {
			perror(dir);
			abort();
		}
	}
	return dir;
}

static void render(struct profile *p)
{
	static struct messages *ja;
	const struct catalog *cat = fuzz_catalog();
	struct diag d = DIAG_INIT;
	struct value *view;
	size_t i;

	if (!ja)
		ja = fuzz_locale("ja");
	if (!(view = derive_view(p, cat, ja, "ja", &d)))
		goto out;
	for (i = 0; i < cat->ndocuments; i++)
		if (strcmp(cat->documents[i].id, "advisory") == 0) {
			const struct messages *const msgs[] = { ja };
			struct doc *doc = fuzz_make_doc(view, msgs, 1, i);
			if (doc)
				fuzz_render_doc(doc, NULL);
			doc_free(doc);
		}
out:
	value_free(view);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct catalog *cat = fuzz_catalog();
	struct diag d = DIAG_INIT;
	struct profile *p = profile_load(FUZZ_SRCDIR "/examples/profile.xml", &cat->builtins, &d);
	struct buf path = BUF_INIT, out = BUF_INIT;
	FILE *fp;
	size_t i;

	if (!p || buf_printf(&path, "%s/akb-sa-2026-001.xml", folder()) < 0)
		abort();
	if (!(fp = fopen(buf_str(&path), "wb")) || (size && fwrite(data, 1, size, fp) != size) ||
	    fclose(fp) != 0) {
		perror(buf_str(&path));
		abort();
	}
	if (advisories_load(p, cat, folder(), true, &d) == 0) {
		for (i = 0; i < p->nadvisories; i++) {
			buf_reset(&out);
			csaf_write_advisory(&out, p, p->advisories[i],
					    "https://www.example.co.jp/.well-known/csaf/", "0");
		}
		buf_reset(&out);
		csaf_write_provider_metadata(&out, p, "https://www.example.co.jp/.well-known/csaf/",
					     "https://www.example.co.jp/.well-known/csaf/"
					     "provider-metadata.json");
		render(p);
	}
	unlink(buf_str(&path));
	buf_free(&path);
	buf_free(&out);
	profile_free(p);
	diag_free(&d);
	return 0;
}
