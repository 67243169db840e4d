"""Numbers read from what a request carries (a page number, a year, an id).

Python's ``int()`` refuses a string of more than 4,300 digits with a
ValueError, and a number of 20 digits overflows the database's integers: a
value from a URL or a form is read here, where any such value is simply no
number, and the caller answers it as it answers a word.
"""

#: More digits than any valid page, year or id has.
MAX_DIGITS = 19


def is_digits(value: str) -> bool:
    """Only the ASCII digits 0-9 (``str.isdigit`` also takes "²" and "٣")."""
    return value.isascii() and value.isdigit()


def small_number(value: str) -> int | None:
    """The value as a number when it is at most ``MAX_DIGITS`` ASCII digits
    (leading zeros aside), else None."""
    if is_digits(value) and len(value.lstrip("0")) <= MAX_DIGITS:
        return int(value.lstrip("0") or "0")
    return None


def database_id(value: str) -> int | None:
    """The value as a row id the database can hold (below 2**63), else None."""
    number = small_number(value)
    return number if number is not None and number < 2**63 else None
