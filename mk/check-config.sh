#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-config.sh FRAGMENT CONFIG: fail when an option the fragment asks for
# did not end up in the generated config (an unmet dependency, a typo).
# Fragments are concatenated, later ones (a flavor's) overriding earlier
# ones: only the last assignment of each option counts, as for kconfig.
set -euo pipefail
frag=$1 config=$2 bad=0

while IFS= read -r line; do
	case "$line" in
	CONFIG_*=n)
		opt=${line%%=*}
		if grep -q "^$opt=" "$config"; then
			echo "config: $opt is set, the fragment asks for n" >&2
			bad=1
		fi ;;
	CONFIG_*=*)
		if ! grep -qxF "$line" "$config"; then
			echo "config: $line did not hold; got:" \
				"$(grep "^${line%%=*}[= ]\|# ${line%%=*} " "$config" || echo unset)" >&2
			bad=1
		fi ;;
	esac
done < <(grep '^CONFIG_' "$frag" | tac | awk -F= '!seen[$1]++' | tac)
exit $bad
