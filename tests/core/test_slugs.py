"""Slugs made from headlines in any edition's script."""

from __future__ import annotations

from dateline.core.slugs import slug_for, unique_slug


def test_english_headline_becomes_its_words_joined_by_hyphens():
    assert (
        slug_for("Harbour cranes return to work, officials say")
        == "harbour-cranes-return-to-work-officials-say"
    )


def test_russian_headline_is_written_in_latin_letters():
    assert slug_for("Щедрый урожай: ёлки и чай в Объединённых Эмиратах") == (
        "shhedryj-urozhaj-yolki-i-chaj-v-obedinyonnyx-emiratax"
    )


def test_arabic_headline_is_written_in_latin_letters_without_its_vowel_marks():
    assert slug_for("مَدِينَةُ الكويت") == "mdyna-alkwyt"


def test_a_script_without_a_table_keeps_its_own_letters():
    assert slug_for("東京の港") == "東京の港"


def test_a_headline_of_nothing_but_punctuation_still_gets_a_slug():
    assert slug_for("!!! — ???") == "story"


def test_a_long_headline_is_cut_at_a_word():
    words = ["the", "harbour", "cranes", "stood", "still", "while", "crews", "waited", "for", "word"]
    slug = slug_for(" ".join(words * 3))

    assert len(slug) <= 80
    assert slug.split("-")[-1] in words


def test_a_taken_slug_gets_the_first_free_number():
    taken = {"polls-open", "polls-open-2"}

    assert unique_slug("polls-open", taken.__contains__) == "polls-open-3"
    assert unique_slug("polls-close", taken.__contains__) == "polls-close"
