"""Reader text that shows nothing, turns the direction of the text around it, or stacks marks."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from django.template import Context, Template

from dateline.core import reader_text

ZALGO = "Z" + "\u0336\u0489\u0301\u0316" * 10 + "algo"


@pytest.mark.parametrize(
    "text", ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", " \u3164 \u2800 ", "\u0301\u0301", "\u202e\u2066"]
)
def test_text_of_only_invisible_characters_shows_nothing(text):
    assert reader_text.shows_nothing(text)


@pytest.mark.parametrize("text", ["a", "\u200bя\u200b", "٣", "😀", "\u0627\u064e"])
def test_text_with_something_to_read_shows_something(text):
    assert not reader_text.shows_nothing(text)


def test_a_right_to_left_override_is_a_direction_control_and_arabic_letters_are_not():
    assert reader_text.has_direction_controls("admin\u202etxt.exe")
    assert reader_text.has_direction_controls("\u2067name\u2069")
    assert not reader_text.has_direction_controls("محرر الأخبار")


def test_stacked_marks_are_clipped_and_the_marks_of_real_scripts_stay():
    clipped = reader_text.clip_marks(ZALGO)
    assert clipped == "Z\u0336\u0489\u0301\u0316algo"
    for word in ["Việt Nam", "Tiê\u0323\u0301ng", "مُحَمَّد", "שָׁלוֹם", "བསྒྲུབས", "नमस्ते", "café"]:
        assert reader_text.clip_marks(word) == word


def test_the_marks_clipped_are_unicodes_combining_marks():
    one = re.compile(reader_text.mark_class())
    differ = [
        code
        for code in range(sys.maxunicode + 1)
        if (unicodedata.category(chr(code)) in ("Mn", "Me")) != bool(one.fullmatch(chr(code)))
    ]
    assert differ == []


def test_the_template_filters_isolate_escape_and_clip():
    template = Template(
        "{% load reader_text %}{{ name|isolated }}|{{ name|isolated_text }}|{{ body|reader_text }}"
    )
    shown = template.render(Context({"name": "<b>admin\u202etxt.exe</b>", "body": ZALGO}))
    isolated, plain, body = shown.split("|")
    assert isolated == "<bdi>&lt;b&gt;admin\u202etxt.exe&lt;/b&gt;</bdi>"
    assert plain == "\u2068&lt;b&gt;admin\u202etxt.exe&lt;/b&gt;\u2069"
    assert body == "Z\u0336\u0489\u0301\u0316algo"
    assert Template("{% load reader_text %}{{ none|isolated|default:'A reader' }}").render(Context({})) == (
        "A reader"
    )
