#!/bin/sh
# After adding or changing translatable strings: merge them into every
# catalogue, then translate what msgfmt reports as untranslated or fuzzy.
set -eu
cd "$(dirname "$0")/.."
[ -d _build ] || meson setup _build
meson compile -C _build zhibu-pot
for lang in $(cat po/LINGUAS); do
  msgmerge --update --backup=none --no-fuzzy-matching "po/$lang.po" po/zhibu.pot
  msgfmt --statistics -o /dev/null "po/$lang.po"
done
rm -f po/zhibu.pot
