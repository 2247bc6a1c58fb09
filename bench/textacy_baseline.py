"""textacy 0.13's direct_quotations on the same documents and model, scored by quotes.evaluate."""

import json
import sys
from pathlib import Path

from quotes.evaluate import Report, read_gold, score_document
from quotes.models import load_nlp
from quotes.records import Quote


def main(path: str, split: str = "dev", rederive: str = "") -> None:
    from textacy.extract.triples import direct_quotations

    nlp = load_nlp()
    report, failures = Report(), 0
    for doc_json in read_gold(Path(path), split):
        doc = nlp(doc_json["text"])
        quotes = []
        try:
            for speaker, cue, content in direct_quotations(doc):
                spk = speaker[0] if speaker else None
                quotes.append(Quote(start=content.start_char, end=content.end_char, text=content.text, kind="direct",
                                    speaker=" ".join(t.text for t in speaker) if speaker else None,
                                    speaker_start=spk.idx if spk is not None else None,
                                    speaker_end=speaker[-1].idx + len(speaker[-1].text) if speaker else None))
        except Exception:
            failures += 1
        report.documents += 1
        score_document(doc_json, quotes, report, False, rederive_kinds=bool(rederive))
    report.failures = failures
    print(json.dumps(report.as_dict()["scores"]["direct+mixed"], indent=1))
    print(f"documents {report.documents}, exceptions {failures}")


if __name__ == "__main__":
    main(*sys.argv[1:])
