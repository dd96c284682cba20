/* securitytxt.h - the company's security.txt (RFC 9116), written to
 * out/.well-known/security.txt: where to report a vulnerability, in which
 * languages, with which key, the disclosure policy, the advisories in
 * CSAF, and until when the file holds. */
#ifndef SECPOLGEN_SECURITYTXT_H
#define SECPOLGEN_SECURITYTXT_H

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "model/model.h"

/* The last day the file may be relied on: the day before the documents'
 * next review, and never a year or more after their effective date
 * (RFC 9116 2.5.5 recommends less than a year). -1 when the profile has
 * no effective date. */
int securitytxt_expires(const struct profile *p, struct date *out);

/* Whether the file made today would still hold: 0, or -1 after adding to
 * d an error at the newest <revision> (the <approval> without one), which
 * dates it, saying the day the file would expire and what to change: a
 * file already past its Expires tells researchers not to trust it. */
int securitytxt_check_current(const struct profile *p, struct date today, struct diag *d);

/* The address of name under the origin of website (scheme and host):
 * "https://HOST/.well-known/NAME", over HTTPS whatever website's scheme.
 * 0, or -1 when website is not an http(s) URL with a host (out unchanged)
 * or out of memory (out freed). */
int securitytxt_well_known(struct buf *out, const char *website, const char *name);

/* The address the file is published at: the origin of website (scheme
 * and host) and "/.well-known/security.txt". 0, or -1 when website is not
 * an http(s) URL (out unchanged) or out of memory (out freed). */
int securitytxt_canonical(struct buf *out, const char *website);

/* Appends the whole file to out: Contact (the e-mail address, then the
 * report page), Expires (23:59:59 JST of securitytxt_expires, in UTC),
 * then, when the profile has them, Encryption (the PSIRT's key),
 * Acknowledgments (the page thanking reporters, when credit is given),
 * Preferred-Languages, Policy, Canonical, and CSAF (the provider
 * metadata, when advisories are published: CSAF 2.0, 7.1.8),
 * lines ending in LF (RFC 9116 allows LF or CRLF). 0, or -1 (out is then
 * freed). */
int securitytxt_write(struct buf *out, const struct profile *p);

#endif
