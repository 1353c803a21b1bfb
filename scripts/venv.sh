# Sourced by ./run and ./test: create ./.venv and install the project into it when needed.
# A fresh machine has Python 3.11 and pip; Debian's python3 may lack the venv module, in
# which case virtualenv (from PyPI) makes the environment instead.

ensure_venv() {
  local extras="$1" python="${PYTHON:-python3}" stamp
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv >/dev/null 2>&1; then
      rm -rf .venv
      "$python" -m pip install --quiet --user virtualenv
      "$python" -m virtualenv --quiet .venv
    fi
  fi
  stamp=".venv/.installed${extras}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
    touch "$stamp"
  fi
}
