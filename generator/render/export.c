/* export.c - CSV (RFC 4180, Excel's dialect) and iCalendar (RFC 5545)
 * writers for the training exports. */
#include "render/export.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>

#include "base/date.h"
#include "base/text.h"

/* RFC 5545 3.1: a content line is at most 75 octets, CRLF excluded. */
#define ICS_LINE_MAX 75

/* ---- CSV ---------------------------------------------------------------- */

/* cell, with CR and LF inside quotes and the line breaks only some
 * readers know (VT, FF, NEL, U+2028, U+2029) as spaces: a row stays a
 * row for every reader. */
static int csv_put_field(struct buf *out, const char *cell)
{
	struct buf one = BUF_INIT;
	const char *s, *q;
	bool guard, quote;
	int rc = -1;

	if (text_put_one_line(&one, cell, true) < 0)
		return -1;
	s = buf_str(&one);
	/* First characters that make Excel, LibreOffice and Google Sheets
	 * read the cell as a formula (OWASP "CSV injection"). */
	guard = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if ((quote && buf_putc(out, '"') < 0) || (guard && buf_putc(out, '\'') < 0))
		goto out;
	for (; quote && (q = strchr(s, '"')) != NULL; s = q + 1)
		if (buf_put(out, s, (size_t)(q - s) + 1) < 0 || buf_putc(out, '"') < 0)
			goto out;
	if (buf_puts(out, s) < 0 || (quote && buf_putc(out, '"') < 0))
		goto out;
	rc = 0;
out:
	buf_free(&one);
	return rc;
}

/* fields[first .. first + n - 1], NULL as empty, and the CRLF. */
static int csv_put_row(struct buf *out, const char *const *fields,
		       size_t first, size_t n)
{
	size_t i;
	const char *s;
	int rc;

	for (i = 0; i < n; i++) {
		s = fields[first + i] ? fields[first + i] : "";
		if (i > 0 && buf_putc(out, ',') < 0)
			return -1;
		/* A lone empty field would be a blank line, which readers skip. */
		if (n == 1 && s[0] == '\0')
			rc = buf_puts(out, "\"\"");
		else
			rc = csv_put_field(out, s);
		if (rc < 0)
			return -1;
	}
	return buf_puts(out, "\r\n");
}

int export_csv(struct buf *out, const char *const *header, size_t ncols,
	       const char *const *cells, size_t nrows)
{
	size_t r;

	assert(header || ncols == 0);
	assert(cells || nrows == 0 || ncols == 0);
	/* Excel reads a CSV file without a BOM as the ANSI code page
	 * (Shift_JIS in Japan). */
	if (buf_puts(out, "\xEF\xBB\xBF") < 0 ||
	    csv_put_row(out, header, 0, ncols) < 0)
		return -1;
	for (r = 0; r < nrows; r++)
		if (csv_put_row(out, cells, r * ncols, ncols) < 0)
			return -1;
	return 0;
}

/* ---- iCalendar ---------------------------------------------------------- */

/* Octets of the well-formed UTF-8 character at s (1..4), 0 when malformed
 * (overlong, surrogate, past U+10FFFF, cut short). Stops at the NUL. */
static size_t utf8_char_len(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n, k;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (k = 2; k < n; k++)
		if (s[k] < 0x80 || s[k] > 0xBF)
			return 0;
	return n;
}

/* s as a TEXT value (escaped, CR and LF as \n) or, when param is set, as
 * the inside of a quoted parameter value (no quotes, CR and LF as a
 * space). The line breaks only some readers know (VT, FF, NEL, U+2028,
 * U+2029) become a space in both: a content line stays one line for
 * every reader. Other control characters but tab are dropped, C1 ones
 * too; malformed UTF-8 becomes U+FFFD, so that folding can rely on whole
 * characters. */
static int ics_put_clean(struct buf *b, const char *s, bool param)
{
	size_t i = 0, k, next;
	unsigned char c;

	while ((c = (unsigned char)s[i]) != '\0') {
		if (c == '\r' || c == '\n') {
			i += c == '\r' && s[i + 1] == '\n' ? 2 : 1;
			if (buf_puts(b, param ? " " : "\\n") < 0)
				return -1;
			continue;
		}
		next = i;
		if (text_is_line_break(text_utf8_next(s, &next))) {
			if (buf_putc(b, ' ') < 0)
				return -1;
			i = next;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7F || (param && c == '"')) {
			i++;
			continue;
		}
		if (!param && (c == '\\' || c == ';' || c == ',')) {
			if (buf_putc(b, '\\') < 0 || buf_putc(b, (char)c) < 0)
				return -1;
			i++;
			continue;
		}
		k = utf8_char_len(s + i);
		if (k == 0) {
			if (buf_puts(b, "\xEF\xBF\xBD") < 0)
				return -1;
			i++;
			continue;
		}
		if (!(k == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0) &&
		    buf_put(b, s + i, k) < 0)
			return -1;
		i += k;
	}
	return 0;
}

/* An address in a mailto: URI (RFC 6068 2): octets other than these
 * percent-encoded, control characters dropped. */
static int ics_put_mailto(struct buf *b, const char *addr)
{
	static const char keep[] = "-._~@!$'()*+,;=";
	const unsigned char *s = (const unsigned char *)addr;

	if (buf_puts(b, "mailto:") < 0)
		return -1;
	for (; *s; s++) {
		if (*s < 0x20 || *s == 0x7F)
			continue;
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr(keep, *s)) {
			if (buf_putc(b, (char)*s) < 0)
				return -1;
		} else if (buf_printf(b, "%%%02X", *s) < 0) {
			return -1;
		}
	}
	return 0;
}

/* line (one unfolded content line of whole UTF-8 characters) folded into
 * out: a break before any character that would pass the 75th octet, the
 * next physical line starting with a space. */
static int ics_put_folded(struct buf *out, const struct buf *line)
{
	const char *s = buf_str(line);
	size_t i = 0, col = 0, k;

	while (i < line->len) {
		k = 1;
		while (k < 4 && i + k < line->len &&
		       ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		if (col + k > ICS_LINE_MAX) {
			if (buf_puts(out, "\r\n ") < 0)
				return -1;
			col = 1;
		}
		if (buf_put(out, s + i, k) < 0)
			return -1;
		col += k;
		i += k;
	}
	return buf_puts(out, "\r\n");
}

/* NAME:value with value a TEXT value; line is scratch space. */
static int ics_put_text(struct buf *out, struct buf *line, const char *name,
			const char *value)
{
	buf_reset(line);
	if (buf_puts(line, name) < 0 || buf_putc(line, ':') < 0 ||
	    ics_put_clean(line, value, false) < 0)
		return -1;
	return ics_put_folded(out, line);
}

static int ics_put_time(struct buf *out, struct buf *line, const char *name,
			struct date d, int minute)
{
	buf_reset(line);
	if (buf_printf(line, "%s:%04d%02d%02dT%02d%02d00", name, d.y, d.m, d.d,
		       minute / 60, minute % 60) < 0)
		return -1;
	return ics_put_folded(out, line);
}

static int ics_put_organizer(struct buf *out, struct buf *line,
			     const char *email, const char *name)
{
	bool quote = name && strpbrk(name, ":;,") != NULL;

	buf_reset(line);
	if (buf_puts(line, "ORGANIZER") < 0)
		return -1;
	if (name && name[0] != '\0' &&
	    (buf_puts(line, quote ? ";CN=\"" : ";CN=") < 0 ||
	     ics_put_clean(line, name, true) < 0 ||
	     (quote && buf_putc(line, '"') < 0)))
		return -1;
	if (buf_putc(line, ':') < 0 || ics_put_mailto(line, email) < 0)
		return -1;
	return ics_put_folded(out, line);
}

static bool ics_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

/* YYYYMMDDTHHMMSSZ, a real UTC date and time. */
static bool ics_dtstamp_valid(const char *s)
{
	static const char shape[] = "00000000T000000Z";
	int v[6], i, k;
	size_t j;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (j = 0; j < sizeof(shape) - 1; j++)
		if (shape[j] == '0' ? s[j] < '0' || s[j] > '9' : s[j] != shape[j])
			return false;
	for (i = 0, j = 0; i < 6; i++) {
		if (s[j] == 'T')
			j++;
		for (v[i] = 0, k = i == 0 ? 4 : 2; k > 0; k--, j++)
			v[i] = v[i] * 10 + (s[j] - '0');
	}
	return ics_date_valid(v[0], v[1], v[2]) && v[3] < 24 && v[4] < 60 &&
	       v[5] < 60;
}

static struct date ics_next_day(struct date d)
{
	if (d.d < date_days_in_month(d.y, d.m)) {
		d.d++;
	} else if (d.m < 12) {
		d.m++;
		d.d = 1;
	} else {
		d.y++;
		d.m = 1;
		d.d = 1;
	}
	return d;
}

static int ics_put_event(struct buf *out, struct buf *line,
			 const char *dtstamp, const struct export_event *ev)
{
	struct date start = { ev->year, ev->month, ev->day }, end = start;
	int minutes, days;

	assert(ev->uid && ev->summary);
	if (!ics_date_valid(ev->year, ev->month, ev->day) ||
	    ev->start_minute < 0 || ev->start_minute >= 24 * 60 ||
	    ev->duration_minutes < 1 || ev->duration_minutes > 7 * 24 * 60)
		return -1;
	minutes = ev->start_minute + ev->duration_minutes;
	for (days = minutes / (24 * 60); days > 0; days--)
		end = ics_next_day(end);
	if (end.y > 9999)
		return -1;

	if (buf_puts(out, "BEGIN:VEVENT\r\n") < 0 ||
	    ics_put_text(out, line, "UID", ev->uid) < 0 ||
	    buf_printf(out, "DTSTAMP:%s\r\n", dtstamp) < 0 ||
	    ics_put_time(out, line, "DTSTART", start, ev->start_minute) < 0 ||
	    ics_put_time(out, line, "DTEND", end, minutes % (24 * 60)) < 0 ||
	    ics_put_text(out, line, "SUMMARY", ev->summary) < 0)
		return -1;
	if (ev->description && ev->description[0] != '\0' &&
	    ics_put_text(out, line, "DESCRIPTION", ev->description) < 0)
		return -1;
	if (ev->location && ev->location[0] != '\0' &&
	    ics_put_text(out, line, "LOCATION", ev->location) < 0)
		return -1;
	if (ev->organizer_email && ev->organizer_email[0] != '\0' &&
	    ics_put_organizer(out, line, ev->organizer_email,
			      ev->organizer_name) < 0)
		return -1;
	return buf_puts(out, "END:VEVENT\r\n");
}

int export_ics(struct buf *out, const char *prodid, const char *calname,
	       const char *dtstamp, const struct export_event *events, size_t n)
{
	struct buf line = BUF_INIT; /* one content line before folding */
	size_t i;
	int rc = -1;

	assert(prodid && calname && dtstamp && (events || n == 0));
	if (!ics_dtstamp_valid(dtstamp))
		goto out;
	if (buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") < 0 ||
	    ics_put_text(out, &line, "PRODID", prodid) < 0 ||
	    buf_puts(out, "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n") < 0 ||
	    ics_put_text(out, &line, "X-WR-CALNAME", calname) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (ics_put_event(out, &line, dtstamp, &events[i]) < 0)
			goto out;
	if (buf_puts(out, "END:VCALENDAR\r\n") < 0)
		goto out;
	rc = 0;
out:
	buf_free(&line);
	return rc;
}
