/* main.c - the command line, and the one place where a command's
 * outcome (base/status.h) becomes the process's exit status. */
#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/build.h"
#include "config.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/interrupt.h"
#include "base/file.h"
#include "cmd/diff.h"
#include "cmd/init.h"
#include "cmd/lint.h"
#include "base/parallel.h"
#include "base/status.h"
#include "model/model.h"

/* check's outcome when the profile is valid but the guide still asks for
 * something: no error, so positive, beside enum sp_status's codes. */
enum { CHECK_GAPS = 1 };

/* The exit status of each outcome, as secpolgen.1 (EXIT STATUS) and the
 * README promise them; the only place one is chosen. */
static const struct {
	int status; /* enum sp_status, or CHECK_GAPS */
	int exit;
} exit_statuses[] = {
	{ SP_OK, 0 },
	{ SP_EINPUT, 1 },  /* bad input, or an output edited by hand */
	{ SP_EUSAGE, 2 },
	{ SP_EIO, 3 },     /* the output could not be written */
	{ SP_ENOMEM, 3 },  /* not the input's fault, so not 1 */
	{ CHECK_GAPS, 4 },
};

/* The process's exit status for a command's outcome. */
static int exit_status(int status)
{
	size_t i;

	for (i = 0; i < sizeof(exit_statuses) / sizeof(exit_statuses[0]); i++)
		if (exit_statuses[i].status == status)
			return exit_statuses[i].exit;
	assert(!"a command returned a status outside enum sp_status");
	return 1;
}

static const char usage_text[] =
	"usage: secpolgen build [-p PROFILE] [-o DIR] [-l LANGS] [-f FORMATS]\n"
	"                       [--records DIR] [--advisories DIR]\n"
	"                       [--reference-docx FILE] [--force] [-j N] [--wait S]\n"
	"                       [DOC...]\n"
	"       secpolgen check [--lang ja|en] [--format text|html] [--records DIR]\n"
	"                       [--advisories DIR] [PROFILE]\n"
	"       secpolgen records [--lang ja|en] [--records DIR] PROFILE PRODUCT\n"
	"       secpolgen init [--lang ja|en] [-o PROFILE] [--answers FILE]\n"
	"       secpolgen diff [--lang ja|en] [--format text|revision] OLD NEW\n"
	"       secpolgen lint-locales\n"
	"       secpolgen --help | --version\n"
	"\n"
	"Writes the product security documents that METI's guide for SMEs\n"
	"developing IoT devices asks for, from one profile of the company.\n"
	"\n"
	"  build         write the documents (default: every document, ja and en,\n"
	"                HTML and DOCX) into DIR (default: out)\n"
	"    -p PROFILE  the company's profile.xml (default: the bundled example)\n"
	"    -o DIR      output folder\n"
	"    -l LANGS    languages, comma-separated, the first the main one (ja,en)\n"
	"    -f FORMATS  html, docx or both (html,docx)\n"
	"    --records DIR\n"
	"                the products' records, DIR/<product>.xml (default: the\n"
	"                folder records beside the profile, when it is there)\n"
	"    --advisories DIR\n"
	"                the security advisories, DIR/<id>.xml, each written as a\n"
	"                document and as CSAF 2.0 (default: the folder advisories\n"
	"                beside the profile, when it is there)\n"
	"    --reference-docx FILE\n"
	"                take styles, theme, fonts and header logo from this Word file\n"
	"    --force     replace outputs edited by hand, and files secpolgen did not write\n"
	"    -j N        render in N processes (default: one a processor, at most 8;\n"
	"                the files are the same whatever N)\n"
	"    --wait S    when another build is writing into DIR, wait for it at\n"
	"                most S seconds (default 60), then give up (exit 3)\n"
	"    DOC         only these documents (e.g. policy)\n"
	"                A build of a new revision first moves the previous one's\n"
	"                files into DIR/archive/<revision>/. A build stopped at any\n"
	"                moment (Ctrl-C, a crash, a power cut) leaves DIR with the\n"
	"                old set or, finished by the next build, the new one.\n"
	"  check         validate a profile, report every error in it, then what\n"
	"                each of the guide's six measures still asks of it, with\n"
	"                the element to add (--format html: a page for a screen)\n"
	"  records       start the records of a product: a file listing each\n"
	"                requirement, risk, decision and test that applies to it,\n"
	"                for the team to fill in (records/PRODUCT.xml beside\n"
	"                PROFILE; never over an existing file)\n"
	"  init          ask the questions a drafting meeting answers and write a\n"
	"                new profile (default profile.xml; answers from FILE or a\n"
	"                pipe, a line each, for scripts)\n"
	"  diff          what changed between two profiles, in words (text), or as\n"
	"                a <revision> entry to paste into the new one (revision)\n"
	"  lint-locales  check the message catalogues against the templates\n"
	"\n"
	"Exit status: 0 done, 1 bad input, 2 bad usage, 3 cannot write,\n"
	"4 (check) valid but the guide still asks for something.\n"
	"Environment: SECPOLGEN_DATADIR overrides where templates and locales are.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "secpolgen: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'secpolgen --help'.\n");
	return SP_EUSAGE;
}

static int is_datadir(const char *dir)
{
	struct buf p = BUF_INIT;
	struct stat st;
	int ok;

	if (buf_printf(&p, "%s/policy-templates/document.rng", dir) < 0)
		return 0;
	ok = stat(buf_str(&p), &st) == 0;
	buf_free(&p);
	return ok;
}

/* Where templates and locales are: $SECPOLGEN_DATADIR, else the source
 * tree the binary was built in (build/secpolgen or a sanitizer build one level deeper),
 * else the installed share/secpolgen. Caller frees. */
static char *find_datadir(void)
{
	const char *env = getenv("SECPOLGEN_DATADIR");
	char exe[4096];
	ssize_t n;
	int up;

	if (env && *env)
		return strdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash || slash == exe)
				break;
			*slash = '\0';
			if (is_datadir(exe))
				return strdup(exe);
		}
	}
	return strdup(SECPOLGEN_DATADIR);
}

/* Splits "a,b" into a list; the strings point into s (modified). */
static int split_list(char *s, struct strlist *out)
{
	char *p;
	size_t n = 1;

	for (p = s; *p; p++)
		n += *p == ',';
	out->v = calloc(n, sizeof(char *));
	if (!out->v)
		return -1;
	out->n = 0;
	for (p = strtok(s, ","); p; p = strtok(NULL, ","))
		out->v[out->n++] = p;
	return 0;
}

struct written {
	const char *dir;
	size_t n, unchanged;
};

static void print_written(void *ctx, const char *path, bool changed)
{
	struct written *w = ctx;

	if (!changed) {
		w->unchanged++;
		return;
	}
	if (w->n++ == 0)
		printf("secpolgen: wrote into %s/:\n", w->dir);
	printf("  %s\n", path);
}

/* After the list of files written: how many were left as they were. */
static void print_unchanged(const struct written *w)
{
	if (w->unchanged == 0)
		return;
	if (w->n == 0)
		printf("secpolgen: nothing changed: the %zu files in %s/ were up to date.\n",
		       w->unchanged, w->dir);
	else
		printf("secpolgen: %zu other file%s in %s/ %s up to date.\n", w->unchanged,
		       w->unchanged == 1 ? "" : "s", w->dir, w->unchanged == 1 ? "was" : "were");
}

/* Whether path (when given) is there but not a regular file, which is
 * then said in d ("cannot read the reference document: it is a named
 * pipe (FIFO), not a regular file"). A file that cannot be opened is left
 * to the reader, which says why. */
static bool not_regular(const char *path, const char *what_file, struct diag *d)
{
	const char *kind;
	int fd = path ? file_open_regular(path, &kind) : -1;

	if (fd >= 0)
		close(fd);
	if (fd >= 0 || !path || !kind)
		return false;
	diag_error(d, path, 0, 0, "cannot read %s: it is %s, not a regular file", what_file, kind);
	return true;
}

static int cmd_build(int argc, char **argv, const char *datadir)
{
	struct build_options o = { .out_dir = "out", .datadir = datadir, .html = 1, .docx = 1,
				   .version = SECPOLGEN_VERSION,
				   .wait = 60, .written = print_written };
	struct diag d = DIAG_INIT;
	char langs_default[] = "ja,en";
	char *langs = langs_default, *formats = NULL;
	struct buf example = BUF_INIT;
	struct strlist fmts = { NULL, 0 };
	struct written written = { NULL, 0, 0 };
	int i, status = SP_EUSAGE;
	size_t k;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--force") == 0) {
			o.force = 1;
		} else if (strcmp(a, "--records") == 0) {
			if (i + 1 >= argc) {
				status = usage_error("%s needs a folder", a);
				goto out;
			}
			o.records = argv[++i];
		} else if (strcmp(a, "--advisories") == 0) {
			if (i + 1 >= argc) {
				status = usage_error("%s needs a folder", a);
				goto out;
			}
			o.advisories = argv[++i];
		} else if (strcmp(a, "--reference-docx") == 0) {
			if (i + 1 >= argc) {
				status = usage_error("%s needs a Word file", a);
				goto out;
			}
			o.reference_docx = argv[++i];
		} else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 ||
			   strcmp(a, "--wait") == 0) {
			bool jobs = a[1] != '-' || a[2] == 'j';
			unsigned long n;
			char *end;
			if (i + 1 >= argc) {
				status = usage_error(jobs ? "%s needs a number of processes"
							  : "%s needs a number of seconds", a);
				goto out;
			}
			errno = 0;
			n = strtoul(argv[++i], &end, 10);
			if (errno || end == argv[i] || *end || argv[i][0] == '-' ||
			    (jobs ? n < 1 || n > 64 : n > 86400)) {
				status = usage_error(jobs ? "%s needs a number of processes from 1 to 64"
							  : "%s needs a number of seconds from 0 to 86400", a);
				goto out;
			}
			if (jobs)
				o.jobs = (unsigned)n;
			else
				o.wait = (unsigned)n;
		} else if (strcmp(a, "-p") == 0 || strcmp(a, "-o") == 0 ||
			   strcmp(a, "-l") == 0 || strcmp(a, "-f") == 0) {
			if (i + 1 >= argc) {
				status = usage_error("%s needs a value", a);
				goto out;
			}
			if (a[1] == 'p')
				o.profile = argv[++i];
			else if (a[1] == 'o')
				o.out_dir = argv[++i];
			else if (a[1] == 'l')
				langs = argv[++i];
			else
				formats = argv[++i];
		} else if (a[0] == '-') {
			status = usage_error("unknown option %s", a);
			goto out;
		} else {
			break;
		}
	}
	if (o.jobs == 0) {
		unsigned cpus = parallel_cpus();
		o.jobs = cpus > 8 ? 8 : cpus;
	}
	if (i < argc) {
		o.docs.v = (char **)argv + i;
		o.docs.n = (size_t)(argc - i);
	}
	if (split_list(langs, &o.langs) < 0 || o.langs.n == 0) {
		status = usage_error("%s", "-l needs at least one language");
		goto out;
	}
	if (formats) {
		if (split_list(formats, &fmts) < 0 || fmts.n == 0) {
			status = usage_error("%s", "-f needs html, docx or both");
			goto out;
		}
		o.html = o.docx = 0;
		for (k = 0; k < fmts.n; k++) {
			if (strcmp(fmts.v[k], "html") == 0)
				o.html = 1;
			else if (strcmp(fmts.v[k], "docx") == 0)
				o.docx = 1;
			else {
				status = usage_error("unknown format \"%s\" (html or docx)", fmts.v[k]);
				goto out;
			}
		}
	}
	if (!o.profile) {
		if (buf_printf(&example, "%s/examples/profile.xml", datadir) < 0) {
			status = SP_ENOMEM;
			goto out;
		}
		o.profile = buf_str(&example);
		fprintf(stderr, "secpolgen: no profile given (-p); using the example %s\n", o.profile);
	}
	written.dir = o.out_dir;
	o.written_ctx = &written;
	/* build reads the reference document through buf_read_file, whose
	 * errno cannot say what stands there instead of a file. Ctrl-C stops
	 * the build at its next document and cleans up; during the commit it
	 * waits for the end (interrupt.h, output.h). */
	interrupt_catch();
	status = not_regular(o.reference_docx, "the reference document", &d) ? SP_EINPUT
									   : build_run(&o, &d);
	if (status == SP_OK)
		print_unchanged(&written);
	diag_print(&d, stderr);
	if (status == SP_EIO)
		fprintf(stderr, "secpolgen: nothing was changed in %s/.\n", o.out_dir);
	else if (status != SP_OK)
		fprintf(stderr, "secpolgen: nothing was written.\n");
	else if (interrupt_pending())
		fprintf(stderr, "secpolgen: stopped, after every file was in place in %s/.\n",
			o.out_dir);
	if (interrupt_pending()) {
		fflush(NULL);
		interrupt_reraise();
	}
out:
	free(o.langs.v);
	free(fmts.v);
	buf_free(&example);
	diag_free(&d);
	return status;
}

static int cmd_check(int argc, char **argv, const char *datadir)
{
	struct diag d = DIAG_INIT;
	struct buf example = BUF_INIT, report = BUF_INIT;
	const char *profile = NULL, *lang = "ja", *records = NULL, *advisories = NULL;
	int status, html = 0, i, gaps;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--format") == 0 || strcmp(a, "--lang") == 0 ||
		    strcmp(a, "--records") == 0 || strcmp(a, "--advisories") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", a);
			if (a[2] == 'r') {
				records = argv[++i];
			} else if (a[2] == 'a') {
				advisories = argv[++i];
			} else if (a[2] == 'l') {
				lang = argv[++i];
			} else if (strcmp(argv[++i], "html") == 0) {
				html = 1;
			} else if (strcmp(argv[i], "text") != 0) {
				return usage_error("--format is text or html, not %s", argv[i]);
			}
		} else if (a[0] == '-') {
			return usage_error("unknown option %s", a);
		} else if (profile) {
			return usage_error("%s", "check takes one profile");
		} else {
			profile = a;
		}
	}
	if (!profile) {
		if (buf_printf(&example, "%s/examples/profile.xml", datadir) < 0)
			return SP_ENOMEM;
		profile = buf_str(&example);
	}
	status = build_check(profile, records, advisories, datadir, &d);
	if (status == SP_OK) {
		gaps = build_report(profile, records, advisories, datadir, lang, html,
				    !html && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"), &report, &d);
		status = gaps < 0 ? gaps : gaps > 0 ? CHECK_GAPS : SP_OK;
	}
	diag_print(&d, stderr);
	if (status == SP_OK || status == CHECK_GAPS) {
		if (!html && d.warnings)
			printf("%s: valid, with %zu warning%s to consider\n\n", profile, d.warnings,
			       d.warnings == 1 ? "" : "s");
		else if (!html)
			printf("%s: valid\n\n", profile);
		fwrite(report.data ? report.data : "", 1, report.len, stdout);
	}
	buf_free(&report);
	buf_free(&example);
	diag_free(&d);
	return status;
}

static int cmd_records(int argc, char **argv, const char *datadir)
{
	struct diag d = DIAG_INIT;
	struct buf path = BUF_INIT;
	const char *lang = "ja", *records = NULL, *args[2] = { NULL, NULL };
	int status, i, n = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--lang") == 0 || strcmp(a, "--records") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", a);
			if (a[2] == 'l')
				lang = argv[++i];
			else
				records = argv[++i];
		} else if (a[0] == '-') {
			return usage_error("unknown option %s", a);
		} else if (n == 2) {
			return usage_error("%s", "records takes a profile and a product: PROFILE PRODUCT");
		} else {
			args[n++] = a;
		}
	}
	if (n < 2)
		return usage_error("%s", "records takes a profile and a product: PROFILE PRODUCT");
	if (strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
		return usage_error("--lang is ja or en, not %s", lang);
	status = build_records_starter(args[0], records, datadir, lang, args[1], &path, &d);
	diag_print(&d, stderr);
	if (status == SP_OK)
		printf("wrote %s: fill in what has been done, then build\n", buf_str(&path));
	buf_free(&path);
	diag_free(&d);
	return status;
}

static int cmd_diff(int argc, char **argv, const char *datadir)
{
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	const char *lang = "ja", *paths[2] = { NULL, NULL };
	enum diff_format format = DIFF_TEXT;
	int i, n = 0, status;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--lang") == 0 || strcmp(a, "--format") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", a);
			if (a[2] == 'l')
				lang = argv[++i];
			else if (strcmp(argv[++i], "revision") == 0)
				format = DIFF_REVISION;
			else if (strcmp(argv[i], "text") != 0)
				return usage_error("--format is text or revision, not %s", argv[i]);
		} else if (a[0] == '-') {
			return usage_error("unknown option %s", a);
		} else if (n < 2) {
			paths[n++] = a;
		} else {
			return usage_error("%s", "diff takes two profiles: OLD NEW");
		}
	}
	if (n != 2)
		return usage_error("%s", "diff takes two profiles: OLD NEW");
	if (strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
		return usage_error("--lang is ja or en, not %s", lang);
	status = diff_run(paths[0], paths[1], datadir, lang, format, &out, &d);
	diag_print(&d, stderr);
	if (status == SP_OK)
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
	buf_free(&out);
	diag_free(&d);
	return status;
}

static int cmd_init(int argc, char **argv, const char *datadir)
{
	struct diag d = DIAG_INIT;
	struct init_options o = { .datadir = datadir, .lang = "ja", .in = stdin, .out = stdout,
				  .output = "profile.xml" };
	FILE *answers = NULL;
	int i, status;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (i + 1 >= argc && (strcmp(a, "--lang") == 0 || strcmp(a, "-o") == 0 ||
				      strcmp(a, "--answers") == 0))
			return usage_error("%s needs a value", a);
		if (strcmp(a, "--lang") == 0) {
			o.lang = argv[++i];
		} else if (strcmp(a, "-o") == 0) {
			o.output = argv[++i];
		} else if (strcmp(a, "--answers") == 0) {
			const char *kind;
			int fd;
			if (answers)
				fclose(answers);
			/* A file: a named pipe would be waited on; answers that
			 * come from a pipe come on standard input. */
			fd = file_open_regular(argv[++i], &kind);
			answers = fd < 0 ? NULL : fdopen(fd, "r");
			if (!answers) {
				if (kind)
					fprintf(stderr, "%s: error: cannot read the answers: it is %s, not a "
						"regular file\n", argv[i], kind);
				else
					fprintf(stderr, "%s: error: cannot read the answers: %s\n", argv[i],
						strerror(errno));
				if (fd >= 0)
					close(fd);
				return SP_EINPUT;
			}
			o.in = answers;
		} else {
			if (answers)
				fclose(answers);
			return usage_error("unknown argument %s", a);
		}
	}
	if (strcmp(o.lang, "ja") != 0 && strcmp(o.lang, "en") != 0) {
		if (answers)
			fclose(answers);
		return usage_error("--lang is ja or en, not %s", o.lang);
	}
	o.interactive = !answers && isatty(fileno(stdin));
	status = init_run(&o, &d);
	diag_print(&d, stderr);
	if (answers)
		fclose(answers);
	diag_free(&d);
	return status;
}

static int cmd_lint(int argc, const char *datadir)
{
	struct diag d = DIAG_INIT;
	int status;

	if (argc > 1)
		return usage_error("%s", "lint-locales takes no arguments");
	status = lint_locales(datadir, &d);
	diag_print(&d, stderr);
	if (status == SP_OK)
		printf("locales: every message present, used, current and with the same tags; no term the termbase forbids, and none used before the policy defines it; every Japanese sentence in the register of the documents that use it\n");
	diag_free(&d);
	return status;
}

int main(int argc, char **argv)
{
	char *datadir;
	int status;

	if (argc < 2)
		return exit_status(usage_error("%s", "a command is needed (build, check, records, init, diff, lint-locales)"));
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return exit_status(SP_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("secpolgen %s\n", SECPOLGEN_VERSION);
		return exit_status(SP_OK);
	}
	datadir = find_datadir();
	if (!datadir) {
		fprintf(stderr, "secpolgen: out of memory\n");
		return exit_status(SP_ENOMEM);
	}
	if (strcmp(argv[1], "build") == 0)
		status = cmd_build(argc - 1, argv + 1, datadir);
	else if (strcmp(argv[1], "check") == 0)
		status = cmd_check(argc - 1, argv + 1, datadir);
	else if (strcmp(argv[1], "diff") == 0)
		status = cmd_diff(argc - 1, argv + 1, datadir);
	else if (strcmp(argv[1], "records") == 0)
		status = cmd_records(argc - 1, argv + 1, datadir);
	else if (strcmp(argv[1], "init") == 0)
		status = cmd_init(argc - 1, argv + 1, datadir);
	else if (strcmp(argv[1], "lint-locales") == 0)
		status = cmd_lint(argc - 1, datadir);
	else
		status = usage_error("unknown command \"%s\"", argv[1]);
	free(datadir);
	return exit_status(status);
}
