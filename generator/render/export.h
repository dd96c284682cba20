/* export.h - the training exports: a CSV table for Excel and an
 * iCalendar file of sessions, from plain, language-resolved strings
 * (this module knows nothing of profiles or documents).
 *
 * Both append one whole file to out. Strings are UTF-8. On -1 out may hold
 * a partial file, or have been freed (buf's rule on running out of
 * memory): the caller discards it with buf_free() either way. */
#ifndef SECPOLGEN_EXPORT_H
#define SECPOLGEN_EXPORT_H

#include <stddef.h>

#include "base/buf.h"

/* CSV (RFC 4180) for Excel in Japan: UTF-8 with a BOM, CRLF line ends,
 * every field quoted when it holds a comma, quote, CR or LF (quotes doubled);
 * a field that a spreadsheet would run as a formula (first character = + - @,
 * or a tab or CR) is written with a leading apostrophe (OWASP), so that
 * it shows as text ("-1" too: numbers are exported as text). A row of one
 * empty field is written "" so that it is not a blank line.
 * header: ncols names; cells: nrows*ncols strings, row by row (NULL =
 * empty); both borrowed. Appends to out. 0 ok, -1 when out of memory. */
int export_csv(struct buf *out, const char *const *header, size_t ncols,
               const char *const *cells, size_t nrows);

/* One training session. Strings are borrowed. */
struct export_event {
	const char *uid;         /* unique and stable, e.g. "2026-04-policy-awareness@akb.secpolgen" */
	const char *summary;     /* one line */
	const char *description; /* may hold line breaks; may be NULL */
	const char *location;    /* may be NULL */
	int year, month, day;    /* the session's date */
	int start_minute;        /* minutes after midnight, local (floating) time */
	int duration_minutes;    /* > 0 */
	const char *organizer_email; /* may be NULL: ORGANIZER;CN=name:mailto:email */
	const char *organizer_name;  /* may be NULL */
};

/* An iCalendar file (RFC 5545): VCALENDAR with VERSION:2.0, PRODID:prodid,
 * CALSCALE:GREGORIAN, METHOD:PUBLISH, X-WR-CALNAME:calname, one VEVENT per
 * event (UID, DTSTAMP:dtstamp, DTSTART/DTEND in floating local time
 * YYYYMMDDTHHMMSS, SUMMARY, DESCRIPTION, LOCATION, ORGANIZER), text values
 * escaped (backslash, semicolon, comma, newline as \n), content lines folded
 * at 75 octets without splitting a UTF-8 character, CRLF line ends. dtstamp
 * is given (YYYYMMDDTHHMMSSZ) so that the same input gives the same bytes.
 *
 * Control characters in text are dropped (tab kept; CR, LF and CRLF are
 * line breaks); a malformed UTF-8 byte becomes U+FFFD. DESCRIPTION and
 * LOCATION are left out when NULL or empty, ORGANIZER when the email is;
 * CN is quoted when the name needs it (its quotes dropped), the address
 * percent-encoded where a URI needs it (RFC 6068).
 *
 * Valid: year 1..9999, month 1..12, day within the month, start_minute
 * 0..1439, duration_minutes 1..10080 (a week); DTEND = start + duration,
 * the date rolled over month and year ends (leap years included) and
 * still before the year 10000. 0 ok, -1 when out of memory, an event's
 * date/time is invalid or dtstamp is not of its shape (see above). */
int export_ics(struct buf *out, const char *prodid, const char *calname,
               const char *dtstamp, const struct export_event *events, size_t n);

#endif
