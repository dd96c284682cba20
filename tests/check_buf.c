/* check_buf.c - the growable buffer: appends, the NUL after the bytes, the
 * cap (tested with sizes that fail before anything is allocated), detach,
 * reading a file. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/file.h"
#include "base/shape.h"
#include "base/text.h"
#include "base/xmlutil.h"
#include "check_suites.h"

START_TEST(buf_empty)
{
	struct buf b = BUF_INIT;

	ck_assert_ptr_null(b.data);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_uint_eq(b.len, 0);
	buf_reset(&b); /* on a buffer that never held anything */
	ck_assert_ptr_null(b.data);
	buf_free(&b);
	buf_free(&b); /* twice is fine */
	ck_assert_ptr_null(b.data);
}
END_TEST

START_TEST(buf_put_appends)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(buf_put(&b, "", 0), 0);
	ck_assert_ptr_nonnull(b.data); /* an empty put still gives a string */
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_int_eq(buf_put(&b, "abcdef", 3), 0);
	ck_assert_int_eq(buf_puts(&b, "de"), 0);
	ck_assert_int_eq(buf_putc(&b, 'f'), 0);
	ck_assert_uint_eq(b.len, 6);
	ck_assert_str_eq(buf_str(&b), "abcdef");
	ck_assert_int_eq(b.data[b.len], '\0');
	ck_assert_uint_gt(b.cap, b.len);
	buf_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
}
END_TEST

START_TEST(buf_embedded_nul)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(buf_put(&b, "a\0b", 3), 0);
	ck_assert_int_eq(buf_putc(&b, '\0'), 0);
	ck_assert_uint_eq(b.len, 4);
	ck_assert_int_eq(memcmp(b.data, "a\0b\0", 5), 0);
	buf_free(&b);
}
END_TEST

START_TEST(buf_grows)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 100000; i++)
		ck_assert_int_eq(buf_putc(&b, (char)('a' + i % 26)), 0);
	ck_assert_uint_eq(b.len, 100000);
	ck_assert_uint_ge(b.cap, 100001);
	ck_assert_uint_le(b.cap, BUF_MAX + 1);
	for (i = 0; i < 100000; i++)
		ck_assert_int_eq(b.data[i], 'a' + (int)(i % 26));
	ck_assert_int_eq(b.data[b.len], '\0');
	buf_free(&b);
}
END_TEST

START_TEST(buf_printf_formats)
{
	struct buf b = BUF_INIT;
	char big[300];

	ck_assert_int_eq(buf_printf(&b, "%s=%d", "n", 42), 0);
	ck_assert_int_eq(buf_printf(&b, "%s", ""), 0);
	ck_assert_int_eq(buf_printf(&b, ";%05.1f", 2.25), 0);
	ck_assert_str_eq(buf_str(&b), "n=42;002.2");
	ck_assert_uint_eq(b.len, strlen("n=42;002.2"));
	/* Longer than the first allocation, so printf must grow it. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(buf_printf(&b, "[%s]", big), 0);
	ck_assert_uint_eq(b.len, 10 + 2 + 299);
	ck_assert_int_eq(b.data[b.len - 1], ']');
	ck_assert_int_eq(b.data[b.len], '\0');
	buf_free(&b);
}
END_TEST

START_TEST(buf_printf_failure_frees)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(buf_puts(&b, "kept?"), 0);
	/* U+0100 has no encoding in the C locale: vsnprintf fails (EILSEQ). */
	ck_assert_int_eq(buf_printf(&b, "%ls", L"\x100"), -1);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	/* A failed buffer is an empty one again. */
	ck_assert_int_eq(buf_puts(&b, "again"), 0);
	ck_assert_str_eq(buf_str(&b), "again");
	buf_free(&b);
}
END_TEST

START_TEST(buf_reset_keeps_memory)
{
	struct buf b = BUF_INIT;
	size_t cap;
	char *data;

	ck_assert_int_eq(buf_puts(&b, "hello"), 0);
	cap = b.cap;
	data = b.data;
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, cap);
	ck_assert_ptr_eq(b.data, data);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_int_eq(buf_puts(&b, "hi"), 0);
	ck_assert_str_eq(buf_str(&b), "hi");
	buf_free(&b);
}
END_TEST

START_TEST(buf_detach_hands_over)
{
	struct buf b = BUF_INIT;
	size_t len = 99;
	char *s;

	ck_assert_int_eq(buf_puts(&b, "owned"), 0);
	s = buf_detach(&b, &len);
	ck_assert_str_eq(s, "owned");
	ck_assert_uint_eq(len, 5);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	free(s);

	/* An empty buffer detaches to "", never NULL; len may be NULL. */
	s = buf_detach(&b, &len);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "");
	ck_assert_uint_eq(len, 0);
	free(s);
	ck_assert_int_eq(buf_puts(&b, "x"), 0);
	s = buf_detach(&b, NULL);
	ck_assert_str_eq(s, "x");
	free(s);
}
END_TEST

/* buf_room gives room at the end, growing as needed; buf_added counts
 * what was written there and ends it; past the cap it fails and frees. */
START_TEST(buf_room_then_added)
{
	struct buf b = BUF_INIT;
	char *p;
	size_t i;

	ck_assert_int_eq(buf_puts(&b, "<w:p"), 0);
	p = buf_room(&b, 3);
	ck_assert_ptr_eq(p, b.data + 4);
	memcpy(p, "/>\n", 3);
	buf_added(&b, p + 3);
	ck_assert_uint_eq(b.len, 7);
	ck_assert_str_eq(buf_str(&b), "<w:p/>\n");
	/* Fewer bytes than the room asked for. */
	p = buf_room(&b, 10);
	*p++ = 'x';
	buf_added(&b, p);
	ck_assert_str_eq(buf_str(&b), "<w:p/>\nx");
	/* Room past the capacity grows the buffer, the bytes kept. */
	for (i = 0; i < 100; i++) {
		p = buf_room(&b, 1000);
		ck_assert_ptr_nonnull(p);
		memset(p, 'y', 1000);
		buf_added(&b, p + 1000);
	}
	ck_assert_uint_eq(b.len, 8 + 100 * 1000);
	ck_assert_uint_gt(b.cap, b.len);
	ck_assert_int_eq(strncmp(b.data, "<w:p/>\nxy", 9), 0);
	ck_assert_int_eq(b.data[b.len], '\0');
	/* Past the cap: NULL, the buffer freed. */
	ck_assert_ptr_null(buf_room(&b, BUF_MAX));
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
}
END_TEST

/* Sizes past the cap fail in the size check, before any allocation, and the
 * failure frees what the buffer held. */
START_TEST(buf_cap_overflow)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(buf_puts(&b, "a"), 0);
	ck_assert_int_eq(buf_put(&b, "x", BUF_MAX + 1), -1);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);

	ck_assert_int_eq(buf_put(&b, "x", SIZE_MAX), -1);
	ck_assert_ptr_null(b.data);

	/* Exactly at the cap: the terminating NUL no longer fits. */
	ck_assert_int_eq(buf_puts(&b, "a"), 0);
	ck_assert_int_eq(buf_put(&b, "x", BUF_MAX - 1), -1);
	ck_assert_ptr_null(b.data);

	/* Still usable afterwards. */
	ck_assert_int_eq(buf_putc(&b, 'z'), 0);
	ck_assert_str_eq(buf_str(&b), "z");
	buf_free(&b);
}
END_TEST

/* n == BUF_MAX exactly, on a buffer that holds something: BUF_MAX - n - 1
 * must not wrap around to SIZE_MAX and let the put through. */
START_TEST(buf_cap_exactly_max)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(buf_puts(&b, "ab"), 0);
	ck_assert_int_eq(buf_put(&b, "x", BUF_MAX), -1);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
}
END_TEST

#define LICENSE "tests/mustache-spec/LICENSE"

/* The licence beside the spec tests: a small file whose size we can learn. */
static long license_size(void)
{
	FILE *fp = fopen(test_path(LICENSE), "rb");
	long n;

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	fclose(fp);
	ck_assert_int_gt(n, 100);
	return n;
}

START_TEST(buf_read_file_appends)
{
	struct buf b = BUF_INIT;
	size_t size = (size_t)license_size();

	ck_assert_int_eq(buf_puts(&b, ">"), 0);
	/* Exactly max bytes is allowed; max counts only what this call adds. */
	ck_assert_int_eq(buf_read_file(&b, test_path(LICENSE), size), 0);
	ck_assert_uint_eq(b.len, 1 + size);
	ck_assert_int_eq(strncmp(b.data, ">Copyright", 10), 0);
	ck_assert_int_eq(b.data[b.len], '\0');
	buf_free(&b);

	/* An empty file: an empty string. */
	{
		char path[] = "/tmp/secpolgen-empty-XXXXXX";
		int fd = mkstemp(path);

		ck_assert_int_ge(fd, 0);
		close(fd);
		ck_assert_int_eq(buf_read_file(&b, path, 0), 0);
		unlink(path);
	}
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(buf_str(&b), "");
	buf_free(&b);
}
END_TEST

START_TEST(buf_read_file_failures)
{
	struct buf b = BUF_INIT;
	size_t size = (size_t)license_size();

	ck_assert_int_eq(buf_puts(&b, "held"), 0);
	errno = 0;
	ck_assert_int_eq(buf_read_file(&b, test_path(LICENSE), size - 1), -1);
	ck_assert_int_eq(errno, EFBIG);
	ck_assert_ptr_null(b.data);

	ck_assert_int_eq(buf_puts(&b, "held"), 0);
	errno = 0;
	ck_assert_int_eq(buf_read_file(&b, test_path("tests/nothing"), 9), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_ptr_null(b.data);

	/* Only a regular file is read: not a folder, a device or a named
	 * pipe (which would be waited on for ever: the test's timeout). */
	ck_assert_int_eq(buf_puts(&b, "held"), 0);
	errno = 0;
	ck_assert_int_eq(buf_read_file(&b, test_path("tests"), 100), -1);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	errno = 0;
	ck_assert_int_eq(buf_read_file(&b, "/dev/zero", 100), -1);
	ck_assert_int_eq(errno, EINVAL);
	{
		char dir[] = "/tmp/secpolgen-fifo-XXXXXX", path[64];

		ck_assert_ptr_nonnull(mkdtemp(dir));
		snprintf(path, sizeof(path), "%s/pipe", dir);
		ck_assert_int_eq(mkfifo(path, 0600), 0);
		errno = 0;
		ck_assert_int_eq(buf_read_file(&b, path, 100), -1);
		ck_assert_int_eq(errno, EINVAL);
		unlink(path);
		rmdir(dir);
	}
}
END_TEST

/* What stands where a file was expected is named. */
START_TEST(only_regular_files_open)
{
	static const struct {
		const char *path, *what;
	} cases[] = {
		{ "/dev/zero", "a character device" },
		{ "/", "a folder" },
		{ "/nonexistent/x", NULL },
	};
	const char *what;
	size_t i;
	int fd = file_open_regular(test_path(LICENSE), &what);

	ck_assert_int_ge(fd, 0);
	ck_assert_ptr_null(what);
	ck_assert_int_eq(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	close(fd);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(file_open_regular(cases[i].path, &what), -1);
		if (cases[i].what)
			ck_assert_str_eq(what, cases[i].what);
		else
			ck_assert_ptr_null(what);
	}
}
END_TEST

/* array_find_key: the first match, NULL keys passed over. */
START_TEST(find_by_key)
{
	struct item {
		int n;
		const char *id;
	} v[] = { { 1, "a" }, { 2, NULL }, { 3, "b" }, { 4, "b" } };

	ck_assert_ptr_eq(array_find_key(v, 4, sizeof(*v), offsetof(struct item, id), "b"), &v[2]);
	ck_assert_ptr_eq(array_find_key(v, 4, sizeof(*v), offsetof(struct item, id), "a"), &v[0]);
	ck_assert_ptr_null(array_find_key(v, 4, sizeof(*v), offsetof(struct item, id), "c"));
	ck_assert_ptr_null(array_find_key(v, 4, sizeof(*v), offsetof(struct item, id), NULL));
	ck_assert_ptr_null(array_find_key(v, 2, sizeof(*v), offsetof(struct item, id), "b"));
	ck_assert_ptr_null(array_find_key(NULL, 0, sizeof(*v), offsetof(struct item, id), "a"));
}
END_TEST

/* The two escapings, each input to its whole expected output. */
static const struct {
	const char *in;
	int syntax; /* 0 HTML, 1 XML text, 2 XML attribute */
	const char *out;
} escapes[] = {
	{ "a&b\"c<d>e'f", 0, "a&amp;b&quot;c&lt;d&gt;e&#39;f" },
	{ "", 0, "" },
	/* HTML touches nothing else. */
	{ "\r\n\t\x01日本 'x'", 0, "\r\n\t\x01日本 &#39;x&#39;" },
	/* XML: no apostrophe, CR always, LF and TAB in attributes only. */
	{ "a&b\"c<d>e'f\r\n\tg", 1, "a&amp;b&quot;c&lt;d&gt;e'f&#13;\n\tg" },
	{ "a\r\n\tb", 2, "a&#13;&#10;&#9;b" },
	{ "", 2, "" },
	/* What XML 1.0 cannot hold is left out: U+0001, a lone continuation
	 * byte, a surrogate, U+FFFE; then 日. */
	{ "x\x01\x80\xed\xa0\x80\xef\xbf\xbe\xe6\x97\xa5y", 1, "x日y" },
};

START_TEST(escaping)
{
	struct buf b = BUF_INIT;
	int rc = escapes[_i].syntax == 0 ? xmlutil_put_html(&b, escapes[_i].in) :
		 xmlutil_put_xml(&b, escapes[_i].in, escapes[_i].syntax == 2);

	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(buf_str(&b), escapes[_i].out);
	buf_free(&b);
}
END_TEST

/* With a length, HTML escaping keeps NULs. */
START_TEST(html_escaping_with_nul)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(xmlutil_put_html_n(&b, "x\0<", 3), 0);
	ck_assert_uint_eq(b.len, 6);
	ck_assert_int_eq(memcmp(b.data, "x\0&lt;", 7), 0);
	buf_free(&b);
}
END_TEST

/* The shapes the profile reader and init share. */
START_TEST(shapes_match)
{
	struct shapes sh = { 0 };
	struct diag d = DIAG_INIT;

	ck_assert_int_eq(shape_compile(&sh, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	ck_assert(shape_ok(&sh, SHAPE_EMAIL, "sato@example.co.jp"));
	ck_assert(shape_ok(&sh, SHAPE_EMAIL, "a.b+c@x-y.example"));
	ck_assert(!shape_ok(&sh, SHAPE_EMAIL, "sato@localhost"));
	ck_assert(!shape_ok(&sh, SHAPE_EMAIL, "sato@example.co.jp\n"));
	ck_assert(!shape_ok(&sh, SHAPE_EMAIL, "a..b@example.com"));
	ck_assert(shape_ok(&sh, SHAPE_EMAIL, "o'brien&co+x@example.co.jp"));
	ck_assert(!shape_ok(&sh, SHAPE_EMAIL, "psirt?cc=evil@evil.example"));
	ck_assert(shape_ok(&sh, SHAPE_URL, "https://www.example.co.jp/security/?a=1#x"));
	ck_assert(shape_ok(&sh, SHAPE_URL, "https://example.com:8443"));
	ck_assert(!shape_ok(&sh, SHAPE_URL, "http://example.com/"));
	ck_assert(!shape_ok(&sh, SHAPE_URL, "https://example.com/a b"));
	ck_assert(shape_ok(&sh, SHAPE_ID, "nc-200"));
	ck_assert(!shape_ok(&sh, SHAPE_ID, "-nc"));
	ck_assert(shape_ok(&sh, SHAPE_COUNTRY, "JP"));
	ck_assert(!shape_ok(&sh, SHAPE_COUNTRY, "jp"));
	ck_assert_str_eq(shape_what(SHAPE_EMAIL), "e-mail address");
	ck_assert_ptr_nonnull(strstr(shape_expected(SHAPE_URL), "https://"));
	shape_free(&sh);
	ck_assert_ptr_null(sh.md);
	diag_free(&d);
}
END_TEST

/* An e-mail address is RFC 5322's dot-atom but for ?, # and %, and what
 * is wrong with one is said. */
START_TEST(email_addresses_say_what_is_wrong)
{
	static const struct {
		const char *v, *why; /* why: NULL when valid */
	} cases[] = {
		{ "sato@example.co.jp", NULL },
		{ "a.b+c@x-y.example", NULL },
		{ "o'brien&co@example.co.jp", NULL },
		{ "!$&'*+-/=^_`{|}~@example.jp", NULL },
		{ "psirt?cc=evil@evil.example", "\"?\" is not allowed: a mailto: link would read what follows as headers" },
		{ "a#b@example.jp", "\"#\" is not allowed: a mailto: link would end the address there" },
		{ "a%40b@example.jp", "\"%\" is not allowed: a mailto: link would read it as an escape" },
		{ "a@example.jp?cc=x@y.jp", "\"?\" is not allowed" },
		{ "tanaka@@example.co.jp", "it has more than one @" },
		{ "a@b@example.jp", "it has more than one @" },
		{ "tanaka.example.co.jp", "it has no @" },
		{ "@example.jp", "nothing comes before the @" },
		{ "a@", "nothing follows the @" },
		{ ".a@example.jp", "the name before the @ starts with a dot" },
		{ "a.@example.jp", "the name before the @ ends with a dot" },
		{ "a..b@example.jp", "the name before the @ has two dots in a row" },
		{ "a b@example.jp", "a space is not allowed before the @" },
		{ "a\"b@example.jp", "a double quote is not allowed before the @" },
		{ "a<b@example.jp", "\"<\" is not allowed before the @" },
		{ "\xE7\x94\xB0@example.jp", "\"\xE7\x94\xB0\" is not allowed before the @: only ASCII" },
		{ "a@exa_mple.jp", "\"_\" is not allowed in the domain" },
		{ "a@localhost", "the domain has no dot" },
		{ "a@example..jp", "the domain has an empty part" },
		{ "a@.example.jp", "the domain has an empty part" },
		{ "a@example.jp.", "the domain has an empty part" },
		{ "a@-x.example.jp", "a part of the domain starts or ends with a hyphen" },
		{ "a@192.0.2.1", "the domain does not end in a top-level domain of letters" },
		{ "a@example.j", "the domain does not end in a top-level domain of letters" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.jp",
		  "the name before the @ is longer than 64 characters" },
	};
	char why[SHAPE_WHY_SIZE];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = shape_email_ok(cases[i].v, why);
		ck_assert_msg(ok == !cases[i].why, "%s: %s", cases[i].v, why);
		if (cases[i].why)
			ck_assert_msg(strncmp(why, cases[i].why, strlen(cases[i].why)) == 0,
				      "%s: %s", cases[i].v, why);
	}
}
END_TEST

/* Every line break a reader may end a line at becomes a space in a
 * one-line value (CR LF one space), other controls too, tab kept; with
 * keep_crlf, CR and LF stay for the writer to carry. */
START_TEST(one_line_folds_every_line_break)
{
	struct buf b = BUF_INIT;
	uint32_t breaks[] = { 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029 };
	size_t i;

	for (i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++)
		ck_assert(text_is_line_break(breaks[i]));
	ck_assert(!text_is_line_break('\t') && !text_is_line_break(' ') &&
		  !text_is_line_break(0x2027) && !text_is_line_break(0x86));
	ck_assert_int_eq(text_put_one_line(&b, "a\r\nb\rc\nd\ve\ff\xC2\x85g\xE2\x80\xA8h"
					   "\xE2\x80\xA9i\tj\x1bk\x7fl\xC2\x9bm\xE7\x94\xB0", false), 0);
	ck_assert_str_eq(buf_str(&b), "a b c d e f g h i\tj k l m\xE7\x94\xB0");
	buf_reset(&b);
	ck_assert_int_eq(text_put_one_line(&b, "a\r\nb\xE2\x80\xA8" "c\nd", true), 0);
	ck_assert_str_eq(buf_str(&b), "a\r\nb c\nd");
	buf_free(&b);
}
END_TEST

/* What diag_print() prints of d (caller frees), d then freed. */
static char *printed(struct diag *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	diag_print(d, f);
	fclose(f);
	diag_free(d);
	return text;
}

/* A message quoting a value with a line break stays one line when printed. */
START_TEST(diag_escapes_line_breaks)
{
	struct diag d = DIAG_INIT;
	char *text;

	diag_error(&d, "p.xml", 1, 2, "x\ny\xC2\x85z\xE2\x80\xA8w\xE2\x80\xA9v\xC2\x9bu \xE7\x94\xB0");
	text = printed(&d);
	ck_assert_str_eq(text, "p.xml:1:2: error: x\\ny\\u0085z\\u2028w\\u2029v\\u009bu \xE7\x94\xB0\n");
	free(text);
}
END_TEST

/* The same error at the same place, from two workers, is printed once;
 * another at that place, or the same elsewhere, still is. */
START_TEST(diag_prints_a_repeat_once)
{
	struct diag d = DIAG_INIT;
	char *text;

	diag_error(&d, "r.docx:word/styles.xml", 2, 1, "a DOCTYPE");
	diag_error(&d, "r.docx:word/styles.xml", 2, 1, "other");
	diag_warning(&d, "r.docx:word/styles.xml", 2, 1, "a DOCTYPE");
	diag_error(&d, "r.docx:word/styles.xml", 2, 1, "a DOCTYPE");
	diag_error(&d, "r.docx:word/styles.xml", 3, 1, "a DOCTYPE");
	ck_assert_uint_eq(d.errors, 4);
	text = printed(&d);
	ck_assert_str_eq(text, "r.docx:word/styles.xml:2:1: error: a DOCTYPE\n"
			       "r.docx:word/styles.xml:2:1: error: other\n"
			       "r.docx:word/styles.xml:2:1: warning: a DOCTYPE\n"
			       "r.docx:word/styles.xml:3:1: error: a DOCTYPE\n");
	free(text);
}
END_TEST

Suite *buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");
	TCase *exact = tcase_create("cap_exact");

	tcase_add_test(tc, buf_empty);
	tcase_add_test(tc, buf_put_appends);
	tcase_add_test(tc, buf_embedded_nul);
	tcase_add_test(tc, buf_grows);
	tcase_add_test(tc, buf_printf_formats);
	tcase_add_test(tc, buf_printf_failure_frees);
	tcase_add_test(tc, buf_reset_keeps_memory);
	tcase_add_test(tc, buf_detach_hands_over);
	tcase_add_test(tc, buf_cap_overflow);
	tcase_add_test(tc, buf_room_then_added);
	tcase_add_test(tc, buf_read_file_appends);
	tcase_add_test(tc, buf_read_file_failures);
	tcase_add_test(tc, only_regular_files_open);
	tcase_add_test(tc, email_addresses_say_what_is_wrong);
	tcase_add_test(tc, one_line_folds_every_line_break);
	tcase_add_test(tc, diag_escapes_line_breaks);
	tcase_add_test(tc, diag_prints_a_repeat_once);
	tcase_add_test(tc, find_by_key);
	tcase_add_loop_test(tc, escaping, 0, sizeof(escapes) / sizeof(escapes[0]));
	tcase_add_test(tc, html_escaping_with_nul);
	tcase_add_test(tc, shapes_match);
	suite_add_tcase(s, tc);
	/* Its own case: before the fix in buf_grow it loops for ever, and
	 * CK_RUN_CASE=core still runs the rest. */
	tcase_add_test(exact, buf_cap_exactly_max);
	suite_add_tcase(s, exact);
	return s;
}
