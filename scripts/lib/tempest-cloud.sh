# shellcheck shell=bash
# A Stratus configured for tempest's compute tests, shared by tempest-compute.sh and
# tempest-interop.sh; sources server.sh, tempest.sh and checks.sh.
#
#   tempest_cloud_venv NAME         the clients' venv; sets venv, py and cli_timeout
#   tempest_cloud_start NAME WORK [SERVE-ARGS...]
#                                   starts the server (by default 4 simulated hosts, the
#                                   public-cloud image profile: tempest's members upload
#                                   snapshots; SERVE-ARGS replace the host count),
#                                   makes sure it has two images, and writes
#                                   WORK/tempest.conf with its images, its maximum
#                                   microversion and the features Stratus implements on.
#                                   Traps EXIT to stop the server (and print its log
#                                   unless $ok_run is 1).
#   tempest_passing WORK            the tests of the last run that passed, one id a line,
#                                   without their [id-…] attributes, sorted

TEMPEST_CLOUD_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/lib/server.sh
. "$TEMPEST_CLOUD_LIB/server.sh"
# shellcheck source=scripts/lib/tempest.sh
. "$TEMPEST_CLOUD_LIB/tempest.sh"
# shellcheck source=scripts/lib/checks.sh
. "$TEMPEST_CLOUD_LIB/checks.sh"

tempest_cloud_venv() {
    "$STRATUS_ROOT/scripts/venv.sh" || { echo "$1: could not set up .venv" >&2; return 2; }
    venv=${STRATUS_VENV:-$STRATUS_ROOT/.venv}
    py=$venv/bin/python
    cli_timeout=120
}

ok_run=0
# shellcheck disable=SC2317  # called by the trap
tempest_cloud_finish() {
    [ "$ok_run" -eq 1 ] || stratus_log_tail 80
    stratus_stop
}

tempest_cloud_start() {
    local name=$1 work=$2
    shift 2
    local serve_args=("$@")
    [ ${#serve_args[@]} -gt 0 ] || serve_args=(--hosts 4)
    trap tempest_cloud_finish EXIT
    trap 'exit 130' INT TERM
    if ! stratus_start "${serve_args[@]}" --image-trust public-cloud; then
        echo "$name: the server did not start" >&2
        return 2
    fi
    echo "stratus serving at $STRATUS_URL"

    as_admin image list --status active -f value -c ID || { echo "$name: image list failed: $err" >&2; return 2; }
    local images=$out
    if [ "$(echo "$images" | grep -c .)" -lt 2 ]; then
        head -c 65536 /dev/urandom >"$STRATUS_TMP/alt.img"
        as_admin image create --public --disk-format raw --container-format bare \
            --file "$STRATUS_TMP/alt.img" tempest-alt || { echo "$name: could not upload an image: $err" >&2; return 2; }
        as_admin image list --status active -f value -c ID
        images=$out
    fi
    local image_ref image_alt max_version
    image_ref=$(echo "$images" | sed -n 1p)
    image_alt=$(echo "$images" | sed -n 2p)
    max_version=$(curl -s "$STRATUS_URL/compute/v2.1/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"]["version"])')
    echo "images $image_ref $image_alt, compute microversions 2.1 to $max_version"

    tempest_conf "$work"
    tempest_set "$work" compute image_ref "$image_ref"
    tempest_set "$work" compute image_ref_alt "$image_alt"
    tempest_set "$work" compute max_microversion "$max_version"
    tempest_set "$work" compute min_compute_nodes 2
    # The Networking v2 subset: a shared network servers get addresses on, security
    # groups; no isolated per-project networks, and only the extensions it lists.
    tempest_set "$work" service_available neutron true
    tempest_set "$work" auth create_isolated_networks false
    tempest_set "$work" compute fixed_network_name shared
    as_admin token issue -f value -c id || { echo "$name: no token: $err" >&2; return 2; }
    local extensions
    extensions=$(curl -s -H "X-Auth-Token: $out" "$STRATUS_URL/network/v2.0/extensions" |
        python3 -c 'import json,sys; print(",".join(e["alias"] for e in json.load(sys.stdin)["extensions"]))')
    tempest_set "$work" network-feature-enabled api_extensions "$extensions"
    echo "network extensions: $extensions"
    # The Block Storage v3 subset: volumes and their attachments, nothing else of Cinder's.
    tempest_set "$work" service_available cinder true
    tempest_set "$work" volume build_timeout 60
    local feature
    for feature in backup snapshot clone; do
        tempest_set "$work" volume-feature-enabled "$feature" false
    done
    for feature in pause suspend console_output resize cold_migration snapshot live_migration block_migration_for_live_migration; do
        tempest_set "$work" compute-feature-enabled "$feature" true
    done
    # The filters the scheduler runs (SchedulerConfiguration.defaultFilters) that
    # carry Nova's names; tempest skips tests whose filter is not listed.
    tempest_set "$work" compute-feature-enabled scheduler_enabled_filters \
        "AvailabilityZoneFilter,ComputeFilter,ImagePropertiesFilter,ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter,SameHostFilter,DifferentHostFilter,AggregateInstanceExtraSpecsFilter"
}

tempest_passing() {
    # stestr's subunit stream of the last run, read by tempest's own subunit-trace peers.
    (cd "$1" && "$venv/bin/stestr" last --subunit 2>/dev/null | "$venv/bin/subunit2csv" --no-passthrough 2>/dev/null) |
        "$py" -c '
import csv, sys
for row in csv.DictReader(sys.stdin):
    if row.get("status") == "success":
        print(row["test"].split("[", 1)[0])' | sort -u
}
