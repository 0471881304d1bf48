#!/usr/bin/env bash
# The GPU records chapter 15 shows, in one run: about 5 minutes on one GPU beside 16 CPU cores.
#
#   bash benchmarks/gpu_benchmark.sh [OUT_DIR]        (default: benchmarks/results)
#
# Writes five records (lib/measure/engine_benchmark.py documents their format):
#   zipf_gpu.json        speed: gensim on every core against the compiled PyTorch step, text8-sized corpus
#   zipf_gpu_eager.json  speed of the same PyTorch engine without torch.compile
#   zipf_gpu_cuda_graphs.json  the same, compiled with mode reduce-overhead (the step replayed as a CUDA graph)
#   shipped_gpu.json     quality at the same settings: gensim against PyTorch, 20 epochs, seeds 0 1 2
#   zipf_gpu_large_batch.json  speed of PyTorch at a batch eight times larger (quality not measured)
# Each record runs even if an earlier one failed; if the compiled step cannot be built there,
# the speed and quality records are made with the eager step (the records say which).
#
# Needs Python with a CUDA build of PyTorch, NumPy, SciPy, pandas, tqdm and gensim. Where gensim
# is missing and no package index can be reached, put its wheels (gensim and smart_open, built for
# that machine's Python) in .whl/ at the repository root; they are installed into a temporary
# folder for this run. Where the code was copied without its .git folder, set BENCHMARK_COMMIT
# to the commit it was copied from, so that the records name it.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/results}
python=${PYTHON:-python3}
batch=${BATCH_SIZE:-16384}              # the largest batch at parity with gensim in the CPU records
large_batch=${LARGE_BATCH_SIZE:-131072}  # speed only: what a larger batch would gain
export PYTHONUNBUFFERED=1
mkdir -p "$out"

if ! "$python" -c "import gensim" 2>/dev/null; then
    if ! compgen -G ".whl/*.whl" >/dev/null; then
        echo "gensim is not installed: pip install gensim==4.4.0, or put its wheels in .whl/" >&2
        exit 1
    fi
    site=$(mktemp -d)
    "$python" -m pip install -q --no-index --no-deps --no-compile --target "$site" .whl/*.whl || exit 1
    export PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}"
fi
"$python" -c "import torch; assert torch.cuda.is_available(), 'PyTorch sees no CUDA device'" || exit 1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>/dev/null

bench() { "$python" benchmarks/skipgram_benchmark.py "$@"; }
status=0
step=()   # the compiled step; if it cannot be built on this machine, the main records fall back to eager
if ! bench --corpus zipf --epochs 1 --batch-size "$batch" --engines gensim-all torch-cuda --out "$out/zipf_gpu.json"; then
    status=1
    echo "the compiled run failed; the speed and quality records are made with the eager step instead" >&2
    step=(--eager)
    bench --corpus zipf --epochs 1 --batch-size "$batch" --engines gensim-all torch-cuda --eager \
        --out "$out/zipf_gpu.json"
fi
bench --corpus shipped --epochs 20 --seeds 0 1 2 --batch-size "$batch" --engines gensim-all torch-cuda "${step[@]}" \
    --out "$out/shipped_gpu.json" || status=1
if [ ${#step[@]} -eq 0 ]; then
    bench --corpus zipf --epochs 1 --batch-size "$batch" --engines torch-cuda --eager \
        --out "$out/zipf_gpu_eager.json" || status=1
    bench --corpus zipf --epochs 1 --batch-size "$batch" --engines torch-cuda --compile-mode reduce-overhead \
        --out "$out/zipf_gpu_cuda_graphs.json" || status=1
fi
bench --corpus zipf --epochs 1 --batch-size "$large_batch" --engines torch-cuda "${step[@]}" \
    --out "$out/zipf_gpu_large_batch.json" || status=1
exit $status
