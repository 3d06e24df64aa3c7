#!/bin/sh
# Fails unless the catalogue translates every message the sources have now,
# with none fuzzy or untranslated: the same extraction as meson's glib preset.
# usage: check-po.sh SOURCE_ROOT LANG.po
set -eu
root=$1
po=$2
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT

xgettext --from-code=UTF-8 --add-comments=TRANSLATORS: \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  -D "$root" -f "$root/po/POTFILES.in" -o "$pot"

msgcmp "$po" "$pot"
stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*) exit 1 ;;
esac
