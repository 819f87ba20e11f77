"""The schema revisions this salestui knows, oldest first; a test keeps them equal to Alembic's."""

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0016",
    "0017",
    "0018",
)
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
