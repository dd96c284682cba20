/* interrupt.h - SIGINT, SIGTERM and SIGHUP as a request to stop, which a
 * long task honours at its next safe point rather than dying in the
 * middle of writing.
 *
 * After interrupt_catch(), such a signal only records itself. Work that
 * can stop looks at interrupt_pending() between steps (a document, a job,
 * a wait) and fails with interrupt_error(), so that the caller cleans up
 * as after any other failure; a blocking call (poll, a wait for a lock)
 * returns EINTR, as the handler does not restart it. A stretch that must
 * not be cut short (the commit of a set of files) runs between
 * interrupt_defer() and interrupt_allow(): a signal that comes meanwhile
 * waits, and is recorded when allowed. Last, interrupt_reraise() ends
 * the process by the recorded signal, as if it had not been caught, so
 * that a shell or a supervisor sees what happened (exit 130 for Ctrl-C).
 * SIGKILL cannot be caught: output.h says what a killed build leaves.
 *
 * Forked workers (parallel.h) inherit the handlers, and with them the
 * duty to stop between jobs. */
#ifndef SECPOLGEN_INTERRUPT_H
#define SECPOLGEN_INTERRUPT_H

#include "base/diag.h"

/* Installs the handlers. Idempotent. */
void interrupt_catch(void);

/* The signal received since interrupt_catch, or 0. */
int interrupt_pending(void);

/* If a signal is pending, adds "interrupted by SIGINT (Ctrl-C)" or the
 * like to d and returns -1; else 0. */
int interrupt_error(struct diag *d);

/* Blocks the signals (nested calls count), and lets them through again. */
void interrupt_defer(void);
void interrupt_allow(void);

/* Ends the process by the pending signal, with its default action; does
 * nothing when none is pending. */
void interrupt_reraise(void);

#endif
