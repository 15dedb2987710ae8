#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make-sample.sh NAME KERNEL OFFSET+SIZE...: keep the given byte ranges of a
# real kernel as samples/NAME.bin and record them in samples/SAMPLES, from
# which the tests rebuild a buffer of the kernel's length (zeros between).
set -euo pipefail

name=$1 kernel=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/samples/$name.bin
len=$(stat -L -c %s "$kernel")
: > "$bin"
for r in "$@"; do
	off=$((${r%+*})) size=$((${r#*+}))
	dd if="$kernel" bs=4096 iflag=skip_bytes,count_bytes skip="$off" \
		count="$size" status=none >> "$bin"
done
index=$here/samples/SAMPLES
touch "$index"
grep -v "^$name " "$index" > "$index.new" || true
echo "$name $len $*" >> "$index.new"
mv "$index.new" "$index"
