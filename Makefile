# Two commands set everything up on a fresh machine: `make demo` and `make test`.
# Both create .venv (Python 3.12), install the package and the coreferee English model.

PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# Offline wheelhouse for coreferee's English model; online users fall back to `coreferee install`.
QUOTES_WHEELHOUSE ?= $(if $(wildcard ../shared/wheels),../shared/wheels,)
DB     ?= data/quotes.duckdb
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup models browser demo test eval calibrate bench lint clean

setup: $(STAMP) models

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,ray]'
	touch $@

# Order: already installed -> wheelhouse -> coreferee's own download (needs GitHub).
models: $(STAMP)
	@$(BIN)/python -c "import coreferee_model_en" 2>/dev/null && echo "coreferee model: installed" || \
	( [ -n "$(QUOTES_WHEELHOUSE)" ] && [ -d "$(QUOTES_WHEELHOUSE)" ] && \
	  $(BIN)/pip install -q --find-links "$(QUOTES_WHEELHOUSE)" coreferee-model-en && \
	  echo "coreferee model: installed from $(QUOTES_WHEELHOUSE)" ) || \
	$(BIN)/python -m coreferee install en

# Headless Chromium for the test that renders the HTML quote sheet. Best effort: Debian's package as
# root; elsewhere the test skips and says so.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	( [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && \
	  echo "chromium: installed" ) || echo "chromium: not installed; the HTML rendering test will skip"

demo: setup
	rm -f $(DB) $(DB).wal
	$(BIN)/quotes ingest data/samples --db $(DB)
	$(BIN)/quotes speakers --db $(DB) --top 15
	$(BIN)/quotes search "Marta Okafor" --db $(DB) --limit 5

test: setup browser
	$(BIN)/python -m pytest -q

# dev, the 300-document held-out sample of train and the resolution hold-out side by side (as labelled,
# then with kinds re-derived from all quote marks); the held-out columns are the ones that judge a rule.
EVAL_SPLITS := --split dev --split heldout --split resolution --resolved ../shared/eval/polnear_resolved.jsonl
eval: setup
	$(BIN)/quotes eval ../shared/eval/polnear_traindev.jsonl $(EVAL_SPLITS)
	$(BIN)/quotes eval ../shared/eval/polnear_traindev.jsonl $(EVAL_SPLITS) --rederive-kinds

# Refit confidence on PolNeAR train outside both hold-outs; bump the version whenever the engine changes.
CALIBRATION_VERSION ?= $(shell date +%Y-%m-%d).1
calibrate: setup
	$(BIN)/python -m quotes.calibration ../shared/eval/polnear_traindev.jsonl $(CALIBRATION_VERSION)

bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/synthetic.py
	$(BIN)/python bench/long_documents.py
	$(BIN)/python bench/adversarial.py
	$(BIN)/python bench/variants.py
	$(BIN)/python bench/ray_engine.py

lint: setup
	$(BIN)/ruff check quotes tests bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
