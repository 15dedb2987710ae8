# SPDX-License-Identifier: GPL-2.0
#
# Sourced by mk/fetch-debian-*.sh: apt for a foreign Debian architecture
# without touching the host. apt runs with a private state directory,
# build/debian/apt-DEBARCH, on the host's sources; packages are only
# downloaded, never installed, and no architecture is added to dpkg.
#
#   debian_apt_init ARCH   set $debarch, $apt_state and the apt_opts array
#   debian_apt_update      apt-get update into the private state (locked)

# shellcheck shell=bash
debian_apt_init() {
	case "$1" in
	x86_64)	debarch=amd64 ;;
	arm64)	debarch=arm64 ;;
	arm)	debarch=armhf ;;
	*)	echo "debian-apt: unknown ARCH $1" >&2; return 2 ;;
	esac
	apt_state=$top/build/debian/apt-$debarch
	apt_opts=(-q -o "APT::Architecture=$debarch" -o "APT::Architectures::=$debarch"
		-o "Dir::State::Lists=$apt_state/lists" -o "Dir::Cache=$apt_state/cache"
		-o "Dir::State::status=/dev/null" -o Debug::NoLocking=1)
	mkdir -p "$apt_state/lists/partial" "$apt_state/cache/archives/partial"
}

# A mirror in mid-sync fails an index now and then: try again, and in the
# end make do with the indexes that did arrive (apt keeps them), saying so.
# With DEBIAN_APT_MAX_AGE=N (minutes), indexes younger than that are reused.
debian_apt_update() {
	local try lock=$apt_state/update.lock
	exec 8> "$lock"
	flock 8
	if [ -n "${DEBIAN_APT_MAX_AGE:-}" ] &&
		[ -n "$(find "$apt_state/lists" -maxdepth 1 -name '*_Packages*' \
			-mmin -"$DEBIAN_APT_MAX_AGE" 2>/dev/null | head -n1)" ]; then
		exec 8>&-
		return 0
	fi
	echo "debian-apt: apt-get update for $debarch" >&2
	for try in 1 2 3; do
		apt-get "${apt_opts[@]}" update >"$apt_state/update.log" 2>&1 && break
		if [ "$try" = 3 ]; then
			if ! ls "$apt_state"/lists/*_Packages* >/dev/null 2>&1; then
				cat "$apt_state/update.log" >&2
				exec 8>&-
				return 1
			fi
			echo "debian-apt: some $debarch indexes did not arrive;" \
				"using those that did:" >&2
			grep '^E:' "$apt_state/update.log" | head -n 3 >&2
		fi
		sleep $((try * 5))
	done
	exec 8>&-
}
