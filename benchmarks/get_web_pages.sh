#!/usr/bin/env bash
# Fetch the real news pages of benchmarks/web_pages.py and tests/test_web_pages.py into
# benchmarks/data/web_pages/ (not part of the repository: the articles' text belongs to their
# publishers). Source: the test pages of the fundus scraper (MIT), at the commit the expectations in
# benchmarks/data/web_pages_expected.yaml were written for. Needs git and access to GitHub, or a
# local clone (or bare mirror) of fundus given as the first argument.
set -euo pipefail
cd "$(dirname "$0")/.."
COMMIT=18da6e53592f99cf0ac5770dc63d6ba99ba63ae8
src=${1:-}
if [ -z "$src" ]; then
  src=$(mktemp -d)/fundus
  git clone -q https://github.com/flairNLP/fundus "$src"
fi
out=${2:-benchmarks/data/web_pages}
mkdir -p "$out"
git -C "$src" archive "$COMMIT" tests/resources/parser/test_data | tar -x -C "$out" --strip-components=4
git -C "$src" show "$COMMIT:LICENSE" > "$out/LICENSE.fundus"
echo "pages in $out: $(find "$out" -name '*.html.gz' | wc -l)"
