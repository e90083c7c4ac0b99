#!/usr/bin/env bash
# Side-by-side benchmark: Wharf vs CNCF distribution 2.8.2 (Debian's docker-registry), with
# nginx serving the same files statically as a ceiling. Loopback only, bounded durations.
# See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly LAYER_COUNT=4
readonly LAYER_MIB=50
readonly REPO=bench/img
readonly TAG=tag
readonly OCI_MANIFEST=application/vnd.oci.image.manifest.v1+json
readonly OCI_LAYER=application/vnd.oci.image.layer.v1.tar
readonly OCI_CONFIG=application/vnd.oci.image.config.v1+json
readonly WRK_SECONDS=10
readonly WARMUP_SECONDS=5
readonly CURL_REPEATS=5
readonly STARTUP_TIMEOUT_S=60          # distribution, nginx
readonly WHARF_STARTUP_TIMEOUT_S=600   # includes a first build through ./wharf serve
readonly COPY_TIMEOUT_S=300            # one skopeo copy

ONLY_REFERENCE=false
ROUNDS=5
WARMUP=3
WHARF_STORAGE=filesystem
S3PROXY_VERSION=4.1.0
OUT_FILE="$ROOT/docs/benchmarks.md"
WRITE_OUT=true
WHARF_CONFIG=""
KEEP_WORK=false
AUTH=none
readonly BENCH_USER=bench
readonly BENCH_PASSWORD=bench-Pa55-word
HTPASSWD_FILE=""
# Set by setup_auth when --auth htpasswd: what clients add to every request.
CURL_AUTH=()
SKOPEO_SRC_AUTH=()
SKOPEO_DEST_AUTH=()
WRK_AUTH_HEADER=""

usage() {
  cat <<EOF
Usage: bench/run.sh [OPTIONS]

Starts Wharf, distribution 2.8.2 and nginx on 127.0.0.1, measures them side by side,
prints a Markdown table and appends it to docs/benchmarks.md.

Options:
  --only-reference   skip Wharf; measure distribution and nginx only
  --rounds N         push/pull a fresh image N times per server, report the median (default 5)
  --warmup N         push/pull N fresh images per server first, untimed, so the figures are
                     those of a server in its steady state (default 3; the first push after
                     start is reported on its own row either way)
  --wharf-config F   pass --config F to ./wharf serve
  --wharf-storage S  filesystem (default), or s3proxy: Wharf stores blobs through its S3 driver
                     in an S3Proxy ${S3PROXY_VERSION} (filesystem backend) started here, redirects on
                     as by default; the S3Proxy's CPU counts as Wharf's
  --auth MODE        none (default), or htpasswd: Wharf and distribution both check basic
                     credentials against one bcrypt htpasswd file (htpasswd -B, its default cost)
                     and every client sends them; nginx stays open as the ceiling
  --out FILE         append the results to FILE instead of docs/benchmarks.md
  --no-write         print the table only
  --keep             keep the temporary directory (logs, data) for inspection
  -h, --help         this help

Environment: WHARF_JAVA_OPTS is passed on to ./wharf serve (e.g. WHARF_JAVA_OPTS=-Xmx256m).
EOF
}

parse_args() {
  while (( $# )); do
    case "$1" in
      --only-reference) ONLY_REFERENCE=true ;;
      --rounds) ROUNDS="${2:?--rounds needs a number}"; shift ;;
      --warmup) WARMUP="${2:?--warmup needs a number}"; shift ;;
      --wharf-config) WHARF_CONFIG="$(realpath "${2:?--wharf-config needs a file}")"; shift ;;
      --wharf-storage) WHARF_STORAGE="${2:?--wharf-storage needs filesystem or s3proxy}"; shift ;;
      --auth) AUTH="${2:?--auth needs none or htpasswd}"; shift ;;
      --out) OUT_FILE="$(realpath -m "${2:?--out needs a file}")"; shift ;;
      --no-write) WRITE_OUT=false ;;
      --keep) KEEP_WORK=true ;;
      -h|--help) usage; exit 0 ;;
      *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
  done
  [[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "--rounds must be a positive number" >&2; exit 2; }
  [[ "$WHARF_STORAGE" == filesystem || "$WHARF_STORAGE" == s3proxy ]] ||
    { echo "--wharf-storage must be filesystem or s3proxy" >&2; exit 2; }
  [[ "$AUTH" == none || "$AUTH" == htpasswd ]] || { echo "--auth must be none or htpasswd" >&2; exit 2; }
  [[ "$WHARF_STORAGE" == filesystem || -z "$WHARF_CONFIG" ]] ||
    { echo "--wharf-storage s3proxy writes its own Wharf configuration; drop --wharf-config" >&2; exit 2; }
}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }
# For a failed measurement: reported in the table as "failed", the run goes on.
fail() { printf '[bench] measurement failed: %s\n' "$*" >&2; return 1; }

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------

APT_UPDATED=false

as_root() {
  if [[ "$(id -u)" == 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# apt-get install, non-interactive; waits for a concurrent apt/dpkg run to release its lock.
apt_install() {
  local attempt
  if [[ "$APT_UPDATED" == false ]]; then
    log "apt-get update"
    for attempt in $(seq 1 30); do
      as_root env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600 update && break
      (( attempt < 30 )) || die "apt-get update kept failing"
      log "apt-get update failed (lock held by another apt run?), retrying in 10 s"
      sleep 10
    done
    APT_UPDATED=true
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -qq -y -o DPkg::Lock::Timeout=600 \
    --no-install-recommends install "$@" >/dev/null
}

ensure_command() {
  local command="$1" package="${2:-$1}"
  command -v "$command" >/dev/null || apt_install "$package"
  command -v "$command" >/dev/null || die "$command is still missing after installing $package"
}

install_tools() {
  ensure_command curl
  ensure_command sha256sum coreutils
  ensure_command skopeo
  ensure_command wrk
  ensure_command nginx nginx
  ensure_command docker-registry
  [[ "$AUTH" == none ]] || ensure_command htpasswd apache2-utils
}

# One user in a bcrypt htpasswd file both registries read, and the credentials every client sends.
setup_auth() {
  [[ "$AUTH" == htpasswd ]] || return 0
  HTPASSWD_FILE="$WORK/htpasswd"
  htpasswd -B -b -c "$HTPASSWD_FILE" "$BENCH_USER" "$BENCH_PASSWORD" 2>/dev/null
  CURL_AUTH=(-u "$BENCH_USER:$BENCH_PASSWORD")
  SKOPEO_SRC_AUTH=(--src-creds "$BENCH_USER:$BENCH_PASSWORD")
  SKOPEO_DEST_AUTH=(--dest-creds "$BENCH_USER:$BENCH_PASSWORD")
  WRK_AUTH_HEADER="wrk.headers[\"Authorization\"] = \"Basic $(printf '%s:%s' "$BENCH_USER" "$BENCH_PASSWORD" | base64 -w0)\""
  log "basic authentication on, htpasswd file $HTPASSWD_FILE (bcrypt cost $(cut -d'$' -f3 "$HTPASSWD_FILE" | head -n1))"
}

# ---------------------------------------------------------------------------
# Processes and cleanup
# ---------------------------------------------------------------------------

WORK=""
STARTED_PIDS=()

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 100); do          # up to 10 s for a graceful stop
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    if [[ "$KEEP_WORK" == true ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on (and that this run has not handed out).
USED_PORTS=" "
free_port() {
  local port attempt
  for attempt in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    [[ "$USED_PORTS" == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      USED_PORTS+="$port "
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

# wait_until_ready NAME URL PID TIMEOUT_S: polls URL until it answers 200 or 401.
wait_until_ready() {
  local name="$1" url="$2" pid="$3" timeout_s="$4" deadline code
  deadline=$(( SECONDS + timeout_s ))
  while (( SECONDS < deadline )); do
    kill -0 "$pid" 2>/dev/null || { show_log_tail "$name"; die "$name exited during startup"; }
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)"
    [[ "$code" == 200 || "$code" == 401 || "$code" == 403 ]] && return 0   # 403: S3Proxy, unsigned
    sleep 0.2
  done
  show_log_tail "$name"
  die "$name not ready after ${timeout_s}s ($url)"
}

show_log_tail() {
  echo "---- last lines of $1's log ($WORK/$1/log) ----" >&2
  tail -n 30 "$WORK/$1/log" >&2 || true
}

# ---------------------------------------------------------------------------
# Test image: an OCI layout with LAYER_COUNT random, uncompressed layers
# ---------------------------------------------------------------------------

# The image of the first round; its manifest and first layer also serve the GET tests.
IMAGE_DIR=""
MANIFEST_FILE=""
BLOB_DIGEST=""
# Set by make_oci_image for the image it made last.
MADE_MANIFEST_FILE=""
MADE_FIRST_LAYER=""

# store_blob DIR FILE: moves FILE into the layout DIR's blob store; prints its sha256 hex digest.
store_blob() {
  local dir="$1" file="$2" hex
  hex="$(sha256sum "$file" | cut -d' ' -f1)"
  mv "$file" "$dir/blobs/sha256/$hex"
  echo "$hex"
}

# make_oci_image DIR: an OCI layout holding one image tagged $TAG, with LAYER_COUNT layers of
# random bytes (new bytes every call: skopeo remembers which blobs a registry already has
# and would mount them instead of uploading).
make_oci_image() {
  local dir="$1" i hex size layers="" diff_ids="" config_hex config_size manifest_hex manifest_size
  mkdir -p "$dir/blobs/sha256"
  MADE_FIRST_LAYER=""
  for (( i = 1; i <= LAYER_COUNT; i++ )); do
    head -c "$(( LAYER_MIB * 1024 * 1024 ))" /dev/urandom > "$WORK/layer.tmp"
    size="$(stat -c %s "$WORK/layer.tmp")"
    hex="$(store_blob "$dir" "$WORK/layer.tmp")"
    [[ -n "$MADE_FIRST_LAYER" ]] || MADE_FIRST_LAYER="sha256:$hex"
    layers+="${layers:+,}{\"mediaType\":\"$OCI_LAYER\",\"digest\":\"sha256:$hex\",\"size\":$size}"
    diff_ids+="${diff_ids:+,}\"sha256:$hex\""
  done
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[%s]},"config":{}}' \
    "$diff_ids" > "$WORK/config.tmp"
  config_size="$(stat -c %s "$WORK/config.tmp")"
  config_hex="$(store_blob "$dir" "$WORK/config.tmp")"
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"sha256:%s","size":%s},"layers":[%s]}' \
    "$OCI_MANIFEST" "$OCI_CONFIG" "$config_hex" "$config_size" "$layers" > "$WORK/manifest.tmp"
  manifest_size="$(stat -c %s "$WORK/manifest.tmp")"
  manifest_hex="$(store_blob "$dir" "$WORK/manifest.tmp")"
  MADE_MANIFEST_FILE="$dir/blobs/sha256/$manifest_hex"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"%s","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
    "$OCI_MANIFEST" "$manifest_hex" "$manifest_size" "$TAG" > "$dir/index.json"
}

make_test_image() {
  log "generating a $(( LAYER_COUNT * LAYER_MIB )) MiB OCI image with $LAYER_COUNT random layers"
  IMAGE_DIR="$WORK/image"
  make_oci_image "$IMAGE_DIR"
  MANIFEST_FILE="$MADE_MANIFEST_FILE"
  BLOB_DIGEST="$MADE_FIRST_LAYER"
}

# ---------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------

declare -A PORT PID

start_distribution() {
  local dir="$WORK/distribution" port
  port="$(free_port)"
  mkdir -p "$dir/data"
  cat > "$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$port
EOF
  if [[ "$AUTH" == htpasswd ]]; then
    printf 'auth:\n  htpasswd:\n    realm: bench\n    path: %s\n' "$HTPASSWD_FILE" >> "$dir/config.yml"
  fi
  docker-registry serve "$dir/config.yml" > "$dir/log" 2>&1 &
  PID[distribution]=$!; STARTED_PIDS+=("$!"); PORT[distribution]=$port
  wait_until_ready distribution "http://127.0.0.1:$port/v2/" "${PID[distribution]}" "$STARTUP_TIMEOUT_S"
  log "distribution $(docker-registry --version | awk '{print $3}') on 127.0.0.1:$port (pid ${PID[distribution]})"
}

# nginx serves the test image's manifest and first layer at the registry's URL paths.
start_nginx() {
  local dir="$WORK/nginx" port user_line=""
  port="$(free_port)"
  mkdir -p "$dir/tmp" "$dir/root/v2/$REPO/manifests" "$dir/root/v2/$REPO/blobs"
  ln -s "$MANIFEST_FILE" "$dir/root/v2/$REPO/manifests/$TAG"
  ln -s "$IMAGE_DIR/blobs/sha256/${BLOB_DIGEST#sha256:}" "$dir/root/v2/$REPO/blobs/$BLOB_DIGEST"
  [[ "$(id -u)" == 0 ]] && user_line="user root;"
  cat > "$dir/nginx.conf" <<EOF
$user_line
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port;
    root $dir/root;
    location /v2/$REPO/manifests/ { default_type $OCI_MANIFEST; }
  }
}
EOF
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' > "$dir/log" 2>&1 &
  PID[nginx]=$!; STARTED_PIDS+=("$!"); PORT[nginx]=$port
  wait_until_ready nginx "http://127.0.0.1:$port/v2/$REPO/manifests/$TAG" "${PID[nginx]}" "$STARTUP_TIMEOUT_S"
  log "$(nginx -v 2>&1 | sed 's/.*: //') on 127.0.0.1:$port (pid ${PID[nginx]})"
}

# S3Proxy with its filesystem backend, and a Wharf configuration that uses it through the S3 driver.
start_s3proxy() {
  local dir="$WORK/s3proxy" port jar
  port="$(free_port)"
  mkdir -p "$dir/base/wharf"
  jar="$ROOT/bootstrap/target/test-servers/s3proxy.jar"
  if [[ ! -f "$jar" ]]; then
    log "fetching S3Proxy $S3PROXY_VERSION from Maven Central"
    "$ROOT/mvnw" -q -B dependency:copy -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" \
      -DoutputDirectory="$dir" >/dev/null || die "could not fetch S3Proxy"
    jar="$dir/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
  fi
  cat > "$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/base
PROPS
  "${JAVA_HOME:-/usr}/bin/java" -Xmx512m -jar "$jar" --properties "$dir/s3proxy.properties" > "$dir/log" 2>&1 &
  PID[s3proxy]=$!; STARTED_PIDS+=("$!")
  wait_until_ready s3proxy "http://127.0.0.1:$port/" "${PID[s3proxy]}" 60
  WHARF_CONFIG="$dir/wharf.yml"
  cat > "$WHARF_CONFIG" <<YAML
storage:
  driver: s3
  s3:
    bucket: wharf
    regionendpoint: http://127.0.0.1:$port
    forcepathstyle: true
    accesskey: bench
    secretkey: bench-secret
YAML
  log "S3Proxy on 127.0.0.1:$port (pid ${PID[s3proxy]}), Wharf configured with $WHARF_CONFIG"
}

start_wharf() {
  local dir="$WORK/wharf" port args=()
  port="$(free_port)"
  mkdir -p "$dir/data"
  [[ "$WHARF_STORAGE" != s3proxy ]] || start_s3proxy
  args=(serve --port "$port" --data-dir "$dir/data")
  [[ -z "$WHARF_CONFIG" ]] || args+=(--config "$WHARF_CONFIG")
  log "starting Wharf (./wharf ${args[*]}); the first start may build it"
  # ./wharf execs the JVM, so $! is the JVM's pid once it runs.
  # the access log off, as distribution's is (accesslog: disabled) in its configuration above
  if [[ "$AUTH" == htpasswd ]]; then
    WHARF_LOG_ACCESS=false WHARF_AUTH_MODE=htpasswd WHARF_AUTH_HTPASSWD_PATH="$HTPASSWD_FILE" \
      "$ROOT/wharf" "${args[@]}" > "$dir/log" 2>&1 &
  else
    WHARF_LOG_ACCESS=false "$ROOT/wharf" "${args[@]}" > "$dir/log" 2>&1 &
  fi
  PID[wharf]=$!; STARTED_PIDS+=("$!"); PORT[wharf]=$port
  wait_until_ready wharf "http://127.0.0.1:$port/v2/" "${PID[wharf]}" "$WHARF_STARTUP_TIMEOUT_S"
  log "wharf on 127.0.0.1:$port (pid ${PID[wharf]}, WHARF_JAVA_OPTS='${WHARF_JAVA_OPTS:-}')"
}

# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------

declare -A RESULT    # RESULT[metric,server]
declare -A SAMPLES   # SAMPLES[metric,server]: one figure per round, a line each

now() { date +%s.%N; }
elapsed_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# skopeo copies that keep the layers uncompressed and the digests unchanged (without
# --preserve-digests skopeo gzips uncompressed layers itself, and that is what would be timed).
skopeo_copy() {
  timeout "$COPY_TIMEOUT_S" skopeo --insecure-policy copy --quiet --preserve-digests \
    --src-tls-verify=false --dest-tls-verify=false "$@"
}

# CPU seconds (user + system) a process and its children have used so far: Wharf's embedded
# PostgreSQL runs detached, so for Wharf its postmaster's tree is added by the caller.
cpu_seconds() {
  local pid total=0 ticks
  for pid in "$@"; do
    [[ -n "$pid" && -r "/proc/$pid/stat" ]] || continue
    # utime + stime + cutime + cstime: fields 14-17, after the parenthesised command name
    ticks="$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 + $14 + $15 }')"
    total=$(( total + ticks ))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t / hz }'
}

# The processes whose CPU a server's push or pull costs: the server, plus for Wharf its embedded
# PostgreSQL (postmaster and backends: it runs detached from the JVM).
server_pids() {
  local server="$1" postmaster
  echo "${PID[$server]}"
  [[ "$server" == wharf ]] || return 0
  [[ -z "${PID[s3proxy]:-}" ]] || echo "${PID[s3proxy]}"
  postmaster="$(pgrep -o -f -- "postgres -D $WORK/wharf/" || true)"
  [[ -n "$postmaster" ]] || return 0
  echo "$postmaster"
  cat /proc/"$postmaster"/task/*/children 2>/dev/null || true
}

# One push and one pull of a fresh image (round 0 uses the image made at start), timed, with
# the server's CPU; appends the figures to SAMPLES[metric,server], metric prefixed by $3
# (e.g. "cold_" or "warmup_").
push_pull_round() {
  local server="$1" round="$2" prefix="${3:-}" port="${PORT[$1]}" repo image layer start cpu_before pulled
  if (( round == 0 )); then
    repo="$REPO" image="$IMAGE_DIR" layer="$BLOB_DIGEST"
  else
    repo="$REPO-r$round" image="$WORK/image-$server-$round"
    make_oci_image "$image" || fail "generating $image" || return 1
    layer="$MADE_FIRST_LAYER"
  fi
  cpu_before="$(cpu_seconds $(server_pids "$server"))"
  start="$(now)"
  skopeo_copy "${SKOPEO_DEST_AUTH[@]}" "oci:$image:$TAG" "docker://127.0.0.1:$port/$repo:$TAG" ||
    fail "$server: push" || return 1
  SAMPLES[${prefix}push,$server]+="$(elapsed_since "$start")"$'\n'
  SAMPLES[${prefix}push_cpu,$server]+="$(cpu_since "$cpu_before" "$server")"$'\n'
  pulled="$WORK/pulled-$server-$round"
  cpu_before="$(cpu_seconds $(server_pids "$server"))"
  start="$(now)"
  skopeo_copy --dest-oci-accept-uncompressed-layers "${SKOPEO_SRC_AUTH[@]}" \
    "docker://127.0.0.1:$port/$repo:$TAG" "oci:$pulled:$TAG" || fail "$server: pull" || return 1
  SAMPLES[${prefix}pull,$server]+="$(elapsed_since "$start")"$'\n'
  SAMPLES[${prefix}pull_cpu,$server]+="$(cpu_since "$cpu_before" "$server")"$'\n'
  cmp -s "$pulled/blobs/sha256/${layer#sha256:}" "$image/blobs/sha256/${layer#sha256:}" \
    || fail "$server: pulled layer differs from the pushed one" || return 1
  rm -rf "$pulled"
  [[ "$image" == "$IMAGE_DIR" ]] || rm -rf "$image"
}

cpu_since() {
  awk -v a="$1" -v b="$(cpu_seconds $(server_pids "$2"))" 'BEGIN { printf "%.2f", b - a }'
}

# Rounds alternate between the servers, and so does which one goes first, so that neither
# always meets a cold page cache or the other's leftover writeback. Round 0 is each server's
# first push after start (reported as "cold"); then come the untimed warm-up rounds, then the
# measured ones.
measure_push_and_pull() {
  local servers=("$@") round server order metric prefix
  declare -A failed=()
  for (( round = 0; round <= WARMUP + ROUNDS; round++ )); do
    prefix=""
    (( round > 0 )) || prefix="cold_"
    (( round == 0 || round > WARMUP )) || prefix="warmup_"
    order=("${servers[@]}")
    (( round % 2 == 0 )) || order=($(printf '%s\n' "${servers[@]}" | tac))
    for server in "${order[@]}"; do
      [[ -z "${failed[$server]:-}" ]] || continue
      push_pull_round "$server" "$round" "$prefix" ||
        { failed[$server]=1; mark_failed "$server" push pull push_cpu pull_cpu cold_push cold_push_cpu; }
    done
  done
  for server in "${servers[@]}"; do
    [[ -z "${failed[$server]:-}" ]] || continue
    for metric in push pull push_cpu pull_cpu cold_push cold_push_cpu; do
      RESULT[$metric,$server]="$(printf '%s' "${SAMPLES[$metric,$server]}" | median)"
    done
    log "$server: push ${RESULT[push,$server]} s (server CPU ${RESULT[push_cpu,$server]} s)," \
      "pull ${RESULT[pull,$server]} s (server CPU ${RESULT[pull_cpu,$server]} s) (median of $ROUNDS after $WARMUP warm-up);" \
      "first push after start ${RESULT[cold_push,$server]} s (server CPU ${RESULT[cold_push_cpu,$server]} s)"
  done
}

# Prints wrk's Requests/sec; fails on non-2xx answers or socket errors.
wrk_run() {
  local threads="$1" connections="$2" url="$3" seconds="${4:-$WRK_SECONDS}" script="$WORK/accept.lua" out
  cat > "$script" <<EOF
wrk.method = "GET"
wrk.headers["Accept"] = "$OCI_MANIFEST"
$WRK_AUTH_HEADER
EOF
  out="$(timeout $(( seconds + 30 )) wrk -t"$threads" -c"$connections" -d"${seconds}s" \
           --timeout 10s -s "$script" "$url")" || fail "wrk on $url" || return 1
  printf '%s\n' "$out" >> "$WORK/wrk.log"
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    printf '%s\n' "$out" >&2
    fail "wrk saw errors on $url" || return 1
  fi
  printf '%s\n' "$out"
}

measure_manifest_rps() {
  local server="$1" url="http://127.0.0.1:${PORT[$1]}/v2/$REPO/manifests/$TAG" got out
  got="$(curl -sf --max-time 10 "${CURL_AUTH[@]}" -H "Accept: $OCI_MANIFEST" "$url" | sha256sum | cut -d' ' -f1)"
  [[ "$got" == "$(basename "$MANIFEST_FILE")" ]] || fail "$server: manifest GET returned other bytes" || return 1
  # The same warm-up for every server: a registry serves warm; a JIT needs a few seconds to get there.
  wrk_run 2 32 "$url" "$WARMUP_SECONDS" >/dev/null || return 1
  out="$(wrk_run 2 32 "$url")" || return 1
  RESULT[manifest_rps,$server]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
  log "$server: manifest GET ${RESULT[manifest_rps,$server]} req/s"
}

# Blob GET: one connection (median of CURL_REPEATS curl runs), then 4 connections (wrk).
measure_blob_throughput() {
  local server="$1" url="http://127.0.0.1:${PORT[$1]}/v2/$REPO/blobs/$BLOB_DIGEST" i speeds="" got out speed
  got="$(curl -sfL --max-time 60 "${CURL_AUTH[@]}" "$url" | sha256sum | cut -d' ' -f1)"
  [[ "sha256:$got" == "$BLOB_DIGEST" ]] || fail "$server: blob GET returned other bytes" || return 1
  for (( i = 1; i <= CURL_REPEATS; i++ )); do
    speed="$(curl -sfL --max-time 60 "${CURL_AUTH[@]}" -o /dev/null -w '%{speed_download}' "$url")" || fail "$server: curl $url" || return 1
    speeds+="$speed"$'\n'
  done
  RESULT[blob_1,$server]="$(printf '%s' "$speeds" | awk '{ printf "%.0f\n", $1 / 1048576 }' | median)"
  if [[ "$server" == wharf && "$WHARF_STORAGE" == s3proxy ]]; then
    # blob GETs answer 307 to the object store; wrk cannot follow, it would time the redirects
    RESULT[blob_4,$server]="n/a (307)"
    log "$server: blob GET ${RESULT[blob_1,$server]} MiB/s (1 conn, following the redirect)"
    return 0
  fi
  # wrk prints Transfer/sec in 1024-based units.
  out="$(wrk_run 2 4 "$url")" || return 1
  RESULT[blob_4,$server]="$(awk '/^Transfer\/sec:/ {
      v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+$/, "", v)
      f = (u == "GB") ? 1024 : (u == "MB") ? 1 : (u == "KB") ? 1 / 1024 : 1 / 1048576
      printf "%.0f", v * f }' <<<"$out")"
  log "$server: blob GET ${RESULT[blob_1,$server]} MiB/s (1 conn), ${RESULT[blob_4,$server]} MiB/s (4 conn)"
}

# Peak RSS (VmHWM) in MiB of a process plus its direct children (nginx workers).
peak_rss_mib() {
  local pid="$1" pids kb=0 child value
  pids="$pid $(cat /proc/"$pid"/task/*/children 2>/dev/null || true)"
  for child in $pids; do
    value="$(awk '/^VmHWM:/ { print $2 }' "/proc/$child/status" 2>/dev/null || true)"
    kb=$(( kb + ${value:-0} ))
  done
  awk -v kb="$kb" 'BEGIN { printf "%.0f", kb / 1024 }'
}

# Peak RSS in MiB of the PostgreSQL that Wharf may have started for its catalog (it runs
# detached from the JVM, with its data under Wharf's data dir): postmaster plus backends,
# each process counted whole (shared buffers are counted more than once). Empty if none.
wharf_postgres_rss_mib() {
  local postmaster
  postmaster="$(pgrep -o -f -- "postgres -D $WORK/wharf/" || true)"
  [[ -z "$postmaster" ]] || peak_rss_mib "$postmaster"
}

# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------

result() { echo "${RESULT[$1,$2]:-—}"; }

# mark_failed SERVER METRIC...: shows "failed" for those metrics.
mark_failed() {
  local server="$1" metric
  shift
  for metric in "$@"; do RESULT[$metric,$server]=failed; done
}

ratio() {
  local w="${RESULT[$1,wharf]:-}" d="${RESULT[$1,distribution]:-}"
  if [[ "$w" =~ ^[0-9.]+$ && "$d" =~ ^[0-9.]+$ ]] && awk -v d="$d" 'BEGIN { exit !(d > 0) }'; then
    awk -v w="$w" -v d="$d" 'BEGIN { printf "%.2f×", w / d }'
  else
    echo "—"
  fi
}

table_row() {
  local key="$1" label="$2"
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$(result "$key" wharf)" \
    "$(result "$key" distribution)" "$(result "$key" nginx)" "$(ratio "$key")"
}

results_table() {
  local image="$(( LAYER_COUNT * LAYER_MIB )) MiB, $LAYER_COUNT layers"
  echo "| metric | wharf | distribution 2.8.2 | nginx (static ceiling) | wharf/distribution |"
  echo "|---|---:|---:|---:|---:|"
  table_row cold_push "first skopeo push after start, $image (s, lower is better)"
  table_row cold_push_cpu "server CPU during that first push (s, user + system)"
  table_row push "skopeo push, $image, steady state (s, lower is better)"
  table_row push_cpu "server CPU during that push (s, user + system, median)"
  table_row pull "skopeo pull, $image (s, lower is better)"
  table_row pull_cpu "server CPU during that pull (s, user + system, median)"
  table_row manifest_rps "manifest GET by tag (req/s, wrk -t2 -c32 ${WRK_SECONDS}s)"
  table_row blob_1 "${LAYER_MIB} MiB blob GET, 1 connection (MiB/s, median of $CURL_REPEATS curl)"
  table_row blob_4 "${LAYER_MIB} MiB blob GET, 4 connections (MiB/s, wrk -t2 -c4 ${WRK_SECONDS}s)"
  table_row rss "peak RSS over the run (MiB, VmHWM; nginx: master + workers)"
  [[ -z "${RESULT[pg_rss,wharf]:-}" ]] || table_row pg_rss "peak RSS of Wharf's embedded PostgreSQL (MiB, all its processes)"
}

# Other work on the machine skews every figure: say so.
warn_if_machine_busy() {
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
    log "WARNING: load average $load on $(nproc) cores: other work is running, figures will be noisy"
  fi
}

machine_line() {
  local mem commit
  mem="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)"
  if [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n1)" ]]; then commit+=" (uncommitted changes)"; fi
  printf '%s, nproc %s, %s RAM, %s, load average at start %s; commit %s' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$mem" "$(uname -srm)" "$START_LOAD" "$commit"
}

versions_line() {
  local java="not run" exe
  if [[ "$ONLY_REFERENCE" == false ]]; then
    exe="$(readlink "/proc/${PID[wharf]}/exe" 2>/dev/null || true)"
    if [[ "$(basename "$exe")" == java ]]; then java="$("$exe" -version 2>&1 | head -n1)"; else java="?"; fi
  fi
  printf 'wharf JVM: %s (WHARF_JAVA_OPTS=%s, storage %s); %s; %s; skopeo %s; wrk %s' \
    "$java" "${WHARF_JAVA_OPTS:-none}" "$( [[ "$WHARF_STORAGE" == s3proxy ]] &&
      echo "s3 driver on S3Proxy $S3PROXY_VERSION, filesystem backend, redirects on; wrk does not follow redirects" ||
      echo filesystem)" "$(docker-registry --version | awk '{ print "distribution " $3 }')" \
    "$(nginx -v 2>&1 | sed 's/.*: //')" "$(skopeo --version | awk '{ print $3 }')" \
    "$(wrk -v 2>&1 | awk 'NR == 1 { print $2 }')"
}

report() {
  local section
  section="$(
    echo "## $(machine_line)"
    echo
    [[ "$ONLY_REFERENCE" == false ]] || echo "Reference servers only (run with --only-reference)."
    [[ "$ONLY_REFERENCE" == false ]] || echo
    results_table
    echo
    [[ "$AUTH" == none ]] || echo "Basic authentication on Wharf and distribution (--auth $AUTH): one bcrypt htpasswd file, credentials on every request; nginx open."
    [[ "$AUTH" == none ]] || echo
    echo "$(versions_line). Push/pull: median of $ROUNDS round(s) after $WARMUP untimed warm-up round(s), servers alternating round by round. All on 127.0.0.1, one server loaded at a time."
  )"
  echo
  printf '%s\n' "$section"
  if [[ "$WRITE_OUT" == true ]]; then
    mkdir -p "$(dirname "$OUT_FILE")"
    if [[ ! -s "$OUT_FILE" ]]; then
      # shellcheck disable=SC2016  # literal backquotes: Markdown code
      printf '# Benchmarks\n\nWritten by %s (see bench/README.md); newest run last.\n' '`bench/run.sh`' > "$OUT_FILE"
    fi
    printf '\n%s\n' "$section" >> "$OUT_FILE"
    log "appended to ${OUT_FILE#"$ROOT"/}"
  fi
}

# ---------------------------------------------------------------------------

main() {
  parse_args "$@"
  install_tools
  START_LOAD="$(cut -d' ' -f1 /proc/loadavg)"
  warn_if_machine_busy
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/wharf-bench.XXXXXX")"
  make_test_image
  setup_auth

  local servers=(distribution) server
  [[ "$ONLY_REFERENCE" == true ]] || servers=(wharf distribution)
  for server in "${servers[@]}"; do "start_$server"; done
  start_nginx

  measure_push_and_pull "${servers[@]}"
  for server in "${servers[@]}" nginx; do
    measure_manifest_rps "$server" || mark_failed "$server" manifest_rps
  done
  for server in "${servers[@]}" nginx; do
    measure_blob_throughput "$server" || mark_failed "$server" blob_1 blob_4
  done
  for server in "${servers[@]}" nginx; do RESULT[rss,$server]="$(peak_rss_mib "${PID[$server]}")"; done
  [[ "$ONLY_REFERENCE" == true ]] || RESULT[pg_rss,wharf]="$(wharf_postgres_rss_mib)"

  report
}

main "$@"
