/* fuzz_mustache.c - a Mustache template, rendered in spec and in strict
 * mode against a small fixed value tree.
 *
 * Input: the template, then optionally NUL-separated pairs
 * "name\0text\0name\0text…": the partials the template may include (a
 * name not given is a missing partial). Partials are templates, so each
 * pair's text is fuzzed as one too. The tag and partial listers run on the
 * template as well. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "template/mustache.h"
#include "template/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct pieces {
	const char *rest; /* the pairs, after the template's NUL */
	size_t len;
};

static const char *find_partial(void *ctx, const char *name, size_t *len,
				const char **source, long *line)
{
	const struct pieces *pc = ctx;
	const char *p = pc->rest, *end = pc->rest + pc->len;

	while (p < end) {
		const char *n = p, *t, *te;
		size_t nlen = strnlen(n, (size_t)(end - n));
		t = n + nlen + (n + nlen < end);
		te = t + strnlen(t, (size_t)(end - t));
		if (nlen == strlen(name) && memcmp(n, name, nlen) == 0) {
			*len = (size_t)(te - t);
			*source = NULL;
			*line = 1;
			return t;
		}
		p = te + (te < end);
	}
	return NULL;
}

/* The names the spec's tests use, in every shape a template can meet. */
static struct value *fixed_tree(void)
{
	struct value *root = value_map(), *list = value_list(), *deep = value_map(),
		     *b = value_map(), *c = value_map(), *item;
	int i;

	value_map_set_string(root, "text", "content");
	value_map_set_string(root, "name", "Joe");
	value_map_set_string(root, "html", "<b>\"R&D\"</b> 'x'");
	value_map_set_string(root, "empty", "");
	value_map_set_bool(root, "bool", true);
	value_map_set_bool(root, "false", false);
	value_map_set_number(root, "num", 1.21);
	value_map_set_number(root, "int", 85);
	value_map_set(root, "null", value_null());
	value_map_set(root, "emptylist", value_list());
	for (i = 0; i < 3; i++) {
		item = value_map();
		value_map_set_number(item, "n", i);
		value_map_set_string(item, "name", i ? "b" : "a");
		value_map_set_bool(item, "last", i == 2);
		value_list_push(list, item);
	}
	value_list_push(list, value_string("s"));
	value_list_push(list, value_list());
	value_map_set(root, "list", list);
	value_map_set_string(c, "d", "deep");
	value_map_set(b, "c", c);
	value_map_set(deep, "b", b);
	value_map_set(root, "a", deep);
	value_map_set(root, "self", value_copy(root));
	return root;
}

static void ignore(void *ctx, const char *s)
{
	(void)ctx;
	(void)s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct value *tree;
	const char *tmpl = (const char *)data;
	size_t tlen = strnlen(tmpl, size);
	struct pieces pc = { tmpl + tlen + (tlen < size), size - tlen - (tlen < size) };
	struct mustache_options spec = { MUSTACHE_SPEC, find_partial, &pc, 8 };
	struct mustache_options strict = { MUSTACHE_STRICT, find_partial, &pc, 0 };
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;

	if (!tree)
		tree = fixed_tree();
	mustache_render(tmpl, tlen, "fuzz.mustache", tree, &spec, &out, &d);
	buf_free(&out);
	mustache_render(tmpl, tlen, "fuzz.mustache", tree, &strict, &out, &d);
	buf_free(&out);
	mustache_render(tmpl, tlen, "fuzz.mustache", NULL, NULL, &out, &d);
	buf_free(&out);
	mustache_list_tags(tmpl, tlen, "fuzz.mustache", ignore, NULL, &d);
	diag_free(&d);
	return 0;
}
