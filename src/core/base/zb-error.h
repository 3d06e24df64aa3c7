/* zb-error.h: the error domain of a record that breaks a rule, repeats one or is missing
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Named for the member rules, which raised it first; the records' own field
 * checks (meetings, transfers, first items) and the store raise it as well,
 * so it stands in base, below both. */
#define ZB_MEMBER_ERROR (zb_member_error_quark ())

typedef enum
{
  ZB_MEMBER_ERROR_INVALID,
  ZB_MEMBER_ERROR_DUPLICATE,
  ZB_MEMBER_ERROR_NOT_FOUND,
} ZbMemberError;

GQuark zb_member_error_quark (void);

G_END_DECLS
