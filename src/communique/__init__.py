"""communique: news reports in, sourced PLOVER event records out."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    CommuniqueError,
    GoldFormatError,
    InputError,
    KnowledgeBaseError,
    ModelError,
    StoreError,
)
from .models import Article, DateValue, Entity, Event, Location, Mention, Quote

__all__ = [
    "Article",
    "CommuniqueError",
    "DateValue",
    "Entity",
    "Event",
    "GoldFormatError",
    "InputError",
    "KnowledgeBaseError",
    "Location",
    "Mention",
    "ModelError",
    "Quote",
    "StoreError",
    "__version__",
]
