#!/usr/bin/env bash
# jre-base-image.sh - make a local JRE 17 base image (dhm/jre17:bookworm) for the
# docker-health-monitor Dockerfile's BASE_IMAGE build argument, on machines that
# reach no container registry.
#
# Nothing is pulled from a registry: a Debian rootfs is made with
#   debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates
# from the machine's own apt mirror, slimmed (apt lists and caches, docs but the
# copyright files, man/info pages, message catalogs and locales other than C),
# cached as a tarball, and loaded with `docker import`.
#
# Usage: scripts/jre-base-image.sh [build|env|status]
#   build   (default) nothing if the tag is already on the engine; else import it
#           from the cached rootfs tarball, making that first (debootstrap; the
#           Debian package debootstrap is installed if missing) when absent or
#           stale, then check that `java -version` in the image says 17.
#           Must run as root. Idempotent.
#   env     print "export DHM_BASE_IMAGE=<tag>" (dhm/jre17:bookworm).
#   status  exit 0 if the image is on the engine, 3 otherwise.
#
# Environment:
#   DOCKER_HOST        engine to import into (default unix:///tmp/dhm-engine/docker.sock,
#                      the one of scripts/sandbox-engine.sh)
#   DHM_DEBIAN_MIRROR  Debian mirror for debootstrap (default: the first Debian
#                      archive in /etc/apt/sources.list and /etc/apt/sources.list.d/*)
#   DHM_JRE_RELEASE    Debian release (default bookworm). If the mirror does not
#                      serve it, the host's own release is built instead, and said so.
#   DHM_CACHE_DIR      tarball cache (default /var/cache/docker-health-monitor)
#   DHM_JRE_REBUILD=1  ignore a cached tarball: run debootstrap again
#
# Cache: $DHM_CACHE_DIR/jre17-<release>-rootfs.tar.gz, plus jre17-<release>-rootfs.stamp
#        (mirror, JAVA_HOME, sizes, sha256 of the tarball, every package=version)
#        and jre17-<release>-debootstrap.log (the last debootstrap run's output).
set -euo pipefail

# debootstrap, chroot and dpkg live in /usr/sbin, which some CI shells leave out of PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

DEFAULT_HOST="unix:///tmp/dhm-engine/docker.sock"
ENGINE="${DOCKER_HOST:-$DEFAULT_HOST}"
WANT_RELEASE="${DHM_JRE_RELEASE:-bookworm}"
CACHE="${DHM_CACHE_DIR:-/var/cache/docker-health-monitor}"
REPO="dhm/jre17"
JAVA_PKG="openjdk-17-jre-headless"
# The release actually built for $WANT_RELEASE, when it had to fall back to the host's.
FALLBACK_NOTE="$CACHE/jre17-$WANT_RELEASE.fallback"
LOCK="$CACHE/.jre17.lock"
LOCK_TIMEOUT=1800
WORK=""

log() { echo "jre-base-image: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# docker CLI bound to $ENGINE; a docker context must not override it.
dk() { env -u DOCKER_CONTEXT DOCKER_HOST="$ENGINE" docker "$@"; }

# The release the tag names: $WANT_RELEASE unless a build had to fall back.
release() {
  local r=""
  [[ -r "$FALLBACK_NOTE" ]] && r="$(tr -dc 'a-z0-9-' <"$FALLBACK_NOTE")"
  echo "${r:-$WANT_RELEASE}"
}
image_tag() { echo "$REPO:$(release)"; }
tarball() { echo "$CACHE/jre17-$1-rootfs.tar.gz"; }
stampfile() { echo "$CACHE/jre17-$1-rootfs.stamp"; }

engine_answers() { timeout 10 env -u DOCKER_CONTEXT DOCKER_HOST="$ENGINE" docker version >/dev/null 2>&1; }

need_engine() {
  command -v docker >/dev/null 2>&1 || die "docker CLI not found"
  engine_answers && return 0
  if [[ "$ENGINE" == "$DEFAULT_HOST" ]]; then
    die "engine $ENGINE does not answer; start it with: bash scripts/sandbox-engine.sh start"
  fi
  die "engine $ENGINE (DOCKER_HOST) does not answer"
}

image_present() { dk image inspect "$1" >/dev/null 2>&1; }

mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# stamp value for key $2 in file $1 (key=value lines)
stamp_get() { sed -n "s/^$2=//p" "$1" | head -n 1; }

# ---------------------------------------------------------------------------
# Release and mirror

host_release() {
  local codename="" id=""
  if [[ -r /etc/os-release ]]; then
    codename="$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d "\"'")"
    id="$(sed -n 's/^ID=//p' /etc/os-release | tr -d "\"'")"
  fi
  if [[ -z "$codename" && -r /etc/debian_version ]]; then
    # testing/unstable report e.g. "trixie/sid"
    codename="$(cut -d/ -f1 /etc/debian_version)"
    [[ "$codename" =~ ^[0-9] ]] && codename=""
  fi
  echo "${id:-unknown} ${codename:-unknown}"
}

# "URI SUITE..." for each enabled 'deb' source of the machine, in apt's order.
apt_sources() {
  local f
  if [[ -r /etc/apt/sources.list ]]; then
    sed -e 's/#.*//' /etc/apt/sources.list |
      awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                         print $i, $(i + 1) }'
  fi
  for f in /etc/apt/sources.list.d/*.list; do
    [[ -r "$f" ]] || continue
    sed -e 's/#.*//' "$f" |
      awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                         print $i, $(i + 1) }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -r "$f" ]] || continue
    # deb822: paragraphs separated by blank lines (comment lines are no paragraph
    # break); print "URI SUITES..." per URI.
    sed -e '/^[[:space:]]*#/d' "$f" | awk '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no" && uris != "") {
          n = split(uris, u, " "); for (k = 1; k <= n; k++) print u[k], suites
        }
        types = ""; uris = ""; suites = ""; enabled = ""
      }
      /^[ \t]*$/ { flush(); next }
      { key = tolower($1); sub(/^[^:]*:[ \t]*/, ""); gsub(/[ \t]+/, " ") }
      key == "types:" { types = $0 } key == "uris:" { uris = $0 }
      key == "suites:" { suites = $0 } key == "enabled:" { enabled = $0 }
      END { flush() }'
  done
}

# First mirror whose suites include $1 (a plain release, not -updates/-security).
mirror_for() {
  local want="$1" uri suites s
  while read -r uri suites; do
    [[ "$uri" =~ ^(https?|ftp|file):// ]] || continue
    for s in $suites; do
      if [[ "$s" == "$want" ]]; then
        echo "${uri%/}"
        return 0
      fi
    done
  done < <(apt_sources)
  return 1
}

# exit 0 if URL $1 answers (HEAD), using apt's proxy settings like debootstrap's wget does.
url_ok() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsIL --max-time 20 -o /dev/null "$1" 2>/dev/null
  elif command -v wget >/dev/null 2>&1; then
    wget -q --spider --timeout=20 --tries=1 "$1" 2>/dev/null
  else
    return 2
  fi
}

# exit 0 if mirror $1 serves release $2, 1 if not, 2 if this cannot be checked.
serves() {
  local rc=0
  [[ "$1" == file://* ]] && { [[ -e "${1#file://}/dists/$2/Release" ]]; return; }
  url_ok "$1/dists/$2/Release" || rc=$?
  ((rc == 2)) && return 2
  ((rc == 0))
}

# apt's proxy, if configured, for debootstrap's wget and our checks.
apt_proxy() {
  local http="" https=""
  command -v apt-config >/dev/null 2>&1 || return 0
  eval "$(apt-config shell http Acquire::http::Proxy https Acquire::https::Proxy)"
  if [[ -n "$http" && "$http" != DIRECT && -z "${http_proxy:-}" ]]; then
    export http_proxy="$http"
    log "using apt's HTTP proxy $http"
  fi
  if [[ -n "$https" && "$https" != DIRECT && -z "${https_proxy:-}" ]]; then
    export https_proxy="$https"
  fi
}

# Sets RELEASE and MIRROR for the build.
choose_release_and_mirror() {
  local id host
  read -r id host < <(host_release)
  if [[ "$host" == "$WANT_RELEASE" ]]; then
    log "host is ${id^} $host: building the same release"
  else
    log "host is ${id^} $host, not $WANT_RELEASE: checking that the mirror serves $WANT_RELEASE"
  fi
  apt_proxy

  if [[ -n "${DHM_DEBIAN_MIRROR:-}" ]]; then
    MIRROR="${DHM_DEBIAN_MIRROR%/}"
    log "mirror $MIRROR (DHM_DEBIAN_MIRROR)"
  elif MIRROR="$(mirror_for "$WANT_RELEASE")"; then
    log "mirror $MIRROR (serves $WANT_RELEASE in the apt sources)"
  elif [[ "$host" != unknown ]] && MIRROR="$(mirror_for "$host")"; then
    log "mirror $MIRROR (serves $host in the apt sources)"
  else
    # the project names no mirror of its own: the machine's apt sources, or the operator, say where Debian is
    echo "jre-base-image.sh: no Debian mirror in /etc/apt/sources.list{,.d/*}; set DHM_DEBIAN_MIRROR" >&2
    exit 1
  fi

  local rc=0
  serves "$MIRROR" "$WANT_RELEASE" || rc=$?
  if ((rc == 0)); then
    RELEASE="$WANT_RELEASE"
  elif ((rc == 2)); then
    log "cannot check the mirror (no curl or wget); assuming it serves $WANT_RELEASE"
    RELEASE="$WANT_RELEASE"
  elif [[ "$host" != unknown && "$host" != "$WANT_RELEASE" ]] && serves "$MIRROR" "$host"; then
    RELEASE="$host"
    log "NOTE: $MIRROR does not serve $WANT_RELEASE (no dists/$WANT_RELEASE/Release);" \
      "falling back to the host's release $host: the image will be $REPO:$host"
  else
    die "mirror $MIRROR serves neither $MIRROR/dists/$WANT_RELEASE/Release nor the host's" \
      "release $host (unreachable, or not a Debian archive?); set DHM_DEBIAN_MIRROR"
  fi
}

# ---------------------------------------------------------------------------
# Rootfs

ensure_debootstrap() {
  if command -v debootstrap >/dev/null 2>&1; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "need debootstrap but apt-get is not available"
  log "installing debootstrap (apt-get)"
  local rc=0
  {
    apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap
  } >&2 || rc=$?
  ((rc == 0)) || die "apt-get install debootstrap failed (rc=$rc)"
  hash -r
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap still missing after install"
}

# Mount points at or below $1, deepest first.
mounts_under() {
  awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# Remove the work directory, never through a mount point: debootstrap may have
# bind-mounted the host's /dev, /proc or /sys into the rootfs.
cleanup_work() {
  [[ -n "$WORK" && -d "$WORK" ]] || return 0
  local m
  for m in $(mounts_under "$WORK"); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  if [[ -n "$(mounts_under "$WORK")" ]]; then
    log "WARNING: still mounted under $WORK; not removing it: $(mounts_under "$WORK" | tr '\n' ' ')"
    return 0
  fi
  rm -rf --one-file-system "$WORK"
  WORK=""
}

# Bytes used by directory $1 (apparent sizes, this filesystem only).
size_of() { du -sbx "$1" | cut -f1; }

# trim LABEL ROOTFS FUNC: run FUNC ROOTFS and log what it freed.
trim() {
  local what="$1" r="$2" b freed
  shift 2
  b="$(size_of "$r")"
  "$@" "$r"
  freed=$((b - $(size_of "$r")))
  log "  slim: $what: -$(mib "$freed")"
}

# The slim_* steps delete with find, never with globs under the rootfs: a directory
# there that is an absolute symlink would otherwise lead rm into the host's tree
# (find does not follow a symlink it is given as a starting point).
wipe() { # wipe DIR [find tests...]: delete what matches below DIR, if DIR exists
  local dir="$1"
  shift
  [[ -e "$dir" ]] || return 0
  find "$dir" -mindepth 1 "$@" -delete
}

slim_apt() {
  # Package lists, the downloaded .debs debootstrap leaves behind and apt's
  # binary caches (apt-get update brings the lists back).
  wipe "$1/var/lib/apt/lists"
  wipe "$1/var/cache/apt" -maxdepth 1 -name '*.bin'
  wipe "$1/var/cache/apt/archives" \( -name '*.deb' -o -path '*/partial/*' \)
  mkdir -p "$1/var/lib/apt/lists/partial"
}

slim_logs() {
  wipe "$1/var/cache/debconf" -maxdepth 1 -name '*-old'
  wipe "$1/var/lib/dpkg" -maxdepth 1 -name '*-old'
  wipe "$1/var/cache/ldconfig" -maxdepth 1 -name aux-cache
  wipe "$1/var/log" -type f
  wipe "$1/tmp"
  wipe "$1/var/tmp"
  wipe "$1/root" -maxdepth 1 -name .bash_history
}

slim_docs() {
  # Docs, except each package's copyright file (the licences travel with the image).
  wipe "$1/usr/share/doc" -mindepth 2 ! -type d ! -name copyright
  wipe "$1/usr/share/doc" -type d -empty
}

slim_man() {
  # The man directories stay: openjdk's update-alternatives links need
  # /usr/share/man/man1 when a derived image reinstalls or upgrades it.
  wipe "$1/usr/share/man" ! -type d
  wipe "$1/usr/share/info"
  wipe "$1/usr/share/lintian"
  wipe "$1/usr/share/linda"
}

slim_locales() {
  # Message catalogs, and compiled locales other than C (C.utf8 is glibc's own and
  # what LANG=C.UTF-8 needs; Java has its own locale data in lib/modules).
  wipe "$1/usr/share/locale" -mindepth 2
  wipe "$1/usr/share/locale" -type d -empty
  wipe "$1/usr/lib/locale" ! -path "$1/usr/lib/locale/C.utf8" ! -path "$1/usr/lib/locale/C.utf8/*"
}

slim_rootfs() {
  local r="$1"
  # Everything below deletes and truncates under $r: never let it be the host's root.
  [[ -n "$r" && "$(readlink -f "$r")" != / && -d "$r/var/lib/dpkg" && -n "$WORK" && "$r" == "$WORK"/* ]] ||
    die "refusing to slim '$r': not a rootfs under the work directory"
  trim "apt lists and caches" "$r" slim_apt
  trim "logs, backups, tmp" "$r" slim_logs
  trim "docs (copyright files kept)" "$r" slim_docs
  trim "man and info pages" "$r" slim_man
  trim "locales other than C" "$r" slim_locales
  # Keep it so: packages a derived image installs leave these out too.
  mkdir -p "$r/etc/dpkg/dpkg.cfg.d"
  cat >"$r/etc/dpkg/dpkg.cfg.d/dhm-slim" <<'EOF'
# scripts/jre-base-image.sh (docker-health-monitor): keep the image slim.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EOF
  # debootstrap copied these from the host (with the host's mode); the engine
  # mounts its own at run time.
  rm -f "$r/etc/resolv.conf" "$r/etc/hostname" # (rm: not through a symlink)
  : >"$r/etc/resolv.conf"
  : >"$r/etc/hostname"
  chmod 644 "$r/etc/resolv.conf" "$r/etc/hostname"
}

# debootstrap a rootfs into $WORK, slim it and write the tarball and stamp into the cache.
make_rootfs() {
  local t0=$SECONDS arch root rc=0 t_debootstrap before after java_bin java_home tar stamp
  ensure_debootstrap
  arch="$(dpkg --print-architecture)"
  mkdir -p "$CACHE"
  case " $(findmnt -n -o OPTIONS --target "$CACHE" 2>/dev/null | tr ',' ' ') " in
    *" noexec "* | *" nodev "*) die "$CACHE is on a noexec/nodev filesystem; debootstrap cannot work there (set DHM_CACHE_DIR)" ;;
  esac
  WORK="$(mktemp -d "$CACHE/work.XXXXXX")"
  trap cleanup_work EXIT
  trap 'exit 130' INT TERM
  root="$WORK/rootfs"

  local dlog="$CACHE/jre17-$RELEASE-debootstrap.log"
  log "debootstrap $RELEASE ($arch, minbase + $JAVA_PKG, ca-certificates) from $MIRROR; log $dlog"
  debootstrap --variant=minbase --arch="$arch" --include="$JAVA_PKG,ca-certificates" \
    "$RELEASE" "$root" "$MIRROR" >"$dlog" 2>&1 || rc=$?
  if ((rc != 0)); then
    log "last lines of $dlog:"
    tail -n 15 "$dlog" | sed 's/^/    /' >&2
    if [[ -s "$root/debootstrap/debootstrap.log" ]]; then
      log "last lines of the rootfs' debootstrap/debootstrap.log:"
      tail -n 15 "$root/debootstrap/debootstrap.log" | sed 's/^/    /' >&2
    fi
    die "debootstrap of $RELEASE from mirror $MIRROR failed (rc=$rc); see $dlog (set DHM_DEBIAN_MIRROR to try another mirror)"
  fi
  t_debootstrap=$((SECONDS - t0))
  [[ -z "$(mounts_under "$root")" ]] || die "debootstrap left mounts under $root: $(mounts_under "$root" | tr '\n' ' ')"
  log "debootstrap done in ${t_debootstrap}s"

  # Where the JRE is: follow /usr/bin/java inside the rootfs (/etc/alternatives is absolute).
  java_bin="$(chroot "$root" readlink -f /usr/bin/java)" || die "no /usr/bin/java in the rootfs"
  java_home="${java_bin%/bin/java}"
  [[ -x "$root$java_home/bin/java" && "$java_home" == /usr/lib/jvm/java-17-* ]] ||
    die "unexpected java at $java_bin in the rootfs (wanted /usr/lib/jvm/java-17-*/bin/java)"
  [[ -s "$root/etc/ssl/certs/java/cacerts" ]] ||
    die "the rootfs has no Java trust store (/etc/ssl/certs/java/cacerts); ca-certificates-java failed? see $dlog"

  before="$(size_of "$root")"
  slim_rootfs "$root"
  after="$(size_of "$root")"
  log "rootfs slimmed: $(mib "$before") -> $(mib "$after") (-$(mib $((before - after))))"

  tar="$(tarball "$RELEASE")"
  stamp="$(stampfile "$RELEASE")"
  log "packing $tar"
  # /dev, /proc and /sys stay empty: the engine mounts its own.
  tar --numeric-owner -C "$root" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf - . |
    gzip -n -6 >"$tar.tmp" || die "could not write $tar.tmp"
  {
    echo "# rootfs of $REPO:$RELEASE, made by scripts/jre-base-image.sh"
    echo "release=$RELEASE"
    echo "arch=$arch"
    echo "mirror=$MIRROR"
    echo "java_home=$java_home"
    echo "java_package=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Version}' "$JAVA_PKG")"
    echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "debootstrap_seconds=$t_debootstrap"
    echo "bytes_before_slim=$before"
    echo "bytes_after_slim=$after"
    echo "tarball_bytes=$(stat -c %s "$tar.tmp")"
    echo "tarball_sha256=$(sha256sum "$tar.tmp" | cut -d' ' -f1)"
    dpkg-query --admindir="$root/var/lib/dpkg" -W -f 'package=${Package}=${Version}\n' | sort
  } >"$stamp.tmp"
  mv -f "$tar.tmp" "$tar"
  mv -f "$stamp.tmp" "$stamp"
  cleanup_work
  trap - EXIT INT TERM
  log "rootfs cached: $tar ($(mib "$(stat -c %s "$tar")"), $(grep -c '^package=' "$stamp") packages, ${JAVA_PKG} $(stamp_get "$stamp" java_package)) in $((SECONDS - t0))s"
}

# exit 0 if the cached tarball for $RELEASE is whole and matches its stamp.
cache_ok() {
  local tar stamp want
  tar="$(tarball "$RELEASE")"
  stamp="$(stampfile "$RELEASE")"
  [[ -s "$tar" && -s "$stamp" ]] || return 1
  want="$(stamp_get "$stamp" tarball_sha256)"
  [[ -n "$want" && "$(sha256sum "$tar" | cut -d' ' -f1)" == "$want" ]] || {
    log "cached $tar does not match $stamp; making it again"
    return 1
  }
  [[ -n "$(stamp_get "$stamp" java_home)" ]]
}

# ---------------------------------------------------------------------------
# Image

import_image() {
  local tag="$1" tar stamp java_home t0=$SECONDS
  tar="$(tarball "$RELEASE")"
  stamp="$(stampfile "$RELEASE")"
  java_home="$(stamp_get "$stamp" java_home)"
  log "importing $tar as $tag (JAVA_HOME $java_home)"
  dk import \
    --change "ENV JAVA_HOME=$java_home" \
    --change "ENV PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV LANG=C.UTF-8" \
    --change 'CMD ["java","-version"]' \
    --change "LABEL org.opencontainers.image.title=\"dhm JRE 17 base ($RELEASE)\" dhm.jre.release=$RELEASE dhm.jre.package=$(stamp_get "$stamp" java_package) dhm.sandbox=1" \
    --message "scripts/jre-base-image.sh: debootstrap $RELEASE minbase + $JAVA_PKG from $(stamp_get "$stamp" mirror)" \
    "$tar" "$tag" >/dev/null || die "docker import of $tar into $ENGINE failed"
  log "imported in $((SECONDS - t0))s"
}

verify_image() {
  local tag="$1" out
  out="$(dk run --rm --network none "$tag" java -version 2>&1)" || {
    dk rmi "$tag" >/dev/null 2>&1 || true
    die "'java -version' failed in $tag (image removed again; DHM_JRE_REBUILD=1 makes the rootfs anew): $out"
  }
  if ! grep -q 'version "17' <<<"$out"; then
    dk rmi "$tag" >/dev/null 2>&1 || true
    die "$tag runs a java that is not 17 (image removed again; DHM_JRE_REBUILD=1 makes the rootfs anew): $out"
  fi
  log "java -version in $tag:"
  printf '    %s\n' "${out//$'\n'/$'\n'    }" >&2
}

build() {
  local t0=$SECONDS tag
  ((EUID == 0)) || die "must run as root (debootstrap, chroot and $CACHE need it)"
  need_engine
  tag="$(image_tag)"
  if image_present "$tag"; then
    log "image $tag already on $ENGINE; nothing to do"
    return 0
  fi
  mkdir -p "$CACHE"
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$LOCK"
    flock -w "$LOCK_TIMEOUT" 8 || die "could not lock $LOCK within ${LOCK_TIMEOUT}s"
  fi

  choose_release_and_mirror
  if [[ "$RELEASE" != "$WANT_RELEASE" ]]; then
    echo "$RELEASE" >"$FALLBACK_NOTE"
  else
    rm -f "$FALLBACK_NOTE"
  fi
  tag="$REPO:$RELEASE"
  if image_present "$tag"; then # made meanwhile by another run
    log "image $tag already on $ENGINE; nothing to do"
    return 0
  fi

  if [[ "${DHM_JRE_REBUILD:-0}" == 1 ]]; then
    log "DHM_JRE_REBUILD=1: ignoring the cached tarball"
    make_rootfs
  elif cache_ok; then
    log "using cached $(tarball "$RELEASE") (built $(stamp_get "$(stampfile "$RELEASE")" built))"
  else
    make_rootfs
  fi
  import_image "$tag"
  verify_image "$tag"
  log "image $tag ready: $(mib "$(dk image inspect -f '{{.Size}}' "$tag")") in $((SECONDS - t0))s"
}

status() {
  local tag
  tag="$(image_tag)"
  if ! engine_answers; then
    log "engine $ENGINE does not answer"
    return 3
  fi
  if image_present "$tag"; then
    log "image $tag present on $ENGINE ($(mib "$(dk image inspect -f '{{.Size}}' "$tag")"))"
    return 0
  fi
  log "image $tag absent on $ENGINE"
  return 3
}

main() {
  local cmd="${1:-build}"
  case "$cmd" in
    build)  build ;;
    env)    echo "export DHM_BASE_IMAGE=$(image_tag)" ;;
    status) status ;;
    -h|--help|help) sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command '$cmd' (use build|env|status)" ;;
  esac
}

main "$@"
