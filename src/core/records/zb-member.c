#define G_LOG_DOMAIN "zb-member"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "zb-date.h"
#include "zb-id-number.h"
#include "zb-member.h"

struct _ZbMember
{
  GObject  parent_instance;

  char    *id;
  gint64   revision;
  char    *values[ZB_MEMBER_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (ZbMember, zb_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define TEXT ZB_FIELD_KIND_TEXT
#define DATE ZB_FIELD_KIND_DATE
#define ENUM ZB_FIELD_KIND_ENUM
#define BOOL ZB_FIELD_KIND_BOOL

/* DOMAIN.md section 1, in the order of the form. */
static const ZbFieldInfo fields[ZB_MEMBER_N_FIELDS] = {
  { ZB_MEMBER_FIELD_NAME, "name", "name", "姓名", N_("Name"), TEXT, 0, 1 },
  { ZB_MEMBER_FIELD_SEX, "sex", "sex", "性别", N_("Sex"), ENUM, 0, 1 },
  { ZB_MEMBER_FIELD_ETHNICITY, "ethnicity", "ethnicity", "民族", N_("Ethnic group"), TEXT, 0, 0 },
  { ZB_MEMBER_FIELD_BIRTH_DATE, "birth_date", "birth", "出生日期", N_("Date of birth"), DATE, 0, 1 },
  { ZB_MEMBER_FIELD_ID_NUMBER, "id_number", "id-number", "公民身份号码", N_("Citizen ID number"),
    TEXT, 1, 1 },
  { ZB_MEMBER_FIELD_EDUCATION, "education", "education", "学历", N_("Education"), TEXT, 0, 0 },
  { ZB_MEMBER_FIELD_DEGREE, "degree", "degree", "学位", N_("Degree"), TEXT, 0, 0 },
  { ZB_MEMBER_FIELD_POST, "post", "post", "工作岗位", N_("Post"), TEXT, 0, 0 },
  { ZB_MEMBER_FIELD_TITLE, "title", "title", "职务", N_("Title"), TEXT, 0, 0 },
  { ZB_MEMBER_FIELD_PHONE, "phone", "phone", "联系电话", N_("Phone"), TEXT, 1, 0 },
  { ZB_MEMBER_FIELD_ADDRESS, "address", "address", "家庭住址", N_("Home address"), TEXT, 1, 0 },
  { ZB_MEMBER_FIELD_CATEGORY, "category", "category", "人员类别", N_("Category"), ENUM, 0, 1 },
  { ZB_MEMBER_FIELD_APPLIED_DATE, "applied_date", "applied", "入党申请日期",
    N_("Date of application"), DATE, 0, 0 },
  { ZB_MEMBER_FIELD_ACTIVIST_DATE, "activist_date", "activist-date", "确定积极分子日期",
    N_("Date made an activist"), DATE, 0, 0 },
  { ZB_MEMBER_FIELD_CANDIDATE_DATE, "candidate_date", "candidate-date", "确定发展对象日期",
    N_("Date made a candidate"), DATE, 0, 0 },
  { ZB_MEMBER_FIELD_JOINED_DATE, "joined_date", "joined", "入党日期", N_("Date of admission"),
    DATE, 0, 0 },
  { ZB_MEMBER_FIELD_FULL_DATE, "full_date", "full-date", "转正日期",
    N_("Date of full membership"), DATE, 0, 0 },
  { ZB_MEMBER_FIELD_PROBATION_END, "probation_extended_to", "probation-extended-to",
    "延长预备期至", N_("Probation extended to"), DATE, 0, 0 },
  { ZB_MEMBER_FIELD_PARTY_GROUP, "party_group", "party-group", "党小组", N_("Party group"),
    TEXT, 0, 0 },
  { ZB_MEMBER_FIELD_STATUS, "status", "status", "党籍状态", N_("Membership status"), ENUM, 0, 0 },
  { ZB_MEMBER_FIELD_STATUS_DATE, "status_date", "status-date", "状态变更日期",
    N_("Status changed on"), DATE, 0, 0 },
  { ZB_MEMBER_FIELD_STATUS_REASON, "status_reason", "status-reason", "状态变更原因",
    N_("Reason for the status"), TEXT, 0, 0 },
  { ZB_MEMBER_FIELD_DISCIPLINE_START, "discipline_start", "discipline-start", "留党察看开始日期",
    N_("Probation within the Party from"), DATE, 0, 0 },
  { ZB_MEMBER_FIELD_DISCIPLINE_END, "discipline_end", "discipline-end", "留党察看结束日期",
    N_("Probation within the Party until"), DATE, 0, 0 },
  { ZB_MEMBER_FIELD_FLOWING, "flowing", "flowing", "流动党员", N_("Flowing member"), BOOL, 0, 0 },
  { ZB_MEMBER_FIELD_LOST_CONTACT, "lost_contact", "lost-contact", "失联党员",
    N_("Out of contact"), BOOL, 0, 0 },
};

#undef TEXT
#undef DATE
#undef ENUM
#undef BOOL

/* Other names spreadsheets in the wild give these columns. */
static const struct { const char *alias; ZbMemberField field; } aliases[] = {
  { "身份证号", ZB_MEMBER_FIELD_ID_NUMBER },
  { "身份证号码", ZB_MEMBER_FIELD_ID_NUMBER },
  { "身份证", ZB_MEMBER_FIELD_ID_NUMBER },
  { "公民身份证号码", ZB_MEMBER_FIELD_ID_NUMBER },
  { "手机", ZB_MEMBER_FIELD_PHONE },
  { "手机号", ZB_MEMBER_FIELD_PHONE },
  { "手机号码", ZB_MEMBER_FIELD_PHONE },
  { "电话", ZB_MEMBER_FIELD_PHONE },
  { "联系方式", ZB_MEMBER_FIELD_PHONE },
  { "出生年月", ZB_MEMBER_FIELD_BIRTH_DATE },
  { "类别", ZB_MEMBER_FIELD_CATEGORY },
  { "党员类别", ZB_MEMBER_FIELD_CATEGORY },
  { "岗位", ZB_MEMBER_FIELD_POST },
  { "所在党小组", ZB_MEMBER_FIELD_PARTY_GROUP },
  { "住址", ZB_MEMBER_FIELD_ADDRESS },
  { "家庭地址", ZB_MEMBER_FIELD_ADDRESS },
  { "申请入党日期", ZB_MEMBER_FIELD_APPLIED_DATE },
  { "入党时间", ZB_MEMBER_FIELD_JOINED_DATE },
  { "转正时间", ZB_MEMBER_FIELD_FULL_DATE },
  { "gender", ZB_MEMBER_FIELD_SEX },
  { "birth", ZB_MEMBER_FIELD_BIRTH_DATE },
  { "joined", ZB_MEMBER_FIELD_JOINED_DATE },
  { "applied", ZB_MEMBER_FIELD_APPLIED_DATE },
  { "group", ZB_MEMBER_FIELD_PARTY_GROUP },
};

typedef struct
{
  const char *code;
  const char *chinese;   /* the word on paper and in exports, whatever the locale */
  const char *label;     /* N_() */
} EnumValue;

static const EnumValue sex_values[] = {
  { "M", "男", N_("Male") },
  { "F", "女", N_("Female") },
  { NULL }
};

static const EnumValue category_values[] = {
  { ZB_CATEGORY_FULL, "正式党员", N_("Full member") },
  { ZB_CATEGORY_PROBATIONARY, "预备党员", N_("Probationary member") },
  { ZB_CATEGORY_CANDIDATE, "发展对象", N_("Candidate") },
  { ZB_CATEGORY_ACTIVIST, "入党积极分子", N_("Activist") },
  { ZB_CATEGORY_APPLICANT, "入党申请人", N_("Applicant") },
  { NULL }
};

static const EnumValue status_values[] = {
  { ZB_STATUS_NORMAL, "正常", N_("Normal") },
  { ZB_STATUS_SUSPENDED, "停止党籍", N_("Membership suspended") },
  { ZB_STATUS_TRANSFERRED_OUT, "转出", N_("Transferred out") },
  { ZB_STATUS_EXPELLED, "出党", N_("Left the Party") },
  { ZB_STATUS_REMOVED, "除名", N_("Removed from the rolls") },
  { ZB_STATUS_DECEASED, "死亡", N_("Deceased") },
  { NULL }
};

static const EnumValue *
get_enum_values (ZbMemberField field)
{
  switch (field)
    {
    case ZB_MEMBER_FIELD_SEX:
      return sex_values;
    case ZB_MEMBER_FIELD_CATEGORY:
      return category_values;
    case ZB_MEMBER_FIELD_STATUS:
      return status_values;
    default:
      return NULL;
    }
}

static const EnumValue *
find_enum_value (ZbMemberField  field,
                 const char    *code)
{
  const EnumValue *values = get_enum_values (field);

  for (guint i = 0; values && code && values[i].code; i++)
    if (g_str_equal (values[i].code, code))
      return &values[i];

  return NULL;
}

const ZbFieldInfo *
zb_member_field_info (ZbMemberField field)
{
  g_return_val_if_fail (field < ZB_MEMBER_N_FIELDS, NULL);

  return &fields[field];
}

/* Matches an English key, a CLI option, a Chinese header or a known alias. */
const ZbFieldInfo *
zb_member_field_lookup (const char *key_or_header)
{
  g_autofree char *stripped = NULL;
  g_autofree char *key = NULL;

  if (key_or_header == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (key_or_header));
  key = g_ascii_strdown (stripped, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (key, fields[i].key) || g_str_equal (key, fields[i].option) ||
        g_str_equal (key, fields[i].header))
      return &fields[i];

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (key, aliases[i].alias))
      return &fields[aliases[i].field];

  return NULL;
}

/* The translated word for a stored code, for the screen. */
const char *
zb_member_enum_label (ZbMemberField  field,
                      const char    *value)
{
  const EnumValue *v = find_enum_value (field, value);

  return v ? _(v->label) : value;
}

/* The Chinese word for a stored code, for exports and paper. */
const char *
zb_member_enum_chinese (ZbMemberField  field,
                        const char    *value)
{
  const EnumValue *v = find_enum_value (field, value);

  return v ? v->chinese : value;
}

/* Takes a code, the Chinese word, or the English or translated label. */
const char *
zb_member_enum_parse (ZbMemberField  field,
                      const char    *text)
{
  const EnumValue *values = get_enum_values (field);
  g_autofree char *t = NULL;

  if (values == NULL || text == NULL)
    return NULL;

  t = g_strstrip (g_strdup (text));
  for (guint i = 0; values[i].code; i++)
    if (g_ascii_strcasecmp (t, values[i].code) == 0 || g_str_equal (t, values[i].chinese) ||
        g_ascii_strcasecmp (t, values[i].label) == 0 || g_str_equal (t, _(values[i].label)))
      return values[i].code;

  if (field == ZB_MEMBER_FIELD_SEX && (g_ascii_strcasecmp (t, "male") == 0))
    return "M";
  if (field == ZB_MEMBER_FIELD_SEX && (g_ascii_strcasecmp (t, "female") == 0))
    return "F";

  return NULL;
}

const char * const *
zb_member_enum_values (ZbMemberField field)
{
  static const char *sex[] = { "M", "F", NULL };
  static const char *category[] = { ZB_CATEGORY_FULL, ZB_CATEGORY_PROBATIONARY,
                                    ZB_CATEGORY_CANDIDATE, ZB_CATEGORY_ACTIVIST,
                                    ZB_CATEGORY_APPLICANT, NULL };
  static const char *status[] = { ZB_STATUS_NORMAL, ZB_STATUS_SUSPENDED,
                                  ZB_STATUS_TRANSFERRED_OUT, ZB_STATUS_EXPELLED,
                                  ZB_STATUS_REMOVED, ZB_STATUS_DECEASED, NULL };

  switch (field)
    {
    case ZB_MEMBER_FIELD_SEX:
      return sex;
    case ZB_MEMBER_FIELD_CATEGORY:
      return category;
    case ZB_MEMBER_FIELD_STATUS:
      return status;
    default:
      return NULL;
    }
}

/* g_set_str() is GLib 2.76, above the floor. */
static gboolean
replace_str (char       **slot,
             const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static char *
mask_tail (const char *value,
           guint       keep_head,
           guint       keep_tail)
{
  glong len = g_utf8_strlen (value, -1);
  g_autofree char *head = NULL;

  if (len <= (glong) (keep_head + keep_tail))
    return g_strdup ("****");

  head = g_utf8_substring (value, 0, keep_head);
  if (keep_tail == 0)
    return g_strconcat (head, "****", NULL);

  return g_strconcat (head, "****", g_utf8_offset_to_pointer (value, len - keep_tail), NULL);
}

/* DOMAIN.md section 6: ID numbers, phones and addresses are shown masked,
 * wherever a list shows them (the roster, a conflict). */
char *
zb_member_mask_value (ZbMemberField  field,
                      const char    *value)
{
  switch (field)
    {
    case ZB_MEMBER_FIELD_ID_NUMBER:
      return zb_id_number_mask (value);
    case ZB_MEMBER_FIELD_PHONE:
      return mask_tail (value, 3, 4);
    default:
      return mask_tail (value, 6, 0);
    }
}

static void
zb_member_finalize (GObject *object)
{
  ZbMember *self = (ZbMember *)object;

  g_free (self->id);
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    g_free (self->values[i]);

  G_OBJECT_CLASS (zb_member_parent_class)->finalize (object);
}

static void
zb_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ZbMember *self = ZB_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->values[ZB_MEMBER_FIELD_NAME]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zb_member_class_init (ZbMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zb_member_finalize;
  object_class->get_property = zb_member_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zb_member_init (ZbMember *self)
{
}

ZbMember *
zb_member_new (void)
{
  return g_object_new (ZB_TYPE_MEMBER, NULL);
}

ZbMember *
zb_member_copy (ZbMember *self)
{
  ZbMember *copy = zb_member_new ();

  copy->id = g_strdup (self->id);
  copy->revision = self->revision;
  for (guint i = 0; i < ZB_MEMBER_N_FIELDS; i++)
    copy->values[i] = g_strdup (self->values[i]);

  return copy;
}

const char *
zb_member_get_id (ZbMember *self)
{
  g_return_val_if_fail (ZB_IS_MEMBER (self), NULL);

  return self->id;
}

void
zb_member_set_id (ZbMember   *self,
                  const char *id)
{
  g_return_if_fail (ZB_IS_MEMBER (self));

  if (replace_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
zb_member_get_revision (ZbMember *self)
{
  return self->revision;
}

void
zb_member_set_revision (ZbMember *self,
                        gint64    revision)
{
  self->revision = revision;
}

const char *
zb_member_get (ZbMember      *self,
               ZbMemberField  field)
{
  g_return_val_if_fail (ZB_IS_MEMBER (self), NULL);
  g_return_val_if_fail (field < ZB_MEMBER_N_FIELDS, NULL);

  return self->values[field];
}

/* An empty or blank value is stored as "not given". */
void
zb_member_set (ZbMember      *self,
               ZbMemberField  field,
               const char    *value)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (ZB_IS_MEMBER (self));
  g_return_if_fail (field < ZB_MEMBER_N_FIELDS);

  if (value != NULL)
    {
      stripped = g_strstrip (g_strdup (value));
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (replace_str (&self->values[field], stripped) && field == ZB_MEMBER_FIELD_NAME)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* What a list shows: labels for codes, masks for sensitive values. */
char *
zb_member_dup_display (ZbMember      *self,
                       ZbMemberField  field,
                       gboolean       with_sensitive)
{
  const char *value = zb_member_get (self, field);
  const ZbFieldInfo *info = zb_member_field_info (field);

  if (value == NULL)
    return g_strdup ("");

  switch (info->kind)
    {
    case ZB_FIELD_KIND_ENUM:
      return g_strdup (zb_member_enum_label (field, value));
    case ZB_FIELD_KIND_BOOL:
      return g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));
    default:
      if (info->sensitive && !with_sensitive)
        return zb_member_mask_value (field, value);
      return g_strdup (value);
    }
}

/* Archiving is a change of status, not a tombstone (DESIGN.md, Storage). */
gboolean
zb_member_is_archived (ZbMember *self)
{
  const char *status = zb_member_get (self, ZB_MEMBER_FIELD_STATUS);

  return status != NULL && !g_str_equal (status, ZB_STATUS_NORMAL) &&
         !g_str_equal (status, ZB_STATUS_SUSPENDED);
}

/* A member of the Party, full or probationary (the Constitution, chapter 1):
 * applicants, activists and candidates are not members yet. Only a member
 * has an organisational relationship, to transfer and to carry in a letter
 * (articles 5 to 7; DOMAIN.md section 1), a seat at the branch's meetings,
 * and a line in the printed roster of members. */
gboolean
zb_member_in_party (ZbMember *self)
{
  const char *category = zb_member_get (self, ZB_MEMBER_FIELD_CATEGORY);

  return g_strcmp0 (category, ZB_CATEGORY_FULL) == 0 ||
         g_strcmp0 (category, ZB_CATEGORY_PROBATIONARY) == 0;
}

/* The Constitution: a probationary member has no vote (表决权), nor has a member
 * under 留党察看 during the discipline, nor one whose membership is suspended. */
gboolean
zb_member_has_vote (ZbMember    *self,
                    const GDate *on)
{
  const char *category = zb_member_get (self, ZB_MEMBER_FIELD_CATEGORY);
  const char *status = zb_member_get (self, ZB_MEMBER_FIELD_STATUS);
  g_autofree char *day = zb_date_to_iso (on);
  const char *from = zb_member_get (self, ZB_MEMBER_FIELD_DISCIPLINE_START);
  const char *until = zb_member_get (self, ZB_MEMBER_FIELD_DISCIPLINE_END);

  if (g_strcmp0 (category, ZB_CATEGORY_FULL) != 0)
    return FALSE;
  if (status != NULL && !g_str_equal (status, ZB_STATUS_NORMAL))
    return FALSE;
  if (from != NULL && g_strcmp0 (from, day) <= 0 && (until == NULL || g_strcmp0 (day, until) <= 0))
    return FALSE;

  return TRUE;
}
