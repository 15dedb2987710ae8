# SPDX-License-Identifier: GPL-2.0
#
# Sourced by mk/fetch-debian-*.sh: apt for a foreign Debian architecture
# without touching the host. apt runs with a private state directory,
# build/debian/apt-DEBARCH, on the host's sources; packages are only
# downloaded, never installed, and no architecture is added to dpkg.
#
#   debian_apt_init ARCH   set $debarch, $apt_state and the apt_opts array
#   debian_apt_src_init    the same for source packages (deb-src)
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

# True when the private state holds a package or source index matching
# the find(1) tests given (none: any age).
debian_apt_have_indexes() {
	[ -n "$(find "$apt_state/lists" -maxdepth 1 \
		\( -name '*_Packages*' -o -name '*_Sources*' \) "$@" 2>/dev/null | head -n1)" ]
}

# A mirror in mid-sync fails an index now and then: try again, and in the
# end make do with the indexes that did arrive (apt keeps them), saying so.
# With DEBIAN_APT_MAX_AGE=N (minutes), indexes younger than that are reused.
debian_apt_update() {
	local try lock=$apt_state/update.lock
	exec 8> "$lock"
	flock 8
	if [ -n "${DEBIAN_APT_MAX_AGE:-}" ] &&
		debian_apt_have_indexes -mmin -"$DEBIAN_APT_MAX_AGE"; then
		exec 8>&-
		return 0
	fi
	echo "debian-apt: apt-get update for $debarch" >&2
	for try in 1 2 3; do
		apt-get "${apt_opts[@]}" update >"$apt_state/update.log" 2>&1 && break
		if [ "$try" = 3 ]; then
			if ! debian_apt_have_indexes; then
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

# Source packages are architecture-independent: one private state,
# build/debian/apt-src, whose sources list names deb-src for the Debian
# archives the host uses (apt's own view of them, so any sources format).
#
#   debian_apt_src_init    set $debarch (source), $apt_state and apt_opts
debian_apt_src_init() {
	debarch=source
	apt_state=$top/build/debian/apt-src
	mkdir -p "$apt_state/lists/partial" "$apt_state/cache/archives/partial"
	# The kexec-tools and makedumpfile builds share this state and may run
	# at once: each writes a list of its own and renames it into place.
	local list
	list=$(mktemp "$apt_state/sources.list.XXXXXX")
	# shellcheck disable=SC2016 # apt's $(FIELD) placeholders, not shell
	apt-get indextargets --format 'deb-src $(REPO_URI) $(RELEASE) $(COMPONENT)' \
		'Origin: Debian' 'Created-By: Packages' | sort -u > "$list"
	if [ ! -s "$list" ]; then
		rm -f "$list"
		echo "debian-apt: the host's apt knows no Debian archive (run apt-get update)" >&2
		return 1
	fi
	mv "$list" "$apt_state/sources.list"
	apt_opts=(-q -o "Dir::Etc::SourceList=$apt_state/sources.list"
		-o "Dir::Etc::SourceParts=$apt_state/no-parts"
		-o "Dir::State::Lists=$apt_state/lists" -o "Dir::Cache=$apt_state/cache"
		-o "Dir::State::status=/dev/null" -o Debug::NoLocking=1
		-o APT::Sandbox::User=root)
}
