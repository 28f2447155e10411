# tofUI for Backstage. Every target installs what it needs (Node 22 when the
# system Node is older, Yarn from .yarn/releases, dependencies).

.PHONY: start backend test install dist

## The whole product on embedded defaults; prints the URL.
start:
	@scripts/start

## The backend alone on port 7007 (same defaults).
backend:
	@scripts/start --backend

## Type check, lint, unit and integration tests (SQLite, Postgres, Redis), end-to-end test.
test:
	@scripts/test

## Build and pack every publishable package into dist-packages/.
dist:
	@scripts/dist

## Node 22 and dependencies only.
install:
	@bash -c 'source scripts/lib/bootstrap.sh && bootstrap'
