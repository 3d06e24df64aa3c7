/* zb-member.h: a person on the branch roster, member or in the recruitment pipeline
 *
 * Copyright 2026 The Zhibu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every field of DOMAIN.md section 1. The order is the order of the form, of
 * `member show` and of the export columns. */
typedef enum
{
  ZB_MEMBER_FIELD_NAME,
  ZB_MEMBER_FIELD_SEX,
  ZB_MEMBER_FIELD_ETHNICITY,
  ZB_MEMBER_FIELD_BIRTH_DATE,
  ZB_MEMBER_FIELD_ID_NUMBER,
  ZB_MEMBER_FIELD_EDUCATION,
  ZB_MEMBER_FIELD_DEGREE,
  ZB_MEMBER_FIELD_POST,
  ZB_MEMBER_FIELD_TITLE,
  ZB_MEMBER_FIELD_PHONE,
  ZB_MEMBER_FIELD_ADDRESS,
  ZB_MEMBER_FIELD_CATEGORY,
  ZB_MEMBER_FIELD_APPLIED_DATE,
  ZB_MEMBER_FIELD_ACTIVIST_DATE,
  ZB_MEMBER_FIELD_CANDIDATE_DATE,
  ZB_MEMBER_FIELD_JOINED_DATE,
  ZB_MEMBER_FIELD_FULL_DATE,
  ZB_MEMBER_FIELD_PROBATION_END,
  ZB_MEMBER_FIELD_PARTY_GROUP,
  ZB_MEMBER_FIELD_STATUS,
  ZB_MEMBER_FIELD_STATUS_DATE,
  ZB_MEMBER_FIELD_STATUS_REASON,
  ZB_MEMBER_FIELD_DISCIPLINE_START,
  ZB_MEMBER_FIELD_DISCIPLINE_END,
  ZB_MEMBER_FIELD_FLOWING,
  ZB_MEMBER_FIELD_LOST_CONTACT,
  ZB_MEMBER_N_FIELDS
} ZbMemberField;

typedef enum
{
  ZB_FIELD_KIND_TEXT,
  ZB_FIELD_KIND_DATE,
  ZB_FIELD_KIND_ENUM,
  ZB_FIELD_KIND_BOOL,
} ZbFieldKind;

typedef struct
{
  ZbMemberField  field;
  const char    *key;          /* English name: SQL column, CSV header, JSON key */
  const char    *option;       /* zhibu-cli option, without the dashes */
  const char    *header;       /* Chinese export header (a data format, not translated) */
  const char    *label;        /* translatable label, N_() */
  ZbFieldKind    kind;
  guint          sensitive : 1;
  guint          required : 1;
} ZbFieldInfo;

/* Categories (人员类别) */
#define ZB_CATEGORY_FULL         "full"
#define ZB_CATEGORY_PROBATIONARY "probationary"
#define ZB_CATEGORY_CANDIDATE    "candidate"
#define ZB_CATEGORY_ACTIVIST     "activist"
#define ZB_CATEGORY_APPLICANT    "applicant"

/* Status (党籍状态); the last four archive the member */
#define ZB_STATUS_NORMAL          "normal"
#define ZB_STATUS_SUSPENDED       "suspended"
#define ZB_STATUS_TRANSFERRED_OUT "transferred-out"
#define ZB_STATUS_EXPELLED        "expelled"
#define ZB_STATUS_REMOVED         "removed"
#define ZB_STATUS_DECEASED        "deceased"

#define ZB_TYPE_MEMBER (zb_member_get_type ())

G_DECLARE_FINAL_TYPE (ZbMember, zb_member, ZB, MEMBER, GObject)

const ZbFieldInfo  *zb_member_field_info        (ZbMemberField  field);
const ZbFieldInfo  *zb_member_field_lookup      (const char    *key_or_header);
const char         *zb_member_enum_label        (ZbMemberField  field,
                                                 const char    *value);
const char         *zb_member_enum_chinese      (ZbMemberField  field,
                                                 const char    *value);
const char         *zb_member_enum_parse        (ZbMemberField  field,
                                                 const char    *text);
const char * const *zb_member_enum_values       (ZbMemberField  field);

ZbMember           *zb_member_new               (void);
ZbMember           *zb_member_copy              (ZbMember      *self);
const char         *zb_member_get_id            (ZbMember      *self);
void                zb_member_set_id            (ZbMember      *self,
                                                 const char    *id);
gint64              zb_member_get_revision      (ZbMember      *self);
void                zb_member_set_revision      (ZbMember      *self,
                                                 gint64         revision);
const char         *zb_member_get               (ZbMember      *self,
                                                 ZbMemberField  field);
void                zb_member_set               (ZbMember      *self,
                                                 ZbMemberField  field,
                                                 const char    *value);
char               *zb_member_dup_display       (ZbMember      *self,
                                                 ZbMemberField  field,
                                                 gboolean       with_sensitive);
char               *zb_member_mask_value        (ZbMemberField  field,
                                                 const char    *value);
gboolean            zb_member_is_archived       (ZbMember      *self);
gboolean            zb_member_in_party          (ZbMember      *self);
gboolean            zb_member_has_vote          (ZbMember      *self,
                                                 const GDate   *on);

G_END_DECLS
