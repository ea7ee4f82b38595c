#!/usr/bin/env bash
# Debian packages the project needs beyond Python: installed with apt when missing
# and we are root; otherwise we say what is missing and let the caller decide.
#   scripts/system-deps.sh run    -> what `make run` needs (gettext for translations)
#   scripts/system-deps.sh test   -> plus Chromium (Playwright cannot download
#                                    browsers here), poppler-utils (pdftoppm) and wrk
set -euo pipefail

want_cmds=(msgfmt)
want_pkgs=(gettext)
if [ "${1:-run}" != run ]; then
    want_cmds+=(chromium pdftoppm wrk)
    want_pkgs+=(chromium poppler-utils wrk)
fi

missing=()
for i in "${!want_cmds[@]}"; do
    command -v "${want_cmds[$i]}" >/dev/null 2>&1 || missing+=("${want_pkgs[$i]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Systeempakketten installeren: ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "Ontbrekende systeempakketten: ${missing[*]} (installeer ze met apt als root)." >&2
    exit 1
fi
