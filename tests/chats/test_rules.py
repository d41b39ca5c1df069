"""Word lists catch a listed word however it is disguised: look-alike letters from another script,
full-width forms, Arabic tatweel and harakat (dateline/discussion/rules.py, dateline/core/lookalikes.py)."""

from __future__ import annotations

import uuid

import pytest

from dateline.chats import actions
from dateline.discussion.models import WordRule
from dateline.discussion.rules import first_match
from tests.discussion.factories import reader

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "you cheat",
        "you сhеаt",  # Cyrillic с, е, а
        "you ｃｈｅａｔ",  # full-width
        "YOU CHEAT!",
    ],
)
def test_a_banned_latin_word_is_found_in_any_disguise(text):
    assert first_match(("cheat",), text) == "cheat"


def test_a_banned_russian_word_is_found_written_with_latin_look_alikes():
    assert first_match(("дурак",), "ты дурaк") == "дурак"  # Latin a


@pytest.mark.parametrize("text", ["يا كلب", "يا كـــلب", "يا كَلْبٌ", "يا كـَلـْب"])
def test_a_banned_arabic_word_is_found_with_tatweel_or_harakat(text):
    assert first_match(("كلب",), text) == "كلب"


def test_a_longer_word_containing_the_listed_one_is_not_caught():
    assert first_match(("cheat",), "cheaters never prosper") == ""


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("cheat*", "cheaters never prosper"),
        ("cheat*", "a CHEАTING game"),  # Cyrillic А
        ("*cheat", "the card-sharp is a supercheat"),
        ("*cheat*", "supercheating"),
        ("дурак*", "вы дураки"),
        ("ك*", "كلب"),
    ],
)
def test_a_star_at_a_rule_s_end_finds_the_word_s_other_forms(rule, text):
    assert first_match((rule,), text) == rule


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("cheat*", "a backcheat"),  # the star is at the end: the word must start with the rule
        ("*cheat", "cheaters"),
        ("f*ck", "fuck"),  # inside a phrase a star is itself
        ("*", "anything at all"),  # a rule of stars only matches nothing rather than everything
        ("**", "anything at all"),
    ],
)
def test_a_star_matches_only_letters_at_the_end_it_is_written_at(rule, text):
    assert first_match((rule,), text) == ""


def test_a_star_inside_a_phrase_finds_the_star_readers_write():
    assert first_match(("f*ck",), "what the f*ck") == "f*ck"


def test_a_disguised_banned_word_refuses_a_chat_message(room):
    WordRule.objects.create(phrase="cheat", kind=WordRule.Kind.BANNED, language="en")
    with pytest.raises(actions.ChatError):
        actions.do_send(reader(), room, "what a ｃһеаt", str(uuid.uuid4()))
