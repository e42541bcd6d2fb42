# Sonae: every dependency is installed by these targets, so a fresh machine needs only `make`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages: Japanese fonts for the PDFs, Xvfb and a window manager (openbox) for real-window
# tests and screenshots (xprop, from x11-utils, tells when the manager runs; wmctrl closes the
# frozen build's window as a user would), binutils to strip the frozen build, poppler for pdffonts
# and pdftoppm, and the libraries Qt's xcb platform plugin loads.
DEB_PACKAGES := fonts-ipaexfont xvfb xauth x11-utils openbox wmctrl binutils poppler-utils libegl1 libgl1 libfontconfig1 \
  libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
  libxcb-xfixes0 libxrender1 libxi6
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: bootstrap system-deps translations update-translations run test lint typecheck pytest fuzz bench package package-test clean

bootstrap: system-deps $(STAMP) translations

# The window's translations: .ts sources (edited with Qt Linguist) compiled to .qm at build time.
I18N := resources/i18n
QM := $(I18N)/sonae_ja.qm $(I18N)/sonae_en.qm
translations: $(QM)

$(I18N)/%.qm: $(I18N)/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# After changing UI strings: refresh the .ts sources, then translate the new entries.
update-translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete app/ui/*.py -ts $(I18N)/sonae_ja.ts $(I18N)/sonae_en.ts
	$(BIN)/python packaging/tidy_translations.py $(I18N)/sonae_ja.ts $(I18N)/sonae_en.ts

# Installs only what is missing, and only on Debian/Ubuntu; elsewhere it says what is needed.
system-deps:
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=""; for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing system packages:$$missing"; \
	    $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	else \
	  echo "not Debian/Ubuntu: install a Japanese TrueType font (IPAex Gothic), Xvfb and poppler yourself"; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

# Opens the app; on a machine with no display, says so in one line and runs the headless demo.
run: bootstrap
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
	  $(BIN)/sonae gui; \
	else \
	  echo "No display found: running 'sonae demo' instead of the window."; \
	  $(BIN)/sonae demo; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check app tests bench packaging
	$(BIN)/ruff format --check app tests bench packaging

typecheck: $(STAMP)
	$(BIN)/mypy app

# Two workers (the real-window tests share one, in order: see tests/ui/test_real_window.py).
pytest: bootstrap
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n 2 --dist loadgroup

test: lint typecheck pytest

# The property-based tests at length, before a release (about 5,000 examples each; see README).
fuzz: bootstrap
	HYPOTHESIS_PROFILE=release QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m fuzz

# Builds the package first when a source changed: the frozen start-up is one of the figures.
bench: bootstrap package
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

# The one-folder build in dist/sonae with the size of each part, the Linux archive, and the
# version for the Windows installer. FONT=FILE ships a font the city supplies (licence permitting).
PACKAGE_SOURCES := $(shell find app playbooks resources -type f -not -name '*.pyc') packaging/sonae.spec packaging/package.py packaging/linux/install.sh pyproject.toml
dist/sonae/sonae: $(PACKAGE_SOURCES) | bootstrap
	$(BIN)/python packaging/package.py $(if $(FONT),--font "$(FONT)")

package: dist/sonae/sonae

# The frozen program run as a laptop would (make test runs the same in tests/e2e/test_frozen.py).
package-test: package
	$(BIN)/python packaging/package_test.py dist/sonae/sonae --archive dist/sonae-$$($(BIN)/python -c 'import app; print(app.__version__)')-linux-$$(uname -m).tar.gz

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
