#!/usr/bin/env bash
# Builds the tiny test guest the QEMU driver's integration tests (and
# `stratus serve --driver qemu`) boot: Debian's cloud kernel and an initramfs
# of static busybox, both from Debian packages (docs: /work/shared/reference/qemu.md).
#
#   scripts/build-test-guest.sh [OUTPUT_DIR]     default: .build/test-guest
#
# Writes OUTPUT_DIR/vmlinuz and OUTPUT_DIR/initrd.gz; does nothing when they exist
# and were built by this version of the script.
# Needs apt-get (after `apt-get update`), dpkg-deb and gzip; busybox itself packs the cpio.
# readelf or objdump (binutils), when there, list the libraries dropbear loads.
#
# The guest's serial console shows, in order:
#   STRATUS-GUEST-READY          userspace and acpid are up (what the driver waits for)
#   hwrng: <32 hex digits>       bytes read from /dev/hwrng (virtio-rng), or "hwrng: none"
#   disk: vda <bytes>            one line per virtio disk (root disk, config drive)
#   config-drive: vdb uuid <id>  with a config drive (label config-2): its device and meta_data's uuid
#   user-data: <first line>      its openstack/latest/user_data, or "user-data: none"
#   hostname: <name>             meta_data's "hostname" (else the kernel's default, "(none)")
#   network: eth0 <ip>/<prefix> via <gateway or none>
#                                one line per NIC configured from network_data.json, or "network: none"
#   sshd: dropbear on :22        once dropbear listens, or "sshd: none"
#   tick 1, tick 2, …            one line a second (stops while paused)
# and acpid powers it off on an ACPI power button (QMP system_powerdown).
# Root logs in over SSH (dropbear, no password) with the keys of meta_data's
# public_keys/keys; commands run in busybox sh.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/.build/test-guest}

# The stamp is this script's digest: a changed guest recipe rebuilds (v2: disks, config drive).
stamp=$(sha256sum "$0" | cut -d' ' -f1)
if [ -s "$out/vmlinuz" ] && [ -s "$out/initrd.gz" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "test guest: already built in $out"
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# The metapackage names the versioned kernel package it depends on.
kernel_pkg=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
if [ -z "$kernel_pkg" ]; then
    echo "test guest: no versioned linux-image-cloud-amd64 dependency (run apt-get update)" >&2
    exit 1
fi
# dropbear-bin and its dependencies, recursively: the shared libraries dropbear loads.
mapfile -t dropbear_pkgs < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances dropbear-bin | awk '/^[a-z0-9]/' | sort -u)
echo "test guest: downloading $kernel_pkg busybox-static ${dropbear_pkgs[*]}"
apt-get download -qq "$kernel_pkg" busybox-static "${dropbear_pkgs[@]}" 2>&1 | grep -v 'unsandboxed as root' || true
ls ./*.deb >/dev/null

mkdir pkg
for deb in ./*.deb; do dpkg-deb -x "$deb" pkg; done
vmlinuz=$(ls pkg/boot/vmlinuz-*)
modules=$(ls -d pkg/lib/modules/*/kernel)

root=initramfs
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,mnt,modules,root,etc/acpi/PWRF,etc/dropbear,var/run,var/log,lib64}
cp pkg/bin/busybox "$root/bin/busybox"
# The package has no modules.dep: this order follows each module's `depends=`
# (virtio_blk: virtio, virtio_ring; virtio_net: net_failover: failover; isofs: cdrom).
modules_in_order="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio-rng virtio_blk failover net_failover virtio_net cdrom isofs evdev button"
for module in $modules_in_order; do
    path=$(find "$modules" -name "$module.ko" | head -n 1)
    if [ -z "$path" ]; then
        echo "test guest: module $module.ko not in $kernel_pkg" >&2
        exit 1
    fi
    cp "$path" "$root/modules/"
done

# dropbear is dynamically linked: it, the loader, and the libraries it needs (NEEDED, transitively).
libdir=lib/x86_64-linux-gnu
mkdir -p "$root/$libdir"
needed() {
    if command -v readelf >/dev/null; then
        readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
    elif command -v objdump >/dev/null; then
        objdump -p "$1" | awk '$1 == "NEEDED" { print $2 }'
    else  # Debian 12's dropbear-bin
        case ${1##*/} in
            dropbear) echo libtomcrypt.so.1 libtommath.so.1 libz.so.1 libcrypt.so.1 libc.so.6 ;;
            libtomcrypt.so.1) echo libgmp.so.10 libtommath.so.1 libc.so.6 ;;
            libc.so.6) echo ld-linux-x86-64.so.2 ;;
            ld-linux-x86-64.so.2) ;;
            *) echo libc.so.6 ;;
        esac
    fi
}
copy_libraries() {  # $1: an ELF file in the initramfs
    local lib path
    for lib in $(needed "$1"); do
        [ -e "$root/$libdir/$lib" ] && continue
        path=$(find pkg -path "*/x86_64-linux-gnu/$lib" -print -quit)
        if [ -z "$path" ]; then
            echo "test guest: $lib (needed by ${1##*/}) is in none of ${dropbear_pkgs[*]}" >&2
            exit 1
        fi
        cp -L "$path" "$root/$libdir/$lib"
        copy_libraries "$root/$libdir/$lib"
    done
}
cp pkg/usr/sbin/dropbear "$root/sbin/dropbear"
copy_libraries "$root/sbin/dropbear"
ln -s "/$libdir/ld-linux-x86-64.so.2" "$root/lib64/ld-linux-x86-64.so.2"

# Root without a password (dropbear only takes keys); dropbear refuses a shell not in /etc/shells.
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
echo '/bin/sh' > "$root/etc/shells"
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files\n' > "$root/etc/nsswitch.conf"
echo '127.0.0.1 localhost' > "$root/etc/hosts"
chmod 700 "$root/root"

# Nova's metadata as "path<TAB>value" lines, one per scalar: {"a":[{"b":"x"}]} gives
# "a.0.b<TAB>x". Strings are unescaped (\uXXXX becomes "?", \n a space); trailing blanks go.
cat > "$root/etc/json.awk" <<'EOF'
function scalar(v,   p, j) {
    sub(/[ \t]+$/, "", v)
    p = key[1]
    for (j = 2; j <= d; j++) p = p "." key[j]
    print p "\t" v
}
{ text = text $0 "\n" }
END {
    n = length(text); d = 0
    for (i = 1; i <= n; i++) {
        c = substr(text, i, 1)
        if (c == "\"") {
            s = ""
            for (i++; i <= n; i++) {
                c = substr(text, i, 1)
                if (c == "\"") break
                if (c == "\\") {
                    c = substr(text, ++i, 1)
                    if (c == "n" || c == "t" || c == "r") c = " "
                    else if (c == "b" || c == "f") c = ""
                    else if (c == "u") { i += 4; c = "?" }
                } else if (c == "\t") c = " "
                s = s c
            }
            if (type[d] == "o" && wantkey[d]) { key[d] = s; wantkey[d] = 0 }
            else scalar(s)
        } else if (c == "{") { d++; type[d] = "o"; wantkey[d] = 1 }
        else if (c == "[") { d++; type[d] = "a"; key[d] = 0 }
        else if (c == "}" || c == "]") d--
        else if (c == ",") { if (type[d] == "a") key[d]++; else wantkey[d] = 1 }
        else if (c ~ /[-+.0-9a-zA-Z]/) {
            s = c
            while (i < n && substr(text, i + 1, 1) ~ /[-+.0-9a-zA-Z]/) s = s substr(text, ++i, 1)
            scalar(s)
        }
    }
}
EOF

# network_data.json's IPv4 networks (flattened) as "mac ip netmask gateway mtu", "-" for none.
cat > "$root/etc/networks.awk" <<'EOF'
BEGIN { FS = "\t" }
{ split($1, p, ".") }
p[1] == "links" && p[3] == "id" { link[$2] = p[2] }
p[1] == "links" && p[3] == "ethernet_mac_address" { mac[p[2]] = tolower($2) }
p[1] == "links" && p[3] == "mtu" && $2 ~ /^[0-9]+$/ { mtu[p[2]] = $2 }
p[1] == "networks" && p[2] + 1 > count { count = p[2] + 1 }
p[1] == "networks" && p[3] ~ /^(type|ip_address|netmask|link)$/ { net[p[2], p[3]] = $2 }
p[1] == "networks" && p[3] == "routes" && p[5] ~ /^(gateway|netmask|network)$/ { route[p[2], p[4], p[5]] = $2 }
END {
    for (n = 0; n < count; n++) {
        if (net[n, "type"] != "ipv4" || net[n, "ip_address"] == "" || net[n, "netmask"] == "") continue
        if (!(net[n, "link"] in link)) continue
        l = link[net[n, "link"]]
        if (mac[l] == "") continue
        gateway = "-"
        for (r = 0; (n, r, "gateway") in route; r++)
            if (route[n, r, "network"] == "0.0.0.0" && route[n, r, "netmask"] == "0.0.0.0") { gateway = route[n, r, "gateway"]; break }
        print mac[l], net[n, "ip_address"], net[n, "netmask"], gateway, (l in mtu) ? mtu[l] : "-"
    }
}
EOF

cat > "$root/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/busybox sh
/bin/busybox poweroff -f
EOF
chmod 755 "$root/etc/acpi/PWRF/00000080"

cat > "$root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for module in MODULES_IN_ORDER; do
    insmod /modules/$module.ko 2>/dev/null
done
# -l is required (busybox acpid logs or exits); evdev delivers the power button.
# Started before the marker, so a power-off right after the spawn is not lost.
acpid -c /etc/acpi -l /tmp/acpid.log
echo STRATUS-GUEST-READY
sleep 1  # let the virtio-rng device register as /dev/hwrng
# Without a virtio-rng device /dev/hwrng exists but reads fail: print "none".
bytes=$(od -An -tx1 -N16 /dev/hwrng 2>/dev/null | tr -d ' \n')
echo "hwrng: ${bytes:-none}"
for disk in /sys/block/vd*; do
    [ -e "$disk" ] || continue
    echo "disk: ${disk##*/} $(( $(cat "$disk/size") * 512 ))"
done
# The config drive, as cloud-init finds it: by its label; mounted read-only.
meta=
config=$(findfs LABEL=config-2 2>/dev/null)
if [ -n "$config" ] && mkdir -p /mnt/config && mount -t iso9660 -o ro "$config" /mnt/config; then
    meta=/mnt/config/openstack/latest
    uuid=$(sed -n 's/.*"uuid":"\([^"]*\)".*/\1/p' $meta/meta_data.json)
    echo "config-drive: ${config#/dev/} uuid ${uuid:-unknown}"
    if [ -f $meta/user_data ]; then echo "user-data: $(head -n 1 $meta/user_data)"; else echo "user-data: none"; fi
fi
# As cloud-init would: the hostname and root's SSH keys from meta_data, the NICs from network_data.
[ -n "$meta" ] && awk -f /etc/json.awk $meta/meta_data.json > /tmp/meta_data.tsv 2>/dev/null
[ -n "$meta" ] && awk -f /etc/json.awk $meta/network_data.json > /tmp/network_data.tsv 2>/dev/null
touch /tmp/meta_data.tsv /tmp/network_data.tsv
name=$(awk -F '\t' '$1 == "hostname" { print $2; exit }' /tmp/meta_data.tsv)
[ -n "$name" ] && hostname "$name" 2>/dev/null
echo "hostname: $(hostname)"
mkdir -p /root/.ssh
chmod 700 /root/.ssh
awk -F '\t' '($1 ~ /^public_keys\./ || $1 ~ /^keys\.[0-9]+\.data$/) && $2 ~ /^(ssh-|ecdsa-|sk-)/ && !seen[$2]++ { print $2 }' \
    /tmp/meta_data.tsv > /root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys
ip link set lo up
nics=0
awk -f /etc/networks.awk /tmp/network_data.tsv > /tmp/nics
while read -r mac ip netmask gateway mtu; do
    dev=
    for address in /sys/class/net/*/address; do
        [ "$(cat "$address")" = "$mac" ] && dev=${address%/address} && dev=${dev##*/}
    done
    prefix=$(ipcalc -p "$ip" "$netmask" 2>/dev/null | sed -n 's/^PREFIX=//p')
    if [ -z "$dev" ] || [ -z "$prefix" ]; then continue; fi
    [ "$mtu" = - ] || ip link set dev "$dev" mtu "$mtu"
    if ! ip addr add "$ip/$prefix" dev "$dev" || ! ip link set dev "$dev" up; then continue; fi
    # One default route: the first NIC's gateway that takes.
    [ "$gateway" = - ] || ip route add default via "$gateway" dev "$dev" 2>/dev/null
    [ "$gateway" = - ] && gateway=none
    echo "network: $dev $ip/$prefix via $gateway"
    nics=$((nics + 1))
done < /tmp/nics
[ $nics -gt 0 ] || echo "network: none"
# dropbear: host keys made on first use (-R), logs in /tmp/dropbear.log; ready once it listens.
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
/sbin/dropbear -R -F -E -p 22 -P /var/run/dropbear.pid > /tmp/dropbear.log 2>&1 &
sshd=$!
listening=
for _ in $(seq 100); do
    awk '$2 ~ /:0016$/ && $4 == "0A" { found = 1 } END { exit !found }' /proc/net/tcp /proc/net/tcp6 && listening=1 && break
    kill -0 $sshd 2>/dev/null || break
    usleep 100000
done
if [ -n "$listening" ]; then echo "sshd: dropbear on :22"; else echo "sshd: none"; fi
i=0
while true; do
    i=$((i + 1))
    echo "tick $i"
    sleep 1
done
EOF
sed -i "s/MODULES_IN_ORDER/$modules_in_order/" "$root/init"
chmod 755 "$root/init"

mkdir -p "$out"
# -R 0:0: root owns every file, whoever builds (dropbear checks /root/.ssh's owner).
(cd "$root" && find . | "$work/$root/bin/busybox" cpio -o -H newc -R 0:0 2>/dev/null | gzip -9) > "$out/initrd.gz.tmp"
cp "$vmlinuz" "$out/vmlinuz.tmp"
mv "$out/initrd.gz.tmp" "$out/initrd.gz"
mv "$out/vmlinuz.tmp" "$out/vmlinuz"
echo "$stamp" > "$out/stamp"
echo "test guest: built $out ($(basename "$vmlinuz"), initrd $(du -k "$out/initrd.gz" | cut -f1) KiB)"
