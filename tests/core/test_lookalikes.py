"""Names that look alike share a form: Unicode's skeletons after NFKC and case folding."""

from __future__ import annotations

import pytest

from dateline.core.lookalikes import likeness, skeleton


def alike(first: str, second: str) -> bool:
    return not likeness(first).isdisjoint(likeness(second))


def test_a_skeleton_puts_latin_prototypes_for_cyrillic_and_greek_letters():
    assert skeleton("\u0430\u0435\u043e\u0440\u0441\u0445") == "aeopcx"
    assert skeleton("\u03bf\u03c1\u03b1") == "opa"
    assert skeleton("0") == "O"


@pytest.mark.parametrize(
    "name",
    [
        "Newsroom Admin",
        "newsroom ADMIN",
        "Newsroom \u0410dmin",
        "\u039dewsroom \u0391dmin",
        "\uff2e\uff45\uff57\uff53\uff52\uff4f\uff4f\uff4d \uff21\uff44\uff4d\uff49\uff4e",
        "Newsroom\u200b\u00a0Admin",
        "\U0001d40d\U0001d41e\U0001d430\U0001d42c\U0001d42b\U0001d428\U0001d428\U0001d426 Admin",
    ],
)
def test_look_alikes_of_a_name_share_its_form(name):
    assert alike(name, "Newsroom Admin")


def test_a_capital_cyrillic_letter_looks_like_its_latin_capital():
    assert alike("\u041dELEN", "Helen")


@pytest.mark.parametrize("name", ["Newsroom Admirer", "Admins", "Мина Сато", "محرر الأخبار"])
def test_different_names_do_not(name):
    assert not alike(name, "Newsroom Admin")
