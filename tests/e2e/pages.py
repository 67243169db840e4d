"""Every page the browser checks visit: (name, demo user or None, path).

New pages join this list; the accessibility and HTML validity checks then cover
them automatically.
"""

PAGES = [
    ("login", None, "/logg-inn/"),
    ("front page", "kari.nordmann", "/"),
    ("not found", "kari.nordmann", "/finnes-ikke/"),
]
