"""The translation catalogs: complete for Russian and Arabic, compiled, and covering the code.

Every user-facing string is translatable and the catalogs ship with the code, compiled (a fresh
machine has only Python, no gettext). These tests fail when a string is added without being
translated, when a translation breaks its placeholders or plural forms, and when the committed
`.mo` files lag behind their `.po` sources.
"""

from __future__ import annotations

import gettext as gnu_gettext
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from http import HTTPStatus
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

TRANSLATED_LANGUAGES = ["ru", "ar"]
ALL_LANGUAGES = ["en", *TRANSLATED_LANGUAGES]

# The same ignores as `make messages`: no catalogs for tests, benchmarks or the demo's story texts.
MAKEMESSAGES_IGNORES = [".venv", "var", "bench", "tests", "*/demo/stories/*"]
SOURCES = ["config", "dateline", "templates", "locale", "manage.py"]

PYTHON_PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]")
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")
ARABIC = re.compile("[\u0600-\u06ff]")
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

# Which plural form a count takes, as the standard gettext formulas for the language say.
PLURAL_FORMS_BY_COUNT = {
    "ru": {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 101: 0, 111: 2},
    "ar": {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 102: 5, 103: 3, 111: 4},
}


def po_path(language: str) -> Path:
    return Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(po_path(language)))


def live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def describe(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def plural_rule(po: polib.POFile) -> tuple[int, object]:
    """The header's number of plural forms and its formula, as a function of the count."""
    header = po.metadata["Plural-Forms"]
    match = re.fullmatch(r"\s*nplurals=(\d+);\s*plural=(.+?);?\s*", header)
    assert match, f"unreadable Plural-Forms header: {header!r}"
    return int(match[1]), gnu_gettext.c2py(match[2])


def placeholders(text: str) -> Counter[str]:
    return Counter(
        [f"%({name})" for name in PYTHON_PLACEHOLDER.findall(text)]
        + [f"{{{name}}}" for name in BRACE_PLACEHOLDER.findall(text)]
    )


def translations_of(entries: list[polib.POEntry] | polib.MOFile) -> dict[tuple, object]:
    """(context, msgid, plural msgid) → translation, for the entries that have one."""
    return {
        (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None): (
            tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        )
        for entry in entries
        if entry.msgid
    }


# --- complete and well-formed ---------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_has_a_translation(language):
    untranslated = [describe(entry) for entry in live_entries(catalog(language)) if not entry.translated()]

    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_no_translation_is_left_fuzzy(language):
    po = catalog(language)
    fuzzy = [describe(entry) for entry in live_entries(po) if "fuzzy" in entry.flags]

    assert not po.metadata_is_fuzzy, f"the {language} header is marked fuzzy"
    assert not fuzzy, f"fuzzy in {language} (gettext ignores them): {fuzzy}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_the_plural_formula_is_the_standard_one_for_the_language(language):
    nplurals, plural = plural_rule(catalog(language))

    forms = {count: plural(count) for count in PLURAL_FORMS_BY_COUNT[language]}

    assert nplurals == max(PLURAL_FORMS_BY_COUNT[language].values()) + 1
    assert forms == PLURAL_FORMS_BY_COUNT[language]


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_plural_messages_have_as_many_forms_as_the_header_says(language):
    po = catalog(language)
    nplurals, _ = plural_rule(po)
    wrong = {
        describe(entry): len(entry.msgstr_plural)
        for entry in live_entries(po)
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(nplurals))
    }

    assert not wrong, f"{language} has nplurals={nplurals}, but these have another count: {wrong}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_the_placeholders_of_the_original(language):
    po = catalog(language)
    nplurals, plural = plural_rule(po)
    # A form used for one count only ("one", "two" in Arabic) may spell the number out instead.
    counts_per_form = Counter(plural(count) for count in range(1000))
    broken = []
    for entry in live_entries(po):
        expected = placeholders(entry.msgid)
        if not entry.msgid_plural:
            if entry.msgstr and placeholders(entry.msgstr) != expected:
                broken.append(describe(entry))
            continue
        for form, text in entry.msgstr_plural.items():
            found = placeholders(text)
            may_omit = counts_per_form[form] == 1
            if found != expected and not (may_omit and found <= expected):
                broken.append(f"{describe(entry)} [form {form} of {nplurals}]")

    assert not broken, f"placeholders differ from the original in {language}: {broken}"


# --- compiled -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_committed_mo_file_matches_its_po_source(language):
    mo_path = po_path(language).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages` and commit the .mo files"
    po = catalog(language)
    mo = polib.mofile(str(mo_path))

    assert translations_of(mo) == translations_of(po.translated_entries()), (
        f"{mo_path} is stale: run `make messages` and commit the .mo files"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


# --- the catalogs cover the code ------------------------------------------------------------------


def extract_messages(project_copy: Path) -> polib.POFile:
    """Run `makemessages` for Russian on a copy of the project, as `make messages` does."""
    if shutil.which("xgettext") is None:
        pytest.fail(
            "GNU gettext is not installed (no `xgettext` on PATH): install it "
            "(`apt-get install gettext`, `brew install gettext`) to check the catalogs; CI has it."
        )
    source = Path(settings.BASE_DIR)
    for name in SOURCES:
        if (source / name).is_dir():
            shutil.copytree(source / name, project_copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / name, project_copy / name)
    # A fresh extraction, not a merge: every message the code has, and only those.
    extracted_path = project_copy / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    extracted_path.unlink()
    command = [sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-obsolete"]
    command += [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORES]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        command, cwd=project_copy, env=environment, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    assert extracted_path.exists(), f"makemessages wrote its catalog somewhere else:\n{result.stdout}"
    return polib.pofile(str(extracted_path))


def test_the_russian_catalog_has_every_message_the_code_marks_for_translation(tmp_path):
    extracted = extract_messages(tmp_path)
    committed = {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in live_entries(catalog("ru"))}

    missing = [
        describe(entry)
        for entry in live_entries(extracted)
        if (entry.msgctxt, entry.msgid, entry.msgid_plural) not in committed
    ]

    assert live_entries(extracted), "makemessages found no message at all"
    assert not missing, (
        f"{len(missing)} message(s) in the code are not in locale/ru (run `make messages` and "
        f"translate them): {missing}"
    )


# --- what readers see -----------------------------------------------------------------------------


def test_russian_dateline_date_is_day_then_month_in_the_genitive():
    with translation.override("ru"):
        assert pgettext("dateline date format", "F j") == "j E"


@pytest.mark.parametrize("message", ["Newsfeed", "Next story", "Read also", "Page not found"])
def test_reader_interface_reads_in_russian(message):
    with translation.override("ru"):
        translated = gettext(message)

    assert CYRILLIC.search(translated), f"{message!r} is not translated to Russian: {translated!r}"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("ru", 1, "1 новое обновление"),
        ("ru", 3, "3 новых обновления"),
        ("ru", 11, "11 новых обновлений"),
        ("ru", 21, "21 новое обновление"),
        ("ar", 2, "تحديثان جديدان"),
        ("ar", 5, "5 تحديثات جديدة"),
        ("ar", 11, "11 تحديثًا جديدًا"),
        ("ar", 100, "100 تحديث جديد"),
    ],
)
def test_counts_take_the_plural_form_the_language_needs(language, count, expected):
    with translation.override(language):
        label = ngettext("%(count)s new update", "%(count)s new updates", count) % {"count": count}

    assert label == expected


def test_arabic_dateline_separates_place_and_date_with_the_arabic_comma():
    with translation.override("ar"):
        assert pgettext("dateline", "{place}, {date}") == "{place}، {date}"


@pytest.mark.django_db
@pytest.mark.usefixtures("editions")
def test_unknown_address_in_the_arabic_edition_gets_an_arabic_heading(client):
    response = client.get("/ar/no-such-story/")

    heading = BeautifulSoup(response.content, "html.parser").select_one(".error-page h1").get_text()
    assert response.status_code == HTTPStatus.NOT_FOUND
    with translation.override("ar"):
        assert heading == gettext("Page not found")
    assert ARABIC.search(heading), f"expected an Arabic heading, got {heading!r}"
