#!/usr/bin/env bash
# Installs the native tools the fleet and its tests need. Idempotent: installs only what is missing.
source "$(dirname "$0")/lib.sh"

# command -> Debian package
declare -A NEEDED=(
  [pg_ctlcluster]=postgresql
  [ffmpeg]=ffmpeg
  [ffprobe]=ffmpeg
  [fpcalc]=libchromaprint-tools
  [espeak-ng]=espeak-ng
  [flite]=flite
  [sox]=sox
  [rubberband]=rubberband-cli
  [aubiopitch]=aubio-tools
  [pocketsphinx_continuous]="pocketsphinx pocketsphinx-en-us"
  [curl]=curl
  [openssl]=openssl
  [node]=nodejs
  [npm]=npm
)

missing=()
for cmd in "${!NEEDED[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=(${NEEDED[$cmd]})
done
[[ -d /usr/share/pocketsphinx/model/en-us ]] || missing+=(pocketsphinx-en-us)
if ((${#missing[@]} == 0)); then
  log "native dependencies present"
  exit 0
fi
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)

if command -v apt-get >/dev/null 2>&1; then
  sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$MASHUPS_LOCAL/logs/apt.log" 2>&1 \
    || { tail -n 20 "$MASHUPS_LOCAL/logs/apt.log" >&2; die "apt-get install ${missing[*]} failed"; }
  log "installed: ${missing[*]}"
else
  die "not a Debian/Ubuntu machine: install these packages (Debian names) with your package manager, then run again: ${missing[*]}"
fi
