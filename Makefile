# Bürgerservice — everything a newcomer needs: `make run`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
TOWN   ?= towns/willich.toml
STAMP  := $(VENV)/.installed
STAGE  ?= prod
# The infrastructure linters live in their own environment: checkov's dependencies would move
# the boto3/botocore pins the app and its tests share in .venv.
IAC    := .venv-iac
IAC_STAMP := $(IAC)/.installed

.PHONY: run test check lint typecheck contracts unit api browser bench jobs seed fmt clean browser-deps sw-version \
	package iac-lint deploy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

## Start the whole platform on http://localhost:$(PORT) with an embedded DynamoDB and demo data.
run: $(STAMP)
	$(BIN)/python -m infra.local.server --port $(PORT) --town $(TOWN)

## Every test: lint, types, unit, API, concurrency and browser tests in headless Chromium.
# A browser step that times out on a loaded machine is tried once more; any other failure fails.
test: $(STAMP) browser-deps check iac-lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q --reruns 1 --only-rerun "playwright._impl._errors.TimeoutError"

check: lint typecheck contracts

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy chalicelib

## The architecture as import-linter contracts (.importlinter): layers inside each capability,
## a platform that knows no capability, named pairs between capabilities, no cycles.
contracts: $(STAMP)
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit -q

api: $(STAMP)
	$(BIN)/python -m pytest tests/api -q

browser: $(STAMP) browser-deps
	$(BIN)/python -m pytest tests/browser -q

## Debian's chromium drives the browser tests (nothing downloads a browser of its own);
## Debian's libzbar0 reads the QR codes they render.
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && ls /usr/lib/*/libzbar.so.0 >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium libzbar0 >/dev/null; \
	  else echo "Browser tests need Debian's chromium and libzbar0: sudo apt-get install chromium libzbar0" >&2; exit 1; fi; }

## Benchmarks: page weights, cold-start import cost, DynamoDB calls per operation.
bench: $(STAMP)
	$(BIN)/python -m bench

## After changing a precached shell file (pwa/sw.js APP_SHELL): new cache VERSION and SHELL_HASH.
sw-version: $(STAMP)
	$(BIN)/python -m infra.sw_version

$(IAC_STAMP): requirements-iac.txt
	$(PYTHON) -m venv $(IAC)
	$(IAC)/bin/pip install --quiet -r requirements-iac.txt
	touch $@

## The deployable artefacts in out/, no AWS account needed: the merged SAM template, the Lambda
## zip (runtime-provided SDK and unused aiohttp left out), the WAF stack for us-east-1, the PWA as served.
package: $(STAMP)
	$(BIN)/python -m infra.package --stage $(STAGE)

## cfn-lint and checkov on the packaged templates (rebuilt first when an input changed).
## 0 errors, 0 warnings, and every checkov finding fixed or skipped in the template with its reason.
iac-lint: $(STAMP) $(IAC_STAMP)
	$(BIN)/python -m infra.package --stage $(STAGE) --if-changed
	$(IAC)/bin/cfn-lint out/sam.json out/waf.json
	$(IAC)/bin/checkov -f out/sam.json -f out/waf.json --framework cloudformation --quiet --compact --skip-download

## Deploy a stage with your AWS credentials: WAF stack in us-east-1, the app stack, the PWA, the town.
## See infra/README.md; nothing here runs without credentials.
deploy: package
	STAGE=$(STAGE) TOWN=$(TOWN) infra/deploy.sh

## Load a town's data file and first admin into a deployed stage (see README, "Deploying to AWS").
seed: $(STAMP)
	$(BIN)/python -m infra.seed $(TOWN) --password-file .local/first-admin-$(STAGE).txt

## Run the scheduled jobs once against the local stack's database (or DYNAMODB_ENDPOINT).
jobs: $(STAMP)
	$(BIN)/python -m infra.jobs

clean:
	rm -rf $(VENV) $(IAC) out .pytest_cache .mypy_cache .ruff_cache
