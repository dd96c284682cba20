/* profile.h - reads profile.xml, the one file a company writes, into the
 * model (model.h), checking everything on the way.
 *
 * Checks, all reported together as located diagnostics
 * ("profile.xml:12:5: error: ..."; columns count characters, from 1):
 *  - the file: at most PROFILE_MAX_BYTES, UTF-8, no DOCTYPE (so no
 *    entities, no external files), elements nested at most
 *    PROFILE_MAX_DEPTH deep, well-formed XML;
 *  - the schema (policy-templates/profile.rng, RELAX NG), which is also
 *    the source of the closed word lists, the length limits and the
 *    element and attribute names the reader accepts;
 *  - what a schema cannot say: ids are unique, every reference resolves,
 *    deputy and reporting chains end, dates exist in the calendar, e-mail
 *    addresses (RFC 5322's dot-atom, without ?, # or %: shape_email_ok)
 *    and https URLs have a usable shape (PCRE2), revisions are in order,
 *    message overrides have a valid language and id; at most
 *    PROFILE_MAX_PEOPLE people and PROFILE_MAX_PRODUCTS products.
 * Nothing is printed; the caller prints d. */
#ifndef SECPOLGEN_PROFILE_H
#define SECPOLGEN_PROFILE_H

#include "base/diag.h"
#include "model/model.h"

#define PROFILE_NS "urn:secpolgen:profile:1"
/* The namespace of a product's records (records.h). */
#define RECORDS_NS "urn:secpolgen:records:1"
#define ADVISORY_NS "urn:secpolgen:advisory:1"
#define PROFILE_MAX_BYTES ((size_t)16 * 1024 * 1024)
#define PROFILE_MAX_DEPTH 64
/* Each product has a sheet in every language and format, and a section
 * of the verification plan: 500 keeps that plan under the 16 MiB a
 * document may have (XMLUTIL_MAX_BYTES), far beyond a small maker's range. */
#define PROFILE_MAX_PRODUCTS 500
/* Each person has a staff sheet in every language and format: 10,000
 * people are 40,000 files, 1.2 GB, and about 20 s of build or check (in
 * under 200 MB each), far beyond the 300 staff of a small or
 * medium-sized maker the METI guide is for; 100,000 took check 261 s and
 * 8.3 GB before check kept none of the files it renders. */
#define PROFILE_MAX_PEOPLE 10000

/* Reads and checks the profile at path against the schema
 * builtins->rng (policy-templates/profile.rng, as catalog_load read it).
 * builtins also holds the ids of the built-in roles (roles.xml), which
 * <assign> and reports-to may name and <role> may not redefine, and of
 * the activities (activities.xml) that <raci> may name. Returns a
 * new profile (caller frees with profile_free), or NULL after adding every
 * error found to d. */
struct profile *profile_load(const char *path,
			     const struct profile_builtins *builtins,
			     struct diag *d);

/* Frees p and everything it owns; accepts NULL and half-built profiles. */
void profile_free(struct profile *p);

#endif
