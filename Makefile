# One command to play (make dev), one to test (make test). See README.md.
SHELL := /bin/bash
NPM ?= npm
JEST := node --experimental-vm-modules node_modules/jest/bin/jest.js

.PHONY: all install build bench bench-zone bench-zone-distributed bench-capacity bench-gateway bench-memory dev dev-distributed test test-unit test-integration test-browser test-node24 lint system-deps images clean

all: build

# Install only when the manifests changed since the last install. npm 11 behind
# some registries writes lockfiles without other platforms' optional packages
# and then `npm ci` refuses them as out of sync; `npm install` from the same
# lockfile installs the same versions, so it is the fallback.
node_modules/.install-stamp: package-lock.json package.json shared/package.json zone/package.json gateway/package.json operator/package.json testing/package.json standalone/package.json mud/package.json
	$(NPM) ci --no-audit --no-fund 2>/tmp/aether-npm-ci.log || { grep -q 'EUSAGE' /tmp/aether-npm-ci.log && $(NPM) install --no-audit --no-fund; } || { cat /tmp/aether-npm-ci.log; exit 1; }
	@touch $@

shared/src/db/generated/.stamp: node_modules/.install-stamp prisma/schema.prisma
	$(NPM) run --silent db:generate
	@touch $@

install: node_modules/.install-stamp shared/src/db/generated/.stamp

# The test tooling (testing/), the single-process game (standalone/), the MUD client (mud/) and the benchmarks (bench/)
# build beside the packages but stay out of the images (tsconfig.build.json is what the images compile).
build: install
	npx tsc -b tsconfig.build.json testing standalone mud bench

## Runs the whole game in one process: embedded PostgreSQL (data in .data/), in-process bus, web client on :3100.
## Dev login (any name, no password) by default; AUTH_MODE=password make dev for accounts with passwords (docs/operations.md, "Authentication").
dev: build
	ALLOW_DEV_LOGIN=1 node standalone/dist/main.js

## Distributed mode on one machine: Redis + 2 gateways (:3100, :3101) + 2 zone servers (needs redis-server).
dev-distributed: build
	node scripts/dev/distributed.mjs

## Benchmarks that print numbers next to a baseline measured in the same run (see docs/benchmarks.md).
bench: build
	node bench/dist/proximity/main.js

## Crowded zone: N walking bots against the server and a bare Socket.IO baseline, pinned to different cores (docs/benchmarks.md).
bench-zone: build
	node bench/dist/crowded-zone/main.js $(ARGS)

## Crowded zone in distributed mode: Redis + one zone server (core 0) + two gateways, bots split over them (docs/benchmarks.md).
bench-zone-distributed: build
	node bench/dist/distributed-zone/main.js $(ARGS)

## Capacity model check: Redis and PostgreSQL load per player as zone servers and gateways are added (docs/capacity.md).
bench-capacity: build
	node bench/dist/capacity/main.js $(ARGS)

## Gateway memory per idle authenticated connection, beside a bare Socket.IO server (docs/benchmarks.md).
bench-gateway: build
	node bench/dist/gateway-connections/main.js $(ARGS)

## Zone memory per connected player (docs/benchmarks.md).
bench-memory: build
	node bench/dist/zone-memory/main.js $(ARGS)

## Format, lint and dependency rules: Biome, dependency-cruiser, knip (docs/toolchain.md, "Lint, format and dependency rules").
lint: install
	scripts/lint/lint.sh

system-deps:
	@scripts/tools/system-deps.sh

## Everything CI runs: lint and dependency rules, unit, integration (real Redis + PostgreSQL), browser, and the unit suite again on Node 24.
test: system-deps build lint
	$(JEST) --ci
	$(MAKE) --no-print-directory test-node24

test-unit: build
	$(JEST) --ci --selectProjects unit

test-integration: build
	$(JEST) --ci --selectProjects integration

test-browser: build
	$(JEST) --ci --selectProjects browser

test-node24: build
	@node24=$$(scripts/tools/node24.sh) && echo "unit suite on $$($$node24 --version)" && \
	  $$node24 --experimental-vm-modules node_modules/jest/bin/jest.js --ci --selectProjects unit

## Container images without a Docker daemon (buildah; needs root): base image, gateway/zone/operator, then each is started and checked. See docs/operations.md.
images: build
	scripts/images/images.sh

clean:
	rm -rf node_modules */node_modules */dist shared/src/db/generated .tools
