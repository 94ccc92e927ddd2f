# shellcheck shell=bash
# Shared helpers of scripts/serve and scripts/test: find Odoo, install and start
# a private PostgreSQL cluster, build the addons path.  Sourced, never run.

set -euo pipefail

ADDON=sale_customer_care
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=${PYTHON:-python3}

die() { printf '%s\n' "$*" >&2; exit 1; }
say() { printf '[%s] %s\n' "$ADDON" "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "Cannot run '$*': it needs root and sudo is not installed."
    fi
}

# Debian packages, installed only when a command is missing.
ensure_debs() {  # ensure_debs CMD:PACKAGE ...
    local missing=() pair
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/"${pair%%:*}" >/dev/null 2>&1 \
            || missing+=("${pair#*:}")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || die "Please install these Debian packages first: ${missing[*]}."
    say "installing ${missing[*]} from Debian"
    as_root apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Odoo: ODOO_SRC (a source tree) or an importable `odoo` package.
find_odoo() {
    if [ -n "${ODOO_SRC:-}" ]; then
        [ -f "$ODOO_SRC/odoo/release.py" ] || die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo/release.py there)."
        export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
    fi
    local info
    info=$("$PY" -c 'import os, odoo.release as r; print(r.version_info[0]); print(os.path.dirname(os.path.dirname(r.__file__)))' 2>/dev/null) \
        || die "Odoo 19 cannot be found: install Odoo 19.0 so that '$PY -c \"import odoo\"' works (see README, Setup), or set ODOO_SRC to an Odoo 19.0 source tree."
    [ "$(sed -n 1p <<<"$info")" = 19 ] || die "The Odoo found at $(sed -n 2p <<<"$info") is not version 19.0: point ODOO_SRC at an Odoo 19.0 source tree."
    ODOO_SRC=$(sed -n 2p <<<"$info")
    export ODOO_SRC
}

# The addons path: Odoo's own addons plus a folder holding a link named after
# the addon, so that the repository can be cloned under any name.
make_addons_path() {  # make_addons_path RUNDIR
    local run=$1
    mkdir -p "$run/addons"
    ln -sfn "$ROOT" "$run/addons/$ADDON"
    ADDONS_PATH="$run/addons"
    [ -d "$ODOO_SRC/addons" ] && ADDONS_PATH="$ODOO_SRC/addons,$ADDONS_PATH"
    [ -d "$ODOO_SRC/odoo/addons" ] && ADDONS_PATH="$ODOO_SRC/odoo/addons,$ADDONS_PATH"
    export ADDONS_PATH
}

pg_bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] || d=$(dirname "$(command -v pg_ctl)")
    printf '%s' "$d"
}

# PostgreSQL refuses to run as root: as root the cluster belongs to "postgres".
pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_cluster DIR PORT: initdb (first time) and start a cluster listening only
# on a unix socket inside DIR. Sets DB_HOST, DB_PORT, DB_USER.
start_cluster() {
    local dir=$1 port=$2 bin
    ensure_debs initdb:postgresql pg_ctl:postgresql
    bin=$(pg_bindir)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if ! pg_as_owner test -w "$dir"; then
        die "PostgreSQL's user cannot write to $dir: clone the project where user 'postgres' can reach it, or set PGHOST to an existing server."
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        pg_as_owner "$bin/initdb" -D "$dir/data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || die "initdb failed, see $dir/initdb.log."
    fi
    mkdir -p "$dir/socket"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir/socket"
    if ! pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 \
            -o "-k $dir/socket -p $port -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
            start >/dev/null || die "PostgreSQL did not start, see $dir/postgresql.log."
    fi
    DB_HOST=$dir/socket DB_PORT=$port DB_USER=odoo DB_PASSWORD=
    export DB_HOST DB_PORT DB_USER DB_PASSWORD
}

stop_cluster() {  # stop_cluster DIR
    local bin
    bin=$(pg_bindir)
    pg_as_owner "$bin/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null 2>&1 || true
}

# An existing server, named by PG* variables or --db-host.
use_existing_server() {
    DB_HOST=${DB_HOST:-${PGHOST:-}} DB_PORT=${DB_PORT:-${PGPORT:-5432}}
    DB_USER=${DB_USER:-${PGUSER:-odoo}} DB_PASSWORD=${DB_PASSWORD:-${PGPASSWORD:-}}
    export DB_HOST DB_PORT DB_USER DB_PASSWORD
}

write_odoo_conf() {  # write_odoo_conf FILE DATADIR [extra lines]
    local file=$1 data=$2
    shift 2
    {
        echo "[options]"
        echo "addons_path = $ADDONS_PATH"
        echo "data_dir = $data"
        echo "db_host = $DB_HOST"
        echo "db_port = $DB_PORT"
        echo "db_user = $DB_USER"
        echo "db_password = $DB_PASSWORD"
        echo "http_interface = 127.0.0.1"
        printf '%s\n' "$@"
    } >"$file"
}

odoo_cli() { "$PY" -m odoo "$@"; }
