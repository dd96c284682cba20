/* fuzz_profile.c - profile.xml, the file a company writes: profile_load
 * with the real schema and the built-in roles; when it loads, the view is
 * derived in Japanese (with the profile's own message overrides) and every
 * document is rendered to HTML and DOCX, as `secpolgen build` does. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/diag.h"
#include "l10n/messages.h"
#include "pipeline.h"
#include "profile/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct messages *ja; /* locales/ja.xlf, kept while unmodified */
	const char *path = fuzz_scratch(".xml", data, size);
	struct diag d = DIAG_INIT;
	struct messages *m = NULL;
	struct profile *p;
	size_t i;

	p = profile_load(path, &fuzz_catalog()->builtins, &d);
	if (!p)
		goto out;
	for (i = 0; i < p->noverrides; i++)
		if (strcmp(p->overrides[i].lang, "ja") == 0)
			break;
	if (i < p->noverrides) {
		/* Overrides change the catalogue: use a fresh one. */
		m = fuzz_locale("ja");
		for (; i < p->noverrides; i++)
			if (strcmp(p->overrides[i].lang, "ja") == 0 &&
			    messages_override(m, p->overrides[i].id, p->overrides[i].text, path,
					      p->overrides[i].loc.line, p->overrides[i].loc.col,
					      &d) < 0)
				goto out;
		fuzz_render_profile(p, m, "ja");
	} else {
		if (!ja)
			ja = fuzz_locale("ja");
		fuzz_render_profile(p, ja, "ja");
	}
out:
	messages_free(m);
	profile_free(p);
	diag_free(&d);
	return 0;
}
