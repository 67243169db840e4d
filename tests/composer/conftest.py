from tests.cases.conftest import (  # noqa: F401 - fixtures shared with the case tests
    case,
    case_index,
    co_owner,
    communication_member,
    other_staff,
    owner,
    update,
)
