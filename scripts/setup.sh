#!/usr/bin/env bash
# Install everything the course, its website build and its tests need, from the
# repository root of a fresh clone. Run it inside the Python environment you
# want to use (README.md, Quickstart):
#
#   bash scripts/setup.sh            # what every chapter and test needs
#   bash scripts/setup.sh --spark    # and the optional Spark extra (chapter 15)
#
# 1. Chromium, the browser the website tests drive (tests/test_site_browser.py):
#    installed with apt-get when it is missing and this runs as root; without
#    root or apt-get it is left out and those tests are skipped with a message.
# 2. bubblewrap, the sandbox the grader runs each submission in (python -m
#    lib.grading.grader --help): installed with apt-get when it is missing and
#    this runs as root; without it the grader falls back to a weaker isolation
#    and says so, and tests/test_grader_attacks.py is skipped.
# 3. The ipywidgets renderer, served by the website itself instead of a CDN
#    (_ext/package.json, _ext/local_widgets.py): npm install --prefix _ext.
# 4. The pinned Python packages: python -m pip install -r requirements.txt.
# 5. With --spark only: Java 17 (openjdk-17-jre-headless, with apt-get when java is
#    missing and this runs as root) and pyspark (requirements-spark.txt), which
#    chapter 15 and tests/test_spark_word2vec.py use when present (a 450 MB
#    download); without them the chapter shows the committed record and those
#    tests are skipped with a message.
#
# Every step is skipped when its result is already there, except pip and npm,
# which are quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_SPARK=0
for argument in "$@"; do
    case "$argument" in
        --spark) WITH_SPARK=1 ;;
        *) echo "setup: unknown option $argument (the only option is --spark)" >&2; exit 2 ;;
    esac
done

can_apt_get() {  # root, with apt-get: what installing a missing system package needs
    [ "$(id -u)" = "0" ] && command -v apt-get > /dev/null
}

apt_get_install() {  # apt_get_install PACKAGE...: quietly, without recommended packages
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" > /dev/null
}

find_chromium() {
    command -v chromium || command -v chromium-browser || command -v google-chrome || true
}

if [ -n "$(find_chromium)" ]; then
    echo "setup: chromium found at $(find_chromium)"
elif can_apt_get; then
    echo "setup: installing chromium with apt-get"
    apt_get_install chromium fonts-dejavu-core
else
    echo "setup: chromium is missing and cannot be installed here (needs root and apt-get);" \
         "the browser tests will be skipped. Install chromium (or set CHROMIUM=/path/to/chrome)" \
         "to run them." >&2
fi

if command -v bwrap > /dev/null; then
    echo "setup: bubblewrap found at $(command -v bwrap)"
elif can_apt_get; then
    echo "setup: installing bubblewrap with apt-get"
    apt_get_install bubblewrap
else
    echo "setup: bubblewrap is missing and cannot be installed here (needs root and apt-get);" \
         "the grader will run submissions with a weaker isolation and say which." >&2
fi

if command -v npm > /dev/null; then
    echo "setup: installing the widget renderer into _ext/node_modules"
    npm install --prefix _ext --no-audit --no-fund --loglevel=error
else
    echo "setup: npm is missing; the website will load the widget renderer from a CDN" \
         "and the widget tests fail until 'npm install --prefix _ext' has run." >&2
fi

python -m pip install -r requirements.txt

if [ "$WITH_SPARK" = "1" ]; then
    if command -v java > /dev/null || [ -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; then
        echo "setup: java found"
    elif can_apt_get; then
        echo "setup: installing Java 17 with apt-get"
        apt_get_install openjdk-17-jre-headless
    else
        echo "setup: Java is missing and cannot be installed here (needs root and apt-get);" \
             "install Java 17 or later and set JAVA_HOME to run Spark." >&2
    fi
    python -m pip install -r requirements-spark.txt
fi
