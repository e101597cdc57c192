# The two commands of the README. Both install what is missing first (scripts/setup.sh).
PORT ?= 8080

.PHONY: demo test setup build bench clean

demo: build
	@bash -c 'source scripts/env.sh && node demo-web/serve.mjs --port $(PORT)'

test: build
	@scripts/test.sh

setup:
	@scripts/setup.sh

build: setup
	@scripts/build.sh

clean:
	rm -rf target */target npm-package/dist npm-package/src/generated npm-package/src/teavec.wasm browser-tests/output
