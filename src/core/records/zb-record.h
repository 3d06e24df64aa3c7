/* zb-record.h: what the small record classes share
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Blank text is "not given": stored as NULL, like an empty field on paper. */
static inline void
zb_record_set_text (char       **slot,
                    const char  *value)
{
  char *copy = value ? g_strstrip (g_strdup (value)) : NULL;

  g_free (*slot);
  if (copy != NULL && *copy == '\0')
    g_clear_pointer (&copy, g_free);
  *slot = copy;
}

/* A getter and a setter of a text field of a record class. */
#define ZB_RECORD_TEXT_ACCESSORS(Type, prefix, name, field)       \
  const char *                                                    \
  prefix##_get_##name (Type *self)                                \
  {                                                               \
    g_return_val_if_fail (self != NULL, NULL);                    \
    return self->field;                                           \
  }                                                               \
  void                                                            \
  prefix##_set_##name (Type       *self,                          \
                       const char *value)                         \
  {                                                               \
    g_return_if_fail (self != NULL);                              \
    zb_record_set_text (&self->field, value);                     \
  }

G_END_DECLS
