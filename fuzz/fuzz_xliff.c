/* fuzz_xliff.c - a locales/<lang>.xlf catalogue (XLIFF 2.0): loaded as
 * "en" (its sources) and as "ja" (its targets); when it loads, every
 * message is read back and the example profile's documents are rendered
 * with it to HTML and DOCX, as `secpolgen build` does with a locale. */
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "l10n/messages.h"
#include "template/mustache.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void count_tag(void *ctx, const char *tag)
{
	(void)tag;
	++*(size_t *)ctx;
}

static void load(const char *path, const char *lang)
{
	struct diag d = DIAG_INIT;
	struct messages *m = messages_load(path, lang, &d);
	size_t i, n = 0, len;

	if (m) {
		for (i = 0; i < messages_count(m); i++) {
			const char *id = messages_id_at(m, i);
			const char *text = messages_get(m, id, &len, NULL, NULL);
			if (text)
				mustache_list_tags(text, len, id, count_tag, &n, &d);
			(void)messages_raw(m, id);
			(void)messages_text_at(m, i);
			(void)messages_source_at(m, i);
			(void)messages_line_at(m, i);
		}
		fuzz_render_profile(fuzz_example_profile(), m, lang);
	}
	messages_free(m);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_scratch(".xlf", data, size);

	load(path, "en");
	load(path, "ja");
	return 0;
}
