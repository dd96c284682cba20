/* records.h - reads the records the team keeps of each product
 * (records/<product-id>.xml beside the profile; policy-templates/
 * records.rng) into the model (struct records, model.h), with the same
 * checks as the profile: at most RECORDS_MAX_BYTES, UTF-8, no DOCTYPE,
 * nesting, well-formed XML, the schema; then what a schema cannot say,
 * each at its place ("records/nc-200.xml:12:5: error: …"):
 *  - the file's product= is the product whose file it is;
 *  - every id is the catalogue's, applies to the product, and is
 *    recorded once;
 *  - owners, testers and deciders are people of the profile;
 *  - dates exist, and what was done (evidence, results, answers,
 *    acceptances) is dated no later than the records' updated=;
 *  - met and partly have evidence, not-applicable has a reason, an
 *    answer says who and when, an acceptance says who and when, a
 *    result says when, a fix date is for a failed test.
 * Nothing is printed; the caller prints d. */
#ifndef SECPOLGEN_RECORDS_H
#define SECPOLGEN_RECORDS_H

#include <stdbool.h>

#include "base/diag.h"
#include "model/catalog.h"
#include "model/model.h"

/* One product's records are a few hundred lines; 4 MiB is far beyond. */
#define RECORDS_MAX_BYTES ((size_t)4 * 1024 * 1024)

/* Reads dir/<id>.xml for every product of p into its records; a product
 * without a file keeps none (NULL). A missing dir is no error unless
 * required (the user named it). A file in dir that is no product's is
 * a warning. 0, or -1 after adding every error found to d (the profile's
 * products then hold no records). */
int records_load(struct profile *p, const struct catalog *cat, const char *dir,
		 bool required, struct diag *d);

/* Frees r and everything it owns; accepts NULL. */
void records_free(struct records *r);

/* The folder the records of the profile at path are in by default:
 * "records" beside it (caller frees; NULL on OOM). */
char *records_default_dir(const char *profile_path);

#endif
