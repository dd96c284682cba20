/* render_text.h - document tree -> UTF-8 text for a terminal.
 *
 * As cmark's man and commonmark writers beside its html.c: the same tree
 * every other output walks, written as lines. The title line names the
 * company; each heading follows a blank line; a table's rows are indented
 * lines, their cells side by side, a line break in a cell going on under
 * the cell's start; list items are indented with a bullet or a number; a
 * note is a line of its own. With colour, ANSI escapes make headings and
 * strong text bold, emphasis italic, notes green and warnings red. */
#ifndef SECPOLGEN_RENDER_TEXT_H
#define SECPOLGEN_RENDER_TEXT_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/diag.h"
#include "doc/doc.h"

/* Renders doc as text, appended to out; colour adds ANSI escapes. 0 ok,
 * -1 after adding an error to d (out is then freed). */
int render_text(const struct doc *doc, bool colour, struct buf *out, struct diag *d);

#endif
