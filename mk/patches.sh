#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make patches: export the overlay and patches/series as a git
# format-patch series against the recorded base version, one logical
# change per patch, into build/patches/ (0000-cover-letter.patch first).
#
# What goes where is patches/groups; the cover letter's subject and text
# are patches/cover-letter, followed by the latest test results found in
# build/check/*.log; each per-subsystem series but kexec's has its own,
# patches/cover-letter.NAME. What is exported is what is committed (HEAD),
# so that work in progress in the checkout does not leak into the series.
#
# The series is made in a temporary git repository whose first commit,
# "base", holds the pristine base version of every file the series
# touches (a diff needs no other file, and copying the whole tree would
# cost minutes); each block of patches/groups is then one commit.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
base=$build/base
out=${PATCHES_OUT:-$build/patches}
groups=$top/patches/groups
# Kernel top-level directories: the overlay, as in mk/prepare-tree.sh.
overlay_dirs="arch block certs crypto Documentation drivers fs include init
	io_uring ipc kernel lib mm net rust samples scripts security sound tools
	usr virt"

die() { echo "patches: $*" >&2; exit 1; }

if [ ! -d "$base" ] || [ ! -f "$build/base-version" ]; then
	die "no build/base; run make tree"
fi
[ -f "$groups" ] || die "patches/groups is missing"
version=$(cat "$build/base-version")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kexec-patches.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The identity of the existing patches; the date of HEAD, so that the same
# HEAD always gives byte-identical patches.
from=$(git -C "$top" show HEAD:patches/0001-kexec-build-the-image-format-core.patch |
	sed -n 's/^From: //p' | head -n1)
[ -n "$from" ] || die "no From: line in patches/0001"
export GIT_AUTHOR_NAME=${from% <*} GIT_AUTHOR_EMAIL=${from##*<}
GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL%>}
export GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
GIT_AUTHOR_DATE=$(git -C "$top" log -1 --format=%cI HEAD)
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE

# Split patches/groups into $tmp/blocks/N/{subject,patch,files,body}.
mkdir -p "$tmp/blocks"
awk -v dir="$tmp/blocks" '
	function start() { n++; hdr = 1; system("mkdir -p " dir "/" n)
		f = dir "/" n; printf "" > (f "/files"); printf "" > (f "/body") }
	/^#/ && !n { next }
	/^%%$/ { start(); next }
	!n { next }
	hdr && /^Subject: / { sub(/^Subject: /, ""); print > (f "/subject"); next }
	hdr && /^Patch: / { sub(/^Patch: /, ""); print > (f "/patch"); next }
	hdr && /^Files: / { sub(/^Files: /, ""); gsub(/[ \t]+/, "\n"); print > (f "/files"); next }
	hdr && /^$/ { hdr = 0; next }
	hdr { printf "patches/groups: block %d: unknown line: %s\n", n, $0 > "/dev/stderr"; exit 1 }
	{ print > (f "/body") }
' "$groups"
nblocks=$(find "$tmp/blocks" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$nblocks" -gt 0 ] || die "patches/groups has no blocks"

# Every patch of the series, in order, in exactly one block.
git -C "$top" show HEAD:patches/series | sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
	> "$tmp/series"
for ((i = 1; i <= nblocks; i++)); do
	[ -f "$tmp/blocks/$i/patch" ] && cat "$tmp/blocks/$i/patch"
done > "$tmp/grouped-patches"
cmp -s "$tmp/series" "$tmp/grouped-patches" ||
	die "patches/groups must name each patch of patches/series once, in order:
$(diff "$tmp/series" "$tmp/grouped-patches" | sed -n 's/^[<>] /  /p')"

# Map every overlay file at HEAD to the first block that names it.
# shellcheck disable=SC2086
git -C "$top" ls-tree -r --name-only HEAD -- $overlay_dirs > "$tmp/overlay"
unassigned=()
while read -r f; do
	hit=""
	for ((i = 1; i <= nblocks && !${#hit}; i++)); do
		while read -r pat; do
			[ -n "$pat" ] || continue
			# $pat is a pattern, unquoted on purpose.
			# shellcheck disable=SC2053
			case "$pat" in
			*/) [[ "$f" == "$pat"* ]] && { hit=$i; break; } ;;
			*) [[ "$f" == $pat ]] && { hit=$i; break; } ;;
			esac
		done < "$tmp/blocks/$i/files"
	done
	if [ -n "$hit" ]; then
		echo "$f" >> "$tmp/blocks/$hit/members"
	else
		unassigned+=("$f")
	fi
done < "$tmp/overlay"
if [ ${#unassigned[@]} -gt 0 ]; then
	echo "patches: these overlay files belong to no patch; add them to a" \
		"Files: line of patches/groups:" >&2
	printf '  %s\n' "${unassigned[@]}" >&2
	exit 1
fi
for ((i = 1; i <= nblocks; i++)); do
	[ -s "$tmp/blocks/$i/members" ] || [ -f "$tmp/blocks/$i/patch" ] ||
		die "patches/groups: block $i ($(cat "$tmp/blocks/$i/subject" 2>/dev/null)) has no file"
done

# Files a patch touches, from its ---/+++ lines (as mk/prepare-tree.sh).
patch_targets() {
	awk '/^--- / { old = $2 } /^\+\+\+ / {
		f = ($2 == "/dev/null") ? old : $2
		sub(/^[^\/]*\//, "", f); print f }' "$1"
}

# The "base" commit: the pristine version of every file the series touches.
repo=$tmp/git
mkdir -p "$repo"
git -C "$repo" init -q
git -C "$repo" config core.autocrlf false
{
	cat "$tmp/overlay"
	while read -r p; do
		git -C "$top" show "HEAD:patches/$p" > "$tmp/$p"
		patch_targets "$tmp/$p"
	done < "$tmp/series"
} | sort -u | while read -r f; do
	if [ -f "$base/$f" ]; then
		mkdir -p "$repo/$(dirname "$f")"
		cp -p "$base/$f" "$repo/$f"
	fi
done
git -C "$repo" add -A
git -C "$repo" commit -q --allow-empty -m "base: Debian linux-source-6.12 $version"
git -C "$repo" tag base

# A patch file's message: its Subject without "[PATCH...]", then its body.
patch_message() {
	sed -n 's/^Subject: \(\[[^]]*\] \)\{0,1\}//p' "$1" | head -n1
	echo
	awk 'body && /^---$/ { exit } body { print } !body && /^$/ { body = 1 }' "$1"
}

signoff="Signed-off-by: $GIT_AUTHOR_NAME <$GIT_AUTHOR_EMAIL>"
for ((i = 1; i <= nblocks; i++)); do
	b=$tmp/blocks/$i
	msg=$b/message
	if [ -f "$b/patch" ]; then
		p=$(cat "$b/patch")
		patch -d "$repo" -p1 -s --fuzz=0 --no-backup-if-mismatch < "$tmp/$p" ||
			die "$p does not apply to base $version"
		patch_message "$tmp/$p" > "$msg.patch"
	fi
	if [ -f "$b/subject" ]; then
		{ cat "$b/subject"; echo; sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$b/body"; } > "$msg"
	elif [ -f "$msg.patch" ]; then
		mv "$msg.patch" "$msg"
	else
		die "patches/groups: block $i has neither Subject: nor Patch:"
	fi
	grep -qxF "$signoff" "$msg" || printf '\n%s\n' "$signoff" >> "$msg"
	if [ -f "$b/members" ]; then
		while read -r f; do
			mkdir -p "$repo/$(dirname "$f")"
			git -C "$top" show "HEAD:$f" > "$repo/$f"
			mode=$(git -C "$top" ls-tree HEAD -- "$f" | awk '{ print $1 }')
			if [ "$mode" = 100755 ]; then chmod 755 "$repo/$f"; else chmod 644 "$repo/$f"; fi
		done < "$b/members"
	fi
	git -C "$repo" add -A
	git -C "$repo" commit -q -F "$msg" ||
		die "block $i ($(head -n1 "$msg")) changes nothing"
done

# The cover letter: patches/cover-letter, the base, the latest results.
results() {
	local l line
	for l in "$build"/check/*.log; do
		[ -f "$l" ] || continue
		line=$(grep -E '^[a-z0-9_-]+: [0-9]+ passed, [0-9]+ failed' "$l" | tail -n1)
		[ -n "$line" ] && printf '  %-44s (%s, %s)\n' "$line" "${l#"$top"/}" \
			"$(date -u -r "$l" '+%Y-%m-%d %H:%M UTC')"
	done
	return 0
}
cp "$top/patches/cover-letter" "$tmp/cover"
cover_subject=$(head -n1 "$tmp/cover")
{
	tail -n +3 "$tmp/cover"
	echo
	echo "The series applies to Debian's linux-source-6.12 $version (Linux"
	echo "$(sed -n 's/^SUBLEVEL = //p;' "$base/Makefile" | sed 's/^/6.12./'))."
	res=$(results)
	if [ -n "$res" ]; then
		echo
		echo "Latest test results (make check, build/check/):"
		echo
		echo "$res"
	fi
} > "$tmp/blurb"

rm -rf "$out"
mkdir -p "$out"
git -C "$repo" format-patch -q --cover-letter --binary -o "$out" base..HEAD
cover=$(ls "$out"/0000-cover-letter.patch)
python3 - "$cover" "$cover_subject" "$tmp/blurb" <<'PY'
import sys
path, subject, blurb = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().rstrip('\n')
text = open(path).read()
text = text.replace('*** SUBJECT HERE ***', subject, 1)
text = text.replace('*** BLURB HERE ***', blurb, 1)
open(path, 'w').write(text)
PY
# Recipients: what the base tree's get_maintainer.pl names for each patch,
# as Cc: lines git send-email honours; the cover letter gets them all.
# Then one series per subsystem, each with its own cover letter.
python3 - "$out" "$base" "$tmp/blurb" "$top/patches" <<'PY'
import glob, os, re, subprocess, sys
out, base, blurb = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().rstrip('\n')
letters = sys.argv[4]
def rd(path):   # binary patches (the samples) hold bytes that are no UTF-8
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        return f.read()

def wr(path, text):
    with open(path, 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.write(text)

gm = os.path.join(base, 'scripts', 'get_maintainer.pl')

def recipients(path):
    if not os.path.exists(gm):
        return []
    r = subprocess.run(['perl', gm, '--no-git', '--no-git-fallback',
                        '--no-rolestats', path], cwd=base,
                       capture_output=True, text=True)
    return [l.strip() for l in r.stdout.splitlines() if '@' in l]

def add_cc(path, ccs):
    text = rd(path)
    head, sep, body = text.partition('\n\n')
    head = '\n'.join(l for l in head.split('\n') if not l.startswith('Cc: '))
    wr(path, head + ''.join('\nCc: ' + c for c in ccs) + sep + body)

def subsystem(subject):
    s = re.sub(r'^\[[^]]*\] ', '', subject)
    for prefix, name in (('x86', 'x86'), ('arm64', 'arm64'), ('ARM', 'arm'),
                         ('riscv', 'riscv'), ('of', 'of')):
        if s.startswith(prefix + ':') or s.startswith(prefix + '/'):
            return name
    return 'kexec'

# The kexec series carries the whole series' letter; every other one has
# its own, patches/cover-letter.NAME: its subject, a blank line, its text.
def letter(name):
    if name == 'kexec':
        return ('kexec: image-format parsers, in-kernel unwrap, one line per refusal',
                blurb)
    path = os.path.join(letters, 'cover-letter.' + name)
    if not os.path.exists(path):
        sys.exit('patches: %s has patches but no patches/cover-letter.%s' % (name, name))
    title, _, text = rd(path).partition('\n\n')
    return title.strip(), text.strip('\n')

ORDER = ['kexec', 'of', 'arm64', 'x86', 'arm', 'riscv']
NEEDS = {'kexec': [], 'of': ['kexec'], 'arm64': ['kexec', 'of'],
         'x86': ['kexec'], 'arm': ['kexec', 'of'], 'riscv': ['kexec', 'of']}
patches = sorted(p for p in glob.glob(os.path.join(out, '[0-9]*.patch'))
                 if not p.endswith('0000-cover-letter.patch'))
groups, union = {}, []
for p in patches:
    ccs = recipients(p)
    add_cc(p, ccs)
    union += [c for c in ccs if c not in union]
    subj = re.search(r'^Subject: (.*(?:\n .*)*)', rd(p), re.M).group(1)
    groups.setdefault(subsystem(subj.replace('\n', '')), []).append((p, ccs))
add_cc(os.path.join(out, '0000-cover-letter.patch'), union)

for i, name in enumerate(n for n in ORDER if n in groups):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    items, total, ccs = groups[name], len(groups[name]), []
    for k, (p, pc) in enumerate(items, 1):
        ccs += [c for c in pc if c not in ccs]
        text = rd(p)
        text = re.sub(r'^Subject: \[PATCH[^]]*\]', 'Subject: [PATCH %d/%d]' % (k, total),
                      text, count=1, flags=re.M)
        base_name = re.sub(r'^\d{4}-', '', os.path.basename(p))
        wr(os.path.join(d, '%04d-%s' % (k, base_name)), text)
    deps = [n for n in NEEDS[name] if n in groups]
    need = ''
    if name != 'kexec':
        need = ('\nThis series applies on top of the %s series; the whole, in\n'
                'one bisectable order, is the combined series.\n' % ' and '.join(deps))
    title, text = letter(name)
    lines = ['Subject: [PATCH 0/%d] %s' % (total, title)]
    lines += ['Cc: ' + c for c in ccs]
    lines += ['', text, need,
              'Patches:', '']
    lines += ['  %d/%d %s' % (k, total, re.sub(r'\n ', ' ', re.search(
              r'^Subject: \[[^]]*\] (.*(?:\n .*)*)', rd(p), re.M).group(1)))
              for k, (p, _) in enumerate(items, 1)]
    wr(os.path.join(d, '0000-cover-letter.patch'), '\n'.join(lines) + '\n')
PY

n=$(find "$out" -maxdepth 1 -name '*.patch' | wc -l)
echo "patches: $((n - 1)) patches and a cover letter against $version in ${out#"$top"/}/"
echo "patches: by subsystem, each with its cover letter: $(cd "$out" && ls -d */ | tr -d / | tr '\n' ' ')"
