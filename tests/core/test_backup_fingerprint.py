"""What backup_verify compares: headings of the front page, row counts, media."""

from intranet.core.backup import differences, headings_in_main


def test_headings_are_read_from_main_only():
    html = """
    <header><h2>Meny</h2></header>
    <main id="main"><h1>Hei, Kari</h1>
      <h2 id="x">Siste   nytt</h2>
      <article><h3 class="card">
        <a href="/nyheter/a/">Biblioteket &amp; skolen</a>
      </h3></article>
    </main>
    <footer><h2>Bunn</h2></footer>
    """

    assert headings_in_main(html) == ["Hei, Kari", "Siste nytt", "Biblioteket & skolen"]


def test_differences_name_each_table_and_the_front_page():
    backup = {
        "tables": {"news_newspage": 12, "auth_user": 5},
        "media": {"files": 3, "bytes": 300},
        "front_page": ["Siste nytt", "Biblioteket"],
    }
    restored = {
        "tables": {"news_newspage": 11, "auth_user": 5},
        "media": {"files": 3, "bytes": 300},
        "front_page": ["Siste nytt"],
    }

    lines = differences(backup, restored)

    assert lines[0] == "table news_newspage: 12 rows in the backup, 11 restored"
    assert lines[1].startswith("front page headings differ")
    assert differences(backup, backup) == []
