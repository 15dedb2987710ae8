// SPDX-License-Identifier: GPL-2.0
/*
 * kexec-image-info, run as a user would: its JSON on rebuilt samples and
 * synthetic files, its exit status on bad input and bad usage, --unwrap
 * on gzip and EFI zboot files made here with zlib and libzstd and on UKIs
 * holding them, an ELF vmlinux and bzImages holding it compressed with
 * zlib, libzstd and liblzma, Debian's bzImage where it has been fetched,
 * and the files --output writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "harness.h"

#define S "tool"
#define OUT_MAX 8192

/* make_elf()'s build ID, kx_elf_build_id[], in hex. */
#define ELF_ID	"6b657865632d656c662d6275696c642d69643031"

struct tool_case {
	const char *name;
	const char *args;	/* after the tool's path; %s is the workdir */
	int status;
	const char *want[8];	/* substrings of the output */
};

static const struct tool_case cases[] = {
	{ "debian-x86_64", "--json %s/debian-x86_64", 0,
	  { "\"format\":\"x86-bzimage\"", "\"protocol\":\"2.15\"",
	    "\"relocatable\":true", "\"kernel_alignment\":2097152",
	    "\"pref_address\":16777216", "\"init_size\":58646528",
	    "\"payload_offset\":716", "\"payload_length\":11838000" } },
	{ "debian-arm64", "--json %s/debian-arm64", 0,
	  { "\"format\":\"arm64-image\"", "\"endian\":\"le\"",
	    "\"text_offset\":0,", "\"image_size\":33619968",
	    "\"page_size\":4096", "\"phys_placement\":\"anywhere\"",
	    "\"load_align\":2097152" } },
	/* a riscv Image with the EFI stub, and refused ones */
	{ "riscv", "--json %s/image.rv64", 0,
	  { "\"format\":\"riscv-image\",\"endian\":\"le\",",
	    "\"text_offset\":2097152,\"image_size\":65536,\"load_align\":2097152,",
	    "\"header_version\":\"0.2\",\"magic\":true,\"magic2\":true,\"flags\":0}\n" } },
	{ "riscv-human", "%s/image.rv64", 0,
	  { "image.rv64: riscv-image, little-endian\n",
	    "  text_offset    0x200000\n", "  image_size     0x10000\n",
	    "  load_align     0x200000\n", "  version        0.2\n",
	    "  magic          RISCV, RSC\\x05\n", "  flags          0x0\n",
	    "  PE header      0x40, machine 0x5064\n" } },
	{ "riscv-big-endian", "--json %s/be.rv64", 1,
	  { "\"format\":\"riscv-image\",\"error\":{\"errno\":\"EOPNOTSUPP\",",
	    "\"reason\":\"flags 0x1: a big-endian Image" } },
	{ "riscv-human-rejected", "%s/be.rv64", 1,
	  { "be.rv64: rejected, riscv-image (EOPNOTSUPP): flags 0x1: " } },
	{ "riscv-unwrap-gzip", "--json --unwrap %s/rv64.gz", 0,
	  { "\"format\":\"gzip\"",
	    "\"inner\":{\"format\":\"riscv-image\",\"endian\":\"le\"",
	    "\"header_version\":\"0.2\"", "\"length\":4096}}\n" } },
	{ "debian-arm", "--json %s/debian-arm", 0,
	  { "\"format\":\"arm-zimage\"", "\"endian\":\"le\"",
	    "\"zimage_start\":0,", "\"zimage_end\":5448192",
	    "\"decompressed_size\":20582580", "\"image_size\":20968840",
	    "\"text_offset\":2129920" } },
	{ "zimage-notes", "--json %s/zimage-notes", 0,
	  { "\"notes\":[{\"name\":\"Linux\",\"type\":1,\"desc\":\"12345678\"}",
	    "{\"name\":\"Xen\",\"type\":16,\"desc\":\"6162636465\"}]",
	    "\"decompressed_size\":4194304", "\"image_size\":4259840" } },
	{ "zimage-notes-human", "%s/zimage-notes", 0,
	  { "  note 0         \"Linux\" type 0x1, 4 bytes of desc: 12345678\n",
	    "  note 1         \"Xen\" type 0x10, 5 bytes of desc: 6162636465\n" } },
	{ "zboot", "--json %s/zboot", 0,
	  { "\"format\":\"efi-zboot\"", "\"payload_offset\":256",
	    "\"payload_length\":28", "\"compression\":\"gzip\"",
	    "\"decompressed_size\":1193046" } },
	{ "gzip", "--json %s/member.gz", 0,
	  { "\"format\":\"gzip\",\"payload_offset\":28,\"payload_length\":2,",
	    "\"compression\":\"gzip\",\"decompressed_size\":4096}" } },
	{ "gzip-human", "%s/member.gz", 0, { "member.gz: gzip\n" } },
	{ "broken-arm64", "--json %s/broken-arm64", 1,
	  { "\"format\":\"arm64-image\"", "\"errno\":\"EINVAL\"",
	    "\"reason\":\"image_size 0: a pre-3.17 Image" } },
	{ "unknown", "--json %s/zeros", 1,
	  { "\"format\":\"unknown\"", "\"errno\":\"ENOEXEC\"" } },
	{ "empty-file", "--json %s/empty", 1, { "\"format\":\"unknown\"" } },
	{ "missing-file", "--json %s/does-not-exist", 2,
	  { "\"errno\":\"ENOENT\"" } },
	{ "directory", "%s", 2, { "Is a directory" } },
	{ "no-args", "", 2, {} },
	{ "only-json", "--json", 2, {} },
	{ "two-files", "--json %s/zboot %s/zeros", 1,
	  { "efi-zboot\"", "}\n{\"file\":", "\"format\":\"unknown\"" } },
	{ "human", "%s/debian-x86_64", 0,
	  { "x86-bzimage, little-endian", "protocol       2.15" } },
	{ "human-rejected", "%s/broken-arm64", 1,
	  { "rejected, arm64-image (EINVAL): image_size 0" } },
	{ "file-name-escaped", "--json %s/quote\\\"name", 1,
	  { "\"file\":\"", "quote\\\"name\"" } },
	/* --unwrap: the inner image of each wrapper, with the same keys */
	{ "unwrap-gzip", "--json --unwrap %s/img.gz", 0,
	  { "\"format\":\"gzip\"", "\"decompressed_size\":4096",
	    "\"inner\":{\"format\":\"arm64-image\",\"endian\":\"le\"",
	    "\"image_size\":65536", "\"length\":4096}}\n" } },
	{ "unwrap-gzip-human", "--unwrap %s/img.gz", 0,
	  { "img.gz: gzip\n", "  unwrap         gzip, 0x1000 bytes\n",
	    "img.gz (unwrapped): arm64-image, little-endian\n",
	    "  image_size     0x10000\n" } },
	{ "unwrap-zboot-gzip", "--unwrap --json %s/zboot-gzip.efi", 0,
	  { "\"format\":\"efi-zboot\"", "\"compression\":\"gzip\"",
	    "\"inner\":{\"format\":\"arm64-image\"",
	    "\"length\":4096}}" } },
	{ "unwrap-zboot-zstd", "--json --unwrap %s/zboot-zstd.efi", 0,
	  { "\"compression\":\"zstd\"", "\"decompressed_size\":4096",
	    "\"inner\":{\"format\":\"arm64-image\"",
	    "\"page_size\":4096", "\"length\":4096}}" } },
	{ "unwrap-zboot-zstd-human", "--unwrap %s/zboot-zstd.efi", 0,
	  { "  unwrap         zstd, 0x1000 bytes\n",
	    "zboot-zstd.efi (unwrapped): arm64-image" } },
	{ "unwrap-not-wrapped", "--json --unwrap %s/debian-arm64", 0,
	  { "\"format\":\"arm64-image\"", "\"phys_placement\":\"anywhere\"}\n" } },
	{ "no-unwrap", "--json %s/img.gz", 0,
	  { "\"decompressed_size\":4096}\n" } },
	{ "unwrap-two-files", "--unwrap --json %s/img.gz %s/cut.gz", 1,
	  { "\"length\":4096}}\n{\"file\":", "\"errno\":\"EINVAL\"" } },
	/* refusals: the reason, exit status 1 */
	{ "unwrap-truncated-gzip", "--json --unwrap %s/cut.gz", 1,
	  { "\"format\":\"gzip\"", "\"errno\":\"EINVAL\"",
	    "gzip (gzip) stream is truncated or corrupt after " } },
	{ "unwrap-truncated-gzip-human", "--unwrap %s/cut.gz", 1,
	  { "  unwrap         rejected (EINVAL): gzip (gzip) stream is truncated" } },
	{ "unwrap-truncated-zstd", "--json --unwrap %s/cut-zstd.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) stream is truncated or corrupt" } },
	{ "unwrap-isize", "--json --unwrap %s/isize.gz", 1,
	  { "\"errno\":\"EINVAL\"",
	    "gzip (gzip) declares 4097 bytes, its payload gives 4096" } },
	{ "unwrap-zboot-isize", "--json --unwrap %s/isize-zboot.efi", 1,
	  { "efi-zboot (gzip) declares 4095 bytes, its payload gives 4096" } },
	{ "unwrap-crc", "--json --unwrap %s/crc.gz", 1,
	  { "\"errno\":\"EINVAL\"", "gzip (gzip) CRC32 0x",
	    " does not match the data's 0x" } },
	{ "unwrap-zstd-size-word", "--json --unwrap %s/size-word.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) declares 4097 bytes after its payload, the frame says 4096" } },
	{ "unwrap-zstd-no-size", "--json --unwrap %s/no-size.efi", 1,
	  { "efi-zboot (zstd) states its decompressed size neither in the frame",
	    "nor after the payload" } },
	{ "unwrap-zstd-empty-frame", "--json --unwrap %s/empty-zstd.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) declares 0 bytes: no kernel is empty" } },
	{ "unwrap-zstd-empty-word", "--json --unwrap %s/empty-word.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "zboot decompressed size 0x0 is not between 1 and the 1 GiB cap" } },
	{ "unwrap-gzip-empty", "--json --unwrap %s/empty.gz", 1,
	  { "\"errno\":\"EINVAL\"",
	    "gzip (gzip) ISIZE 0 declares an empty kernel" } },
	{ "unwrap-zboot-zstd-pipe", "--json --unwrap %s/pipe-zstd.efi", 0,
	  { "\"inner\":{\"format\":\"arm64-image\"",
	    "\"length\":4096}}" } },
	{ "unwrap-zstd-pipe-word-low", "--json --unwrap %s/pipe-low.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) declares 4095 bytes, its payload gives more" } },
	{ "unwrap-zstd-pipe-word-high", "--json --unwrap %s/pipe-high.efi", 1,
	  { "\"errno\":\"EINVAL\"",
	    "efi-zboot (zstd) declares 4097 bytes, its payload gives 4096" } },
	{ "unwrap-zstd-past-cap", "--json --unwrap %s/huge.efi", 1,
	  { "\"errno\":\"EFBIG\"",
	    "efi-zboot (zstd) declares 2147483648 bytes, past the cap of 1073741824" } },
	{ "unwrap-gzip-past-cap", "--json --unwrap-max-mb=16 %s/big.gz", 1,
	  { "\"errno\":\"EFBIG\"",
	    "gzip (gzip) expands past 16777216 bytes, the cap" } },
	{ "unwrap-gzip-at-cap", "--json --unwrap-max-mb=16 %s/cap.gz", 0,
	  { "\"inner\":{\"format\":\"arm64-image\"",
	    "\"length\":16777216}}" } },
	{ "unwrap-zstd-below-cap", "--json --unwrap-max-mb=16 %s/big-zstd.efi", 1,
	  { "\"errno\":\"EFBIG\"",
	    "(zstd) declares 16777217 bytes, past the cap of 16777216" } },
	{ "unwrap-nested", "--json --unwrap %s/nested.gz", 1,
	  { "\"errno\":\"EINVAL\"",
	    "gzip (gzip) holds another gzip: one level of wrapping is undone, not more" } },
	{ "unwrap-lzma", "--json --unwrap %s/lzma.efi", 1,
	  { "\"errno\":\"EOPNOTSUPP\"",
	    "efi-zboot compression \\\"lzma\\\": no decompressor for it (gzip, zstd)" } },
	{ "unwrap-inner-rejected", "--json --unwrap %s/zeros.gz", 1,
	  { "\"inner\":{\"format\":\"unknown\",\"error\":{\"errno\":\"ENOEXEC\"" } },
	{ "unwrap-max-mb-low", "--unwrap-max-mb=15 %s/img.gz", 2, {} },
	{ "unwrap-max-mb-high", "--unwrap-max-mb=1025 %s/img.gz", 2, {} },
	{ "unknown-option", "--bogus %s/img.gz", 2, {} },
	/* UKIs: sections, os-release, text; --unwrap takes .linux */
	{ "uki", "--json %s/uki.efi", 0,
	  { "\"format\":\"uki\",\"endian\":\"le\",\"pe_machine\":34404,",
	    "\"pe_sections\":12,\"profiles\":0,\"payload_offset\":2304,",
	    "\"payload_offset\":2304,\"payload_length\":256,\"sections\":{",
	    "\"sections\":{\".linux\":{\"offset\":2304,\"size\":256},",
	    "\".initrd\":{\"offset\":2560,\"size\":128},",
	    "\".pcrpkey\":{\"offset\":3840,\"size\":27},\".sbat\":",
	    "\".sbat\":{\"offset\":1280,\"size\":27}},\"os_id\":\"debian\",",
	    "\"version_id\":\"12\",\"uname\":\"6.12.0-test\",\"cmdline\":\"console=ttyS0 quiet\"}\n",
	  } },
	{ "uki-human", "%s/uki.efi", 0,
	  { "uki.efi: uki, little-endian\n", "  PE sections    12, 0 profiles\n",
	    "  .linux         0x900 + 0x100\n", "  .pcrpkey       0xf00 + 0x1b\n",
	    "  os-release     ID \"debian\", VERSION_ID \"12\"\n",
	    "  uname          \"6.12.0-test\"\n",
	    "  cmdline        \"console=ttyS0 quiet\"\n",
	    "  PE header      0x80, machine 0x8664\n" } },
	{ "uki-profiles", "--json %s/uki-profiles.efi", 0,
	  { "\"pe_sections\":11,\"profiles\":2,",
	    "\".profile\":{\"offset\":2048,\"size\":7}",
	    "\"cmdline\":\"one\"}\n" } },
	{ "uki-rejected", "--json %s/uki-no-linux.efi", 1,
	  { "\"format\":\"uki\",\"error\":{\"errno\":\"EINVAL\",",
	    "\"reason\":\"UKI has no .linux section: no kernel to load\"}}\n",
	  } },
	{ "uki-rejected-human", "%s/uki-no-linux.efi", 1,
	  { "rejected, uki (EINVAL): UKI has no .linux section" } },
	{ "uki-text-escaped", "--json %s/uki-text.efi", 0,
	  { "\"uname\":\"\",\"cmdline\":\"a\\\"b\\\\c\\u0001d\\u00c3\\u00a9xxxx",
	    "xxABCDxx", "xxx\"}\n" } },
	{ "uki-text-escaped-human", "%s/uki-text.efi", 0,
	  { "  cmdline        \"a\\x22b\\x5cc\\x01d\\xc3\\xa9xxxx",
	    "xxAB\"...\n", "  uname          \"\"\n" } },
	{ "uki-no-unwrap", "--json %s/uki-gz.efi", 0,
	  { "\"format\":\"uki\"", "\"cmdline\":\"quiet\"}\n" } },
	{ "unwrap-uki-gzip", "--json --unwrap %s/uki-gz.efi", 0,
	  { "\"format\":\"uki\"", "\"inner\":{\"format\":\"gzip\",",
	    "\"decompressed_size\":4096,\"inner\":{\"format\":\"arm64-image\",",
	    "\"image_size\":65536", "\"length\":4096},\"length\":",
	    "}}\n" } },
	{ "unwrap-uki-gzip-human", "--unwrap %s/uki-gz.efi", 0,
	  { "  unwrap         .linux, 0x", "uki-gz.efi (.linux): gzip\n",
	    "  unwrap         gzip, 0x1000 bytes\n",
	    "uki-gz.efi (.linux, unwrapped): arm64-image, little-endian\n",
	    "  image_size     0x10000\n" } },
	{ "unwrap-uki-image", "--json --unwrap %s/uki-image.efi", 0,
	  { "\"inner\":{\"format\":\"arm64-image\"", "\"length\":4096}}\n" } },
	{ "unwrap-uki-image-human", "--unwrap %s/uki-image.efi", 0,
	  { "  unwrap         .linux, 0x1000 bytes\n",
	    "uki-image.efi (.linux): arm64-image, little-endian\n" } },
	{ "unwrap-uki-zboot-zstd", "--json --unwrap %s/uki-zstd.efi", 0,
	  { "\"inner\":{\"format\":\"efi-zboot\"", "\"compression\":\"zstd\"",
	    "\"inner\":{\"format\":\"arm64-image\"", "\"length\":4096},",
	    "}}\n" } },
	{ "unwrap-uki-inner-unknown", "--json --unwrap %s/uki.efi", 1,
	  { "\"inner\":{\"format\":\"unknown\",\"error\":{\"errno\":\"ENOEXEC\"",
	    "\"length\":256}}\n" } },
	{ "unwrap-uki-cut-gzip", "--json --unwrap %s/uki-cut-gz.efi", 1,
	  { "\"inner\":{\"format\":\"gzip\",",
	    ",\"error\":{\"errno\":\"EINVAL\",\"reason\":\"gzip (gzip) stream is truncated or corrupt",
	  } },
	/* nothing deeper than UKI, then zboot or gzip, then the kernel */
	{ "unwrap-uki-uki", "--json --unwrap %s/uki-uki.efi", 1,
	  { "\"format\":\"uki\"", "\"errno\":\"EINVAL\"",
	    "uki (.linux) holds another uki: one level of wrapping is undone, not more" } },
	{ "unwrap-uki-uki-human", "--unwrap %s/uki-uki.efi", 1,
	  { "  unwrap         rejected (EINVAL): uki (.linux) holds another uki" } },
	{ "unwrap-uki-zboot-gzip", "--json --unwrap %s/uki-nested.efi", 1,
	  { "\"inner\":{\"format\":\"efi-zboot\"", "\"errno\":\"EINVAL\"",
	    "efi-zboot (gzip) holds another gzip: one level of wrapping is undone, not more" } },
	{ "unwrap-uki-gzip-uki", "--json --unwrap %s/uki-gz-uki.efi", 1,
	  { "\"inner\":{\"format\":\"gzip\"",
	    "gzip (gzip) holds another uki: one level of wrapping is undone, not more" } },
	{ "unwrap-gzip-uki", "--json --unwrap %s/uki.efi.gz", 1,
	  { "\"format\":\"gzip\"",
	    "gzip (gzip) holds another uki: one level of wrapping is undone, not more" } },
	/* --output: the innermost image, only when all of it was accepted */
	{ "output-uki-gzip", "--unwrap --output=%s/out-gz.img %s/uki-gz.efi", 0,
	  { "uki-gz.efi (.linux, unwrapped): arm64-image" } },
	{ "output-uki-image", "--output %s/out-image.img %s/uki-image.efi", 0,
	  { "  unwrap         .linux, 0x1000 bytes\n" } },
	{ "output-gzip", "--json --output=%s/out-img.img %s/img.gz", 0,
	  { "\"length\":4096}}\n" } },
	{ "output-plain", "--output=%s/out-plain.img %s/image.a64", 0,
	  { "image.a64: arm64-image" } },
	{ "output-refused", "--output=%s/out-refused.img %s/uki-uki.efi", 1,
	  { "out-refused.img not written: ", "uki-uki.efi was not accepted" } },
	{ "output-two-files", "--output=%s/out-two.img %s/uki.efi %s/uki.efi", 2,
	  {} },
	{ "output-no-name", "--unwrap --output", 2, {} },
	{ "output-empty-name", "--output= %s/uki-gz.efi", 2, {} },
	{ "output-bad-dir", "--output=%s/no/such/dir %s/uki-gz.efi", 2,
	  { "no/such/dir: No such file or directory" } },
	/* an ELF vmlinux: loads, PVH entry and window, notes, build ID */
	{ "elf", "--json %s/vmlinux", 0,
	  { "\"format\":\"elf\",\"endian\":\"le\",\"image_size\":6356992,\"load_align\":2097152,",
	    "\"elf_machine\":62,\"elf_machine_name\":\"x86-64\",\"entry\":18446744071578845184,",
	    "\"loads\":[{\"offset\":512,\"paddr\":16777216,\"filesz\":1536,\"memsz\":1536,",
	    "\"memsz\":1536,\"align\":2097152,\"flags\":5},{\"offset\":2048,",
	    "{\"offset\":3584,\"paddr\":23068672,\"filesz\":512,\"memsz\":65536,\"align\":2097152,",
	    "\"flags\":7}],\"low\":16777216,\"high\":23134208,\"pvh_entry\":16777280,",
	    "\"relocatable\":true,\"reloc_align\":2097152,\"reloc_min\":16777216,",
	    "\"reloc_max\":1073741823,\"reloc_defaults\":[],\"notes\":[{\"name\":\"GNU\",",
	  } },
	{ "elf-notes", "--json %s/vmlinux", 0,
	  { "\"notes\":[{\"name\":\"GNU\",\"type\":3,\"type_name\":\"NT_GNU_BUILD_ID\",",
	    "\"NT_GNU_BUILD_ID\",\"desc\":\"" ELF_ID "\"},",
	    "{\"name\":\"Linux\",\"type\":257,\"type_name\":\"LINUX_ELFNOTE_LTO_INFO\",",
	    "\"LINUX_ELFNOTE_LTO_INFO\",\"desc\":\"00000000\"},",
	    "{\"name\":\"Xen\",\"type\":6,\"type_name\":\"XEN_ELFNOTE_GUEST_OS\",",
	    "{\"name\":\"Xen\",\"type\":18,\"type_name\":\"XEN_ELFNOTE_PHYS32_ENTRY\",",
	    "\"XEN_ELFNOTE_PHYS32_RELOC\",\"desc\":\"0000200000000001ffffff3f\"}],",
	    "\"}],\"build_id\":\"" ELF_ID "\"}\n",
	  } },
	{ "elf-human", "%s/vmlinux", 0,
	  { "vmlinux: elf, little-endian\n", "  machine        x86-64\n",
	    "  entry          0xffffffff81000000\n",
	    "  load 0         offset 0x200 paddr 0x1000000 filesz 0x600 memsz 0x600 align 0x200000 r-x\n",
	    "  load 3         offset 0xe00 paddr 0x1600000 filesz 0x200 memsz 0x10000 align 0x200000 rwx\n",
	    "  span           0x1000000-0x160ffff, 0x610000 bytes\n  PVH entry      0x1000040\n",
	    "  relocatable    align 0x200000, min 0x1000000, max 0x3fffffff\n",
	    "  build ID       " ELF_ID "\n" } },
	{ "elf-human-notes", "%s/vmlinux", 0,
	  { "  note 0         \"GNU\" type 0x3 (NT_GNU_BUILD_ID), 20 bytes of desc: ",
	    "(NT_GNU_BUILD_ID), 20 bytes of desc: " ELF_ID "\n",
	    "  note 1         \"Linux\" type 0x101 (LINUX_ELFNOTE_LTO_INFO), 4 bytes",
	    "  note 3         \"Xen\" type 0x12 (XEN_ELFNOTE_PHYS32_ENTRY), 8 bytes of desc: ",
	    "(XEN_ELFNOTE_PHYS32_ENTRY), 8 bytes of desc: 4000000100000000\n",
	    "  note 4         \"Xen\" type 0x13 (XEN_ELFNOTE_PHYS32_RELOC), 12 bytes",
	  } },
	{ "elf-plain", "--json %s/vmlinux-plain", 0,
	  { "\"format\":\"elf\",\"endian\":\"le\",\"image_size\":6356992,\"elf_machine\":183,",
	    "\"elf_machine_name\":\"aarch64\",\"entry\":",
	    "\"high\":23134208,\"relocatable\":false,\"notes\":[]}\n" } },
	{ "elf-plain-human", "%s/vmlinux-plain", 0,
	  { "  machine        aarch64\n", "  PVH entry      none\n",
	    "  relocatable    no\n" } },
	{ "elf-defaults-human", "%s/vmlinux-defaults", 0,
	  { "  machine        4660\n",
	    "  relocatable    align 0x200000 (default), min 0x0 (default), max 0xffffffff (default)\n",
	    "  note 1         \"Xen\" type 0x13 (XEN_ELFNOTE_PHYS32_RELOC), 0 bytes of desc\n",
	    "  note 2         \"Test\" type 0x7, 3 bytes of desc: 616263\n",
	  } },
	{ "elf-defaults", "--json %s/vmlinux-defaults", 0,
	  { "\"elf_machine\":4660,\"entry\":",
	    "\"reloc_max\":4294967295,\"reloc_defaults\":[\"align\",\"min\",\"max\"],",
	    "{\"name\":\"Test\",\"type\":7,\"desc\":\"616263\"}],\"build_id\":",
	  } },
	{ "elf-rejected", "--json %s/vmlinux-bad-entry", 1,
	  { "\"format\":\"elf\",\"error\":{\"errno\":\"EINVAL\",",
	    "XEN_ELFNOTE_PHYS32_ENTRY 0x3000000 is outside the loaded image" } },
	/* --unwrap of a bzImage: its payload, decompressed, is the ELF */
	{ "bz-no-unwrap", "--json %s/bz-zstd", 0,
	  { "\"format\":\"x86-bzimage\"", "\"payload_length\":", "}\n" } },
	{ "unwrap-bz-gzip", "--json --unwrap %s/bz-gzip", 0,
	  { "\"format\":\"x86-bzimage\"", "\"inner\":{\"format\":\"elf\",",
	    "\"pvh_entry\":16777280,", "\"build_id\":\"" ELF_ID "\",\"length\":4096}}\n" } },
	{ "unwrap-bz-zstd", "--json --unwrap %s/bz-zstd", 0,
	  { "\"inner\":{\"format\":\"elf\",", "\"length\":4096}}\n" } },
	{ "unwrap-bz-xz", "--json --unwrap %s/bz-xz", 0,
	  { "\"inner\":{\"format\":\"elf\",", "\"length\":4096}}\n" } },
	{ "unwrap-bz-lzma", "--json --unwrap %s/bz-lzma", 0,
	  { "\"inner\":{\"format\":\"elf\",", "\"length\":4096}}\n" } },
	{ "unwrap-bz-human", "--unwrap %s/bz-xz", 0,
	  { "bz-xz: x86-bzimage, little-endian\n", "  unwrap         xz, 0x1000 bytes\n",
	    "bz-xz (unwrapped): elf, little-endian\n",
	    "  PVH entry      0x1000040\n", "  build ID       " ELF_ID "\n" } },
	{ "unwrap-bz-relocs", "--json --unwrap %s/bz-relocs", 0,
	  { "\"inner\":{\"format\":\"elf\",", "\"length\":4352}}\n" } },
	{ "unwrap-uki-bz", "--json --unwrap %s/uki-bz.efi", 0,
	  { "\"format\":\"uki\"", "\"inner\":{\"format\":\"x86-bzimage\",",
	    "\"inner\":{\"format\":\"elf\",", "\"length\":4096},\"length\":" } },
	{ "unwrap-uki-bz-human", "--unwrap %s/uki-bz.efi", 0,
	  { "uki-bz.efi (.linux): x86-bzimage, little-endian\n",
	    "  unwrap         zstd, 0x1000 bytes\n",
	    "uki-bz.efi (.linux, unwrapped): elf, little-endian\n" } },
	/* the methods with no library here, and broken payloads */
	{ "unwrap-bz-lz4", "--json --unwrap %s/bz-lz4", 1,
	  { "\"errno\":\"EOPNOTSUPP\"",
	    "x86-bzimage (lz4): kexec-image-info links no decompressor for it (gzip, zstd, xz, lzma)",
	  } },
	{ "unwrap-bz-lzo", "--unwrap %s/bz-lzo", 1,
	  { "  unwrap         rejected (EOPNOTSUPP): x86-bzimage (lzo): kexec-image-info links no",
	  } },
	{ "unwrap-bz-bzip2", "--json --unwrap %s/bz-bzip2", 1,
	  { "\"errno\":\"EOPNOTSUPP\"", "x86-bzimage (bzip2): kexec-image-info links no" } },
	{ "unwrap-bz-no-magic", "--json --unwrap %s/bz-no-magic", 1,
	  { "\"errno\":\"EINVAL\"",
	    "x86-bzimage payload starts with 00 00, no compression method's magic" } },
	{ "unwrap-bz-old", "--json --unwrap %s/bz-2.07", 1,
	  { "\"protocol\":\"2.07\"", "\"errno\":\"EOPNOTSUPP\"",
	    "x86-bzimage boot protocol 2.07 states no payload (2.08+)" } },
	{ "unwrap-bz-cut-gzip", "--json --unwrap %s/bz-cut-gzip", 1,
	  { "\"errno\":\"EINVAL\"",
	    "x86-bzimage (gzip) stream is truncated or corrupt after " } },
	{ "unwrap-bz-cut-zstd", "--json --unwrap %s/bz-cut-zstd", 1,
	  { "\"errno\":\"EINVAL\"", "x86-bzimage (zstd) stream is truncated after " } },
	{ "unwrap-bz-cut-xz", "--json --unwrap %s/bz-cut-xz", 1,
	  { "\"errno\":\"EINVAL\"", "x86-bzimage (xz) stream is truncated after " } },
	{ "unwrap-bz-cut-xz-human", "--unwrap %s/bz-cut-xz", 1,
	  { "  unwrap         rejected (EINVAL): x86-bzimage (xz) stream is truncated after " } },
	{ "unwrap-bz-corrupt-xz", "--json --unwrap %s/bz-corrupt-xz", 1,
	  { "\"errno\":\"EINVAL\"", "x86-bzimage (xz) stream is corrupt after " } },
	{ "unwrap-bz-size-high", "--json --unwrap %s/bz-size-high", 1,
	  { "\"errno\":\"EINVAL\"",
	    "x86-bzimage (xz) declares 4097 bytes, its payload gives 4096" } },
	{ "unwrap-bz-size-low", "--json --unwrap %s/bz-size-low", 1,
	  { "\"errno\":\"EINVAL\"",
	    "x86-bzimage (zstd) declares 4095 bytes, its payload gives more" } },
	{ "unwrap-bz-isize", "--json --unwrap %s/bz-isize", 1,
	  { "x86-bzimage (gzip) declares 4097 bytes, its payload gives 4096" } },
	{ "unwrap-bz-past-cap", "--json --unwrap-max-mb=16 %s/bz-past-cap", 1,
	  { "\"errno\":\"EFBIG\"",
	    "x86-bzimage (lzma) declares 16777217 bytes, past the cap of 16777216" } },
	{ "unwrap-bz-empty", "--json --unwrap %s/bz-empty", 1,
	  { "x86-bzimage (zstd) declares 0 bytes: no kernel is empty" } },
	{ "unwrap-bz-trailing", "--json --unwrap %s/bz-trailing", 1,
	  { "x86-bzimage (xz) stream ends after " } },
	{ "unwrap-bz-nested", "--json --unwrap %s/bz-nested", 1,
	  { "x86-bzimage (gzip) holds another gzip: one level of wrapping is undone, not more" } },
	{ "unwrap-bz-not-elf", "--json --unwrap %s/bz-zeros", 1,
	  { "\"inner\":{\"format\":\"unknown\",\"error\":{\"errno\":\"ENOEXEC\"",
	    "\"length\":4096}}\n" } },
	/* --output: the whole payload, ELF and relocations */
	{ "output-bz-gzip", "--output=%s/out-bz-gzip.elf %s/bz-gzip", 0,
	  { "bz-gzip (unwrapped): elf" } },
	{ "output-bz-zstd", "--json --output=%s/out-bz-zstd.elf %s/bz-zstd", 0,
	  { "\"length\":4096}}\n" } },
	{ "output-bz-xz", "--output %s/out-bz-xz.elf %s/bz-xz", 0,
	  { "  unwrap         xz, 0x1000 bytes\n" } },
	{ "output-bz-relocs", "--output=%s/out-bz-relocs.elf %s/bz-relocs", 0,
	  { "  unwrap         zstd, 0x1100 bytes\n" } },
	{ "output-bz-refused", "--output=%s/out-bz-refused.elf %s/bz-lz4", 1,
	  { "out-bz-refused.elf not written: " } },
};

static bool write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (!f)
		return false;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

static bool put_file(const char *dir, const char *name, const void *data,
		     size_t len)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return write_file(path, data, len);
}

/*
 * An arm64 Image of @len bytes, with noise after the header's first 4 KiB
 * so that it compresses to a stream long enough to cut in the middle.
 */
static struct buf inner_image(size_t len)
{
	struct buf a = make_arm64(), b = buf_new(len);
	uint32_t x = 1;
	size_t i;

	memcpy(b.data, a.data, A64_LEN);
	for (i = 0x40; i < A64_LEN && i < len; i++) {
		x = x * 1103515245 + 12345;
		b.data[i] = x >> 24;
	}
	buf_free(&a);
	return b;
}

/* A gzip file of @in, as gzip(1) would write it (zlib's gzip wrapper). */
static struct buf gzip_of(const struct buf *in)
{
	struct buf out = buf_new(compressBound(in->len) + 64);
	z_stream z = { 0 };

	if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = in->data;
	z.avail_in = in->len;
	z.next_out = out.data;
	z.avail_out = out.len;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	out.len = z.total_out;
	deflateEnd(&z);
	return out;
}

/*
 * A zstd frame of @in; @sized false leaves the content size out of the
 * frame header, as zstd reading a pipe does for kbuild's zboot images.
 */
static struct buf zstd_of(const struct buf *in, bool sized)
{
	struct buf out = buf_new(ZSTD_compressBound(in->len));
	ZSTD_CCtx *cctx = ZSTD_createCCtx();

	if (!cctx ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag,
						sized)))
		abort();
	out.len = ZSTD_compress2(cctx, out.data, out.len, in->data, in->len);
	ZSTD_freeCCtx(cctx);
	if (ZSTD_isError(out.len))
		abort();
	return out;
}

/*
 * An EFI zboot file around @payload, laid out as make_zboot()'s; a size
 * word follows the payload unless @size_word is negative.
 */
static struct buf zboot_of(const char *comp, const struct buf *payload,
			   long long size_word)
{
	struct buf b = buf_new(ZB_PAYLOAD + payload->len +
			       (size_word < 0 ? 0 : 4));

	memcpy(b.data, "MZ", 2);
	memcpy(b.data + 4, "zimg", 4);
	memcpy(b.data + 0x18, comp, strlen(comp));
	put_le(b.data + 0x38, 4, 0x818223cd);		/* LINUX_PE_MAGIC */
	put_le(b.data + 0x3c, 4, ZB_PE);
	memcpy(b.data + ZB_PE, "PE\0\0", 4);
	put_le(b.data + ZB_PE + 4, 2, 0xaa64);
	put_le(b.data + 8, 4, ZB_PAYLOAD);
	put_le(b.data + 12, 4, payload->len);
	memcpy(b.data + ZB_PAYLOAD, payload->data, payload->len);
	if (size_word >= 0)
		put_le(b.data + ZB_PAYLOAD + payload->len, 4, size_word);
	return b;
}

/*
 * A zstd frame header alone: single segment, no checksum, the content
 * size in 8 bytes (@size) or left out (@size 0), then one empty raw block.
 */
static struct buf zstd_frame_header(uint64_t size)
{
	struct buf b = buf_new(16);
	size_t at = 5;

	put_le(b.data, 4, 0xfd2fb528);
	if (size) {
		b.data[4] = 0xe0;	/* FCS 8 bytes, single segment */
		put_le(b.data + at, 8, size);
		at += 8;
	} else {
		b.data[4] = 0x00;	/* no FCS: a window descriptor */
		b.data[at++] = 0x58;
	}
	put_le(b.data + at, 3, 1);	/* last block, raw, 0 bytes */
	b.len = at + 3;
	return b;
}

static bool make_unwrap_inputs(const char *dir)
{
	struct buf img = inner_image(A64_LEN), gz = gzip_of(&img);
	struct buf zs = zstd_of(&img, true), cap = inner_image(16 << 20);
	struct buf big = buf_new((16 << 20) + 1), zero = buf_new(4096);
	struct buf f, g, h;
	bool ok = true;

	ok &= put_file(dir, "img.gz", gz.data, gz.len);
	ok &= put_file(dir, "cut.gz", gz.data, gz.len / 2);
	put_le(gz.data + gz.len - 4, 4, A64_LEN + 1);
	ok &= put_file(dir, "isize.gz", gz.data, gz.len);
	put_le(gz.data + gz.len - 4, 4, A64_LEN);
	gz.data[gz.len - 8] ^= 1;
	ok &= put_file(dir, "crc.gz", gz.data, gz.len);
	gz.data[gz.len - 8] ^= 1;

	f = zboot_of("gzip", &gz, -1);
	ok &= put_file(dir, "zboot-gzip.efi", f.data, f.len);
	put_le(f.data + f.len - 4, 4, A64_LEN - 1);
	ok &= put_file(dir, "isize-zboot.efi", f.data, f.len);
	buf_free(&f);

	f = zboot_of("zstd", &zs, A64_LEN);
	ok &= put_file(dir, "zboot-zstd.efi", f.data, f.len);
	put_le(f.data + f.len - 4, 4, A64_LEN + 1);
	ok &= put_file(dir, "size-word.efi", f.data, f.len);
	buf_free(&f);
	/* as kbuild makes them: the size only in the word after the frame */
	h = zstd_of(&img, false);
	f = zboot_of("zstd", &h, A64_LEN);
	ok &= put_file(dir, "pipe-zstd.efi", f.data, f.len);
	put_le(f.data + f.len - 4, 4, A64_LEN - 1);
	ok &= put_file(dir, "pipe-low.efi", f.data, f.len);
	put_le(f.data + f.len - 4, 4, A64_LEN + 1);
	ok &= put_file(dir, "pipe-high.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	/* half the frame, and the file ends there: no size word to read */
	zs.len /= 2;
	f = zboot_of("zstd", &zs, -1);
	ok &= put_file(dir, "cut-zstd.efi", f.data, f.len);
	buf_free(&f);

	h = zstd_frame_header(0);
	f = zboot_of("zstd", &h, -1);
	ok &= put_file(dir, "no-size.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	h = zstd_frame_header(1ULL << 31);
	f = zboot_of("zstd", &h, -1);
	ok &= put_file(dir, "huge.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	h = zstd_of(&big, true);
	f = zboot_of("zstd", &h, big.len);
	ok &= put_file(dir, "big-zstd.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);

	h = gzip_of(&big);
	ok &= put_file(dir, "big.gz", h.data, h.len);
	buf_free(&h);
	h = gzip_of(&cap);
	ok &= put_file(dir, "cap.gz", h.data, h.len);
	buf_free(&h);
	h = gzip_of(&zero);
	ok &= put_file(dir, "zeros.gz", h.data, h.len);
	buf_free(&h);
	/* empty outputs: zstd's frame states 0, gzip's ISIZE is 0 */
	zero.len = 0;
	h = zstd_of(&zero, true);
	f = zboot_of("zstd", &h, -1);
	ok &= put_file(dir, "empty-zstd.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	h = zstd_of(&zero, false);
	f = zboot_of("zstd", &h, 0);
	ok &= put_file(dir, "empty-word.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&h);
	h = gzip_of(&zero);
	ok &= put_file(dir, "empty.gz", h.data, h.len);
	buf_free(&h);
	g = gzip_of(&gz);
	ok &= put_file(dir, "nested.gz", g.data, g.len);
	buf_free(&g);
	f = make_zboot("lzma");
	ok &= put_file(dir, "lzma.efi", f.data, f.len);
	buf_free(&f);

	buf_free(&img);
	buf_free(&gz);
	buf_free(&zs);
	buf_free(&cap);
	buf_free(&big);
	buf_free(&zero);
	return ok;
}

/* A UKI with os-release, text sections and @kernel as .linux. */
static struct buf uki_around(const struct buf *kernel)
{
	const struct kx_uki_sec s[] = {
		{ ".osrel", UK_OSREL, sizeof(UK_OSREL) - 1 },
		{ ".cmdline", "quiet\n", 6 },
		{ ".linux", kernel->data, kernel->len },
	};

	return make_uki_of(s, ARRAY_SIZE(s));
}

/* The UKIs of the cases above; @img is what their kernels unwrap to. */
static bool make_uki_inputs(const char *dir, const struct buf *img)
{
	static const char head[] = "a\"b\\c\001d\xc3\xa9";
	struct buf uk = make_uki(), gz = gzip_of(img), zs = zstd_of(img, true);
	struct buf f, g, text = buf_new(sizeof(head) - 1 + 250);
	struct kx_uki_sec t[] = {
		{ ".linux", NULL, UK_SLOT },
		{ ".cmdline", text.data, text.len }, { ".uname", "\n", 1 },
	};
	bool ok = true;

	ok &= put_file(dir, "uki.efi", uk.data, uk.len);
	ok &= put_file(dir, "image.a64", img->data, img->len);
	f = make_uki_profiles();
	ok &= put_file(dir, "uki-profiles.efi", f.data, f.len);
	buf_free(&f);
	f = make_uki();
	f.data[UK_SEC(UK_I_LINUX) + 1] = 'L';
	ok &= put_file(dir, "uki-no-linux.efi", f.data, f.len);
	buf_free(&f);
	memcpy(text.data, head, sizeof(head) - 1);
	/* the human output cuts at 200 bytes: between "AB" and "CD" */
	memset(text.data + sizeof(head) - 1, 'x', 250);
	memcpy(text.data + 198, "ABCD", 4);
	f = make_uki_of(t, ARRAY_SIZE(t));
	ok &= put_file(dir, "uki-text.efi", f.data, f.len);
	buf_free(&f);

	f = uki_around(&gz);
	ok &= put_file(dir, "uki-gz.efi", f.data, f.len);
	buf_free(&f);
	f = uki_around(img);
	ok &= put_file(dir, "uki-image.efi", f.data, f.len);
	buf_free(&f);
	g = zboot_of("zstd", &zs, img->len);
	f = uki_around(&g);
	ok &= put_file(dir, "uki-zstd.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&g);
	f = uki_around(&uk);
	ok &= put_file(dir, "uki-uki.efi", f.data, f.len);
	buf_free(&f);
	/* zboot's gzip payload inflates to a gzip file */
	g = gzip_of(&gz);
	f = zboot_of("gzip", &g, -1);
	buf_free(&g);
	g = uki_around(&f);
	ok &= put_file(dir, "uki-nested.efi", g.data, g.len);
	buf_free(&f);
	buf_free(&g);
	g = gzip_of(&uk);
	ok &= put_file(dir, "uki.efi.gz", g.data, g.len);
	f = uki_around(&g);
	ok &= put_file(dir, "uki-gz-uki.efi", f.data, f.len);
	buf_free(&f);
	buf_free(&g);
	gz.len /= 2;
	f = uki_around(&gz);
	ok &= put_file(dir, "uki-cut-gz.efi", f.data, f.len);
	buf_free(&f);

	buf_free(&uk);
	buf_free(&gz);
	buf_free(&zs);
	buf_free(&text);
	return ok;
}

/*
 * make_elf() with @n as its notes and @machine as e_machine: the PVH
 * entry, the relocation window and the names of note types change with
 * them.
 */
static struct buf elf_with(uint16_t machine, const struct kx_elf_note *n,
			   unsigned int nr)
{
	struct buf b = make_elf_notes(n, nr);

	put_le(b.data + 18, 2, machine);
	return b;
}

/* @in followed by the size word kbuild appends: @size, as a payload. */
static struct buf with_size(const struct buf *in, uint32_t size)
{
	struct buf b = buf_copy(in, in->len + 4);

	put_le(b.data + in->len, 4, size);
	return b;
}

/* An xz stream as scripts/xz_wrap.sh makes one for x86: BCJ, LZMA2, CRC32. */
static struct buf xz_of(const struct buf *in)
{
	struct buf out = buf_new(lzma_stream_buffer_bound(in->len));
	lzma_options_lzma opt;
	lzma_filter f[] = {
		{ .id = LZMA_FILTER_X86 },
		{ .id = LZMA_FILTER_LZMA2, .options = &opt },
		{ .id = LZMA_VLI_UNKNOWN },
	};
	size_t pos = 0;

	if (lzma_lzma_preset(&opt, 6) ||
	    lzma_stream_buffer_encode(f, LZMA_CHECK_CRC32, NULL, in->data,
				      in->len, out.data, &pos, out.len) != LZMA_OK)
		abort();
	out.len = pos;
	return out;
}

/* The .lzma format, as lzma -9 writes a pipe: size unknown, end marker. */
static struct buf lzma_of(const struct buf *in)
{
	struct buf out = buf_new(lzma_stream_buffer_bound(in->len) + 64);
	lzma_stream z = LZMA_STREAM_INIT;
	lzma_options_lzma opt;

	if (lzma_lzma_preset(&opt, 9) || lzma_alone_encoder(&z, &opt) != LZMA_OK)
		abort();
	z.next_in = in->data;
	z.avail_in = in->len;
	z.next_out = out.data;
	z.avail_out = out.len;
	if (lzma_code(&z, LZMA_FINISH) != LZMA_STREAM_END)
		abort();
	out.len = z.total_out;
	lzma_end(&z);
	return out;
}

/* make_bzimage()'s 2.15 bzImage with @payload after its code. */
static struct buf bzimage_around(const struct buf *payload)
{
	struct buf bz = make_bzimage(0x020f), b;

	b = buf_copy(&bz, BZ_LEN + payload->len);
	memcpy(b.data + BZ_LEN, payload->data, payload->len);
	put_le(b.data + 0x248, 4, BZ_CODE);		/* payload_offset */
	put_le(b.data + 0x24c, 4, payload->len);	/* payload_length */
	buf_free(&bz);
	return b;
}

/* A bzImage whose payload is @stream and the size word @size. */
static bool put_bzimage(const char *dir, const char *name,
			const struct buf *stream, uint32_t size)
{
	struct buf p = with_size(stream, size), b = bzimage_around(&p);
	bool ok = put_file(dir, name, b.data, b.len);

	buf_free(&p);
	buf_free(&b);
	return ok;
}

/* Writes buffers under their names and frees them. */
static bool put_free(const char *dir, const char *name, struct buf *b)
{
	bool ok = put_file(dir, name, b->data, b->len);

	buf_free(b);
	return ok;
}

/*
 * riscv Images: one with the EFI stub as head.S lays it out (the "MZ" of
 * c.li s4,-13, res3 pointing at the PE header right after the header),
 * a big-endian one, and the first gzip-compressed.
 */
static bool make_riscv_inputs(const char *dir)
{
	struct buf rv = make_riscv(), gz;
	bool ok = true;

	memcpy(rv.data, "MZ", 2);
	put_le(rv.data + RV_PE_OFFSET, 4, 0x40);
	memcpy(rv.data + 0x40, "PE\0\0", 4);
	put_le(rv.data + 0x44, 2, 0x5064);	/* RISCV64 */
	ok &= put_file(dir, "image.rv64", rv.data, rv.len);
	gz = gzip_of(&rv);
	ok &= put_free(dir, "rv64.gz", &gz);
	put_le(rv.data + RV_FLAGS, 8, 1);
	ok &= put_free(dir, "be.rv64", &rv);
	return ok;
}

static bool make_elf_inputs(const char *dir, const struct buf *elf)
{
	/* PHYS32_RELOC without words, an owner nobody names */
	static const struct kx_elf_note defaults[] = {
		{ "GNU", 0, 3, kx_elf_build_id, EL_BUILD_ID_LEN },
		{ "Xen", 0, 19, "", 0 },
		{ "Test", 0, 7, "abc", 3 },
	};
	static const struct kx_elf_note bad_entry[] = {
		{ "Xen", 0, 18, "\0\0\0\x03\0\0\0\0", 8 },
	};
	static const char *const lacking[][2] = {
		{ "bz-lz4", "\x02\x21\x4c\x18" }, { "bz-lzo", "\x89LZO\0\r\n\x1a\n" },
		{ "bz-bzip2", "BZh91AY&SY" }, { "bz-no-magic", "\0\0\0\0" },
	};
	struct buf relocs = buf_copy(elf, elf->len + 0x100), zero = buf_new(4096);
	struct buf f, g, h;
	bool ok = true;
	size_t i;

	ok &= put_file(dir, "vmlinux", elf->data, elf->len);
	f = elf_with(183, NULL, 0);				/* EM_AARCH64 */
	ok &= put_free(dir, "vmlinux-plain", &f);
	f = elf_with(0x1234, defaults, ARRAY_SIZE(defaults));
	ok &= put_free(dir, "vmlinux-defaults", &f);
	f = elf_with(62, bad_entry, ARRAY_SIZE(bad_entry));
	ok &= put_free(dir, "vmlinux-bad-entry", &f);

	f = gzip_of(elf);
	g = bzimage_around(&f);
	ok &= put_free(dir, "bz-gzip", &g);
	put_le(f.data + f.len - 4, 4, elf->len + 1);		/* ISIZE */
	g = bzimage_around(&f);
	ok &= put_free(dir, "bz-isize", &g);
	put_le(f.data + f.len - 4, 4, elf->len);
	/* half the deflate data, then the trailer */
	g = buf_copy(&f, f.len / 2 + 8);
	memcpy(g.data + f.len / 2, f.data + f.len - 8, 8);
	h = bzimage_around(&g);
	ok &= put_free(dir, "bz-cut-gzip", &h);
	buf_free(&g);
	g = gzip_of(&f);
	h = bzimage_around(&g);
	ok &= put_free(dir, "bz-nested", &h);
	buf_free(&g);
	buf_free(&f);

	/* as kbuild makes them: zstd from a pipe, no size in the frame */
	f = zstd_of(elf, false);
	ok &= put_bzimage(dir, "bz-zstd", &f, elf->len);
	ok &= put_bzimage(dir, "bz-size-low", &f, elf->len - 1);
	f.len /= 2;
	ok &= put_bzimage(dir, "bz-cut-zstd", &f, elf->len);
	buf_free(&f);
	memset(relocs.data + elf->len, 0xa5, 0x100);
	f = zstd_of(&relocs, false);
	ok &= put_bzimage(dir, "bz-relocs", &f, relocs.len);
	buf_free(&f);
	f = zstd_of(&zero, false);
	ok &= put_bzimage(dir, "bz-zeros", &f, zero.len);
	buf_free(&f);
	zero.len = 0;
	f = zstd_of(&zero, false);
	ok &= put_bzimage(dir, "bz-empty", &f, 0);
	buf_free(&f);

	f = xz_of(elf);
	ok &= put_bzimage(dir, "bz-xz", &f, elf->len);
	ok &= put_bzimage(dir, "bz-size-high", &f, elf->len + 1);
	g = buf_copy(&f, f.len + 4);
	ok &= put_bzimage(dir, "bz-trailing", &g, elf->len);
	buf_free(&g);
	g = buf_copy(&f, f.len);
	g.data[g.len / 2] ^= 0x55;
	ok &= put_bzimage(dir, "bz-corrupt-xz", &g, elf->len);
	buf_free(&g);
	f.len /= 2;
	ok &= put_bzimage(dir, "bz-cut-xz", &f, elf->len);
	buf_free(&f);

	f = lzma_of(elf);
	ok &= put_bzimage(dir, "bz-lzma", &f, elf->len);
	ok &= put_bzimage(dir, "bz-past-cap", &f, (16 << 20) + 1);
	buf_free(&f);

	for (i = 0; i < ARRAY_SIZE(lacking); i++) {
		f = buf_new(64);
		memcpy(f.data, lacking[i][1], strlen(lacking[i][1]) + 1);
		ok &= put_bzimage(dir, lacking[i][0], &f, elf->len);
		buf_free(&f);
	}
	f = make_bzimage(0x0207);
	ok &= put_free(dir, "bz-2.07", &f);

	g = zstd_of(elf, false);
	h = with_size(&g, elf->len);
	f = bzimage_around(&h);
	buf_free(&g);
	buf_free(&h);
	g = uki_around(&f);
	ok &= put_free(dir, "uki-bz.efi", &g);
	buf_free(&f);

	buf_free(&relocs);
	buf_free(&zero);
	return ok;
}

static bool make_inputs(const char *dir)
{
	static const char *const samples[] = {
		"debian-x86_64", "debian-arm64", "debian-arm",
	};
	struct buf zi = make_zimage(false), zb = make_zboot("gzip");
	struct buf a = make_arm64(), zero = buf_new(4096), img;
	char path[4096];
	uint8_t gz[64] = {};
	bool ok = true;
	size_t i;

	/* a missing sample fails its own case below, not all of them */
	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, samples[i]);
		sample_write(samples[i], path);
	}
	put_le(a.data + 0x10, 8, 0);
	snprintf(path, sizeof(path), "%s/zimage-notes", dir);
	ok &= write_file(path, zi.data, zi.len);
	snprintf(path, sizeof(path), "%s/zboot", dir);
	ok &= write_file(path, zb.data, zb.len);
	snprintf(path, sizeof(path), "%s/broken-arm64", dir);
	ok &= write_file(path, a.data, a.len);
	snprintf(path, sizeof(path), "%s/member.gz", dir);
	ok &= write_file(path, gz, kx_build_gzip(gz, 0x1f, 4096));
	snprintf(path, sizeof(path), "%s/zeros", dir);
	ok &= write_file(path, zero.data, zero.len);
	snprintf(path, sizeof(path), "%s/quote\"name", dir);
	ok &= write_file(path, zero.data, zero.len);
	snprintf(path, sizeof(path), "%s/empty", dir);
	ok &= write_file(path, zero.data, 0);
	buf_free(&zi);
	buf_free(&zb);
	buf_free(&a);
	buf_free(&zero);
	ok &= make_unwrap_inputs(dir);
	img = inner_image(A64_LEN);
	ok &= make_uki_inputs(dir, &img);
	buf_free(&img);
	img = make_elf();
	ok &= make_elf_inputs(dir, &img);
	buf_free(&img);
	ok &= make_riscv_inputs(dir);
	return ok;
}

/*
 * Runs the case; true, with the first OUT_MAX bytes of its output in @out,
 * when it exited as the case says and printed every string it wants.
 */
static bool tool_case_ok(const char *tool, const char *dir,
			 const struct tool_case *c, char out[OUT_MAX + 1])
{
	char cmd[8192], args[4096];
	size_t n = 0, i;
	int status;
	FILE *p;

	snprintf(args, sizeof(args), c->args, dir, dir, dir);
	snprintf(cmd, sizeof(cmd), "'%s' %s 2>&1", tool, args);
	p = popen(cmd, "r");
	if (!p) {
		fail(S, c->name, "cannot run %s", tool);
		return false;
	}
	n = fread(out, 1, OUT_MAX, p);
	out[n] = 0;
	status = pclose(p);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != c->status) {
		fail(S, c->name, "exit status 0x%x, want %d; output: %s",
		     status, c->status, out);
		return false;
	}
	for (i = 0; i < 8 && c->want[i]; i++) {
		if (!strstr(out, c->want[i])) {
			fail(S, c->name, "output lacks %s: %s", c->want[i],
			     out);
			return false;
		}
	}
	return true;
}

static void run_tool_case(const char *tool, const char *dir,
			  const struct tool_case *c)
{
	char out[OUT_MAX + 1];

	if (tool_case_ok(tool, dir, c, out))
		pass();
}

/*
 * Debian's x86_64 bzImage (zstd) unwraps to the vmlinux it is: an ELF
 * with the PVH entry, the relocation window arch/x86/platform/pvh/head.S
 * states (2 MiB aligned, from LOAD_PHYSICAL_ADDR up to 1 GiB - 1) and a
 * 20-byte build ID.
 */
static void test_debian_bzimage(const char *tool)
{
	static const struct tool_case c = {
		"debian-x86_64-unwrap", "--json --unwrap %s", 0,
		{ "\"format\":\"x86-bzimage\"",
		  "\"inner\":{\"format\":\"elf\",\"endian\":\"le\",",
		  "\"elf_machine\":62,\"elf_machine_name\":\"x86-64\",",
		  ",\"pvh_entry\":",
		  "\"relocatable\":true,\"reloc_align\":2097152,\"reloc_min\":16777216,\"reloc_max\":1073741823,\"reloc_defaults\":[],",
		  "\"type_name\":\"XEN_ELFNOTE_PHYS32_ENTRY\"",
		  "{\"name\":\"GNU\",\"type\":3,\"type_name\":\"NT_GNU_BUILD_ID\",\"desc\":\"",
		  "\"build_id\":\"" } };
	char path[4096], out[OUT_MAX + 1];
	const char *id;
	FILE *f;

	if (!debian_dir) {
		skip(S, c.name, "no --debian directory given");
		return;
	}
	snprintf(path, sizeof(path), "%s/x86_64/vmlinuz", debian_dir);
	f = fopen(path, "rb");
	if (!f) {
		skip(S, c.name, "no x86_64/vmlinuz in the --debian directory");
		return;
	}
	fclose(f);
	if (!tool_case_ok(tool, path, &c, out))
		return;
	id = strstr(out, "\"build_id\":\"") + strlen("\"build_id\":\"");
	expect(strspn(id, "0123456789abcdef") == 40 && id[40] == '"', S,
	       c.name, "the build ID is not 20 bytes");
}

/* A file --output wrote holds exactly @want; @want NULL: none was written. */
static void expect_output(const char *dir, const char *name,
			  const struct buf *want)
{
	char path[4096];
	struct buf got;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f || !want) {
		expect(!f == !want, S, name,
		       want ? "not written" : "written, though refused");
		if (f)
			fclose(f);
		return;
	}
	got = buf_new(want->len + 1);
	got.len = fread(got.data, 1, want->len + 1, f);
	fclose(f);
	expect(got.len == want->len && !memcmp(got.data, want->data, want->len),
	       S, name, "differs from the innermost image");
	buf_free(&got);
}

static void remove_outputs(const char *dir)
{
	static const char *const names[] = {
		"out-gz.img", "out-image.img", "out-img.img", "out-plain.img",
		"out-refused.img", "out-two.img", "out-bz-gzip.elf",
		"out-bz-zstd.elf", "out-bz-xz.elf", "out-bz-relocs.elf",
		"out-bz-refused.elf",
	};
	char path[4096];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		remove(path);
	}
}

void test_tool(const char *tool, const char *dir)
{
	struct buf img = inner_image(A64_LEN), elf = make_elf();
	struct buf relocs = buf_copy(&elf, elf.len + 0x100);
	size_t i;

	remove_outputs(dir);
	if (!expect(make_inputs(dir), S, "inputs", "cannot write inputs"))
		goto out;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_tool_case(tool, dir, &cases[i]);
	expect_output(dir, "out-gz.img", &img);
	expect_output(dir, "out-image.img", &img);
	expect_output(dir, "out-img.img", &img);
	expect_output(dir, "out-plain.img", &img);
	expect_output(dir, "out-refused.img", NULL);
	expect_output(dir, "out-two.img", NULL);
	expect_output(dir, "out-bz-gzip.elf", &elf);
	expect_output(dir, "out-bz-zstd.elf", &elf);
	expect_output(dir, "out-bz-xz.elf", &elf);
	memset(relocs.data + elf.len, 0xa5, 0x100);
	expect_output(dir, "out-bz-relocs.elf", &relocs);
	expect_output(dir, "out-bz-refused.elf", NULL);
	test_debian_bzimage(tool);
out:
	buf_free(&img);
	buf_free(&elf);
	buf_free(&relocs);
}
