"""Hand corrections: the ``corrections`` table and ``mentions.correction_id``.

Each row is one correction (``quotes people rename``, ``quotes mentions reassign``, ``quotes
mentions reject``) with who made it, when and why, and what it changed, so it can be undone and
applied again after a re-attribution (mention rows are replaced then; a correction names its
mention by article and span). ``mentions.correction_id`` marks the mentions a correction now
applies to; it is added in place, without a foreign key (SQLite would rebuild the table, and its
full-text triggers with it).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column(
            "details",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_corrections_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_corrections_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_article_id"), "corrections", ["article_id"], unique=False)
    op.add_column("mentions", sa.Column("correction_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mentions", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("correction_id")
    op.drop_index(op.f("ix_corrections_article_id"), table_name="corrections")
    op.drop_table("corrections")
