#define G_LOG_DOMAIN "zb-demo"

#include "config.h"

#include "zb-date.h"
#include "zb-demo.h"
#include "zb-id-number.h"
#include "zb-member.h"

/* Everything here is invented: names drawn from common characters, ID numbers
 * that pass the check digit but belong to no one, and phone numbers in the
 * 199 range. It lets a secretary try Zhibu without typing a roster. */

static const char surnames[] =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
  "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤";
static const char given[] =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红文辉鹏飞晓玲雪梅海燕玉春林宇浩然子涵思远"
  "欣怡佳琪萱轩博睿泽晨阳佩瑶嘉诚立新卫东振宏亚楠凤琴";
static const char *regions[] = { "110101", "310104", "440106", "510107", "330106", "420111" };
static const char *ethnicities[] = { "汉族", "汉族", "汉族", "汉族", "汉族", "回族", "满族", "壮族" };
static const char *educations[] = { "大学本科", "大学本科", "硕士研究生", "大学专科", "博士研究生" };
static const char *posts[] = { "技术研发", "生产调度", "市场营销", "财务管理", "人力资源", "安全环保",
                               "质量检验", "行政办公", "设备维护", "客户服务" };

static char *
pick_chars (GRand      *rand,
            const char *chars,
            guint       n)
{
  glong len = g_utf8_strlen (chars, -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *p = g_utf8_offset_to_pointer (chars, g_rand_int_range (rand, 0, len));
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

static char *
make_name (GRand *rand)
{
  g_autofree char *surname = pick_chars (rand, surnames, 1);
  g_autofree char *name = pick_chars (rand, given, g_rand_int_range (rand, 1, 3));

  return g_strconcat (surname, name, NULL);
}

static char *
make_id_number (GRand       *rand,
                const GDate *birth,
                gboolean     male,
                GHashTable  *used)
{
  for (;;)
    {
      guint seq = g_rand_int_range (rand, 0, 500) * 2 + (male ? 1 : 0);
      g_autofree char *first17 = g_strdup_printf ("%s%04u%02u%02u%03u",
                                                  regions[g_rand_int_range (rand, 0, 6)],
                                                  g_date_get_year (birth),
                                                  g_date_get_month (birth),
                                                  g_date_get_day (birth), seq);
      char *id = g_strdup_printf ("%s%c", first17, zb_id_number_check_digit (first17));

      if (g_hash_table_add (used, id))
        return g_strdup (id);
    }
}

static void
set_date (ZbMember      *member,
          ZbMemberField  field,
          const GDate   *date)
{
  g_autofree char *iso = zb_date_to_iso (date);

  zb_member_set (member, field, iso);
}

static void
shift (GDate *date,
       GRand *rand,
       guint  min_days,
       guint  max_days)
{
  g_date_add_days (date, g_rand_int_range (rand, min_days, max_days + 1));
}

/* Walks the path of the Recruitment Rules from the application on, stopping
 * at @category, so that every date obeys the rules. */
static void
set_path (ZbMember    *member,
          GRand       *rand,
          const char  *category,
          GDate       *date)
{
  set_date (member, ZB_MEMBER_FIELD_APPLIED_DATE, date);
  if (g_str_equal (category, ZB_CATEGORY_APPLICANT))
    return;

  shift (date, rand, 60, 200);
  set_date (member, ZB_MEMBER_FIELD_ACTIVIST_DATE, date);
  if (g_str_equal (category, ZB_CATEGORY_ACTIVIST))
    return;

  shift (date, rand, 370, 500);
  set_date (member, ZB_MEMBER_FIELD_CANDIDATE_DATE, date);
  if (g_str_equal (category, ZB_CATEGORY_CANDIDATE))
    return;

  shift (date, rand, 90, 180);
  set_date (member, ZB_MEMBER_FIELD_JOINED_DATE, date);
  if (g_str_equal (category, ZB_CATEGORY_PROBATIONARY))
    return;

  g_date_add_years (date, 1);
  set_date (member, ZB_MEMBER_FIELD_FULL_DATE, date);
}

static const char *
pick_category (GRand *rand)
{
  int r = g_rand_int_range (rand, 0, 100);

  if (r < 80)
    return ZB_CATEGORY_FULL;
  if (r < 88)
    return ZB_CATEGORY_PROBATIONARY;
  if (r < 92)
    return ZB_CATEGORY_CANDIDATE;
  if (r < 96)
    return ZB_CATEGORY_ACTIVIST;
  return ZB_CATEGORY_APPLICANT;
}

/* Years back from today that the application lies, so that the path fits
 * before today: a full member needs about three years, an applicant none. */
static guint
years_since_application (GRand      *rand,
                         const char *category)
{
  if (g_str_equal (category, ZB_CATEGORY_FULL))
    return g_rand_int_range (rand, 4, 30);
  if (g_str_equal (category, ZB_CATEGORY_PROBATIONARY))
    return 3;
  if (g_str_equal (category, ZB_CATEGORY_CANDIDATE))
    return 2;
  return 1;
}

static ZbMember *
make_member (GRand      *rand,
             guint       n_groups,
             GHashTable *used_ids)
{
  ZbMember *member = zb_member_new ();
  const char *category = pick_category (rand);
  gboolean male = g_rand_boolean (rand);
  g_autofree char *name = make_name (rand);
  g_autofree char *id_number = NULL;
  g_autofree char *phone = g_strdup_printf ("199%08u", g_rand_int_range (rand, 0, 100000000));
  g_autofree char *group = g_strdup_printf ("第%u党小组", g_rand_int_range (rand, 1, n_groups + 1));
  GDate date, birth;

  zb_date_set_today (&date);
  g_date_subtract_years (&date, years_since_application (rand, category));
  g_date_subtract_days (&date, g_rand_int_range (rand, 0, 120));
  birth = date;
  g_date_subtract_years (&birth, g_rand_int_range (rand, 20, 36));
  g_date_subtract_days (&birth, g_rand_int_range (rand, 0, 365));
  id_number = make_id_number (rand, &birth, male, used_ids);

  zb_member_set (member, ZB_MEMBER_FIELD_NAME, name);
  zb_member_set (member, ZB_MEMBER_FIELD_SEX, male ? "M" : "F");
  zb_member_set (member, ZB_MEMBER_FIELD_ETHNICITY, ethnicities[g_rand_int_range (rand, 0, 8)]);
  set_date (member, ZB_MEMBER_FIELD_BIRTH_DATE, &birth);
  zb_member_set (member, ZB_MEMBER_FIELD_ID_NUMBER, id_number);
  zb_member_set (member, ZB_MEMBER_FIELD_EDUCATION, educations[g_rand_int_range (rand, 0, 5)]);
  zb_member_set (member, ZB_MEMBER_FIELD_POST, posts[g_rand_int_range (rand, 0, 10)]);
  zb_member_set (member, ZB_MEMBER_FIELD_PHONE, phone);
  zb_member_set (member, ZB_MEMBER_FIELD_CATEGORY, category);
  zb_member_set (member, ZB_MEMBER_FIELD_PARTY_GROUP, group);
  zb_member_set (member, ZB_MEMBER_FIELD_STATUS, ZB_STATUS_NORMAL);
  set_path (member, rand, category, &date);

  return member;
}

/* The same @seed gives the same people. */
GPtrArray *
zb_demo_make_members (guint   n_members,
                      guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_groups = CLAMP (n_members / 12, 1, 40);

  for (guint i = 0; i < n_members; i++)
    g_ptr_array_add (members, make_member (rand, n_groups, used));

  return members;
}

gboolean
zb_demo_fill (ZbStore  *store,
              guint     n_members,
              guint32   seed,
              GError  **error)
{
  g_autoptr(GPtrArray) members = zb_demo_make_members (n_members, seed);

  return zb_store_add_members (store, members, error);
}
