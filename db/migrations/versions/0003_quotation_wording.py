"""One quotation per wording and speaker: ``quotations.wording_hash``.

Before this revision a wording was one quotation whoever said it (``text_hash``, unique, was the
hash of the normalised text). Now the same words from two people are two quotations: ``text_hash``
stays the unique identity key (new rows hash the wording with the speaker) and ``wording_hash``,
the hash of the normalised text alone, is the indexed exact-repeat lookup several quotations may
share. Existing rows get ``wording_hash = text_hash`` (that is what their text_hash was); the
quotations the old rule folded wrongly are split by ``quotes db refold``, not here (it needs the
folding rule, which lives in code and may change after this script is frozen).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # add_column outside batch mode: on SQLite a plain ALTER TABLE ADD COLUMN, no table rebuild
    # (a rebuild would drop the full-text triggers on quotations).
    op.add_column("quotations", sa.Column("wording_hash", sa.String(length=64), nullable=True))
    op.execute("UPDATE quotations SET wording_hash = text_hash")
    op.create_index(op.f("ix_quotations_wording_hash"), "quotations", ["wording_hash"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_quotations_wording_hash"), table_name="quotations")
    with op.batch_alter_table("quotations", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("wording_hash")
