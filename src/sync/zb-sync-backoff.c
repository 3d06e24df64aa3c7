#define G_LOG_DOMAIN "zb-sync-backoff"

#include "config.h"

#include "zb-sync-backoff.h"

/* PROTOCOL.md, Rounds: after a network error, a timeout, 500 or 503, wait
 * 2 s, doubling with each failure up to 15 min, each wait varied by ±25 %
 * so that the PCs of a committee do not all come back at once, and never
 * shorter than the server's Retry-After; back to 2 s after a success. */

void
zb_sync_backoff_init (ZbSyncBackoff *self,
                      guint          initial_ms,
                      guint          max_ms)
{
  self->initial_ms = initial_ms;
  self->max_ms = MAX (max_ms, initial_ms);
  self->failures = 0;
}

/* The wait in milliseconds after one more failure; @random in [0, 1)
 * (g_random_double() in use, fixed in tests) picks the variation. */
guint64
zb_sync_backoff_next (ZbSyncBackoff *self,
                      guint          retry_after_s,
                      double         random)
{
  guint64 base = self->initial_ms;
  guint64 wait;

  for (guint i = 0; i < self->failures && base < self->max_ms; i++)
    base *= 2;
  base = MIN (base, self->max_ms);
  self->failures++;

  /* Varied, yet never past the longest wait; a Retry-After still wins. */
  wait = (guint64) (base * (0.75 + 0.5 * CLAMP (random, 0.0, 1.0)));
  wait = MIN (wait, self->max_ms);
  return MAX (wait, (guint64) retry_after_s * 1000);
}

void
zb_sync_backoff_reset (ZbSyncBackoff *self)
{
  self->failures = 0;
}
