#!/bin/sh
# Installs Sonae from this unpacked archive: the program in /opt/sonae, a `sonae` launcher in
# /usr/local/bin, the menu entry and its icon. Run it as root:  sudo ./install.sh
# Remove it with:  sudo ./install.sh --uninstall
# Each user's data folder (~/.local/share/Sonae: the log, evidence, keys, backups) is never
# touched, by an upgrade or by --uninstall. The places can be moved for a test or a non-root
# install: PREFIX=… BINDIR=… APPLICATIONS=… ICONS=… ./install.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-/opt/sonae}
BINDIR=${BINDIR:-/usr/local/bin}
APPLICATIONS=${APPLICATIONS:-/usr/share/applications}
ICONS=${ICONS:-/usr/share/icons/hicolor/scalable/apps}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$PREFIX"
  rm -f "$BINDIR/sonae" "$APPLICATIONS/sonae.desktop" "$ICONS/sonae.svg"
  echo "Sonae removed from $PREFIX; users' data folders are kept."
  exit 0
fi
[ -x "$here/sonae/sonae" ] || { echo "install.sh: $here/sonae/sonae is missing: unpack the whole archive" >&2; exit 1; }

# Copy next to the old copy first, then swap: a failed copy leaves the old install working.
mkdir -p "$(dirname "$PREFIX")" "$BINDIR" "$APPLICATIONS" "$ICONS"
rm -rf "$PREFIX.new"
cp -R "$here/sonae" "$PREFIX.new"
if [ -e "$PREFIX" ]; then
  rm -rf "$PREFIX.old"
  mv "$PREFIX" "$PREFIX.old"
fi
mv "$PREFIX.new" "$PREFIX"
rm -rf "$PREFIX.old"

printf '#!/bin/sh\nexec "%s/sonae" "$@"\n' "$PREFIX" > "$BINDIR/sonae"
chmod 755 "$BINDIR/sonae"
sed "s|^Exec=.*|Exec=$BINDIR/sonae gui|" "$here/sonae.desktop" > "$APPLICATIONS/sonae.desktop"
cp "$here/sonae.svg" "$ICONS/sonae.svg"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$APPLICATIONS" 2>/dev/null || true
fi
echo "$("$PREFIX/sonae" --version) installed in $PREFIX; start it from the menu or with: sonae gui"
