/* replay.c - a plain main() for the fuzz targets (after libxml2's fuzz/):
 * feeds every file of the folders (or the files) it is given to
 * LLVMFuzzerTestOneInput, so that `make check` replays the committed
 * corpus under gcc, valgrind or the sanitizers without libFuzzer.
 * Prints "<N> inputs" and exits 0; a crash is the failure. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define INPUT_MAX ((size_t)16 * 1024 * 1024)

static int replay_file(const char *path, size_t *n)
{
	struct buf b = BUF_INIT;

	if (buf_read_file(&b, path, INPUT_MAX) < 0) {
		perror(path);
		return -1;
	}
	/* A fresh copy of exactly len bytes, so ASan sees a read past the end. */
	{
		uint8_t *copy = malloc(b.len ? b.len : 1);
		if (!copy) {
			buf_free(&b);
			return -1;
		}
		if (b.len)
			memcpy(copy, b.data, b.len);
		LLVMFuzzerTestOneInput(copy, b.len);
		free(copy);
	}
	buf_free(&b);
	++*n;
	return 0;
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of dir in name order, so that a failure is reproducible. */
static int replay_dir(const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t count = 0, i;
	int rc = 0;

	if (!dp) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(dp))) {
		char **v;
		if (e->d_name[0] == '.')
			continue;
		if (!(v = realloc(names, (count + 1) * sizeof(*v))) ||
		    !(v[count] = strdup(e->d_name))) {
			names = v ? v : names;
			rc = -1;
			break;
		}
		names = v;
		count++;
	}
	closedir(dp);
	qsort(names, count, sizeof(*names), compare);
	for (i = 0; i < count; i++) {
		struct buf path = BUF_INIT;
		if (rc == 0 && (buf_printf(&path, "%s/%s", dir, names[i]) < 0 ||
				replay_file(buf_str(&path), n) < 0))
			rc = -1;
		buf_free(&path);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t n = 0;
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s corpus-folder-or-file...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode) ? replay_dir(argv[i], &n) < 0
					       : replay_file(argv[i], &n) < 0)
			rc = 1;
	}
	printf("%zu inputs\n", n);
	return rc;
}
