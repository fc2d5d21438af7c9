#!/usr/bin/env bash
# Builds the `static` platform's base image offline from Debian's busybox-static and pushes it to a registry:
# a scratch image with busybox and its applet links; `httpd` serves /home/application/current on $PORT.
#   scripts/busybox-platform.sh 127.0.0.1:5000 platforms/static:latest
# Uses buildah with the vfs driver and chroot isolation; needs no network besides the registry.
set -euo pipefail
registry=${1:?registry host:port}
repository=${2:-platforms/static:latest}
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "busybox-static is not installed ($busybox); apt-get install busybox-static" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs/bin" "$work/rootfs/home/application/current" "$work/rootfs/tmp"
cp "$busybox" "$work/rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$work/rootfs/bin/$applet"
done
chmod 1777 "$work/rootfs/tmp"
tar -C "$work/rootfs" --owner=0 --group=0 --numeric-owner -cf "$work/rootfs.tar" .
buildah_args=(--storage-driver vfs)
[ -n "${STRATUS_BUILDAH_ROOT:-}" ] && buildah_args+=(--root "$STRATUS_BUILDAH_ROOT/storage" --runroot "$STRATUS_BUILDAH_ROOT/run")
container=$(buildah "${buildah_args[@]}" from scratch)
trap 'buildah "${buildah_args[@]}" rm "$container" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
buildah "${buildah_args[@]}" add "$container" "$work/rootfs.tar" / >/dev/null
buildah "${buildah_args[@]}" config --env PATH=/bin --env PORT=8888 --workingdir /home/application/current \
  --cmd '/bin/httpd -f -p $PORT -h /home/application/current' --port 8888 \
  --label org.opencontainers.image.title=stratus-static "$container"
image="stratus-platform-static-$$"
buildah "${buildah_args[@]}" commit -q "$container" "$image" >/dev/null
buildah "${buildah_args[@]}" push -q --tls-verify=false "$image" "docker://$registry/$repository"
buildah "${buildah_args[@]}" rmi "$image" >/dev/null 2>&1 || true
echo "$registry/$repository"
