"""Comments are plain text: nothing renders as markup except the links made from addresses."""

from dateline.discussion.text import render_comment


def test_markup_is_shown_as_text():
    html = render_comment('<script>alert("x")</script> <b>bold</b>')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_addresses_become_links_that_search_engines_do_not_follow():
    html = render_comment("See https://example.org/report?a=1&b=2. And www.example.com!")
    assert '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener"' in html
    assert '<a href="https://www.example.com"' in html
    assert "</a>. And" in html


def test_an_address_cannot_smuggle_an_attribute_or_a_script_scheme():
    html = render_comment('https://x.org/"onmouseover="alert(1) javascript:alert(1)')
    assert 'onmouseover="' not in html
    assert 'href="javascript' not in html


def test_blank_lines_make_paragraphs_and_single_breaks_stay():
    assert render_comment("One\ntwo\n\nThree") == '<p dir="auto">One<br>two</p><p dir="auto">Three</p>'


def test_the_characters_refused_are_unicodes_controls_but_line_ends_and_tabs_and_lone_surrogates():
    import sys
    import unicodedata

    from dateline.discussion.actions import UNSHOWABLE

    differ = [
        code
        for code in range(sys.maxunicode + 1)
        if (unicodedata.category(chr(code)) in ("Cc", "Cs") and chr(code) not in "\n\t")
        != bool(UNSHOWABLE.match(chr(code)))
    ]
    assert differ == []
