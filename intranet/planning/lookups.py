"""`includes`: does a JSON list of choice values hold this value?

The audiences and channels of an activity are JSON lists (like a case's
communication assessment). Django's JSON `contains` lookup is not available on
SQLite, so this lookup says the same thing in each database's own terms:
PostgreSQL's `@>` (which a GIN index can serve) and SQLite's `json_each`.
"""

from __future__ import annotations

import json

from django.db.models import Lookup

from intranet.core.models import ChoiceListField


class Includes(Lookup):
    lookup_name = "includes"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [str(value)])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} @> %s::jsonb", [*lhs_params, json.dumps([str(self.rhs)])]

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        # lhs is a column reference compiled by Django; the value is a parameter.
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value = %s)"  # noqa: S608
        return sql, [*lhs_params, str(self.rhs)]


def register() -> None:
    ChoiceListField.register_lookup(Includes)
