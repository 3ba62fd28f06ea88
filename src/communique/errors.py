"""The one exception tree of communique.

Every error the package raises on purpose is a :class:`CommuniqueError`; catching that
one class is enough for a caller that wants to report a problem and go on with a batch.
Each message says what was wrong and what to do about it.
"""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class of every error communique raises on purpose."""


class InputError(CommuniqueError):
    """An article or input file could not be read (empty, binary, not UTF-8, bad JSON...)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ModelError(CommuniqueError):
    """The spaCy pipeline is missing or is not the one communique expects."""


class KnowledgeBaseError(CommuniqueError):
    """A knowledge-base or lexicon file (packaged or the user's own) is malformed."""


class GoldFormatError(CommuniqueError):
    """A gold file for ``communique eval`` does not follow the gold format."""


class StoreError(CommuniqueError):
    """The event store could not be opened, written or queried."""
