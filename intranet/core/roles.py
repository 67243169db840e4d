"""The role groups, created by migration. Their names are stable identifiers."""

STAFF = "Ansatte"
COMMUNICATION = "Kommunikasjon"
EDITORS = "Redaktører"
