/* advisories.h - reads the company's security advisories
 * (advisories/<id>.xml beside the profile; policy-templates/
 * advisory.rng) into the model (struct advisory, model/advisory.h), with
 * the profile's checks (at most ADVISORY_MAX_BYTES, UTF-8, no DOCTYPE,
 * nesting, well-formed XML, the schema), then what a schema cannot
 * say, each at its place ("advisories/akb-sa-2026-001.xml:12:5: error: …"):
 *  - the file is named after the advisory's id, in lower case;
 *  - every product is the profile's;
 *  - each CVSS vector is well formed (model/cvss.h), one of v3.x and one
 *    of v4.0 at most;
 *  - a product's affected ranges run from low to high and do not
 *    overlap; a fixed version is above every affected range of its
 *    product, and a product is fixed once;
 *  - revisions are numbered 1, 2, 3 … on days that do not go back, and
 *    no vulnerability was reported after the first;
 *  - a CVE id is given once in the advisory, and CVE, JVN and CWE ids
 *    have their shapes;
 *  - at most ADVISORY_MAX_RANGES affected ranges in all.
 * Nothing is printed; the caller prints d. */
#ifndef SECPOLGEN_ADVISORIES_H
#define SECPOLGEN_ADVISORIES_H

#include <stdbool.h>

#include "base/diag.h"
#include "model/catalog.h"
#include "model/model.h"

/* An advisory is a few kilobytes; 1 MiB is far beyond. */
#define ADVISORY_MAX_BYTES ((size_t)1024 * 1024)

/* Reads every .xml file of dir into p->advisories, in the order of their ids. A
 * missing dir is no error unless required (the user named it). 0, or -1
 * after adding every error found to d (p then holds no advisories). */
int advisories_load(struct profile *p, const struct catalog *cat, const char *dir,
		    bool required, struct diag *d);

/* The folder the advisories of the profile at path are in by default:
 * "advisories" beside it (caller frees; NULL on OOM). */
char *advisories_default_dir(const char *profile_path);

#endif
