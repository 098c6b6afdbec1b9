#!/usr/bin/env bash
# Collects the interface strings into resources/i18n/libria_ru.ts (keeping what is translated)
# and compiles the .qm the app loads. Translate new entries in the .ts (Qt Linguist or an editor:
# they are marked type="unfinished"), then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=$(find app -name '*.py' -not -path 'app/demo/*' -not -path 'app/api/*' -not -path 'app/core/*' | sort)
.venv/bin/pyside6-lupdate $sources -ts resources/i18n/libria_ru.ts -source-language en \
  -target-language ru -no-obsolete -locations none
.venv/bin/pyside6-lrelease resources/i18n/libria_ru.ts -qm resources/i18n/libria_ru.qm
# English needs only its plural forms ("1 episode", "2 episodes"): the source strings are English.
.venv/bin/pyside6-lupdate $sources -ts resources/i18n/libria_en.ts -source-language en \
  -target-language en -pluralonly -no-obsolete -locations none
.venv/bin/pyside6-lrelease resources/i18n/libria_en.ts -qm resources/i18n/libria_en.qm
