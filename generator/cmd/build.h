/* build.h - the whole pipeline for one run: profile -> views -> documents
 * in every language and format -> files, all in memory, then written
 * all-or-nothing (output.h). */
#ifndef SECPOLGEN_BUILD_H
#define SECPOLGEN_BUILD_H

#include "base/buf.h"
#include "base/diag.h"
#include "base/status.h"
#include "model/model.h"

struct build_options {
	const char *profile;  /* path of profile.xml */
	const char *records;  /* the products' records folder (records.h); NULL:
			       * records/ beside the profile, when it is there */
	int records_optional; /* a records folder that is not there is no error
			       * (the records command makes it) */
	const char *advisories; /* the advisories folder (advisories.h); NULL:
				 * advisories/ beside the profile, when there */
	const char *version;  /* secpolgen's, as the CSAF files name their
			       * generator; NULL: "unknown" */
	const char *out_dir;  /* where documents go */
	const char *datadir;  /* holds policy-templates/ and locales/ */
	struct strlist langs; /* e.g. ja en; the first is the main language */
	int html, docx;       /* formats to write */
	struct strlist docs;  /* document ids to write; empty: all */
	const char *reference_docx; /* a Word file to take the look from, or NULL */
	int force;            /* replace outputs edited by hand (history.h) */
	/* Called for each file of the set, after all of them are in place,
	 * with its path relative to out_dir and whether it changed (false: the
	 * same bytes were there already, and the file was left as it was);
	 * may be NULL. */
	void (*written)(void *ctx, const char *path, bool changed);
	void *written_ctx;
	/* Worker processes that render the documents (parallel.h); 0 or 1:
	 * all in this process. The files are the same either way. */
	unsigned jobs;
	unsigned wait;        /* seconds to wait for another build's lock (lock.h) */
};

/* Runs the pipeline; diagnostics go to d. SP_OK, or (base/status.h)
 * SP_EINPUT (bad input, or an output edited by hand: nothing written),
 * SP_EIO (the output could not be written) or SP_ENOMEM. */
int build_run(const struct build_options *o, struct diag *d);

/* The report of `check` (derive.h's derive_report) for profile in
 * language lang, appended to out: as text for a terminal (with colour
 * when colour is set), or as an HTML page (html set) rendered from
 * policy-templates/check.mustache. Returns the number of gaps, or
 * SP_EINPUT after adding errors to d. */
int build_report(const char *profile, const char *records, const char *advisories,
		 const char *datadir, const char *lang, int html, int colour, struct buf *out,
		 struct diag *d);

/* Runs everything build_run does for o, all in this process, writing
 * nothing (o->out_dir and o->jobs are not used). Returns a build_status. */
int build_try(const struct build_options *o, struct diag *d);

/* Writes the records of product, to be filled in: path (set to
 * records/<product>.xml, or DIR/<product>.xml) lists every requirement,
 * risk, open decision and test its sheet derives, each named in lang in a
 * comment. Never writes over a file. SP_OK, SP_EINPUT (the profile, no
 * such product, the file is there), SP_EIO or SP_ENOMEM. */
int build_records_starter(const char *profile, const char *records, const char *datadir,
			  const char *lang, const char *product, struct buf *path, struct diag *d);

/* Runs everything build does for ja and en, HTML and DOCX, writing
 * nothing (for `secpolgen check`); records and advisories as in struct
 * build_options. SP_OK, SP_EINPUT or SP_ENOMEM. */
int build_check(const char *profile, const char *records, const char *advisories,
		const char *datadir, struct diag *d);

#endif
