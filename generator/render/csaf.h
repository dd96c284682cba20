/* csaf.h - security advisories as CSAF 2.0 (OASIS Common Security
 * Advisory Framework, Version 2.0, 18 November 2022): one JSON document
 * an advisory (profile "csaf_security_advisory"), and the provider
 * metadata and the listings of a CSAF provider's folder (section 7.1,
 * requirements 7, 11, 12 and 13).
 *
 * The documents are in English (document.lang "en"): CSAF holds one
 * language a document, and the advisory's other languages are its HTML
 * and DOCX. Keys are written in alphabetical order at every level and
 * nothing depends on the clock, so the same advisory gives the same
 * bytes. A CVSS v3.x vector becomes a score (cvss_v3); CSAF 2.0 has no
 * place for a v4.0 score, so a v4.0 vector is given in a note of the
 * vulnerability.
 *
 * Each function appends to out; 0, or -1 when out of memory (out may
 * then hold part of a file: the caller frees it). */
#ifndef SECPOLGEN_CSAF_H
#define SECPOLGEN_CSAF_H

#include "base/buf.h"
#include "model/advisory.h"
#include "model/model.h"

/* An advisory's path in the provider's folder: advisory_csaf_path
 * (model/advisory.h). */

/* The advisory as a CSAF document. base is the folder's address
 * ("https://www.example.co.jp/.well-known/csaf/"), for its self
 * reference; engine the version of secpolgen that writes it. */
int csaf_write_advisory(struct buf *out, const struct profile *p, const struct advisory *a,
			const char *base, const char *engine);

/* provider-metadata.json (7.2.1) for the folder at base, whose
 * canonical address is metadata_url: role csaf_provider, the company
 * as publisher (a vendor), a directory distribution of TLP:WHITE
 * advisories; last_updated is the newest revision of the advisories. */
int csaf_write_provider_metadata(struct buf *out, const struct profile *p, const char *base,
				 const char *metadata_url);

/* index.txt (7.1.12): the path of every advisory under white/, one a
 * line, in order; changes.csv (7.1.13): each path and its current
 * release date, newest first. */
int csaf_write_index(struct buf *out, const struct profile *p);
int csaf_write_changes(struct buf *out, const struct profile *p);

#endif
