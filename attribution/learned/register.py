"""Importing this module registers the learned components' factories."""

import attribution.learned.grouping  # noqa: F401
import attribution.learned.tagger  # noqa: F401
