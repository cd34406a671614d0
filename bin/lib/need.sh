# need COMMAND WHY PACKAGE...: installs Debian's PACKAGEs when COMMAND is missing.
need() {
  local command=$1 why=$2
  shift 2
  if ! command -v "$command" >/dev/null 2>&1; then
    echo "Installing Debian's $* $why"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
  fi
}
