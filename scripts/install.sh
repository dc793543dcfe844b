#!/usr/bin/env bash
# Installs everything MedGym needs on a fresh Debian machine with Node 20: the system packages
# (Chromium for figures, Debian's Jupyter for headless notebooks, libfaiss/OpenBLAS for the dense
# index), then the npm packages (which build better-sqlite3 and faiss-node, compile dist/) and the
# project-local tslab kernel. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  chromium                      # headless rendering of plotly figures to PNG/SVG
  jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core  # notebooks
  libfaiss-dev libopenblas-dev liblapack-dev  # faiss-node and nblas (sgemm for training) build against these
  build-essential python3       # node-gyp builds (better-sqlite3, faiss-node, zeromq)
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[install] apt packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "[install] apt packages already present"
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run setup:jupyter
echo "[install] done. Check the machine with: npx medgym doctor"
