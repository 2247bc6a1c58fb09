"""Confidence as a probability: the chance that a stored row is right.

A row is right when it is a real quotation (it matches an annotated one) with the right speaker, or rightly
none. The rules' own scores (``Quote.confidence`` as the sieves leave it) rank rows but are not
probabilities: on unseen news, rows the rules scored 0.5 were right 75 % of the time. A logistic model over what
the sieves know about a row — its kind, the rule that found its speaker, how a pronoun or description was
resolved, the rule's score, whether its quote marks closed, its length — turns that into a probability.

The model is fitted on the PolNeAR train documents outside both hold-outs (``evaluate.train_partition``'s
``fit``) by ``python -m quotes.calibration GOLD`` (``make calibrate``) and shipped as a small JSON file in the
package; its ``version`` is recorded with every ingest run. Fitting needs scikit-learn (a dev dependency);
applying the model needs nothing but this module.
"""

from __future__ import annotations

import functools
import json
import math
import sys
from importlib import resources
from pathlib import Path

from quotes.records import Quote

MODEL_FILE = "calibration.json"


def features(quote: Quote) -> dict[str, float]:
    """What the sieves know about a row, as named features (one-hot for categories)."""
    rule, _, how = quote.method.partition(":")
    how = how or ("named" if quote.speaker else "none")
    has_speaker = "speaker" if quote.speaker else "mention" if quote.speaker_start is not None else "nobody"
    return {
        f"kind={quote.kind}": 1.0,
        f"rule={rule}": 1.0,
        f"how={how}": 1.0,
        f"kind={quote.kind}|how={how}": 1.0,
        f"kind={quote.kind}|{has_speaker}": 1.0,
        f"speaker_kind={quote.speaker_kind}": 1.0,
        "score": quote.confidence,
        "open_marks": 0.0 if quote.closed else 1.0,
        "log_words": math.log1p(len(quote.text.split())),
        "split": 1.0 if quote.segments else 0.0,
    }


@functools.cache
def load_model() -> dict:
    """The packaged model, read once per process."""
    return json.loads(resources.files("quotes.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))


def model_version() -> str:
    return load_model()["version"]


def probability(quote: Quote, model: dict | None = None) -> float:
    """The calibrated probability that this row is right."""
    model = model or load_model()
    weights = model["weights"]
    z = model["intercept"] + sum(weights.get(name, 0.0) * value for name, value in features(quote).items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def calibrate(quotes: list[Quote]) -> None:
    """Replace each rule score by the calibrated probability."""
    model = load_model()
    for quote in quotes:
        quote.confidence = probability(quote, model)


def fit(rows: list[tuple[Quote, bool]], version: str) -> dict:
    """A logistic model from rows scored against annotations (their ``confidence`` still the rules' score)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform([features(q) for q, _ in rows])
    y = [int(ok) for _, ok in rows]
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])}
    return {"version": version, "fitted_on": "PolNeAR train, fit partition", "rows": len(rows),
            "positive_rate": round(sum(y) / len(y), 4), "intercept": round(float(model.intercept_[0]), 5),
            "weights": weights}


def main(argv: list[str]) -> None:
    """python -m quotes.calibration GOLD VERSION: fit on the ``fit`` partition and write the packaged model."""
    from quotes.evaluate import evaluate, read_gold
    from quotes.extract import ExtractOptions
    from quotes.models import load_nlp

    gold, version = Path(argv[0]), argv[1]
    report = evaluate(read_gold(gold, "fit"), load_nlp(), ExtractOptions(calibrate=False))
    model = fit(report.rows, version)
    target = Path(__file__).parent / "data" / MODEL_FILE
    target.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{target}: version {version}, {model['rows']} rows, {model['positive_rate']:.3f} right")


if __name__ == "__main__":
    main(sys.argv[1:])
