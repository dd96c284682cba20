/* interrupt.c - signals as a request to stop (interrupt.h). */
#define _POSIX_C_SOURCE 200809L
#include "base/interrupt.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t caught;
static int caught_on; /* the handlers are installed */
static int deferred;  /* interrupt_defer's nesting */

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP (sizeof(stop_signals) / sizeof(stop_signals[0]))

static void on_signal(int sig)
{
	caught = sig;
}

void interrupt_catch(void)
{
	struct sigaction sa;
	size_t i;

	if (caught_on)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a wait returns EINTR, and looks */
	for (i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &sa, NULL);
	caught_on = 1;
}

int interrupt_pending(void)
{
	return caught;
}

int interrupt_error(struct diag *d)
{
	int sig = caught;

	if (!sig)
		return 0;
	diag_error(d, NULL, 0, 0, "interrupted by %s", sig == SIGINT ? "SIGINT (Ctrl-C)"
						      : sig == SIGTERM ? "SIGTERM"
						      : "SIGHUP");
	return -1;
}

static void mask(int how)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NSTOP; i++)
		sigaddset(&set, stop_signals[i]);
	sigprocmask(how, &set, NULL);
}

void interrupt_defer(void)
{
	if (deferred++ == 0)
		mask(SIG_BLOCK);
}

void interrupt_allow(void)
{
	if (deferred > 0 && --deferred == 0)
		mask(SIG_UNBLOCK); /* a signal that waited runs on_signal now */
}

void interrupt_reraise(void)
{
	int sig = caught;
	struct sigaction sa;

	if (!sig)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	deferred = 1;
	interrupt_allow();
	raise(sig);
}
