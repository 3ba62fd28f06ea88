"""Data the stage tests share, built once per test module (no spaCy model is loaded)."""

from __future__ import annotations

import pytest
from docbuild import NLP

from communique.actors import ActorResolver
from communique.knowledge import KnowledgeBase
from communique.lexicon import Lexicon
from communique.places import Gazetteer


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def resolver(kb: KnowledgeBase) -> ActorResolver:
    return ActorResolver(NLP, kb)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()
