"""Comments are plain text: nothing a person types becomes markup."""

from intranet.dialogue.text import mentioned_usernames, render_comment

PEOPLE = {"kari.nordmann": "/personer/kari.nordmann/"}


def test_markup_is_shown_as_text():
    html = render_comment(
        '<script>alert(1)</script><img src=x onerror="alert(2)">', people={}
    )

    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=&quot;alert(2)&quot;" in html


def test_http_links_are_clickable_with_nofollow_and_noopener():
    html = render_comment("Se https://www.kommune.example/plan?a=1&b=2.", people={})

    assert (
        '<a href="https://www.kommune.example/plan?a=1&amp;b=2" '
        'rel="nofollow noopener noreferrer">'
    ) in html
    # The full stop ends the sentence, not the link.
    assert html.endswith("</a>.")


def test_other_schemes_and_broken_out_attributes_stay_text():
    html = render_comment(
        'javascript:alert(1) https://x.example/"onmouseover="alert(1) data:text/html,x',
        people={},
    )

    assert 'href="javascript' not in html
    assert "onmouseover=" not in html.replace("onmouseover=&quot;", "")
    assert html.count("<a ") == 1
    assert 'href="https://x.example/"' in html


def test_mentions_of_known_colleagues_link_to_their_person_page():
    html = render_comment(
        "Takk, @kari.nordmann. Og @finnes.ikke og kari@kommune.no", people=PEOPLE
    )

    assert (
        '<a class="mention" href="/personer/kari.nordmann/">@kari.nordmann</a>.' in html
    )
    assert "@finnes.ikke" in html and "finnes.ikke/" not in html
    assert "/personer/kommune" not in html


def test_mentions_are_found_once_and_not_in_email_addresses():
    names = mentioned_usernames(
        "@Kari.Nordmann og @kari.nordmann, skriv til ola@kommune.no (@per)"
    )

    assert names == {"kari.nordmann", "per"}
