"""What every table shares: stable constraint names and the money column."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

# Naming convention keeps Alembic's generated constraint names stable across SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def money(**kw) -> Field:  # type: ignore[valid-type]
    """An integer minor-unit column wide enough for any company's totals."""
    return Field(default=0, sa_column=Column(BigInteger, nullable=False, **kw))
