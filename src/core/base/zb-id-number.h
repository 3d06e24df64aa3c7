/* zb-id-number.h: the citizen ID number of GB 11643-1999
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZB_ID_NUMBER_OK,
  ZB_ID_NUMBER_BAD_LENGTH,
  ZB_ID_NUMBER_BAD_CHARACTER,
  ZB_ID_NUMBER_BAD_BIRTH_DATE,
  ZB_ID_NUMBER_BAD_CHECK_DIGIT,
} ZbIdNumberResult;

ZbIdNumberResult  zb_id_number_check        (const char *id_number,
                                             GDate      *birth_date,
                                             char       *sex);
char              zb_id_number_check_digit  (const char *first17);
char             *zb_id_number_normalize    (const char *id_number);
char             *zb_id_number_mask         (const char *id_number);

G_END_DECLS
