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
#
# The guest's serial console shows, in order:
#   STRATUS-GUEST-READY          userspace and acpid are up (what the driver waits for)
#   hwrng: <32 hex digits>       bytes read from /dev/hwrng (virtio-rng), or "hwrng: none"
#   disk: vda <bytes>            one line per virtio disk (root disk, config drive)
#   config-drive: vdb uuid <id>  with a config drive (label config-2): its device and meta_data's uuid
#   user-data: <first line>      its openstack/latest/user_data, or "user-data: none"
#   tick 1, tick 2, …            one line a second (stops while paused)
# and acpid powers it off on an ACPI power button (QMP system_powerdown).
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
echo "test guest: downloading $kernel_pkg busybox-static"
apt-get download -qq "$kernel_pkg" busybox-static 2>&1 | grep -v 'unsandboxed as root' || true
ls ./*.deb >/dev/null

mkdir pkg
for deb in ./*.deb; do dpkg-deb -x "$deb" pkg; done
vmlinuz=$(ls pkg/boot/vmlinuz-*)
modules=$(ls -d pkg/lib/modules/*/kernel)

root=initramfs
mkdir -p "$root"/{bin,dev,proc,sys,tmp,mnt,modules,etc/acpi/PWRF}
cp pkg/bin/busybox "$root/bin/busybox"
# The package has no modules.dep: this order follows each module's `depends=`
# (virtio_blk: virtio, virtio_ring; isofs: cdrom).
modules_in_order="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio-rng virtio_blk cdrom isofs evdev button"
for module in $modules_in_order; do
    path=$(find "$modules" -name "$module.ko" | head -n 1)
    if [ -z "$path" ]; then
        echo "test guest: module $module.ko not in $kernel_pkg" >&2
        exit 1
    fi
    cp "$path" "$root/modules/"
done

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
config=$(findfs LABEL=config-2 2>/dev/null)
if [ -n "$config" ] && mkdir -p /mnt/config && mount -t iso9660 -o ro "$config" /mnt/config; then
    meta=/mnt/config/openstack/latest
    uuid=$(sed -n 's/.*"uuid":"\([^"]*\)".*/\1/p' $meta/meta_data.json)
    echo "config-drive: ${config#/dev/} uuid ${uuid:-unknown}"
    if [ -f $meta/user_data ]; then echo "user-data: $(head -n 1 $meta/user_data)"; else echo "user-data: none"; fi
fi
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
(cd "$root" && find . | "$work/$root/bin/busybox" cpio -o -H newc 2>/dev/null | gzip -9) > "$out/initrd.gz.tmp"
cp "$vmlinuz" "$out/vmlinuz.tmp"
mv "$out/initrd.gz.tmp" "$out/initrd.gz"
mv "$out/vmlinuz.tmp" "$out/vmlinuz"
echo "$stamp" > "$out/stamp"
echo "test guest: built $out ($(basename "$vmlinuz"), initrd $(du -k "$out/initrd.gz" | cut -f1) KiB)"
