"""Speaker resolution: turn the words an attribution rests on ("McCain", "he", "the senator") into the
speaker the article means ("John McCain"), with the spaCy component "speaker_resolver".

Importing this package registers the factory, and the Doc extensions it reads (``quotes``, ``published``:
attribution.extensions) when no one has yet.
"""

from spacy.tokens import Doc

from attribution.extensions import register_extensions

register_extensions()
if not Doc.has_extension("entity_table"):
    Doc.set_extension("entity_table", default=None)  # the resolver's EntityTable, reused by the dater

from attribution.resolution.entities import Entity, EntityTable  # noqa: E402
from attribution.resolution.resolver import (  # noqa: E402
    Resolution,
    ResolutionContext,
    SpeakerResolver,
    resolve_mention,
    resolve_quotes,
)

__all__ = ["Entity", "EntityTable", "Resolution", "ResolutionContext", "SpeakerResolver", "resolve_mention",
           "resolve_quotes"]
